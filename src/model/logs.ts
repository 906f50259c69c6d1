// SKELETON: the model helper completes this file (every Python class and field, the superset fields).

/** The body of `GET /logs`. */
export interface LogsResponse {
  entries: Entry[];
  response_metadata?: ResponseMetadata;
  ok?: boolean;
  error?: string;
  warning?: string;
  needed?: string;
  provided?: string;
}

export interface ResponseMetadata {
  /** The cursor of the next (older) page; `""` at the end. */
  next_cursor?: string | null;
}

/** One audit event. */
export interface Entry {
  /** Opaque unique id; the key to de-duplicate on. */
  id: string;
  /** Unix seconds. */
  date_create: number;
  action: string;
  actor?: Actor;
  entity?: Entity;
  context?: Context;
  details?: Details;
}

export interface Actor {
  type?: string;
  user?: User;
}

export interface User {
  id?: string;
  name?: string;
  email?: string;
  team?: string;
  account_type?: string;
}

export interface Location {
  type?: string;
  id?: string;
  name?: string;
  domain?: string;
}

export interface Entity {
  type?: string;
  user?: User;
  workspace?: Location;
  enterprise?: Location;
  [entityType: string]: unknown;
}

export interface Context {
  location?: Location;
  ua?: string;
  ip_address?: string;
  session_id?: string | number | null;
}

export interface Details {
  [key: string]: unknown;
}
