import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'check-layers.mjs');

async function tree(files: Record<string, string>): Promise<string> {
  const src = join(await mkdtemp(join(tmpdir(), 'layers-')), 'src');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(src, path)), { recursive: true });
    await writeFile(join(src, path), text);
  }
  return src;
}

function check(src: string) {
  return spawnSync(process.execPath, [SCRIPT, src], { encoding: 'utf8' });
}

test('the project itself passes the layer check', () => {
  const result = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /no cycle, no import up the layers/);
});

test('an import up the layers fails the check, naming both files', async () => {
  const src = await tree({
    'http/transport.ts': "import { AuditLogsClient } from '../client/audit-logs-client.js';\n",
    'client/audit-logs-client.ts': 'export class AuditLogsClient {}\n',
  });
  const result = check(src);
  assert.equal(result.status, 1);
  assert.match(
    result.stderr,
    /src\/http\/transport\.ts imports src\/client\/audit-logs-client\.ts: http must not import the higher layer client/,
  );
  await rm(dirname(src), { recursive: true });
});

test('an import cycle fails the check, even within one layer', async () => {
  const src = await tree({
    'stream/a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
    'stream/b.ts': "export type { A } from './a.js';\nexport type B = string;\n",
  });
  const result = check(src);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /import cycle: .*stream\/(a|b)\.ts -> .*stream\/(a|b)\.ts/);
  await rm(dirname(src), { recursive: true });
});

test('the CLI may use only the public surface, and the emulator only the model', async () => {
  const src = await tree({
    'cli/commands/logs.ts': "import { walkWindow } from '../../stream/window-walk.js';\n",
    'stream/window-walk.ts': 'export const walkWindow = 1;\n',
    'emulator/api.ts': "import { AuditLogsClient } from '../client/audit-logs-client.js';\n",
    'client/audit-logs-client.ts': 'export class AuditLogsClient {}\n',
  });
  const result = check(src);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /cli\/ may import only cli, index\.ts, emulator\/index\.ts/);
  assert.match(result.stderr, /emulator\/ may import only emulator, model, time, types, version\.ts/);
  await rm(dirname(src), { recursive: true });
});
