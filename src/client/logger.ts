import { formatWithOptions } from 'node:util';

/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The shape of `@slack/logger`'s Logger: any object with these four methods works (console, pino, winston…). */
export interface Logger {
  debug(...message: unknown[]): void;
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
  setLevel?(level: LogLevel): void;
  getLevel?(): LogLevel | string;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * Writes to stderr (never stdout, which may carry NDJSON for a SIEM), prefixed with the level and the package name.
 */
export class ConsoleLogger implements Logger {
  #level: LogLevel;

  constructor(level: LogLevel = 'info') {
    this.#level = level;
  }

  setLevel(level: LogLevel): void {
    this.#level = level;
  }

  getLevel(): LogLevel {
    return this.#level;
  }

  debug(...message: unknown[]): void {
    if (this.#enabled('debug')) write('DEBUG', message);
  }

  info(...message: unknown[]): void {
    if (this.#enabled('info')) write('INFO', message);
  }

  warn(...message: unknown[]): void {
    if (this.#enabled('warn')) write('WARN', message);
  }

  error(...message: unknown[]): void {
    if (this.#enabled('error')) write('ERROR', message);
  }

  #enabled(level: LogLevel): boolean {
    return LEVEL_ORDER[level] >= LEVEL_ORDER[this.#level];
  }
}

function write(level: string, message: unknown[]): void {
  process.stderr.write(`[${level}] slack-audit-logs: ${formatWithOptions({ colors: false }, ...message)}\n`);
}

/**
 * Wraps the user's logger so that our own level filter applies before any message is built:
 * `isEnabled('debug')` lets hot paths skip formatting entirely (the Python SDK formats every body eagerly).
 */
export class LevelFilter {
  readonly logger: Logger;
  readonly #threshold: number;

  constructor(logger: Logger, level: LogLevel) {
    this.logger = logger;
    this.#threshold = LEVEL_ORDER[level];
  }

  isEnabled(level: LogLevel): boolean {
    return LEVEL_ORDER[level] >= this.#threshold;
  }

  log(level: LogLevel, ...message: unknown[]): void {
    if (this.isEnabled(level)) this.logger[level](...message);
  }
}

/** Checks a user-supplied level name. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in LEVEL_ORDER;
}
