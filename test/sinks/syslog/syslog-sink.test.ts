// The syslog sink against a real rsyslog: what rsyslog received, byte for byte and as it parsed it, over TCP, TLS and
// mutual TLS; and the set-ups it refuses before anything is sent.
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SyslogSinkError } from '../../../src/errors.js';
import type { Entry } from '../../../src/model/logs.js';
import { toEcs } from '../../../src/normalise/to-ecs.js';
import { toOcsf } from '../../../src/normalise/to-ocsf.js';
import { toCef } from '../../../src/sinks/syslog/cef-event.js';
import type { SyslogSinkOptions } from '../../../src/sinks/syslog/syslog-options.js';
import { SyslogSink } from '../../../src/sinks/syslog/syslog-sink.js';
import { freeLoopbackPort } from '../../helpers/free-port.js';
import { type ReceivedSyslogMessage, startRsyslog, type TestRsyslog } from '../../helpers/rsyslog.js';

let server: TestRsyslog;
before(async () => {
  server = await startRsyslog({ tls: true });
});
after(() => server.stop());

const entries: Entry[] = [
  {
    id: '1a2b3c4d-0000-4000-8000-000000000001',
    date_create: 1_700_000_000,
    action: 'user_login',
    actor: { type: 'user', user: { id: 'W111', name: 'Zoë Ångström 東京 🎉', email: 'zoe@example.com' } },
    context: {
      ip_address: '192.0.2.10',
      ua: 'Mozilla/5.0 "quoted" a=b|c\\d',
      location: { type: 'workspace', id: 'T1', name: 'Birdland', domain: 'birdland' },
    },
  },
  {
    id: '1a2b3c4d-0000-4000-8000-000000000002',
    date_create: 1_700_000_001,
    action: 'user_login_failed',
    details: { reason: 'first line\nsecond line' },
  },
  {
    id: '1a2b3c4d-0000-4000-8000-000000000003',
    date_create: 1_700_000_002,
    action: 'anomaly',
    entity: { type: 'file', file: { id: 'F1', name: 'plan=final\nv2 | ünïcödé.txt' } },
  },
];

/** The messages that arrived from `run`, after what had arrived before. */
async function receivedFrom(count: number, run: () => Promise<void>): Promise<ReceivedSyslogMessage[]> {
  const already = (await server.received()).length;
  await run();
  return (await server.received({ count: already + count })).slice(already);
}

/** Opens a sink, writes and commits `batch`, closes it. */
async function deliver(options: SyslogSinkOptions, batch: readonly Entry[] = entries): Promise<SyslogSink> {
  const sink = new SyslogSink(options);
  await sink.open(undefined);
  try {
    await sink.write(batch);
    await sink.commit();
  } finally {
    await sink.close();
  }
  return sink;
}

const tcpUrl = () => `tcp://127.0.0.1:${server.tcpPort}`;
const tlsUrl = () => `tls://127.0.0.1:${server.tlsPort}`;
const severities = [6, 4, 3];

test('JSON over TCP arrives exactly as sent: the RFC 5424 header as rsyslog parsed it and the entry as the body', async () => {
  let sink: SyslogSink | undefined;
  const received = await receivedFrom(3, async () => {
    sink = await deliver({ url: tcpUrl() });
  });
  assert.deepEqual(
    received.map((message) => message.raw),
    entries.map(
      (entry, i) =>
        `<${128 + (severities[i] as number)}>1 ${new Date(entry.date_create * 1000).toISOString()} ${hostname()} slack-audit-logs ${process.pid} ${entry.action} [slack@32473 id="${entry.id}"] ${JSON.stringify(entry)}`,
    ),
  );
  received.forEach((message, i) => {
    const entry = entries[i] as Entry;
    assert.deepEqual(
      {
        input: message.input,
        facility: message.facility,
        severity: message.severity,
        version: message.version,
        timestamp: message.timestamp,
        hostname: message.hostname,
        appName: message.appName,
        procId: message.procId,
        msgId: message.msgId,
        structuredData: message.structuredData,
      },
      {
        input: 'tcp',
        facility: 16,
        severity: severities[i],
        version: '1',
        timestamp: new Date(entry.date_create * 1000).toISOString(),
        hostname: hostname(),
        appName: 'slack-audit-logs',
        procId: String(process.pid),
        msgId: entry.action,
        structuredData: `[slack@32473 id="${entry.id}"]`,
      },
    );
    assert.deepEqual(JSON.parse(message.msg), entry, 'multi-byte UTF-8 and the newline in a value come back intact');
  });
  assert.equal(sink?.counters.delivered, 3);
  assert.equal(sink?.counters.retried, 0);
  assert.equal(sink?.counters.errors, 0);
  assert.equal(sink?.counters.inFlight, 0);
});

test('each body format arrives as its formatter writes it: raw, ECS, OCSF and CEF', async () => {
  const bodies = {
    raw: (e: Entry) => JSON.stringify(e),
    ecs: (e: Entry) => JSON.stringify(toEcs(e)),
    ocsf: (e: Entry) => JSON.stringify(toOcsf(e)),
    cef: toCef,
  };
  for (const [format, body] of Object.entries(bodies)) {
    const received = await receivedFrom(3, async () => {
      await deliver({ url: tcpUrl(), format: format as keyof typeof bodies });
    });
    assert.deepEqual(
      received.map((message) => message.msg),
      entries.map(body),
      format,
    );
  }
});

test('CEF over TLS keeps its escapes: | and \\ in the header, =, \\ and line breaks in the extension', async () => {
  const received = await receivedFrom(3, async () => {
    await deliver({ url: tlsUrl(), caFile: server.caFile, format: 'cef', facility: 'auth', appName: 'slack' });
  });
  assert.deepEqual(
    received.map((message) => [message.input, message.facility, message.appName]),
    entries.map(() => ['tls', 4, 'slack']),
  );
  const [login, failure, anomaly] = received.map((message) => message.msg);
  assert.match(login as string, /^CEF:0\|Salesforce\|Slack\|[^|]+\|user_login\|User login\|1\|rt=1700000000000 /);
  assert.match(login as string, / requestClientApplication=Mozilla\/5\.0 "quoted" a\\=b\|c\\\\d /);
  assert.match(login as string, / flexString1=Zoë Ångström 東京 🎉 /);
  assert.match(failure as string, /\|3\|.* cs6={"reason":"first line\\\\nsecond line"}$/);
  assert.match(anomaly as string, /\|5\|.* cs3=plan\\=final\\nv2 \| ünïcödé\.txt$/);
  assert.ok(received.every((message) => !message.raw.includes('\n')));
});

test('mutual TLS: the receiver that asks for a client certificate gets the configured one', async () => {
  const received = await receivedFrom(3, async () => {
    await deliver({
      url: `tls://127.0.0.1:${server.mutualTlsPort}`,
      caFile: server.caFile,
      certFile: server.clientCertFile,
      keyFile: server.clientKeyFile,
    });
  });
  assert.deepEqual(
    received.map((message) => [message.input, JSON.parse(message.msg).id]),
    entries.map((entry) => ['mutual-tls', entry.id]),
  );
});

test('a page larger than a batch goes out in several writes, in order, and several pages in a row stay in order', async () => {
  const page = (first: number) =>
    Array.from({ length: 50 }, (_, i) => ({
      id: `P${first + i}`,
      date_create: 1_700_000_000 + i,
      action: 'user_logout',
    }));
  const sink = new SyslogSink({ url: tcpUrl(), batch: { maxEntries: 7 }, structuredDataId: null });
  const received = await receivedFrom(150, async () => {
    await sink.open(undefined);
    for (const first of [0, 50, 100]) {
      await sink.write(page(first));
      await sink.commit();
    }
    await sink.close();
  });
  assert.deepEqual(
    received.map((message) => JSON.parse(message.msg).id),
    Array.from({ length: 150 }, (_, i) => `P${i}`),
  );
  assert.ok(received.every((message) => message.structuredData === '-'));
  assert.equal(sink.counters.delivered, 150);
});

test('with confirmDelivery off the commit waits for the kernel only and one connection carries every page', async () => {
  const sink = new SyslogSink({ url: tcpUrl(), confirmDelivery: false });
  const received = await receivedFrom(6, async () => {
    await sink.open(undefined);
    await sink.write(entries);
    await sink.commit();
    await sink.write(entries);
    await sink.commit();
    await sink.close();
  });
  assert.equal(received.length, 6);
  assert.equal(sink.counters.delivered, 6);
});

/** The SyslogSinkError that opening a sink with these options fails with. */
async function openRefusal(options: SyslogSinkOptions): Promise<SyslogSinkError> {
  const sink = new SyslogSink({ name: 'siem', ...options });
  const error = await sink.open(undefined).then(
    () => assert.fail('open should have failed'),
    (failure: unknown) => failure,
  );
  await sink.close();
  assert.ok(error instanceof SyslogSinkError, String(error));
  assert.equal(error.sink, 'siem');
  assert.match(error.message, /^Syslog sink "siem" \((tcp|tls):\/\/127\.0\.0\.1:\d+\): /);
  return error;
}

test('a receiver that does not listen is refused at open, naming the sink and what to check', async () => {
  const port = await freeLoopbackPort();
  const error = await openRefusal({ url: `tcp://127.0.0.1:${port}`, maxRetryDurationSeconds: 300 });
  assert.equal(error.problem, 'unreachable');
  assert.equal(error.code, 'ECONNREFUSED');
  assert.match(
    error.message,
    /cannot connect \(connect ECONNREFUSED 127\.0\.0\.1:\d+\): check the host and port in url/,
  );
});

test('a server certificate from an unknown CA is refused at once and the message says to set caFile', async () => {
  const started = Date.now();
  const error = await openRefusal({ url: tlsUrl() });
  assert.equal(error.problem, 'certificate');
  assert.equal(error.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  assert.match(error.message, /TLS refused .*set caFile to the CA that signed it/);
  assert.ok(Date.now() - started < 1000, 'no retries');
});

test('TLS to a plain TCP port, which never answers the handshake, is refused once timeoutMs has passed', async () => {
  const error = await openRefusal({ url: `tls://127.0.0.1:${server.tcpPort}`, caFile: server.caFile, timeoutMs: 300 });
  assert.equal(error.problem, 'unreachable');
  assert.match(error.message, /the TLS handshake did not finish within 300 ms \(does the port speak TLS\?\)/);
});

test('a receiver that wants a client certificate, given none or one it does not accept, is refused at open', async () => {
  const url = `tls://127.0.0.1:${server.mutualTlsPort}`;
  const none = await openRefusal({ url, caFile: server.caFile });
  assert.equal(none.problem, 'refused');
  assert.match(none.message, /closed the connection right after the TLS handshake: .*certFile and keyFile/);
  const stranger = fileURLToPath(new URL('../../fixtures/tls/', import.meta.url));
  const foreign = await openRefusal({
    url,
    caFile: server.caFile,
    certFile: `${stranger}cert.pem`,
    keyFile: `${stranger}key.pem`,
  });
  assert.equal(foreign.problem, 'refused');
});

test('a certificate file that cannot be read is refused at open with its path', async () => {
  const error = await openRefusal({ url: tlsUrl(), caFile: '/nonexistent/ca.pem' });
  assert.equal(error.problem, 'config');
  assert.equal(error.path, '/nonexistent/ca.pem');
  assert.match(error.message, /cannot read caFile \/nonexistent\/ca\.pem \(ENOENT\): check the path/);
});

test('write and commit before open, or after close, fail with a SinkError', async () => {
  const sink = new SyslogSink({ url: tcpUrl() });
  await assert.rejects(sink.write(entries), /Syslog sink "syslog" is not open/);
  await sink.open(undefined);
  await sink.close();
  await assert.rejects(sink.write(entries), /Syslog sink "syslog" was closed/);
});
