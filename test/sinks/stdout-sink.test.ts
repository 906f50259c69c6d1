import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { SinkError } from '../../src/errors.js';
import type { Entry } from '../../src/model/logs.js';
import { StdoutSink } from '../../src/sinks/stdout-sink.js';
import { flush } from '../helpers/test-clock.js';

const entry = (id: string): Entry => ({ id, date_create: 1_700_000_000, action: 'user_login' });

/** A writable that holds each chunk until `release` is called, like a slow reader on a pipe. */
function slowOutput() {
  const chunks: string[] = [];
  const pending: Array<() => void> = [];
  const output = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      pending.push(callback);
    },
  });
  return {
    output,
    chunks,
    release() {
      for (const callback of pending.splice(0)) callback();
    },
  };
}

test('entries are written one JSON object per line and delivery is declared at least once', async () => {
  const { output, chunks, release } = slowOutput();
  const sink = new StdoutSink(output);
  assert.equal(sink.delivery, 'at-least-once');
  await sink.open(undefined);
  const writing = sink.write([entry('a'), entry('b')]);
  await flush();
  release();
  await writing;
  const committing = sink.commit();
  await flush();
  release();
  assert.equal(await committing, undefined);
  assert.deepEqual(
    chunks
      .join('')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as Entry).id),
    ['a', 'b'],
  );
  await sink.close();
});

test('a write waits while the reader is behind (back-pressure) and goes on once it drains', async () => {
  const { output, release } = slowOutput();
  const sink = new StdoutSink(output);
  await sink.open(undefined);
  let done = false;
  const writing = sink.write([entry('a')]).then(() => {
    done = true;
  });
  await flush();
  assert.equal(done, false);
  release();
  await writing;
  assert.equal(done, true);
});

test('a reader that went away (EPIPE) stops the sink with a SinkError that says so', async () => {
  const output = new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  const sink = new StdoutSink(output);
  await sink.open(undefined);
  await sink.write([entry('a')]).catch(() => undefined);
  await flush();
  await assert.rejects(sink.commit(), (error: unknown) => {
    assert.ok(error instanceof SinkError);
    assert.match(error.message, /went away \(EPIPE\)/);
    return true;
  });
  await assert.rejects(sink.write([entry('b')]), SinkError);
  await sink.close();
  assert.equal(output.listenerCount('error'), 0);
});
