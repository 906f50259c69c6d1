import type { ServerResponse } from 'node:http';

/** The documented error codes of the Audit Logs API, plus `rate_limited`. */
export type ErrorCode =
  | 'missing_authentication'
  | 'invalid_authentication'
  | 'user_not_authorized'
  | 'team_not_authorized'
  | 'feature_not_enabled'
  | 'invalid_workspace'
  | 'method_not_allowed'
  | 'invalid_action'
  | 'invalid_cursor'
  | 'invalid_range'
  | 'bad_endpoint'
  | 'rate_limited';

/** The body the `badjson` fault sends with a 200: a page cut off mid-value, so parsing it fails. */
export const BAD_JSON_BODY = '{"entries":[{"id":"0123a45b-6c7d-8900-e12f-3456789gh0i1","date_create":15212';
/** The body the `badpage` fault sends with a 200: an error, where a client that trusts the status expects a page. */
export const BAD_PAGE_BODY = '{"ok":false,"error":"fatal_error"}';
/** The body the `badentries` fault sends with a 200: valid JSON whose `entries` is not an array. */
export const BAD_ENTRIES_BODY = '{"ok":true,"entries":"nope"}';

/** Sends a JSON body. Success bodies carry no `ok` field, as the real API's do. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(body);
  writeJsonHead(res, status, bytes.length, headers);
  res.end(bytes);
}

/** Sends the HTML page Slack's edge returns with 5xx errors: clients must not expect JSON there. */
export function sendHtmlError(res: ServerResponse, status: number): void {
  const body = `<!DOCTYPE html><html><head><title>Slack</title></head><body><h1>${status}</h1><p>You've found a glitch. Our servers are having trouble; please try again shortly.</p></body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Announces the full body length (and the answer's headers), sends half of it, then destroys the socket. */
export function sendTruncated(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(body);
  writeJsonHead(res, status, bytes.length, headers);
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
}

function writeJsonHead(res: ServerResponse, status: number, length: number, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': length, ...headers });
}
