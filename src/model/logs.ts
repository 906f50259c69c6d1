import type { Actor } from './actor.js';
import type { Context } from './context.js';
import type { Details } from './details.js';
import type { Entity } from './entity.js';
import type { KnownAction } from './known-actions.js';

/**
 * The body of `GET /logs`: one page of entries, newest first.
 * A success carries no `ok: true`; decide success from the HTTP status.
 */
export interface LogsResponse {
  entries: Entry[];
  response_metadata?: ResponseMetadata;
  /** Deprecated on success bodies; `false` on error bodies. */
  ok?: boolean;
  /** The error code on error bodies (`invalid_authentication`, …); `""` or absent otherwise. */
  error?: string;
  warning?: string;
  /** The scope that was missing, on permission errors. */
  needed?: string;
  /** The scopes the token had, on permission errors. */
  provided?: string;
}

/** Paging data sent with each `/logs` page. */
export interface ResponseMetadata {
  /** The cursor of the next (older) page. `""`, `null` or absent means there is no next page. */
  next_cursor?: string | null;
  messages?: string[];
  warnings?: string[];
}

/** One audit event: who (`actor`) did what (`action`) to what (`entity`), where and how (`context`). */
export interface Entry {
  /** Opaque unique id (UUID-like, not always hex); the key to de-duplicate on. */
  id: string;
  /** When the event happened, in Unix seconds. */
  date_create: number;
  /** The action name, e.g. `user_login`. Any string is accepted: Slack adds actions without notice. */
  action: KnownAction | (string & {});
  actor?: Actor;
  entity?: Entity;
  context?: Context;
  /** Action-specific extras; absent on most actions. */
  details?: Details;
}
