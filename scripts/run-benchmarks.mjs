// Runs every benchmark under bench/ at full size, one after another (never in parallel: they would slow each other
// down), and prints each one's table and JSON line as it goes. The figures in bench/README.md come from this.
// Usage: node scripts/run-benchmarks.mjs [name-substring ...]   e.g. `npm run bench -- memory`
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each benchmark with its full-size flags (the scripts' defaults, spelled out so bench/README.md can quote them). */
const benchmarks = [
  {
    script: 'bench/client-overhead.ts',
    nodeFlags: ['--expose-gc'],
    args: ['--entries', '200000', '--page-size', '1000', '--runs', '11'],
  },
  {
    script: 'bench/memory.ts',
    nodeFlags: [],
    args: ['--small', '100000', '--large', '1000000', '--page-size', '1000'],
  },
  {
    script: 'bench/emulator-throughput.ts',
    nodeFlags: ['--expose-gc'],
    args: ['--entries', '1000000', '--serve-entries', '100000', '--seconds', '10'],
  },
  {
    script: 'bench/export-rate.ts',
    nodeFlags: [],
    args: ['--entries', '200000', '--rate', '600', '--limit', '1000', '--concurrency', '4'],
  },
  // The same export with one worker, for contrast.
  {
    script: 'bench/export-rate.ts',
    nodeFlags: [],
    args: ['--entries', '200000', '--rate', '600', '--limit', '1000', '--concurrency', '1'],
  },
  {
    script: 'bench/normalise-export.ts',
    nodeFlags: [],
    args: ['--entries', '200000', '--runs', '5', '--page-size', '1000', '--concurrency', '4'],
  },
  {
    script: 'bench/sink-elasticsearch.ts',
    nodeFlags: [],
    args: ['--entries', '200000', '--runs', '3', '--page-size', '1000', '--commit-every', '10000', '--cluster', 'fake'],
  },
  // The same with an endpoint that does not read the documents: the sink's own cost.
  {
    script: 'bench/sink-elasticsearch.ts',
    nodeFlags: [],
    args: ['--entries', '200000', '--runs', '3', '--page-size', '1000', '--commit-every', '10000', '--cluster', 'thin'],
  },
  // The built binary (npm run build first), 100 organisations on collect.yaml's default timings.
  {
    script: 'bench/collect-scale.ts',
    nodeFlags: [],
    args: [
      '--orgs',
      '100',
      '--entries',
      '100',
      '--events-per-minute',
      '20',
      '--ingest-delay',
      '0-90',
      '--settle-lag',
      '120',
      '--overlap',
      '300',
      '--interval',
      '60',
      '--seconds',
      '240',
    ],
  },
];

const filters = process.argv.slice(2);
const selected = benchmarks.filter(({ script }) => filters.length === 0 || filters.some((f) => script.includes(f)));
if (selected.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}`);
  process.exit(1);
}
console.log(`${availableParallelism()} cores, Node ${process.version}, ${new Date().toISOString()}`);
let failed = 0;
for (const { script, nodeFlags, args } of selected) {
  console.log(`\n## ${script} ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`${script} failed (exit ${result.status ?? result.signal})`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
