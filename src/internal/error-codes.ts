/** Limits the walk through `cause` chains, which user code can make circular. */
const MAX_CAUSE_DEPTH = 8;

/**
 * Every `code` found on an error, its `cause` chain and, for an `AggregateError` (Node's happy-eyeballs
 * connect gives one when every address refuses), its `errors`.
 */
export function errorCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > MAX_CAUSE_DEPTH) return;
    seen.add(value);
    const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
}
