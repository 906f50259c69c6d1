// Interim: the model module will own these normalisers.
import type { ActionsResponse, LogsResponse, SchemasResponse } from '../model/index.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function toLogsResponse(body: unknown): LogsResponse {
  if (isObject(body) && Array.isArray(body.entries)) return body as unknown as LogsResponse;
  return { ...(isObject(body) ? body : {}), entries: [] } as LogsResponse;
}

export function toSchemasResponse(body: unknown): SchemasResponse {
  if (isObject(body) && Array.isArray(body.schemas)) return body as unknown as SchemasResponse;
  return { ...(isObject(body) ? body : {}), schemas: [] } as SchemasResponse;
}

export function toActionsResponse(body: unknown): ActionsResponse {
  if (isObject(body) && isObject(body.actions)) return body as unknown as ActionsResponse;
  return { ...(isObject(body) ? body : {}), actions: {} } as ActionsResponse;
}
