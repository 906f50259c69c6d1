import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Whether process `pid` is running. A zombie counts as ended: in a container whose PID 1 does not reap orphans, a
 * server that has exited stays in the process table, and `kill(pid, 0)` would still succeed.
 */
export function processIsRunning(pid: number): boolean {
  const state = procStat(pid)?.state;
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** Waits until `pid` has ended; rejects after `timeoutMs` (@default 10000) ms. */
export async function waitForProcessExit(pid: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (processIsRunning(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still running after ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** The ids of running processes whose command line contains `fragment` (e.g. a temporary folder's path). */
export function processesMentioning(fragment: string): number[] {
  return runningPids().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(fragment);
    } catch {
      return false;
    }
  });
}

/** The ids of the running children of `pid` (for a postmaster: its checkpointer, writers and backends). */
export function childrenOf(pid: number): number[] {
  return runningPids().filter((child) => procStat(child)?.parent === pid);
}

function runningPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter(processIsRunning);
}

/** State letter and parent id from `/proc/PID/stat` ("pid (comm) state ppid …"; comm may contain spaces). */
function procStat(pid: number): { state: string; parent: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const [state = '', parent = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, parent: Number(parent) };
}
