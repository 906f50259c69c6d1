import { isoTimestamp } from '../../normalise/iso-timestamp.js';

/** What every message of a sink shares in its RFC 5424 header. */
export interface SyslogHeaderFields {
  /** 0–23 (`local0` is 16). */
  readonly facility: number;
  /** HOSTNAME: 1–255 printable US-ASCII characters. */
  readonly hostname: string;
  /** APP-NAME: 1–48 printable US-ASCII characters. */
  readonly appName: string;
  /** PROCID: 1–128 printable US-ASCII characters. */
  readonly procId: string;
  /** The SD-ID of the element that carries the event id, or undefined for no structured data (`-`). */
  readonly structuredDataId: string | undefined;
  /** Start MSG with a UTF-8 byte order mark, as RFC 5424 asks of UTF-8 messages. */
  readonly utf8Bom: boolean;
}

/** What varies per message. */
export interface SyslogEventFields {
  /** 0–7. */
  readonly severity: number;
  /** Unix seconds (`date_create`); anything else gives the NILVALUE, and the receiver stamps its own time. */
  readonly dateCreate: unknown;
  /** The action, as MSGID. */
  readonly action: unknown;
  /** The event id, as the `id` parameter of the structured data element. */
  readonly id: unknown;
}

const NILVALUE = '-';
const BOM = '\uFEFF';
/** RFC 5424's longest MSGID. */
const MSGID_MAX = 32;

/**
 * One RFC 5424 message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG`, with PRI = facility × 8 +
 * severity, TIMESTAMP the event's own time in UTC with milliseconds, MSGID the action (made printable US-ASCII and cut
 * to 32 characters: the body keeps it whole) and SD `[<structuredDataId> id="<event id>"]`.
 */
export function syslogMessage(header: SyslogHeaderFields, event: SyslogEventFields, body: string): string {
  const pri = header.facility * 8 + event.severity;
  const timestamp = eventTimestamp(event.dateCreate);
  const sd =
    header.structuredDataId === undefined || typeof event.id !== 'string'
      ? NILVALUE
      : `[${header.structuredDataId} id="${escapeParamValue(event.id)}"]`;
  const msg = header.utf8Bom ? BOM + body : body;
  return `<${pri}>1 ${timestamp} ${header.hostname} ${header.appName} ${header.procId} ${msgId(event.action)} ${sd} ${msg}`;
}

/**
 * RFC 6587 octet counting: the message's length in bytes of UTF-8, a space, the message. Unlike newline framing it
 * lets a message hold newlines.
 */
export function octetCounted(message: string): Buffer {
  return Buffer.from(`${Buffer.byteLength(message, 'utf8')} ${message}`, 'utf8');
}

/** The event time as an RFC 5424 TIMESTAMP (RFC 3339, `Z`, milliseconds), or the NILVALUE. */
function eventTimestamp(dateCreate: unknown): string {
  if (typeof dateCreate !== 'number' || !Number.isFinite(dateCreate)) return NILVALUE;
  const ms = Math.round(dateCreate * 1000);
  // RFC 5424 allows four-digit years only.
  if (ms < 0 || ms >= 253_402_300_800_000) return NILVALUE;
  return isoTimestamp(ms);
}

function msgId(action: unknown): string {
  if (typeof action !== 'string' || action === '') return NILVALUE;
  return printableAscii(action).slice(0, MSGID_MAX);
}

/** Every character outside printable US-ASCII (33–126) becomes `_`. */
export function printableAscii(value: string): string {
  return value.replace(/[^\x21-\x7e]/g, '_');
}

/** RFC 5424 6.3.3: `"`, `\` and `]` in a PARAM-VALUE are escaped with a backslash. */
export function escapeParamValue(value: string): string {
  return value.replace(/["\\\]]/g, '\\$&');
}
