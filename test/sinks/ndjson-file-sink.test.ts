import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileInUseError, SinkError } from '../../src/errors.js';
import type { Entry } from '../../src/model/logs.js';
import { NdjsonFileSink } from '../../src/sinks/ndjson-file-sink.js';
import { failingFileOpener } from '../helpers/failing-file.js';

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

test('an output the checkpoint does not record is refused before the file or its lock is created', async () => {
  const path = await tempFile();
  await assert.rejects(new NdjsonFileSink(path).open({ file: '/elsewhere/out.ndjson', bytes: 3 }), SinkError);
  assert.equal(existsSync(path), false, 'no empty output file');
  assert.equal(existsSync(`${path}.lock`), false, 'no lock file');
});

test('a missing file the checkpoint committed lines to is refused, not created again empty', async () => {
  const path = await tempFile();
  await assert.rejects(new NdjsonFileSink(path).open({ file: path, bytes: 500 }), (error: unknown) => {
    assert.ok(error instanceof SinkError);
    assert.match(error.message, /out\.ndjson does not exist but the checkpoint says 500 bytes were committed to it/);
    return true;
  });
  assert.equal(existsSync(path), false, 'no empty output file');
  assert.equal(existsSync(`${path}.lock`), false, 'no lock file beside it either');
});

test('writing before open is an error that says to open first', async () => {
  await assert.rejects(new NdjsonFileSink(await tempFile()).write([entry('a')]), /call open\(\)/);
});

test('short writes are continued until every byte is written', async () => {
  const path = await tempFile();
  const record = { writes: [] as Array<{ asked: number; took: number }> };
  const sink = new NdjsonFileSink(path, { openFile: failingFileOpener({ maxBytesPerWrite: 7 }, record) });
  await sink.open(undefined);
  const entries = Array.from({ length: 20 }, (_, i) => entry(`id-${i}`));
  await sink.write(entries);
  const position = await sink.commit();
  await sink.close();
  const text = await readFile(path, 'utf8');
  assert.equal(text.trim().split('\n').length, 20);
  assert.deepEqual(position, { file: path, bytes: Buffer.byteLength(text) });
  assert.ok(record.writes.length > 20, 'the writes were short, so there were many');
  assert.ok(record.writes.every((write) => write.took <= 7));
});

for (const code of ['ENOSPC', 'EDQUOT', 'EIO']) {
  test(`a full or failing disk (${code}) stops the sink with an error naming the file, and nothing more is counted`, async () => {
    const path = await tempFile();
    const sink = new NdjsonFileSink(path, { openFile: failingFileOpener({ capacityBytes: 300, code }) });
    await sink.open(undefined);
    await sink.write([entry('a')]);
    const committed = await sink.commit();
    const error = await sink
      .write(Array.from({ length: 10 }, (_, i) => entry(`b-${i}`)))
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof SinkError);
    assert.equal(error.code, code);
    assert.equal(error.path, path);
    assert.ok(error.message.startsWith(`Cannot write ${path}: `), error.message);
    assert.match(error.message, new RegExp(`\\(${code}\\)`));
    // The sink refuses to go on: nothing after the failure may be counted or committed.
    await assert.rejects(sink.commit(), SinkError);
    await sink.close();
    // The disk holds a partial line past the committed length; reopening cuts it off.
    assert.ok((await stat(path)).size > Number(committed.bytes));
    const again = new NdjsonFileSink(path);
    await again.open(committed);
    await again.write([entry('c')]);
    await again.commit();
    await again.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as Entry).id),
      ['a', 'c'],
    );
  });
}

test('a failing sync (EIO) is reported, never committed', async () => {
  const path = await tempFile();
  const sink = new NdjsonFileSink(path, { openFile: failingFileOpener({ syncCode: 'EIO' }) });
  await sink.open(undefined);
  await sink.write([entry('a')]);
  await assert.rejects(sink.commit(), (error: unknown) => error instanceof SinkError && error.code === 'EIO');
  await sink.close();
});

test('the file is only ever cut back to the end of a line: another offset is refused', async () => {
  const path = await tempFile();
  await writeFile(path, '{"id":"a"}\n{"id":"b"}\n');
  const sink = new NdjsonFileSink(path);
  await assert.rejects(sink.open({ file: path, bytes: 15 }), (error: unknown) => {
    assert.ok(error instanceof SinkError);
    assert.match(error.message, /Refusing to cut .* back to the 15 bytes .* not the end of a line/);
    return true;
  });
  assert.equal(await readFile(path, 'utf8'), '{"id":"a"}\n{"id":"b"}\n', 'nothing was cut');
});

test('a second sink on the same file fails at once, naming the holder, and touches nothing', async () => {
  const path = await tempFile();
  const first = new NdjsonFileSink(path);
  await first.open(undefined);
  await first.write([entry('a')]);
  const committed = await first.commit();
  await first.write([entry('b')]);
  const second = new NdjsonFileSink(path);
  await assert.rejects(second.open(committed), (error: unknown) => {
    assert.ok(error instanceof FileInUseError);
    assert.equal(error.path, path);
    assert.equal(error.owner?.pid, process.pid);
    assert.match(error.message, new RegExp(`output file .* is in use by process ${process.pid} on .* \\(since 20`));
    return true;
  });
  // The first sink's uncommitted line is still there: the second one did not cut the file back.
  assert.equal((await readFile(path, 'utf8')).trim().split('\n').length, 2);
  await first.close();
  await second.open(committed);
  await second.close();
});
