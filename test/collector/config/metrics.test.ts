import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines, MINIMAL, parse, problemOf } from './helpers.js';

const metrics = (listen: string) => lines(...MINIMAL, `metrics: {listen: ${listen}}`);
const ALLOWED =
  'allowed: host:port, such as 127.0.0.1:9464 (this machine only), [::1]:9464, or 0.0.0.0:9464 (every interface)';

describe('metrics', () => {
  it('reads host:port, an IPv6 address in brackets, and a port alone for this machine', () => {
    assert.deepEqual(parse(metrics('127.0.0.1:9464')).metrics, { host: '127.0.0.1', port: 9464 });
    assert.deepEqual(parse(metrics('"[::1]:9464"')).metrics, { host: '::1', port: 9464 });
    assert.deepEqual(parse(metrics('0.0.0.0:9464')).metrics, { host: '0.0.0.0', port: 9464 });
    assert.deepEqual(parse(metrics('collector.internal:9464')).metrics, { host: 'collector.internal', port: 9464 });
    assert.deepEqual(parse(metrics('9464')).metrics, { host: '127.0.0.1', port: 9464 });
  });

  it('serves nothing when metrics is absent', () => {
    assert.equal(parse(lines(...MINIMAL)).metrics, undefined);
  });

  it('refuses an IPv6 address without brackets', () => {
    assert.equal(
      problemOf(metrics('"::1:9464"')),
      `6:19: metrics.listen: "::1:9464" is not host:port; ${ALLOWED} (an IPv6 address goes in brackets: [::1]:9464)`,
    );
  });

  it('refuses a listen without a host', () => {
    assert.equal(problemOf(metrics('":9464"')), `6:19: metrics.listen: ":9464" is not host:port; ${ALLOWED}`);
  });

  it('refuses a port that does not exist', () => {
    assert.equal(
      problemOf(metrics('127.0.0.1:70000')),
      '6:19: metrics.listen: port 70000 does not exist; allowed: a port from 0 to 65535 (0: any free port)',
    );
  });

  it('reads readyLagSeconds', () => {
    assert.equal(parse(lines(...MINIMAL, 'readyLagSeconds: 900')).readyLagSeconds, 900);
    assert.equal(
      problemOf(lines(...MINIMAL, 'readyLagSeconds: 0')),
      '6:18: readyLagSeconds: the number 0 is too small; allowed: an integer from 1 to 86400 (seconds)',
    );
  });
});
