/**
 * An rsyslog that a test can stop, start again and pause in place: the same TCP port (fixed, so a sink reconnects to
 * it) and the same output file across restarts. The configuration is test/helpers/rsyslog.ts's, with the port fixed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLoopbackPort } from '../../helpers/free-port.js';
import { guardAgainstOrphans, shellQuote } from '../../helpers/orphan-guard.js';
import { processIsRunning, waitForProcessExit } from '../../helpers/process-state.js';
import { parseReceived, type ReceivedSyslogMessage, rsyslogConfig } from '../../helpers/rsyslog.js';

export interface RestartableRsyslog {
  readonly tcpPort: number;
  /** Everything received since the first start, in arrival order; waits for `count` (@default 0) up to `timeoutMs`. */
  received(options?: { count?: number; timeoutMs?: number }): Promise<ReceivedSyslogMessage[]>;
  /** Stops rsyslogd: TERM lets it write out what it has read, KILL (even a paused one) does not. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts rsyslogd again on the same port. */
  start(): Promise<void>;
  /** SIGSTOP, resolved once rsyslogd has stopped: the kernel still accepts connections and bytes, nothing is read. */
  pause(): Promise<void>;
  /** SIGCONT. */
  resume(): void;
  log(): string;
  /** Stops rsyslogd and removes its folder. */
  dispose(): Promise<void>;
}

export async function startRestartableRsyslog(): Promise<RestartableRsyslog> {
  const folder = await mkdtemp(join(tmpdir(), 'slack-audit-logs-rsyslog-restart-'));
  const tcpPort = await freeLoopbackPort();
  const configFile = join(folder, 'rsyslog.conf');
  const pidFile = join(folder, 'rsyslogd.pid');
  const config = rsyslogConfig(folder).replace(
    `port="0" listenPortFileName="${join(folder, 'tcp.port')}"`,
    `port="${tcpPort}"`,
  );
  if (!config.includes(`port="${tcpPort}"`)) throw new Error('the rsyslog configuration has changed its TCP input');
  await writeFile(configFile, config);
  const guard = guardAgainstOrphans(
    `pid=$(head -n 1 ${shellQuote(pidFile)} 2>/dev/null); [ -n "$pid" ] && kill -CONT "$pid" && kill -KILL "$pid"; rm -rf ${shellQuote(folder)}`,
  );
  let child: ChildProcess | undefined;
  const read = (name: string) => (existsSync(join(folder, name)) ? readFileSync(join(folder, name), 'utf8') : '');
  const log = () => read('stderr.log') + read('rsyslogd.log');

  const start = async () => {
    await rm(pidFile, { force: true });
    const output = openSync(join(folder, 'stderr.log'), 'a');
    const started = spawn('/usr/sbin/rsyslogd', ['-n', '-f', configFile, '-i', pidFile], {
      stdio: ['ignore', output, output],
    });
    closeSync(output);
    started.unref();
    child = started;
    // rsyslogd writes no port file for a fixed port: it is ready once a connection is accepted.
    const deadline = Date.now() + 10_000;
    while (!(await accepts(tcpPort))) {
      if (started.exitCode !== null || Date.now() > deadline) {
        throw new Error(`rsyslogd did not listen on ${tcpPort}: ${log()}`);
      }
      await sleep(10);
    }
  };
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const pid = child?.pid;
    if (pid === undefined || !processIsRunning(pid)) return;
    // A paused rsyslogd would read a little between SIGCONT and SIGKILL: KILL it as it is.
    if (signal === 'SIGTERM') process.kill(pid, 'SIGCONT');
    process.kill(pid, signal);
    await waitForProcessExit(pid);
  };
  await start();
  return {
    tcpPort,
    async received({ count = 0, timeoutMs = 5000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const messages = parseReceived(read('received.jsonl'));
        if (messages.length >= count) return messages;
        if (Date.now() > deadline)
          throw new Error(`rsyslog received ${messages.length} of ${count} messages: ${log()}`);
        await sleep(20);
      }
    },
    stop,
    start,
    async pause() {
      const pid = child?.pid;
      if (pid === undefined) return;
      process.kill(pid, 'SIGSTOP');
      // The signal takes effect a moment later; bytes written before that may still be read.
      while (!/^\d+ \(.*\) T /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) await sleep(1);
    },
    resume: () => child?.pid !== undefined && process.kill(child.pid, 'SIGCONT'),
    log,
    async dispose() {
      await stop('SIGTERM');
      await rm(folder, { recursive: true, force: true });
      guard.release();
    },
  };
}

/** Whether something on 127.0.0.1 accepts a connection on `port` (the connection is closed at once). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
