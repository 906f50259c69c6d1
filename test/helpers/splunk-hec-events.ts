/**
 * The event format of Splunk's HTTP Event Collector, without I/O, for the fake in splunk-hec-server.ts (sources there).
 * A body is a series of JSON objects, one after another, optionally separated by whitespace:
 * `{"time":…,"host":…,"source":…,"sourcetype":…,"index":…,"fields":{…},"event":…}{…}`.
 */

/** One event as the client sent it. */
export interface HecEvent {
  event: unknown;
  /** Epoch seconds, may be fractional (a number or a numeric string). */
  time?: number | string;
  host?: string;
  source?: string;
  sourcetype?: string;
  index?: string;
  /** Indexed fields: a flat object of strings, numbers or arrays of them. */
  fields?: Record<string, unknown>;
}

/** A refusal from Splunk's status table: HTTP status, HEC `code` and `text`. */
export interface HecStatus {
  status: number;
  code: number;
  text: string;
}

/** The HEC codes the fake answers with; see "Troubleshoot HTTP Event Collector", possible error codes. */
export const HEC = {
  success: { status: 200, code: 0, text: 'Success' },
  tokenDisabled: { status: 403, code: 1, text: 'Token disabled' },
  tokenRequired: { status: 401, code: 2, text: 'Token is required' },
  invalidAuthorization: { status: 401, code: 3, text: 'Invalid authorization' },
  invalidToken: { status: 403, code: 4, text: 'Invalid token' },
  noData: { status: 400, code: 5, text: 'No data' },
  invalidDataFormat: { status: 400, code: 6, text: 'Invalid data format' },
  incorrectIndex: { status: 400, code: 7, text: 'Incorrect index' },
  internalError: { status: 500, code: 8, text: 'Internal server error' },
  serverBusy: { status: 503, code: 9, text: 'Server is busy' },
  channelMissing: { status: 400, code: 10, text: 'Data channel is missing' },
  invalidChannel: { status: 400, code: 11, text: 'Invalid data channel' },
  eventRequired: { status: 400, code: 12, text: 'Event field is required' },
  eventBlank: { status: 400, code: 13, text: 'Event field cannot be blank' },
  ackDisabled: { status: 400, code: 14, text: 'ACK is disabled' },
  indexedFieldsError: { status: 400, code: 15, text: 'Error in handling indexed fields' },
  healthy: { status: 200, code: 17, text: 'HEC is healthy' },
  queuesFull: { status: 503, code: 18, text: 'HEC is unhealthy, queues are full' },
} as const satisfies Record<string, HecStatus>;

/** The events of a body up to the first bad one, and the refusal for that one if there is one. */
export interface ParsedBatch {
  events: HecEvent[];
  error?: HecStatus & { invalidEventNumber: number };
}

/**
 * Reads a body event by event. Splunk indexes the events before the first bad one and drops the rest, answering 400
 * with `invalid-event-number` (0-based); moby/moby#35862 shows it with an Invalid data format in the middle of a batch.
 * @param allowedIndexes the token's allowed indexes; undefined allows any.
 */
export function parseHecBatch(body: string, allowedIndexes?: readonly string[]): ParsedBatch {
  if (body.trim() === '') return { events: [], error: { ...HEC.noData, invalidEventNumber: 0 } };
  const events: HecEvent[] = [];
  let position = 0;
  for (let number = 0; ; number += 1) {
    position = skipWhitespace(body, position);
    if (position >= body.length) return { events };
    const end = objectEnd(body, position);
    const refuse = (status: HecStatus): ParsedBatch => ({ events, error: { ...status, invalidEventNumber: number } });
    if (end === undefined) return refuse(HEC.invalidDataFormat);
    let value: unknown;
    try {
      value = JSON.parse(body.slice(position, end));
    } catch {
      return refuse(HEC.invalidDataFormat);
    }
    const problem = checkEvent(value as Record<string, unknown>, allowedIndexes);
    if (problem) return refuse(problem);
    events.push(value as HecEvent);
    position = end;
  }
}

function checkEvent(event: Record<string, unknown>, allowedIndexes?: readonly string[]): HecStatus | undefined {
  if (event.event === undefined || event.event === null) return HEC.eventRequired;
  if (event.event === '') return HEC.eventBlank;
  const { time, host, source, sourcetype, index, fields } = event;
  if (time !== undefined && !(typeof time === 'number' || (typeof time === 'string' && /^\d+(\.\d+)?$/.test(time)))) {
    return HEC.invalidDataFormat;
  }
  if ([host, source, sourcetype, index].some((value) => value !== undefined && typeof value !== 'string')) {
    return HEC.invalidDataFormat;
  }
  if (typeof index === 'string' && allowedIndexes && !allowedIndexes.includes(index)) return HEC.incorrectIndex;
  if (fields !== undefined && !isFlatFields(fields)) return HEC.indexedFieldsError;
  return undefined;
}

function isFlatFields(fields: unknown): boolean {
  const scalar = (value: unknown) => typeof value === 'string' || typeof value === 'number';
  return (
    typeof fields === 'object' &&
    fields !== null &&
    !Array.isArray(fields) &&
    Object.values(fields).every((value) => scalar(value) || (Array.isArray(value) && value.every(scalar)))
  );
}

function skipWhitespace(text: string, from: number): number {
  let position = from;
  while (position < text.length && /\s/.test(text[position] ?? '')) position += 1;
  return position;
}

/** The index just past the JSON object that starts at `start`, or undefined if there is none. */
function objectEnd(text: string, start: number): number | undefined {
  if (text[start] !== '{') return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}
