// `npm run demo`: the CLI at work against an in-process emulator, ending by itself in well under a minute.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index.js';
import type { Entry } from '../index.js';
import { createEntryWriter } from './output/entry-writer.js';
import { runCli } from './run.js';
import { interruptOnSignals } from './signals.js';
import { colorsEnabled, createColors } from './terminal/color.js';
import { formatCount } from './terminal/human-format.js';
import { processIo, terminalColumns, writeTo } from './terminal/io.js';

/** How long the follow step runs before the demo stops it, in ms. */
const FOLLOW_MS = 6000;

/** Runs the demo and resolves to its exit code: the first failing step's, else 0. */
async function runDemo(): Promise<number> {
  const io = processIo();
  const colors = createColors(colorsEnabled(io.stdout, io.env));
  const interrupt = interruptOnSignals();
  const say = (text: string) => writeTo(io.stdout, `${text}\n`);
  const emulator = await startEmulator({
    port: 0,
    seed: 42,
    entries: 20_000,
    days: 30,
    rateLimit: 120,
    eventsPerMinute: 300,
    ingestDelay: { minSeconds: 0, maxSeconds: 2 },
  });
  const dir = await mkdtemp(join(tmpdir(), 'slack-audit-logs-demo-'));
  // The commands read their settings from the environment, exactly as they would from a shell.
  const env = { ...io.env, SLACK_AUDIT_TOKEN: emulator.token, SLACK_AUDIT_LOGS_BASE_URL: emulator.url };
  const step = async (title: string, args: string[], signal?: AbortSignal): Promise<number> => {
    await say(`\n${colors.bold(`# ${title}`)}\n${colors.cyan(`$ slack-audit-logs ${args.join(' ')}`)}`);
    const code = await runCli(args, { io: { ...io, env }, signal: signal ?? interrupt.signal });
    if (code !== 0) throw new DemoStepError(code);
    return code;
  };
  try {
    await say(
      `${colors.bold('slack-audit-logs demo')}: an emulated Enterprise Grid organisation with 20,000 audit events over 30 days\n` +
        `is listening at ${emulator.url} (SLACK_AUDIT_LOGS_BASE_URL, token in SLACK_AUDIT_TOKEN).`,
    );
    await step('The newest events, as a table', ['logs', '--since', '24h', '--limit', '8', '--format', 'table']);
    await step('Only logins, as NDJSON for jq or a log shipper', [
      'logs',
      '--action',
      'user_login',
      '--limit',
      '1',
      '--format',
      'ndjson',
    ]);

    const exportFile = join(dir, 'audit.ndjson');
    await step('A 30-day back-fill, four slices at a time', [
      'export',
      '--since',
      '30d',
      '--out',
      exportFile,
      '--concurrency',
      '4',
      '--rate-limit',
      '120',
    ]);
    await say(`${formatCount(countLines(await readFile(exportFile, 'utf8')))} lines in ${exportFile}`);

    const followFile = join(dir, 'follow.ndjson');
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort('the demo timer'), FOLLOW_MS);
    interrupt.signal.addEventListener('abort', () => stop.abort(interrupt.signal.reason), { once: true });
    try {
      await step(
        `Following new events for ${FOLLOW_MS / 1000} seconds (Ctrl-C or SIGTERM ends a real follow the same way)`,
        [
          'follow',
          '--state',
          join(dir, 'state.json'),
          '--out',
          followFile,
          '--since',
          '10m',
          '--settle-lag',
          '2',
          '--overlap',
          '10',
          '--interval',
          '1',
          '--rate-limit',
          '120',
        ],
        stop.signal,
      );
    } finally {
      clearTimeout(timer);
    }
    const followed = parseNdjson(await readFile(followFile, 'utf8'));
    await say(`${followed.length} events in ${followFile}; the newest:`);
    const writer = createEntryWriter('table', io.stdout, { maxWidth: terminalColumns(io.stdout), colors });
    await writer.write(followed.sort((a, b) => b.date_create - a.date_create).slice(0, 5));
    await writer.end();

    await say(
      [
        '',
        colors.bold('# Point it at your organisation'),
        "export SLACK_AUDIT_TOKEN=xoxp-…    # an org owner's user token with auditlogs:read",
        'slack-audit-logs logs --since 24h',
        'slack-audit-logs export --since 30d --out audit.ndjson',
        'slack-audit-logs follow --state state.json --out audit.ndjson',
        'slack-audit-logs --help',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof DemoStepError) return error.code;
    throw error;
  } finally {
    interrupt.dispose();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A demo step's command exited non-zero; it has already printed why. */
class DemoStepError extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`demo step exited ${code}`);
    this.code = code;
  }
}

function countLines(text: string): number {
  return text.split('\n').filter((line) => line !== '').length;
}

function parseNdjson(text: string): Entry[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Entry);
}

runDemo().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
