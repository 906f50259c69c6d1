/** Spellings told apart only by case, `_` or `-` count as one: `base_url` is `baseUrl`. */
function fold(word: string): string {
  return word.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The candidate `word` was most likely meant as, or undefined when none is close: a different spelling of the same
 * key (`base_url`), a beginning of it (`settleLag`), or a typo of at most a third of its letters.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const folded = fold(word);
  if (folded === '') return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const target = fold(candidate);
    if (target === folded) return candidate;
    const distance = target.startsWith(folded) && folded.length >= 4 ? 1 : editDistance(folded, target);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(folded.length / 3)) ? best : undefined;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  const first = rows[0] as number[];
  for (let j = 0; j <= b.length; j++) first[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = value;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** `did you mean x?`, or undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const match = nearest(word, candidates);
  return match === undefined ? undefined : `did you mean ${match}?`;
}
