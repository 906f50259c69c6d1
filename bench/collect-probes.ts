// What bench/collect-scale.ts reads of the collector it measures: its CPU time and memory from /proc, and its gauges
// from its /metrics endpoint.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ), almost always 100. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) that process `pid` has used, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "pid (comm) ": state is field 3, utime 14 and stime 15 (comm may hold spaces).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The resident set of process `pid` now (VmRSS) and at its peak so far (VmHWM), in MB. */
export function residentMb(pid: number): { nowMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { nowMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** The values of one metric by organisation, from a Prometheus text exposition. */
export function valuesByOrg(exposition: string, metric: string): Map<string, number> {
  const values = new Map<string, number>();
  const line = new RegExp(`^${metric}\\{[^}]*org="([^"]+)"[^}]*\\} (\\S+)$`, 'gm');
  for (const [, org, value] of exposition.matchAll(line)) values.set(org as string, Number(value));
  return values;
}

/** Fetches `/metrics` from the collector's ops listener. */
export async function scrape(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  return await response.text();
}
