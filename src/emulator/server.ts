import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../time/clock.js';
import { type ApiAnswer, type AuditApi, endpointOf, failure } from './api.js';
import { authenticate } from './auth.js';
import type { FaultKind, FaultPlan } from './faults.js';
import { pageBodyWithoutAnId } from './logs-page.js';
import type { ForbiddenTokenError } from './options.js';
import type { RequestCounters } from './request-counters.js';
import type { RecordedRequest, RequestLog } from './request-log.js';
import { BAD_ENTRIES_BODY, BAD_JSON_BODY, BAD_PAGE_BODY, sendHtmlError, sendJson, sendTruncated } from './responses.js';

/** The fixed 200 bodies of the faults that replace the answer with a hostile page. */
const SPOILED_BODIES = { badjson: BAD_JSON_BODY, badpage: BAD_PAGE_BODY, badentries: BAD_ENTRIES_BODY } as const;

/** What the HTTP side needs of one organisation. */
export interface ServedOrg {
  api: AuditApi;
  faults: FaultPlan;
  counters: RequestCounters;
}

export interface HandlerDeps {
  /** Organisation k at index k - 1. */
  orgs: readonly ServedOrg[];
  /** The organisation (1-based) a token belongs to, if any. */
  orgOf: (token: string) => number | undefined;
  /** Tokens that authenticate but are refused with a 403 code. */
  forbiddenTokens: Readonly<Record<string, ForbiddenTokenError>>;
  /** The recent requests of every organisation. */
  log: RequestLog;
  clock: Clock;
  /** How long a `slow` fault holds the response, in milliseconds. */
  slowResponseMs: number;
  /** `Retry-After` of an injected 429, in seconds. */
  faultRetryAfterSeconds: number;
  /** Aborts pending slow responses when the emulator closes. */
  closing: AbortSignal;
  /** Called after each request with what was recorded (the CLI prints it). */
  onRequest?: (request: RecordedRequest) => void;
}

/**
 * The HTTP side: routing, method check, which organisation a request is for, fault injection and recording. Faults
 * act like a flaky edge in front of the API, so they hit any known endpoint, before authentication and the rate
 * limit; each organisation draws its own.
 */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendHtmlError(res, 500);
      else res.destroy(error instanceof Error ? error : undefined);
    });
  };
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const method = req.method ?? 'GET';
  const at = deps.clock.now();
  const auth = authenticate(req.headers.authorization, deps.orgOf, deps.forbiddenTokens);
  // A token that names no organisation leaves the request to organisation 1, as when there is only one.
  const orgNumber = auth.ok ? auth.org : 1;
  const org = deps.orgs[orgNumber - 1] as ServedOrg;
  const record = (status: number, extra: Pick<RecordedRequest, 'fault' | 'entries'> = {}, rateLimited = false) => {
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      org: orgNumber,
      status,
      at,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      ...extra,
    };
    deps.log.record(request);
    org.counters.record(request, rateLimited);
    deps.onRequest?.(request);
  };
  // The API reads nothing from bodies; drain them so keep-alive connections stay usable.
  req.resume();

  const endpoint = endpointOf(url.pathname);
  if (endpoint === undefined) return send(res, failure(404, 'bad_endpoint'), record);
  if (method !== 'GET') return send(res, failure(405, 'method_not_allowed', { allow: 'GET' }), record);

  const fault = org.faults.next();
  const answer = () => org.api.answer(endpoint, auth, url.searchParams);
  switch (fault) {
    case undefined:
      return send(res, answer(), record);
    case '429':
      return send(
        res,
        failure(429, 'rate_limited', { 'retry-after': String(deps.faultRetryAfterSeconds) }),
        record,
        fault,
      );
    case '500':
    case '502':
    case '503':
    case '504':
      sendHtmlError(res, Number(fault));
      return record(Number(fault), { fault });
    case 'reset':
      req.socket.destroy();
      return record(0, { fault });
    case 'truncate': {
      const full = answer();
      sendTruncated(res, full.status, full.body, full.headers);
      return record(full.status, withEntries(full, fault), full.rateLimited);
    }
    case 'badjson':
    case 'badpage':
    case 'badentries':
      sendJson(res, 200, SPOILED_BODIES[fault]);
      return record(200, { fault });
    case 'noid': {
      const full = answer();
      const spoiled = full.page && pageBodyWithoutAnId(full.page.entries, full.page.nextCursor);
      // Only a page with entries can lose an id; any other answer goes out as it is, with no fault counted.
      if (spoiled === undefined) return send(res, full, record);
      return send(res, { ...full, body: spoiled }, record, fault);
    }
    case 'slow':
      return sendSlowly(deps, res, answer, record);
  }
}

async function sendSlowly(
  deps: HandlerDeps,
  res: ServerResponse,
  answer: () => ApiAnswer,
  record: (status: number, extra?: Pick<RecordedRequest, 'fault' | 'entries'>, rateLimited?: boolean) => void,
): Promise<void> {
  // Stop waiting if the client gives up or the emulator closes.
  const gaveUp = new AbortController();
  const onClose = () => gaveUp.abort();
  res.once('close', onClose);
  try {
    await deps.clock.sleep(deps.slowResponseMs, AbortSignal.any([gaveUp.signal, deps.closing]));
  } catch {
    record(0, { fault: 'slow' });
    res.destroy();
    return;
  } finally {
    res.off('close', onClose);
  }
  send(res, answer(), record, 'slow');
}

function send(
  res: ServerResponse,
  answer: ApiAnswer,
  record: (status: number, extra?: Pick<RecordedRequest, 'fault' | 'entries'>, rateLimited?: boolean) => void,
  fault?: FaultKind,
): void {
  sendJson(res, answer.status, answer.body, answer.headers);
  record(answer.status, withEntries(answer, fault), answer.rateLimited);
}

function withEntries(answer: ApiAnswer, fault: FaultKind | undefined): Pick<RecordedRequest, 'fault' | 'entries'> {
  const extra: Pick<RecordedRequest, 'fault' | 'entries'> = {};
  if (fault) extra.fault = fault;
  if (answer.entries !== undefined) extra.entries = answer.entries;
  return extra;
}
