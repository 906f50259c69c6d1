import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { test } from 'node:test';
import { SyslogSinkError } from '../../../src/errors.js';
import type { SyslogSinkOptions } from '../../../src/sinks/syslog/syslog-options.js';
import { syslogSettings } from '../../../src/sinks/syslog/syslog-settings.js';
import { catchError } from '../../helpers/catch-error.js';

/** The SyslogSinkError these options are refused with. */
function refusal(options: SyslogSinkOptions): SyslogSinkError {
  const error = catchError(() => syslogSettings(options));
  assert.ok(error instanceof SyslogSinkError, String(error));
  assert.equal(error.problem, 'config');
  return error;
}

test('the defaults: json bodies, local0, slack-audit-logs, this host, slack@32473, confirmed commits, 300 s of retries', () => {
  const settings = syslogSettings({ url: 'tls://siem.example.com' });
  assert.deepEqual(settings.target, {
    protocol: 'tls',
    host: 'siem.example.com',
    port: 6514,
    caFile: undefined,
    certFile: undefined,
    keyFile: undefined,
  });
  assert.equal(settings.name, 'syslog');
  assert.equal(settings.header.facility, 16);
  assert.equal(settings.header.appName, 'slack-audit-logs');
  assert.equal(settings.header.hostname, hostname());
  assert.equal(settings.header.procId, String(process.pid));
  assert.equal(settings.header.structuredDataId, 'slack@32473');
  assert.equal(settings.header.utf8Bom, false);
  assert.equal(settings.confirmDelivery, true);
  assert.equal(settings.maxRetryMs, 300_000);
  assert.equal(settings.maxInFlight, 4);
  assert.equal(settings.batchMaxEntries, 100);
  assert.equal(
    settings.body({ id: 'a', date_create: 1, action: 'user_login' }),
    '{"id":"a","date_create":1,"action":"user_login"}',
  );
  assert.equal(syslogSettings({ url: 'tcp://127.0.0.1' }).target.port, 514);
  assert.equal(syslogSettings({ url: 'tcp://[::1]:1514' }).target.host, '::1');
});

test('facilities are taken by name or number, and the body by format', () => {
  assert.equal(syslogSettings({ url: 'tcp://localhost:1', facility: 'auth' }).header.facility, 4);
  assert.equal(syslogSettings({ url: 'tcp://localhost:1', facility: 'LOCAL7' }).header.facility, 23);
  assert.equal(syslogSettings({ url: 'tcp://localhost:1', facility: 13 }).header.facility, 13);
  assert.equal(syslogSettings({ url: 'tcp://localhost:1', facility: '10' }).header.facility, 10);
  const entry = { id: 'a', date_create: 1, action: 'user_login' };
  assert.match(syslogSettings({ url: 'tcp://localhost:1', format: 'cef' }).body(entry), /^CEF:0\|/);
  assert.match(syslogSettings({ url: 'tcp://localhost:1', format: 'ecs' }).body(entry), /"event":\{/);
  assert.match(syslogSettings({ url: 'tcp://localhost:1', format: 'ocsf' }).body(entry), /"class_uid":/);
  assert.equal(syslogSettings({ url: 'tcp://localhost:1', structuredDataId: null }).header.structuredDataId, undefined);
});

test('tcp:// to another machine is refused, naming the sink and what to use instead, unless allowCleartext is set', () => {
  const error = refusal({ url: 'tcp://siem.example.com:514', name: 'qradar' });
  assert.equal(error.sink, 'qradar');
  assert.equal(error.url, 'tcp://siem.example.com:514');
  assert.match(
    error.message,
    /^Syslog sink "qradar" \(tcp:\/\/siem\.example\.com:514\): tcp:\/\/ would carry audit events/,
  );
  assert.match(error.message, /use tls:\/\/siem\.example\.com:6514/);
  assert.match(error.message, /allowCleartext: true/);
  assert.equal(syslogSettings({ url: 'tcp://siem.example.com:514', allowCleartext: true }).target.protocol, 'tcp');
  assert.equal(syslogSettings({ url: 'tcp://127.0.0.1:514' }).target.protocol, 'tcp');
  assert.equal(syslogSettings({ url: 'tcp://localhost:514' }).target.protocol, 'tcp');
});

test('URLs other than tcp://host:port and tls://host:port are refused', () => {
  assert.match(refusal({ url: 'udp://127.0.0.1:514' }).message, /udp is not supported/);
  assert.match(
    refusal({ url: 'https://siem.example.com' }).message,
    /url must be tcp:\/\/host:port or tls:\/\/host:port/,
  );
  assert.match(refusal({ url: 'siem.example.com:514' }).message, /url must be/);
  assert.match(refusal({ url: 'tls://siem.example.com:6514/path' }).message, /nothing after the port/);
  assert.match(refusal({ url: 'tls://user:pw@siem.example.com:6514' }).message, /nothing after the port/);
  assert.match(refusal({ url: 'tls://:6514' }).message, /url must be/);
});

test('certificate files belong to tls:// and a client certificate needs its key', () => {
  assert.match(refusal({ url: 'tcp://127.0.0.1:514', caFile: 'ca.pem' }).message, /caFile applies to tls:\/\/ only/);
  assert.match(
    refusal({ url: 'tls://siem.example.com', certFile: 'c.pem' }).message,
    /certFile and keyFile go together/,
  );
  assert.match(
    refusal({ url: 'tls://siem.example.com', keyFile: 'k.pem' }).message,
    /certFile and keyFile go together/,
  );
});

test('header fields, format and numbers outside what RFC 5424 and the sink accept are refused', () => {
  assert.match(refusal({ url: 'tcp://127.0.0.1:1', facility: 'local8' }).message, /facility must be a name/);
  assert.match(refusal({ url: 'tcp://127.0.0.1:1', facility: 24 }).message, /facility must be/);
  assert.match(
    refusal({ url: 'tcp://127.0.0.1:1', appName: 'slack audit' }).message,
    /appName must be 1 to 48 printable/,
  );
  assert.match(refusal({ url: 'tcp://127.0.0.1:1', appName: 'x'.repeat(49) }).message, /appName/);
  assert.match(refusal({ url: 'tcp://127.0.0.1:1', hostname: 'höst' }).message, /hostname/);
  assert.match(
    refusal({ url: 'tcp://127.0.0.1:1', structuredDataId: 'slack' }).message,
    /structuredDataId must look like name@/,
  );
  assert.match(refusal({ url: 'tcp://127.0.0.1:1', structuredDataId: 'sl ack@1' }).message, /structuredDataId/);
  assert.match(
    refusal({ url: 'tcp://127.0.0.1:1', format: 'xml' as 'json' }).message,
    /format must be one of json, cef, raw, ecs, ocsf/,
  );
  assert.match(refusal({ url: 'tcp://127.0.0.1:1', maxRetryDurationSeconds: -1 }).message, /maxRetryDurationSeconds/);
  assert.match(refusal({ url: 'tcp://127.0.0.1:1', batch: { maxEntries: 0 } }).message, /batch\.maxEntries/);
  assert.match(refusal({ url: 'tcp://127.0.0.1:1', maxInFlight: 1.5 }).message, /maxInFlight/);
});
