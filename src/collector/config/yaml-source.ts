import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { ConfigPath } from './config-path.js';

/** A line and column, both 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A YAML syntax error, at its place. */
export interface YamlSyntaxError extends SourcePosition {
  readonly message: string;
  readonly hint?: string;
}

/** What a path points at: the value (the default) or, for a key that should not be there, the key itself. */
export type PositionTarget = 'value' | 'key';

/**
 * How far aliases may expand (uses of an anchor times the aliases inside it): enough for thousands of organisations
 * sharing a block, far too little for a billion-laughs file.
 */
const MAX_ALIAS_COUNT = 10_000;

/**
 * A parsed YAML (or JSON) text that can say where each value is. Anchors, aliases and `<<` merge keys are
 * allowed, so a long config can share blocks.
 */
export class YamlSource {
  /** The text as plain data; undefined when the text has syntax errors. */
  readonly value: unknown;
  readonly syntaxErrors: readonly YamlSyntaxError[];
  readonly #document: Document.Parsed;
  readonly #lines: LineCounter;

  constructor(text: string) {
    this.#lines = new LineCounter();
    this.#document = parseDocument(text, { lineCounter: this.#lines, merge: true, prettyErrors: true });
    // After the first syntax error the parser reads the rest of the text out of step: what it reports there are
    // echoes of the first, so only the first is kept.
    const syntaxErrors = this.#document.errors.slice(0, 1).map((error): YamlSyntaxError => {
      const [start] = error.linePos ?? [];
      const line = start?.line ?? 1;
      const lineText = text.split('\n')[line - 1] ?? '';
      return {
        line,
        column: start?.col ?? 1,
        message: firstLine(error.message).replace(/ at line \d+, column \d+:?$/, ''),
        ...(error.code !== 'DUPLICATE_KEY' && /[{[]/.test(lineText)
          ? { hint: 'in { } and [ ] lists, quote values that hold { } [ ] , or :' }
          : {}),
      };
    });
    let value: unknown;
    if (syntaxErrors.length === 0) {
      try {
        value = this.#document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        // Only aliases that expand too far get here: the text itself parsed.
        syntaxErrors.push({ line: 1, column: 1, message: `the aliases expand too far: ${(error as Error).message}` });
      }
    }
    this.syntaxErrors = syntaxErrors;
    this.value = value;
  }

  /**
   * Where `path` is written: its value, or its key. A path that goes past what the text holds (a missing key, a
   * value taken from elsewhere) gets the place of the deepest mapping or list it reaches.
   */
  positionOf(path: ConfigPath, target: PositionTarget = 'value'): SourcePosition {
    let node: unknown = this.#document.contents;
    let offset = offsetOf(node) ?? 0;
    for (const [index, segment] of path.entries()) {
      node = this.#resolve(node);
      const last = index === path.length - 1;
      if (typeof segment === 'number') {
        if (!isSeq(node)) break;
        node = node.items[segment];
        const at = offsetOf(node);
        if (at === undefined) break;
        offset = at;
        continue;
      }
      const pair = this.#pairOf(node, segment);
      if (pair === undefined) break;
      const keyAt = offsetOf(pair.key) ?? offset;
      const valueNode = pair.value;
      const valueAt = isEmpty(valueNode) ? undefined : offsetOf(valueNode);
      // An empty value (`tokenEnv:`) has no place of its own: point at its key.
      offset = last && target === 'key' ? keyAt : (valueAt ?? keyAt);
      if (valueAt === undefined && !last) break;
      node = valueNode;
    }
    const { line, col } = this.#lines.linePos(offset);
    return { line, column: col };
  }

  #resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.#document) : node;
  }

  /** The pair holding `key` in a mapping, looking through `<<` merges as the data does. */
  #pairOf(node: unknown, key: string, depth = 0): { key: unknown; value: unknown } | undefined {
    if (!isMap(node) || depth > MAX_ALIAS_COUNT) return undefined;
    const own = node.items.find((pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key);
    if (own !== undefined) return own;
    for (const pair of node.items) {
      // With `merge: true` the parser gives a merge key the value Symbol(<<); its source is `<<`.
      if (!isScalar(pair.key) || pair.key.source !== '<<') continue;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const found = this.#pairOf(this.#resolve(source), key, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : range[0];
}

function isEmpty(node: unknown): boolean {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null || range[0] === range[1];
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
