import { type Emulator, startEmulator } from './emulator.js';
import { EmulatorListenError, explainListenError } from './listen.js';
import type { EmulatorOptions } from './options.js';
import type { RecordedRequest } from './request-log.js';

/** Options of `slack-audit-logs emulator`: the emulator's own, plus output control. */
export interface RunEmulatorCommandOptions extends EmulatorOptions {
  /** Do not print a line per request. @default false */
  quiet?: boolean;
}

/** Where the command writes, and the signals it stops on. */
export interface EmulatorCommandIo {
  /** Writes one line of normal output (no trailing newline needed). */
  out(line: string): void;
  /** Writes one line of diagnostics. */
  err(line: string): void;
  /** Emits `SIGINT` / `SIGTERM`. @default process */
  signals?: Pick<NodeJS.EventEmitter, 'once' | 'off'>;
}

/**
 * Runs the emulator until SIGINT or SIGTERM: prints the URL and token, then one line per request (method, path,
 * query, status, entries, ms) unless quiet. Resolves with the exit code once the server has closed.
 * `onStarted` receives the running emulator (tests use it to send requests).
 */
export async function runEmulatorCommand(
  options: RunEmulatorCommandOptions,
  io: EmulatorCommandIo,
  onStarted?: (emulator: Emulator) => void,
): Promise<number> {
  const { quiet = false, ...emulatorOptions } = options;
  let emulator: Emulator;
  try {
    emulator = await startEmulator(emulatorOptions);
  } catch (error) {
    io.err(`emulator failed to start: ${startFailure(error)}`);
    return 1;
  }
  const stats = emulator.stats();
  io.out(`Slack Audit Logs API emulator listening on ${emulator.url}`);
  io.out(`token: ${emulator.token}`);
  io.out(`entries: ${stats.totalEntries} (${stats.visibleEntries} visible now); press Ctrl+C to stop`);
  if (!quiet) emulator.onRequest((request) => io.out(formatRequestLine(request)));
  onStarted?.(emulator);

  const signals = io.signals ?? process;
  const signal = await new Promise<string>((resolve) => {
    const onInt = () => finish('SIGINT');
    const onTerm = () => finish('SIGTERM');
    const finish = (name: string) => {
      signals.off('SIGINT', onInt);
      signals.off('SIGTERM', onTerm);
      resolve(name);
    };
    signals.once('SIGINT', onInt);
    signals.once('SIGTERM', onTerm);
  });
  await emulator.close();
  io.out(`${signal}: emulator stopped after ${emulator.stats().requests} requests`);
  return 0;
}

/** Why the emulator did not start, naming the command's flags where a flag is the fix. */
function startFailure(error: unknown): string {
  if (error instanceof EmulatorListenError) return explainListenError(error.code, error.host, error.port, '--port');
  return error instanceof Error ? error.message : String(error);
}

/** `GET /audit/v1/logs?limit=1000 200 1000 entries 3.2 ms`, with the cursor shortened to keep lines readable. */
export function formatRequestLine(request: RecordedRequest): string {
  // Decoded and unescaped: the line is for people reading a terminal.
  const query = Object.entries(request.query)
    .map(([name, value]) => `${name}=${name === 'cursor' && value.length > 12 ? `${value.slice(0, 12)}...` : value}`)
    .join('&');
  const status = request.status === 0 ? 'reset' : String(request.status);
  const fault = request.fault ? ` fault=${request.fault}` : '';
  const entries = request.entries === undefined ? '' : ` ${request.entries} entries`;
  return `${request.method} ${request.path}${query ? `?${query}` : ''} ${status}${entries} ${request.durationMs} ms${fault}`;
}
