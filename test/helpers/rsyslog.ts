/**
 * A real rsyslog for syslog sink tests, started by the test with its own configuration and stopped afterwards.
 *
 * - `rsyslogd -n -f CONFIG -i PIDFILE`: foreground, our configuration only. It loads no `imuxsock` or `imklog`, so the
 *   system's /dev/log and kernel log are left alone; its work directory, pid file and output are in a temporary folder.
 * - Plain TCP (`imtcp`) and, with `tls`, RFC 5425 TLS (`imtcp` with the `gtls` stream driver from rsyslog-gnutls,
 *   per-input certificate settings, rsyslog >= 8.2108) on 127.0.0.1: one port with `authMode="anon"` (the client is
 *   not asked for a certificate) and one with `authMode="x509/name"` and `permittedPeer` = the test client certificate's
 *   name (mutual TLS); certificates from test/fixtures/pki. Each input listens on port 0 and writes the port
 *   the kernel gave it to a file (`listenPortFileName`, rsyslog >= 8.38), so there is no race for a free port.
 *   https://www.rsyslog.com/doc/reference/parameters/imtcp-listenportfilename.html,
 *   https://www.rsyslog.com/doc/reference/parameters/imtcp-streamdriver-cafile.html
 * - Framing: imtcp accepts RFC 6587 octet counting (`LEN SP MSG`, `SupportOctetCountedFraming`, on by default) and
 *   LF-terminated frames on the same port. An octet-counted frame may carry a newline; to write it out intact:
 *   `parser.escapeControlCharactersOnReceive="off"` (default on: LF would become `#012`,
 *   https://www.rsyslog.com/doc/configuration/rsconf1_escapecontrolcharactersonreceive.html) and
 *   `parser.dropTrailingLFOnReception="off"` (default on: a frame's last LF would be dropped). 8-bit bytes are kept
 *   as they are (`Escape8BitCharactersOnReceive` is off by default), so UTF-8 arrives unchanged.
 * - Every message goes through a template that writes one JSON object a line: the raw message exactly as framed, and
 *   rsyslog's own reading of it (PRI, version, timestamp, hostname, app-name, procid, msgid, structured data, msg).
 *   `format="json"` escapes quotes, backslashes and control characters and passes UTF-8 through.
 *
 * Start-up takes about 10 ms for TCP alone. With TLS it takes 0.1–0.8 s, now and then 2 s: rsyslog 8.2302's gtls
 * driver generates Diffie-Hellman parameters at start (once per process, however many TLS inputs).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { guardAgainstOrphans, shellQuote, stopProcessScript } from './orphan-guard.js';
import { processIsRunning, waitForProcessExit } from './process-state.js';
import { testPki } from './test-pki.js';

export interface RsyslogOptions {
  /**
   * Also listen for syslog over TLS, on two ports: one that asks clients for nothing, one that requires the test
   * client certificate (mutual TLS). Both share one GnuTLS set-up, so the second costs nothing. @default false
   */
  tls?: boolean;
  /** Largest message rsyslog takes whole, in bytes. @default 65536 */
  maxMessageSize?: number;
  /** The rsyslogd binary. @default '/usr/sbin/rsyslogd' */
  binary?: string;
}

/** One message as rsyslog received it. */
export interface ReceivedSyslogMessage {
  /** Which listener took it. */
  input: 'tcp' | 'tls' | 'mutual-tls';
  /** The message exactly as framed, without the octet count. */
  raw: string;
  pri: number;
  facility: number;
  severity: number;
  /** `1` for RFC 5424; rsyslog falls back to RFC 3164 parsing (and an empty version) for anything else. */
  version: string;
  /** RFC 3339 as rsyslog read it; for a NILVALUE (`-`) timestamp rsyslog substitutes the time of reception. */
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  /** `-` or the SD-ELEMENTs as sent. */
  structuredData: string;
  msg: string;
  /** The sender's address. */
  fromIp: string;
}

export interface TestRsyslog {
  /** Plain TCP port on 127.0.0.1. */
  readonly tcpPort: number;
  /** TLS port on 127.0.0.1, when started with `tls`. */
  readonly tlsPort: number | undefined;
  /** TLS port on 127.0.0.1 that refuses clients without the test client certificate, when started with `tls`. */
  readonly mutualTlsPort: number | undefined;
  /** The CA that signed the server's certificate (for 127.0.0.1 and localhost): trust it in clients. */
  readonly caFile: string;
  /** A client certificate and key (CN=client.test) that the mutual TLS port accepts. */
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
  /** The temporary folder (configuration, output, rsyslog's own log); removed by `stop()`. */
  readonly folder: string;
  readonly pid: number;
  /**
   * Waits until at least `count` messages have arrived (@default 0: whatever is there now) and returns them all, in
   * arrival order. Rejects after `timeoutMs` (@default 5000) with what did arrive.
   */
  received(options?: { count?: number; timeoutMs?: number }): Promise<ReceivedSyslogMessage[]>;
  /** rsyslog's own messages (start-up, errors, TLS failures). */
  log(): string;
  /** Stops rsyslog and removes the folder. Safe to call more than once. */
  stop(): Promise<void>;
}

const FIELDS: Array<[name: string, property: string]> = [
  ['input', 'inputname'],
  ['raw', 'rawmsg'],
  ['pri', 'pri'],
  ['version', 'protocol-version'],
  ['timestamp', 'timereported" dateFormat="rfc3339'],
  ['hostname', 'hostname'],
  ['appName', 'app-name'],
  ['procId', 'procid'],
  ['msgId', 'msgid'],
  ['structuredData', 'structured-data'],
  ['msg', 'msg'],
  ['fromIp', 'fromhost-ip'],
];

/** Writes rsyslog's configuration for a server whose files live in `folder`. */
export function rsyslogConfig(folder: string, options: RsyslogOptions = {}): string {
  const at = (name: string) => join(folder, name);
  const template = FIELDS.map(
    ([name, property], i) =>
      `  constant(value="${i === 0 ? '{' : '\\",'}\\"${name}\\":\\"") property(name="${property}" format="json")`,
  ).join('\n');
  const tlsInput = (name: string, auth: string) =>
    `input(type="imtcp" name="${name}" address="127.0.0.1" port="0" listenPortFileName="${at(`${name}.port`)}"
  ruleset="received" streamDriver.name="gtls" streamDriver.mode="1" ${auth}
  streamDriver.caFile="${testPki.caFile}" streamDriver.certFile="${testPki.serverCertFile}"
  streamDriver.keyFile="${testPki.serverKeyFile}")`;
  const tlsInputs = options.tls
    ? `${tlsInput('tls', 'streamDriver.authMode="anon"')}
${tlsInput('mutual-tls', 'streamDriver.authMode="x509/name" permittedPeer=["client.test"]')}`
    : '';
  return `# written by test/helpers/rsyslog.ts
global(workDirectory="${folder}" maxMessageSize="${options.maxMessageSize ?? 65536}" net.enableDNS="off"
  parser.escapeControlCharactersOnReceive="off" parser.dropTrailingLFOnReception="off")
module(load="imtcp" maxSessions="200")
template(name="received" type="list") {
${template}
  constant(value="\\"}\\n")
}
ruleset(name="received") {
  action(type="omfile" file="${at('received.jsonl')}" template="received")
}
input(type="imtcp" name="tcp" address="127.0.0.1" port="0" listenPortFileName="${at('tcp.port')}" ruleset="received")
${tlsInputs}
# rsyslog's own messages: everything that is not a received message lands in the default ruleset.
*.* action(type="omfile" file="${at('rsyslogd.log')}")
`;
}

/** Starts rsyslog; register `stop()` with `after`/`t.after`. */
export async function startRsyslog(options: RsyslogOptions = {}): Promise<TestRsyslog> {
  const folder = await mkdtemp(join(tmpdir(), 'slack-audit-logs-rsyslog-'));
  const pidFile = join(folder, 'rsyslogd.pid');
  const guard = guardAgainstOrphans(`${stopProcessScript(pidFile, 'TERM')}; rm -rf ${shellQuote(folder)}`);
  const configFile = join(folder, 'rsyslog.conf');
  await writeFile(configFile, rsyslogConfig(folder, options));
  const output = openSync(join(folder, 'stderr.log'), 'a');
  const child = spawn(options.binary ?? '/usr/sbin/rsyslogd', ['-n', '-f', configFile, '-i', pidFile], {
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  child.unref();
  let stopped = false;
  const read = (name: string) => (existsSync(join(folder, name)) ? readFileSync(join(folder, name), 'utf8') : '');
  const log = () => read('stderr.log') + read('rsyslogd.log');
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.pid !== undefined && processIsRunning(child.pid)) {
      child.kill('SIGTERM');
      await waitForProcessExit(child.pid).catch(() => child.kill('SIGKILL'));
    }
    await rm(folder, { recursive: true, force: true });
    guard.release();
  };
  try {
    const failed = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`rsyslogd exited with ${code}`)));
    });
    failed.catch(() => {});
    const port = (name: string) => Promise.race([waitForPortFile(join(folder, name)), failed]);
    const tcpPort = await port('tcp.port');
    const tlsPort = options.tls ? await port('tls.port') : undefined;
    const mutualTlsPort = options.tls ? await port('mutual-tls.port') : undefined;
    return {
      tcpPort,
      tlsPort,
      mutualTlsPort,
      caFile: testPki.caFile,
      clientCertFile: testPki.clientCertFile,
      clientKeyFile: testPki.clientKeyFile,
      folder,
      pid: child.pid ?? 0,
      received: (wanted) => waitForMessages(join(folder, 'received.jsonl'), wanted ?? {}, log),
      log,
      stop,
    };
  } catch (error) {
    const message = `rsyslogd did not start: ${(error as Error).message}\n${log()}`;
    await stop();
    throw new Error(message, { cause: error });
  }
}

async function waitForPortFile(path: string, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
    if (/^\d+$/.test(text)) return Number(text);
    if (Date.now() > deadline) throw new Error(`no port in ${path} after ${timeoutMs} ms`);
    await sleep(5);
  }
}

async function waitForMessages(
  path: string,
  { count = 0, timeoutMs = 5000 }: { count?: number; timeoutMs?: number },
  log: () => string,
): Promise<ReceivedSyslogMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = parseReceived(existsSync(path) ? readFileSync(path, 'utf8') : '');
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) {
      throw new Error(
        `rsyslog received ${messages.length} of ${count} messages in ${timeoutMs} ms: ${JSON.stringify(messages)}\n${log()}`,
      );
    }
    await sleep(20);
  }
}

/** Parses the complete lines of the output file (a line still being written is left for the next read). */
export function parseReceived(text: string): ReceivedSyslogMessage[] {
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const fields = JSON.parse(line) as Record<string, string> & Pick<ReceivedSyslogMessage, 'input'>;
      const pri = Number(fields.pri);
      return { ...fields, pri, facility: pri >> 3, severity: pri & 7 } as ReceivedSyslogMessage;
    });
}
