import type { Writable } from 'node:stream';
import type { CollectorLog } from '../collector/collector-log.js';
import { redactSecrets } from '../internal/redact.js';

/** How log records are written. */
export type LogFormat = 'json' | 'text';

/** Levels, most verbose first. */
export type StructuredLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Options of `createStructuredLog`. */
export interface StructuredLogOptions {
  /** `json`: one JSON object per line (`time`, `level`, `org`, `msg`, fields); `text`: one readable line. */
  readonly format: LogFormat;
  /** @default 'info' */
  readonly level?: StructuredLogLevel;
  /** @default process.stderr */
  readonly stream?: Writable;
  /** Values masked in every line, read when each line is written (tokens join it once read). */
  readonly secrets?: () => readonly string[];
}

/**
 * The collector's log on pino (loaded here, when a log is made): one record per line, ISO time, the level by name,
 * the organisation when there is one, every line passed through the same redaction as everything else the package
 * prints (known secrets and anything shaped like a Slack token).
 */
export async function createStructuredLog(options: StructuredLogOptions): Promise<CollectorLog> {
  const { pino } = await import('pino');
  const stream = options.stream ?? process.stderr;
  const secrets = options.secrets ?? (() => []);
  const destination = {
    write(line: string): void {
      const safe = redactSecrets(line, secrets());
      stream.write(options.format === 'json' ? safe : textLine(safe));
    },
  };
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return wrap(logger);
}

interface PinoLike {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  child(fields: object): PinoLike;
}

function wrap(logger: PinoLike): CollectorLog {
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
    child: (fields) => wrap(logger.child(fields)),
  };
}

/** `2026-12-01T10:00:00.000Z INFO  acme: lease acquired epoch=3` from the JSON record. */
function textLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, org, msg, ...fields } = record;
  const extra = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const where = typeof org === 'string' ? `${org}: ` : '';
  return `${String(time)} ${String(level).toUpperCase().padEnd(5)} ${where}${String(msg)}${extra ? ` ${extra}` : ''}\n`;
}
