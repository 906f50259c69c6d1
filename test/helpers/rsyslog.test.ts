import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { connect as connectTls, TLSSocket } from 'node:tls';
import { processIsRunning } from './process-state.js';
import { startRsyslog, type TestRsyslog } from './rsyslog.js';

let server: TestRsyslog;

before(async () => {
  server = await startRsyslog({ tls: true });
});
after(() => server.stop());

/** RFC 6587 octet counting: the message's length in bytes, a space, the message. */
function octetCounted(message: string): Buffer {
  const bytes = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${bytes.length} `), bytes]);
}

/** Writes `frames` on a fresh connection, ends it and waits until it has closed. */
async function send(socket: Socket | TLSSocket, frames: Buffer[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', () => resolve());
    socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
      for (const frame of frames) socket.write(frame);
      socket.end();
    });
  });
}

const tcp = () => connectTcp(server.tcpPort, '127.0.0.1');
const tls = () => connectTls({ host: '127.0.0.1', port: server.tlsPort ?? 0, ca: readFileSync(server.caFile) });

const messages = [
  '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry',
  '<110>1 2024-05-06T07:08:09.123456+02:00 collector slack-audit-logs 4242 user_login - multi-byte: Zürich 東京 🎉 \\ "quoted"',
  '<14>1 2024-05-06T07:08:09Z collector slack-audit-logs - - - first line\nsecond line\n',
];

test('octet-counted messages over TCP arrive exactly as sent, newlines and multi-byte UTF-8 included', async () => {
  const already = (await server.received()).length;
  await send(tcp(), messages.map(octetCounted));
  const received = (await server.received({ count: already + 3 })).slice(already);
  assert.deepEqual(
    received.map((m) => m.raw),
    messages,
  );
  assert.deepEqual(
    received.map((m) => m.input),
    ['tcp', 'tcp', 'tcp'],
  );
  const [first, second, third] = received;
  assert.deepEqual(
    { ...first, raw: undefined },
    {
      input: 'tcp',
      raw: undefined,
      pri: 165,
      facility: 20,
      severity: 5,
      version: '1',
      timestamp: '2003-10-11T22:14:15.003Z',
      hostname: 'mymachine.example.com',
      appName: 'evntslog',
      procId: '-',
      msgId: 'ID47',
      structuredData: '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]',
      msg: 'An application event log entry',
      fromIp: '127.0.0.1',
    },
  );
  assert.equal(second?.msg, 'multi-byte: Zürich 東京 🎉 \\ "quoted"');
  assert.equal(second?.timestamp, '2024-05-06T07:08:09.123456+02:00');
  assert.equal(third?.msg, 'first line\nsecond line\n');
});

test('the same messages arrive exactly over TLS (RFC 5425) from a client that trusts the test CA', async () => {
  const already = (await server.received()).length;
  await send(tls(), messages.map(octetCounted));
  const received = (await server.received({ count: already + 3 })).slice(already);
  assert.deepEqual(
    received.map((m) => [m.input, m.raw]),
    messages.map((m) => ['tls', m]),
  );
});

test('with LF framing a newline inside a message splits it in two, which is why senders use octet counting', async () => {
  const already = (await server.received()).length;
  await send(tcp(), [Buffer.from('<14>1 - host app - - - one\ntwo\n')]);
  const received = (await server.received({ count: already + 2 })).slice(already);
  assert.deepEqual(
    received.map((m) => m.raw),
    ['<14>1 - host app - - - one', 'two'],
  );
});

test('received() rejects with what did arrive when too few messages come in time', async () => {
  const already = (await server.received()).length;
  await assert.rejects(server.received({ count: already + 1, timeoutMs: 100 }), /received \d+ of \d+ messages/);
});

test('the mutual TLS port refuses a client without a certificate and accepts the test client certificate', async () => {
  const already = (await server.received()).length;
  const connect = (options: { cert?: Buffer; key?: Buffer }) =>
    connectTls({ host: '127.0.0.1', port: server.mutualTlsPort ?? 0, ca: readFileSync(server.caFile), ...options });
  await send(connect({}), [octetCounted('<14>1 - host app - - - anonymous')]).catch(() => {});
  const certificate = { cert: readFileSync(server.clientCertFile), key: readFileSync(server.clientKeyFile) };
  await send(connect(certificate), [octetCounted('<14>1 - host app - - - with certificate')]);
  await server.received({ count: already + 1 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(
    (await server.received()).slice(already).map((m) => [m.input, m.msg]),
    [['mutual-tls', 'with certificate']],
  );
});

test('stop ends rsyslogd and removes its folder', async () => {
  assert.ok(processIsRunning(server.pid));
  await server.stop();
  assert.equal(processIsRunning(server.pid), false);
  assert.equal(existsSync(server.folder), false);
  await server.stop();
});
