import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Entry } from '../../src/model/logs.js';
import { SinkError } from '../../src/stream/errors.js';
import { NdjsonFileSink } from '../../src/stream/ndjson-file-sink.js';

const entry = (id: string): Entry => ({ id, date_create: 1_700_000_000, action: 'user_login' });

async function tempFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'sink-')), 'out.ndjson');
}

test('entries are written one JSON object per line and commit returns the committed length', async () => {
  const path = await tempFile();
  const sink = new NdjsonFileSink(path);
  await sink.open(undefined);
  await sink.write([entry('a'), entry('b')]);
  const position = await sink.commit();
  await sink.close();
  const text = await readFile(path, 'utf8');
  assert.deepEqual(
    text
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as Entry).id),
    ['a', 'b'],
  );
  assert.deepEqual(position, { file: path, bytes: Buffer.byteLength(text) });
});

test('reopening at a committed position cuts off what was written after it, half-written line included', async () => {
  const path = await tempFile();
  const first = new NdjsonFileSink(path);
  await first.open(undefined);
  await first.write([entry('a')]);
  const committed = await first.commit();
  await first.write([entry('b')]);
  await first.close();
  await appendFile(path, '{"id":"c","date_cre');

  const second = new NdjsonFileSink(path);
  await second.open(committed);
  await second.write([entry('d')]);
  await second.commit();
  await second.close();
  const ids = (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as Entry).id);
  assert.deepEqual(ids, ['a', 'd']);
});

test('a first run appends after the lines already in the file', async () => {
  const path = await tempFile();
  await writeFile(path, '{"id":"earlier"}\n');
  const sink = new NdjsonFileSink(path);
  await sink.open(undefined);
  await sink.write([entry('a')]);
  assert.deepEqual(await sink.commit(), { file: path, bytes: 17 + JSON.stringify(entry('a')).length + 1 });
  await sink.close();
});

test('a new file is created readable by its owner only', async () => {
  const path = await tempFile();
  const sink = new NdjsonFileSink(path);
  await sink.open(undefined);
  await sink.close();
  assert.equal((await stat(path)).mode & 0o777, 0o600);
});

test('a first run into a file that ends mid-line is refused rather than gluing lines together', async () => {
  const path = await tempFile();
  await writeFile(path, '{"id":"x"');
  await assert.rejects(new NdjsonFileSink(path).open(undefined), /ends with an incomplete line/);
});

test('a file shorter than the committed length is refused: it was truncated or replaced', async () => {
  const path = await tempFile();
  await writeFile(path, '{"id":"x"}\n');
  await assert.rejects(new NdjsonFileSink(path).open({ file: path, bytes: 500 }), (error: unknown) => {
    assert.ok(error instanceof SinkError);
    assert.match(error.message, /holds 11 bytes but the checkpoint says 500/);
    return true;
  });
});

test('a checkpoint that records another output file is refused instead of truncating this one', async () => {
  const path = await tempFile();
  await writeFile(path, '{"id":"x"}\n{"id":"y"}\n');
  await assert.rejects(new NdjsonFileSink(path).open({ file: '/elsewhere/out.ndjson', bytes: 3 }), /not .*out\.ndjson/);
  assert.equal((await stat(path)).size, 22);
});

test('writing before open is an error that says to open first', async () => {
  await assert.rejects(new NdjsonFileSink(await tempFile()).write([entry('a')]), /call open\(\)/);
});
