// `slack-audit-logs collect` from the built binary, left running while a test scrapes its operations listener.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI_PATH, ROOT } from '../../cli/helpers/cli-process.js';
import { collectOutput } from '../../cli/helpers/collect-output.js';
import { guardAgainstOrphans } from '../../helpers/orphan-guard.js';

/** One line of the collector's JSON log. */
export interface LogRecord {
  time: string;
  level: string;
  msg: string;
  org?: string;
  url?: string;
  [field: string]: unknown;
}

/** How a stopped collector ended. */
export interface CollectExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** A collector running in a child process. */
export interface RunningCollect {
  readonly pid: number;
  /** The operations listener, `http://127.0.0.1:PORT`, read from the log record that names it. */
  readonly url: string;
  /** The log records written so far. */
  records(): LogRecord[];
  /** Sends SIGTERM and waits for the exit (SIGKILL after `timeoutMs`, @default 15000). Safe to call twice. */
  stop(timeoutMs?: number): Promise<CollectExit>;
}

/** How to start the collector. */
export interface StartCollectOptions {
  /** Node's own flags, before the binary. @default none */
  nodeFlags?: readonly string[];
  /** @default 15000 */
  startTimeoutMs?: number;
}

/**
 * Writes `configText` to `dir/collect.yaml` and runs `collect --config` on it with `env` as its only variables (plus
 * PATH and HOME), its log in JSON. Resolves once the log names the listener's URL; rejects with the log if the
 * process exits first or the start times out. A guard stops the collector if the test process dies without
 * stopping it.
 */
export async function startCollect(
  dir: string,
  configText: string,
  env: Record<string, string>,
  options: StartCollectOptions = {},
): Promise<RunningCollect> {
  await mkdir(dir, { recursive: true });
  const configPath = join(dir, 'collect.yaml');
  await writeFile(configPath, configText);
  const args = [...(options.nodeFlags ?? []), CLI_PATH, 'collect', '--config', configPath, '--log-format', 'json'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('collect did not start');
  const guard = guardAgainstOrphans(`kill -KILL ${pid} 2>/dev/null`);
  const output = collectOutput(child);
  const exited = new Promise<CollectExit>((resolve) => {
    child.once('close', (code, signal) => {
      guard.release();
      resolve({ code, signal, stderr: output.stderr });
    });
  });
  let ended: CollectExit | undefined;
  void exited.then((exit) => {
    ended = exit;
  });
  const records = () => parseLog(output.stderr);
  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  let url: string | undefined;
  while (url === undefined) {
    url = records().find((record) => typeof record.url === 'string')?.url;
    if (url !== undefined) break;
    if (ended || Date.now() > deadline) {
      child.kill('SIGKILL');
      const exit = await exited;
      throw new Error(`collect did not report its listener (exit ${exit.code ?? exit.signal}):\n${exit.stderr}`);
    }
    await sleep(20);
  }
  return {
    pid,
    url,
    records,
    async stop(timeoutMs = 15_000) {
      if (!ended) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** What varies between the collectors of these tests. */
export interface OpsTestConfig {
  /** The emulator's URL. */
  baseUrl: string;
  /** One YAML flow mapping per organisation, e.g. `{ name: acme, tokenEnv: ACME_TOKEN }`. */
  orgs: readonly string[];
  /** @default 1 */
  intervalSeconds?: number;
  readyLagSeconds?: number;
}

/**
 * A collect.yaml for these tests: file state, a settle lag of 1 s, each organisation's entries into
 * `./out/{org}.ndjson`, and the operations listener on a free port of 127.0.0.1.
 */
export function opsTestConfig(options: OpsTestConfig): string {
  return `state: ./state
defaults:
  baseUrl: ${options.baseUrl}
  since: 1h
  settleLagSeconds: 1
  intervalSeconds: ${options.intervalSeconds ?? 1}
  requestsPerMinute: 3000
  sinks:
    - { type: file, path: "./out/{org}.ndjson" }
orgs:
${options.orgs.map((org) => `  - ${org}\n`).join('')}${options.readyLagSeconds === undefined ? '' : `readyLagSeconds: ${options.readyLagSeconds}\n`}metrics:
  listen: 127.0.0.1:0
`;
}

/** The complete JSON lines of a log; a line still being written is left out. */
function parseLog(text: string): LogRecord[] {
  return text
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogRecord);
}

/** One sample of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A scrape of `/metrics`: the text as served and its samples. */
export interface Scrape {
  text: string;
  samples: Sample[];
  /** The value of the series with exactly these labels; undefined when it is not exported. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

/** GETs `url/metrics` and parses it; fails on any status but 200. */
export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(`${url}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${text}`);
  const samples = parsePrometheusText(text);
  return {
    text,
    samples,
    value(name, labels = {}) {
      const wanted = JSON.stringify(Object.entries(labels).sort());
      return samples.find(
        (sample) => sample.name === name && JSON.stringify(Object.entries(sample.labels).sort()) === wanted,
      )?.value;
    },
  };
}

/** The samples of Prometheus text format 0.0.4 (label values without escaped quotes, as ours are). */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)) {
      labels[key as string] = value as string;
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** Lines in a file sink's output; 0 before the file exists. */
export async function lineCount(path: string): Promise<number> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).length;
}

/** Waits until `ready()` holds, checking every 50 ms; fails after `timeoutMs` (@default 15000) naming `what`. */
export async function waitUntil(
  what: string,
  ready: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(50);
  }
}
