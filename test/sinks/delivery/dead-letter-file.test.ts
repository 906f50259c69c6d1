import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SinkError } from '../../../src/errors.js';
import { DeadLetterFile } from '../../../src/sinks/delivery/dead-letter-file.js';

const letter = (id: string) => ({
  id,
  sink: 'es',
  status: 400,
  type: 'mapper_parsing_exception',
  reason: 'r',
  document: { id },
});

test('refused entries are appended one JSON line each, and kept across runs', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'dead-letters-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'refused.ndjson');
  for (const ids of [['a', 'b'], ['c']]) {
    const file = new DeadLetterFile(path);
    await Promise.all(ids.map((id) => file.append([letter(id)])));
    await file.sync();
    await file.close();
  }
  const lines = (await readFile(path, 'utf8')).trim().split('\n');
  assert.deepEqual(
    lines.map((line) => (JSON.parse(line) as { id: string }).id),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(JSON.parse(lines[0] as string), letter('a'));
});

test('a path that cannot be written is refused when the sink opens, naming the file', async () => {
  const file = new DeadLetterFile('/nonexistent-folder/refused.ndjson');
  await assert.rejects(file.prepare(), (error: unknown) => {
    assert.ok(error instanceof SinkError);
    assert.match(
      error.message,
      /^Cannot write \/nonexistent-folder\/refused\.ndjson: its folder does not exist \(ENOENT\)/,
    );
    return true;
  });
});

test('a line cut short by a killed process is cut off when the file is opened again, so every line stays JSON', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'dead-letters-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'refused.ndjson');
  const whole = `${JSON.stringify(letter('a'))}\n`;
  await writeFile(path, `${whole}${JSON.stringify(letter('b')).slice(0, 30)}`);
  const file = new DeadLetterFile(path);
  await file.append([letter('c')]);
  await file.sync();
  await file.close();
  const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
  assert.deepEqual(
    lines.map((line) => (JSON.parse(line) as { id: string }).id),
    ['a', 'c'],
  );
});

test('a file holding only part of a line is emptied before the first append', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'dead-letters-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'refused.ndjson');
  await writeFile(path, '{"id":"cut');
  const file = new DeadLetterFile(path);
  await file.append([letter('d')]);
  await file.close();
  assert.equal(await readFile(path, 'utf8'), `${JSON.stringify(letter('d'))}\n`);
});
