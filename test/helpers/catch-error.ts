import assert from 'node:assert/strict';

/** Runs `fn` and returns what it threw; fails the test if it threw nothing. */
export function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}
