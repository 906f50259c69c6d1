// Where the time went in a V8 CPU profile (`node --cpu-prof`): self time grouped by who owns the code (this
// package, the emulator's generator, undici, Node's internals, V8 builtins such as JSON.parse, GC, idle), then the
// functions with the most self time. Used to profile bench/client-overhead.ts one side at a time.
//
//   node --cpu-prof --cpu-prof-dir=prof --import tsx bench/client-overhead.ts --only ours
//   node --import tsx bench/cpu-profile-summary.ts prof/CPU.*.001.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Who owns a function, judged by the URL of its script. */
export function ownerOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName.startsWith('(')) return functionName; // (garbage collector), (idle), (program)
    return 'V8 builtins (JSON.parse, …)';
  }
  if (url.includes('/node_modules/undici/')) return 'undici';
  if (url.includes('/node_modules/')) return 'other dependencies (tsx…)';
  if (url.includes('/src/emulator/')) return 'emulator generator (setup)';
  if (url.includes('/src/')) return 'slack-audit-logs';
  if (url.includes('/bench/')) return 'bench script';
  if (url.startsWith('node:')) return 'Node internals';
  return url;
}

/** Self time in ms per function and per owner. */
export function selfTimes(profile: CpuProfile): { byOwner: Map<string, number>; byFunction: Map<string, number> } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = nodes.get(profile.samples[i] as number);
    if (!node) continue;
    // The delta before a sample is the time that sample stands for; microseconds.
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const owner = ownerOf(node.callFrame);
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}`;
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms);
    byFunction.set(`${owner} | ${name}`, (byFunction.get(`${owner} | ${name}`) ?? 0) + ms);
  }
  return { byOwner, byFunction };
}

if (process.argv[1]?.endsWith('cpu-profile-summary.ts')) {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string', default: '25' } },
    allowPositionals: true,
  });
  for (const file of positionals) {
    const { byOwner, byFunction } = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    const total = [...byOwner.values()].reduce((sum, ms) => sum + ms, 0);
    const rows = (map: Map<string, number>, limit: number) =>
      Object.fromEntries(
        [...map]
          .sort((a, b) => b[1] - a[1])
          .slice(0, limit)
          .map(([name, ms]) => [name, { ms: Math.round(ms), '%': Math.round((ms / total) * 1000) / 10 }]),
      );
    console.log(`${file}: ${Math.round(total)} ms sampled`);
    console.table(rows(byOwner, 20));
    console.table(rows(byFunction, Number(values.top)));
  }
}
