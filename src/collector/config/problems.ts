import { ConfigError, type ConfigProblem } from '../../errors.js';
import { type ConfigPath, formatConfigPath, isPathPrefix } from './config-path.js';
import type { PositionTarget, SourcePosition } from './yaml-source.js';

/** A problem found while reading a config, not yet placed on a line. */
export interface FoundProblem {
  readonly path: ConfigPath;
  /** How the key is named in the message, when its path must not be (a key that is itself a secret). */
  readonly label?: string;
  /** What the position points at. @default 'value' */
  readonly target?: PositionTarget;
  readonly problem: string;
  readonly allowed?: string;
  readonly hint?: string;
  /**
   * False for problems that leave the value itself usable (an unknown key beside it, a key that is missing), so
   * checks of the value still run and every problem is reported at once. @default true
   */
  readonly blocking?: boolean;
}

/** Something that can say where a path is written. */
export interface PositionSource {
  positionOf(path: ConfigPath, target?: PositionTarget): SourcePosition;
}

/** The problems of one config, each reported once, in the order of the file. */
export class ProblemList {
  readonly #problems: FoundProblem[] = [];
  readonly #seen = new Set<string>();

  /** Records a problem. The same problem at the same place (a default shared by many orgs) is kept once. */
  add(problem: FoundProblem): void {
    const id = `${formatConfigPath(problem.path)}\u0000${problem.target ?? 'value'}\u0000${problem.problem}`;
    if (this.#seen.has(id)) return;
    this.#seen.add(id);
    this.#problems.push(problem);
  }

  /** The problems recorded, in the order they were found. */
  list(): readonly FoundProblem[] {
    return this.#problems;
  }

  get size(): number {
    return this.#problems.length;
  }

  /** True when no problem makes the value at `path` unusable: none at it, inside it or around it. */
  isSound(path: ConfigPath): boolean {
    return !this.#problems.some(
      (problem) => problem.blocking !== false && (isPathPrefix(problem.path, path) || isPathPrefix(path, problem.path)),
    );
  }

  /** True when a problem was recorded exactly at `path`. */
  hasAt(path: ConfigPath): boolean {
    return this.#problems.some((problem) => isPathPrefix(problem.path, path) && isPathPrefix(path, problem.path));
  }

  /** The error listing every problem with its line, sorted by place; undefined when there is none. */
  toError(file: string, source: PositionSource): ConfigError | undefined {
    if (this.#problems.length === 0) return undefined;
    const placed: ConfigProblem[] = this.#problems.map((problem) => {
      const { line, column } = source.positionOf(problem.path, problem.target);
      return {
        file,
        line,
        column,
        key: problem.label ?? formatConfigPath(problem.path),
        problem: problem.problem,
        ...(problem.allowed === undefined ? {} : { allowed: problem.allowed }),
        ...(problem.hint === undefined ? {} : { hint: problem.hint }),
      };
    });
    placed.sort((a, b) => a.line - b.line || a.column - b.column);
    return new ConfigError(placed);
  }
}
