// The CLI loads the collector's heavy dependencies (YAML, schema validation, pino, prom-client, pg) only in the
// commands that use them: `--version`, `logs` and `export` start without them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertBuildIsFresh, CLI_PATH } from './helpers/cli-process.js';

const HEAVY = /node_modules\/(ajv|yaml|pino|prom-client|pg)\//;

// A module hook that prints every package the process resolves, one line each, on stderr.
const HOOK = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.includes('/node_modules/')) process.stderr.write('resolved ' + resolved.url + '\\n');
  return resolved;
}`;

let dir: string;
before(() => {
  assertBuildIsFresh();
  dir = mkdtempSync(join(tmpdir(), 'cli-startup-'));
  writeFileSync(join(dir, 'hook.mjs'), HOOK);
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module'; register(${JSON.stringify(`file://${join(dir, 'hook.mjs')}`)});`,
  );
  writeFileSync(
    join(dir, 'collect.yaml'),
    'state: ./state\norgs:\n  - { name: acme, tokenEnv: T, sinks: [{ type: stdout }] }\n',
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The heavy packages a CLI run resolved. */
function heavyLoaded(args: string[]): string[] {
  const result = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), CLI_PATH, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', T: 'xoxp-1' },
  });
  const urls = result.stderr.split('\n').filter((line) => line.startsWith('resolved '));
  assert.ok(urls.length > 0, `the hook saw no package: ${result.stderr}`);
  return [...new Set(urls.map((line) => HEAVY.exec(line)?.[1]).filter((name) => name !== undefined))].sort();
}

test('--version, logs --help and export --help load none of the collector dependencies', () => {
  for (const args of [['--version'], ['logs', '--help'], ['export', '--help'], ['follow', '--help']]) {
    assert.deepEqual(heavyLoaded(args), [], args.join(' '));
  }
});

test('collect --check loads the YAML parser and the schema validator, which it needs, and no logger or metrics', () => {
  assert.deepEqual(heavyLoaded(['collect', '--check', '--config', join(dir, 'collect.yaml')]), ['ajv', 'yaml']);
});
