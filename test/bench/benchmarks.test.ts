// Runs every benchmark script at a tiny size, so none of them rots: each must exit 0 and print one JSON line
// with its figures. The figures themselves are not checked here; CI machines are too noisy for that.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

/** Runs `bench/<script>` with tsx (rejecting on a non-zero exit); resolves with its stdout. */
async function runScript(script: string, args: readonly string[], timeoutMs = 20_000): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join('bench', script), ...args], {
    cwd: root,
    timeout: timeoutMs,
  });
  return stdout;
}

/** Runs `bench/<script>`; resolves with the JSON lines of its stdout, parsed. */
async function runBench(
  script: string,
  args: readonly string[],
  timeoutMs?: number,
): Promise<Record<string, unknown>[]> {
  return (await runScript(script, args, timeoutMs))
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function assertOneResult(lines: Record<string, unknown>[], keys: readonly string[]): Record<string, unknown> {
  assert.equal(lines.length, 1, `expected one JSON line, got ${lines.length}`);
  const result = lines[0] as Record<string, unknown>;
  for (const key of keys) assert.ok(key in result, `the JSON line lacks ${key}: ${JSON.stringify(result)}`);
  return result;
}

test('client-overhead walks a tiny page set on both sides and prints the ratio', async () => {
  const result = assertOneResult(
    await runBench('client-overhead.ts', ['--entries', '2000', '--page-size', '500', '--runs', '1']),
    ['entries', 'pageSize', 'oursMs', 'baselineMs', 'oursEntriesPerSecond', 'baselineEntriesPerSecond', 'ratio'],
  );
  assert.equal(result.entries, 2000);
  assert.equal(result.pages, 4);
});

test('memory walks a small and a large tiny data set and prints both peaks', async () => {
  const result = assertOneResult(
    await runBench('memory.ts', ['--small', '1000', '--large', '2000', '--page-size', '500']),
    ['smallEntries', 'smallPeakRssMb', 'largeEntries', 'largePeakRssMb', 'growth', 'met'],
  );
  assert.equal(result.smallEntries, 1000);
  assert.equal(result.largeEntries, 2000);
});

test('emulator-throughput generates and serves a tiny data set', async () => {
  const result = assertOneResult(
    await runBench('emulator-throughput.ts', [
      '--entries',
      '2000',
      '--serve-entries',
      '2000',
      '--page-size',
      '500',
      '--seconds',
      '0.3',
    ]),
    ['generatedEntries', 'generationMs', 'generationRssMb', 'entriesPerSecond'],
  );
  assert.equal(result.generatedEntries, 2000);
});

test('export-rate exports a tiny range without a 429 and prints its ratio', async () => {
  const result = assertOneResult(
    await runBench('export-rate.ts', ['--entries', '2000', '--rate', '6000', '--limit', '500']),
    ['entries', 'requests', 'rateLimited', 'seconds', 'minimumSeconds', 'ratio', 'concurrency'],
  );
  assert.equal(result.entries, 2000);
  assert.equal(result.rateLimited, 0);
});

test('normalise-export exports a tiny range raw, as OCSF and as ECS, and prints the ratios', async () => {
  const result = assertOneResult(await runBench('normalise-export.ts', ['--entries', '2000', '--runs', '1']), [
    'entries',
    'rawMs',
    'ocsfMs',
    'ecsMs',
    'ocsfRatio',
    'ecsRatio',
    'met',
  ]);
  assert.equal(result.entries, 2000);
});

test('sink-elasticsearch exports a tiny range into a file and into Elasticsearch and prints the ratio', async () => {
  for (const cluster of ['fake', 'thin']) {
    const result = assertOneResult(
      await runBench('sink-elasticsearch.ts', ['--entries', '2000', '--runs', '1', '--cluster', cluster]),
      ['entries', 'fileMs', 'elasticsearchMs', 'ratio', 'cpuRatio', 'met'],
    );
    assert.equal(result.entries, 2000);
  }
});

test('collect-scale runs the built collector on a few organisations for a few seconds and prints its figures', async () => {
  const result = assertOneResult(
    await runBench(
      'collect-scale.ts',
      [
        ...['--orgs', '3', '--entries', '20', '--events-per-minute', '60', '--ingest-delay', '0-0', '--lease', '2'],
        ...['--settle-lag', '1', '--overlap', '10', '--interval', '1', '--seconds', '2', '--scrape-seconds', '1'],
      ],
      // PostgreSQL, the emulator and the collector start first.
      60_000,
    ),
    ['orgs', 'cpuPercentOfOneCore', 'peakRssMb', 'maxLagSeconds', 'lagBoundSeconds', 'exitCode', 'met'],
  );
  assert.equal(result.orgs, 3);
  assert.equal(result.exitCode, 0);
});
