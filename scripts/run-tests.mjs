// Runs every test file under test/ with Node's test runner, TypeScript loaded through tsx.
// Node 20's runner cannot discover .ts files by itself, hence this list.
// Usage: node scripts/run-tests.mjs [path-substring ...]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files that take a minute or close to it (a minute of scraping, crash runs, real servers): started first, so they
 * run beside the many short files instead of ending the run alone. A file missing here only runs later.
 */
const LONG_FILES = [
  'test/ops/metrics-memory.test.ts',
  'test/collector/collect-failover.test.ts',
  'test/cli/commands/logs.test.ts',
  'test/cli/commands/follow.test.ts',
  'test/state/postgres/lease-coordinator.test.ts',
  'test/docs/code-blocks.test.ts',
];

function longFirst(a, b) {
  const rank = (file) => {
    const index = LONG_FILES.indexOf(file.split('\\').join('/'));
    return index === -1 ? LONG_FILES.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const files = readdirSync(join(root, 'test'), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => join('test', file))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort(longFirst);
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
/**
 * Test files run at once. Many spend most of their time waiting (on a database, a browser, a killed process's
 * restart, the manual clock's servers), so twice the cores keeps the machine busy: on 2 cores, 4 files at a time took
 * 189 s where 2 took 291 s, and 6 no less than 4 (184 s), the CPU then being the limit.
 */
const CONCURRENCY = Math.max(2, 2 * availableParallelism());
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${CONCURRENCY}`, '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
