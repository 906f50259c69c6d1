import { hostname as machineHostname } from 'node:os';
import { AuditLogsValidationError, SyslogSinkError } from '../../errors.js';
import { isLoopbackHost } from '../../http/loopback.js';
import { checkInteger } from '../../internal/validate.js';
import type { Entry } from '../../model/logs.js';
import { toEcs } from '../../normalise/to-ecs.js';
import { toOcsf } from '../../normalise/to-ocsf.js';
import { BackoffRetryIntervalCalculator, type RetryIntervalCalculator } from '../../retry/interval-calculators.js';
import { RandomJitter } from '../../retry/jitter.js';
import { type Clock, systemClock } from '../../time/clock.js';
import { NETWORK_SINK_DEFAULTS } from '../delivery/network-sink-options.js';
import { toCef } from './cef-event.js';
import { printableAscii, type SyslogHeaderFields } from './syslog-message.js';
import { SYSLOG_FORMATS, type SyslogFormat, type SyslogRetry, type SyslogSinkOptions } from './syslog-options.js';

/** Where the receiver is. */
export interface SyslogTarget {
  readonly protocol: 'tcp' | 'tls';
  /** Without brackets for IPv6. */
  readonly host: string;
  readonly port: number;
  readonly caFile: string | undefined;
  readonly certFile: string | undefined;
  readonly keyFile: string | undefined;
}

/** The options checked, with every default filled in. */
export interface SyslogSettings {
  readonly name: string;
  /** The URL as given, for messages. */
  readonly url: string;
  readonly target: SyslogTarget;
  readonly header: SyslogHeaderFields;
  readonly body: (entry: Entry) => string;
  readonly batchMaxEntries: number;
  readonly batchMaxBytes: number;
  readonly maxInFlight: number;
  readonly maxRetryMs: number;
  readonly confirmDelivery: boolean;
  readonly timeoutMs: number;
  readonly retryInterval: RetryIntervalCalculator;
  readonly clock: Clock;
  readonly signal: AbortSignal | undefined;
  readonly onRetry: ((retry: SyslogRetry) => void) | undefined;
}

/** Facility numbers by name: RFC 5424 section 6.2.1, named as syslog(3) and rsyslog name them. */
export const SYSLOG_FACILITIES: Readonly<Record<string, number>> = {
  kern: 0,
  user: 1,
  mail: 2,
  daemon: 3,
  auth: 4,
  syslog: 5,
  lpr: 6,
  news: 7,
  uucp: 8,
  cron: 9,
  authpriv: 10,
  ftp: 11,
  ntp: 12,
  audit: 13,
  alert: 14,
  clock: 15,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
};

const DEFAULT_PORTS = { tcp: 514, tls: 6514 } as const;
/** An SD-ID of our own: SD-NAME characters (printable US-ASCII but `=`, space, `]`, `"`), `@`, an enterprise number. */
const SD_ID = /^[\x21-\x7e]{1,32}$/;
const SD_ID_SHAPE = /^[^@=\]" ]+@\d+(\.\d+)*$/;

const BODIES: Readonly<Record<SyslogFormat, (entry: Entry) => string>> = {
  json: (entry) => JSON.stringify(entry),
  raw: (entry) => JSON.stringify(entry),
  ecs: (entry) => JSON.stringify(toEcs(entry)),
  ocsf: (entry) => JSON.stringify(toOcsf(entry)),
  cef: toCef,
};

/** Checks every option; throws SyslogSinkError (`config`) naming the sink and the option at fault. */
export function syslogSettings(options: SyslogSinkOptions): SyslogSettings {
  const name = options.name ?? 'syslog';
  const url = String(options.url);
  const fail = (message: string): never => {
    throw new SyslogSinkError({ sink: name, url, problem: 'config', message });
  };
  try {
    const target = syslogTarget(options, fail);
    const format = options.format ?? 'json';
    if (!SYSLOG_FORMATS.includes(format)) {
      fail(`format must be one of ${SYSLOG_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
    }
    return {
      name,
      url,
      target,
      header: syslogHeader(options, fail),
      body: BODIES[format],
      batchMaxEntries: checkInteger('batch.maxEntries', options.batch?.maxEntries ?? 100, 1, 100_000),
      batchMaxBytes: checkInteger('batch.maxBytes', options.batch?.maxBytes ?? 262_144, 1024),
      maxInFlight: checkInteger('maxInFlight', options.maxInFlight ?? 4, 1, 10_000),
      maxRetryMs:
        checkInteger(
          'maxRetryDurationSeconds',
          options.maxRetryDurationSeconds ?? NETWORK_SINK_DEFAULTS.maxRetryDurationSeconds,
          0,
        ) * 1000,
      confirmDelivery: options.confirmDelivery ?? true,
      timeoutMs: checkInteger('timeoutMs', options.timeoutMs ?? 30_000, 1),
      retryInterval:
        options.retryInterval ??
        new BackoffRetryIntervalCalculator({ backoffFactor: 500, maxInterval: 30_000, jitter: new RandomJitter() }),
      clock: options.clock ?? systemClock,
      signal: options.signal,
      onRetry: options.onRetry,
    };
  } catch (error) {
    if (error instanceof AuditLogsValidationError) fail(error.message);
    throw error;
  }
}

function syslogTarget(options: SyslogSinkOptions, fail: (message: string) => never): SyslogTarget {
  const wanted = 'url must be tcp://host:port or tls://host:port';
  let parsed: URL;
  try {
    parsed = new URL(String(options.url));
  } catch {
    return fail(`${wanted}, got ${JSON.stringify(options.url)}`);
  }
  const protocol = parsed.protocol.slice(0, -1);
  if (protocol !== 'tcp' && protocol !== 'tls') {
    return fail(`${wanted} (udp is not supported: it loses messages without telling), got ${parsed.protocol}//`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (host === '' || parsed.username !== '' || parsed.password !== '' || !/^\/?$/.test(parsed.pathname)) {
    return fail(`${wanted} with nothing after the port, got ${JSON.stringify(options.url)}`);
  }
  if (parsed.search !== '' || parsed.hash !== '') fail(`${wanted} with nothing after the port`);
  const port = parsed.port === '' ? DEFAULT_PORTS[protocol] : Number(parsed.port);
  if (protocol === 'tcp') {
    for (const key of ['caFile', 'certFile', 'keyFile'] as const) {
      if (options[key] !== undefined) fail(`${key} applies to tls:// only: use a tls:// url or leave ${key} out`);
    }
    if (!isLoopbackHost(host) && options.allowCleartext !== true) {
      fail(
        `tcp:// would carry audit events (names, e-mail addresses, IP addresses) unencrypted to ${host}, another machine: use tls://${parsed.hostname}:6514, send to a syslog relay on this machine (tcp://127.0.0.1:514), or set allowCleartext: true if that network path is trusted`,
      );
    }
  }
  if ((options.certFile === undefined) !== (options.keyFile === undefined)) {
    fail('certFile and keyFile go together: give both for mutual TLS, or neither');
  }
  return { protocol, host, port, caFile: options.caFile, certFile: options.certFile, keyFile: options.keyFile };
}

function syslogHeader(options: SyslogSinkOptions, fail: (message: string) => never): SyslogHeaderFields {
  const printable = (key: string, value: string, max: number) => {
    if (!new RegExp(`^[\\x21-\\x7e]{1,${max}}$`).test(value)) {
      fail(`${key} must be 1 to ${max} printable US-ASCII characters without spaces, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const structuredDataId = options.structuredDataId === undefined ? 'slack@32473' : options.structuredDataId;
  if (structuredDataId !== null && !(SD_ID.test(structuredDataId) && SD_ID_SHAPE.test(structuredDataId))) {
    fail(
      `structuredDataId must look like name@<private enterprise number> (at most 32 characters, no spaces, =, ] or "), got ${JSON.stringify(structuredDataId)}`,
    );
  }
  return {
    facility: facilityNumber(options.facility ?? 'local0', fail),
    hostname:
      options.hostname === undefined
        ? printableAscii(machineHostname() || 'localhost').slice(0, 255)
        : printable('hostname', options.hostname, 255),
    appName: printable('appName', options.appName ?? 'slack-audit-logs', 48),
    procId: String(process.pid),
    structuredDataId: structuredDataId ?? undefined,
    utf8Bom: options.utf8Bom ?? false,
  };
}

function facilityNumber(facility: string | number, fail: (message: string) => never): number {
  const value = typeof facility === 'string' && /^\d{1,2}$/.test(facility) ? Number(facility) : facility;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 23) return value;
  const named = typeof value === 'string' ? SYSLOG_FACILITIES[value.toLowerCase()] : undefined;
  if (named !== undefined) return named;
  return fail(
    `facility must be a name (${Object.keys(SYSLOG_FACILITIES).join(', ')}) or a number from 0 to 23, got ${JSON.stringify(facility)}`,
  );
}
