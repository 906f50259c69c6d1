/**
 * Reading HEC's answers, without I/O. Every answer is `{"text": …, "code": …}`; an accepted request on a token with
 * indexer acknowledgement adds `ackId`, and a request refused for one bad event adds `invalid-event-number`
 * (0-based), the events before it having been indexed. Codes from "Troubleshoot HTTP Event Collector" (possible
 * error codes) in Splunk's Getting Data In manual.
 */

/** The fields of a HEC answer that the sink reads. */
export interface HecAnswer {
  readonly text: string;
  readonly code: number | undefined;
  readonly ackId: number | undefined;
  readonly invalidEventNumber: number | undefined;
}

/** HEC codes by meaning. */
export const HEC_CODES = {
  tokenDisabled: 1,
  tokenRequired: 2,
  invalidAuthorization: 3,
  invalidToken: 4,
  noData: 5,
  invalidDataFormat: 6,
  incorrectIndex: 7,
  serverBusy: 9,
  channelMissing: 10,
  invalidChannel: 11,
  eventRequired: 12,
  eventBlank: 13,
  ackDisabled: 14,
  indexedFieldsError: 15,
} as const;

/** Codes that condemn one event of the batch, not the request: its data is what HEC refused. */
const EVENT_CODES: ReadonlySet<number> = new Set([
  HEC_CODES.invalidDataFormat,
  HEC_CODES.eventRequired,
  HEC_CODES.eventBlank,
  HEC_CODES.indexedFieldsError,
]);

/** The answer's fields; missing or unparseable ones are undefined (a proxy's HTML page has none). */
export function parseHecAnswer(body: string): HecAnswer {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object') parsed = value as Record<string, unknown>;
  } catch {
    // Not HEC's JSON: the status alone decides.
  }
  const integer = (value: unknown) => (Number.isInteger(value) ? (value as number) : undefined);
  return {
    text: typeof parsed.text === 'string' ? parsed.text : '',
    code: integer(parsed.code),
    ackId: integer(parsed.ackId),
    invalidEventNumber: integer(parsed['invalid-event-number']),
  };
}

/** Whether a 400 answer refuses one event of `count` (the ones before it were indexed) rather than the request. */
export function refusedEventOf(status: number, answer: HecAnswer, count: number): number | undefined {
  if (status !== 400 || answer.code === undefined || !EVENT_CODES.has(answer.code)) return undefined;
  const number = answer.invalidEventNumber;
  return number !== undefined && number >= 0 && number < count ? number : undefined;
}

/** What to do about a refusal of the whole request, as the end of a sentence about the sink. */
export function hecRefusal(status: number, answer: HecAnswer, settings: { ack: boolean; index?: string }): string {
  const what = `${status}${answer.code === undefined ? '' : ` code ${answer.code}`}${answer.text ? ` ${answer.text}` : ''}`;
  switch (answer.code) {
    case HEC_CODES.tokenDisabled:
      return `was refused (${what}): the HEC token is disabled; enable it in Splunk or use another`;
    case HEC_CODES.tokenRequired:
    case HEC_CODES.invalidAuthorization:
    case HEC_CODES.invalidToken:
      return `was refused (${what}): check the HEC token`;
    case HEC_CODES.incorrectIndex:
      return `was refused (${what}): the token may not write to index ${settings.index ?? '(its default)'}; add it to the token's allowed indexes or change index`;
    case HEC_CODES.channelMissing:
      return `was refused (${what}): the token has indexer acknowledgement on, so set ack: true`;
    case HEC_CODES.ackDisabled:
      return `was refused (${what}): ack is true but the token has indexer acknowledgement off; turn it on for the token, or set ack: false`;
    default:
      if (status === 401 || status === 403) return `was refused (${what}): check the HEC token`;
      if (status === 404)
        return `found no HEC endpoint (${what}): url must be HEC's base URL, e.g. https://splunk.example.com:8088`;
      if (status === 413) return `sent a batch larger than HEC takes (${what}): lower batch.maxBytes`;
      return `was refused (${what})`;
  }
}
