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
 * Runs the emulator until SIGINT or SIGTERM: prints the URL and tokens, then one line per request (method, path,
 * query, status, entries, ms, and the organisation when there are several) unless quiet. Resolves with the exit
 * code once the server has closed. `onStarted` receives the running emulator (tests use it to send requests).
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
  for (const line of startupLines(emulator)) io.out(line);
  const withOrg = emulator.orgs.length > 1;
  if (!quiet) emulator.onRequest((request) => io.out(formatRequestLine(request, { withOrg })));
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
  const requests = emulator.orgs.reduce((sum, org) => sum + org.stats().requests, 0);
  io.out(`${signal}: emulator stopped after ${requests} requests`);
  return 0;
}

/** Why the emulator did not start, naming the command's flags where a flag is the fix. */
function startFailure(error: unknown): string {
  if (error instanceof EmulatorListenError) return explainListenError(error.code, error.host, error.port, '--port');
  return error instanceof Error ? error.message : String(error);
}

/** Organisation tokens listed one by one up to this many; beyond, the first and the last. */
const TOKENS_LISTED = 3;

/**
 * What the command prints once it listens: the URL, the tokens and the entries. With several organisations the
 * bare token is named as organisation 1's and the numbered tokens are listed, compactly when there are many.
 */
export function startupLines(emulator: Emulator): string[] {
  const { orgs } = emulator;
  let total = 0;
  let visible = 0;
  for (const org of orgs) {
    const stats = org.stats();
    total += stats.totalEntries;
    visible += stats.visibleEntries;
  }
  const lines = [`Slack Audit Logs API emulator listening on ${emulator.url}`];
  if (orgs.length === 1) {
    lines.push(`token: ${emulator.token}`, `entries: ${total} (${visible} visible now); press Ctrl+C to stop`);
    return lines;
  }
  const tokens =
    orgs.length <= TOKENS_LISTED
      ? orgs.map((org) => org.token).join(', ')
      : `${orgs[0]?.token} to ${orgs.at(-1)?.token} (organisation k answers to ${emulator.token}-k)`;
  lines.push(
    `token: ${emulator.token} (organisation 1)`,
    `organisations: ${orgs.length}, tokens ${tokens}`,
    `entries: ${total} in ${orgs.length} organisations (${visible} visible now); press Ctrl+C to stop`,
  );
  return lines;
}

/**
 * `GET /audit/v1/logs?limit=1000 200 1000 entries 3.2 ms`, with the cursor shortened to keep lines readable, and
 * ` org=3` at the end when `withOrg` (several organisations).
 */
export function formatRequestLine(request: RecordedRequest, { withOrg = false } = {}): string {
  // Decoded and unescaped: the line is for people reading a terminal.
  const query = Object.entries(request.query)
    .map(([name, value]) => `${name}=${name === 'cursor' && value.length > 12 ? `${value.slice(0, 12)}...` : value}`)
    .join('&');
  const status = request.status === 0 ? 'reset' : String(request.status);
  const fault = request.fault ? ` fault=${request.fault}` : '';
  const entries = request.entries === undefined ? '' : ` ${request.entries} entries`;
  const org = withOrg ? ` org=${request.org}` : '';
  return `${request.method} ${request.path}${query ? `?${query}` : ''} ${status}${entries} ${request.durationMs} ms${fault}${org}`;
}
