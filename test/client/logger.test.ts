import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsoleLogger } from '../../src/index.js';

function captureStreams(run: () => void): { stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const originalOut = process.stdout.write;
  const originalErr = process.stderr.write;
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    run();
  } finally {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
  }
  return { stdout: out.join(''), stderr: err.join('') };
}

test('the console logger writes to stderr only, so stdout stays clean for NDJSON', () => {
  const logger = new ConsoleLogger('debug');
  const { stdout, stderr } = captureStreams(() => {
    logger.debug('d', { a: 1 });
    logger.info('i');
    logger.warn('w');
    logger.error('e');
  });
  assert.equal(stdout, '');
  assert.equal(
    stderr,
    '[DEBUG] slack-audit-logs: d { a: 1 }\n[INFO] slack-audit-logs: i\n[WARN] slack-audit-logs: w\n[ERROR] slack-audit-logs: e\n',
  );
});

test('messages below the level are dropped', () => {
  const logger = new ConsoleLogger('warn');
  const { stderr } = captureStreams(() => {
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
  });
  assert.equal(stderr, '[WARN] slack-audit-logs: w\n');
  logger.setLevel('error');
  assert.equal(logger.getLevel(), 'error');
});
