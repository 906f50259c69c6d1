// Rebuilds the raw entry from a normalised one, following docs/normalisation.md ("What is kept"): start from
// `slack.audit` / `unmapped`, then put each mapped value back where it came from. Written apart from the mapping
// code on purpose, so a value the mapping drops or misplaces fails the round trip.
import type { EcsDocument, OcsfEvent, OcsfUser } from '../../../src/normalise/index.js';

type Json = Record<string, unknown>;

/** The entry an ECS document was made from. */
export function fromEcs(document: EcsDocument): Json {
  const raw = structuredClone(document.slack.audit) as Json;
  put(raw, ['id'], document.event.id);
  put(raw, ['action'], document.event.action);
  if (raw.date_create === undefined && document['@timestamp'] !== undefined) {
    raw.date_create = Date.parse(document['@timestamp']) / 1000;
  }
  put(raw, ['actor', 'user', 'id'], document.user?.id);
  put(raw, ['actor', 'user', 'name'], document.user?.full_name);
  put(raw, ['actor', 'user', 'email'], document.user?.email);
  put(raw, ['entity', 'user', 'id'], document.user?.target?.id);
  put(raw, ['entity', 'user', 'name'], document.user?.target?.full_name);
  put(raw, ['entity', 'user', 'email'], document.user?.target?.email);
  put(raw, ['entity', 'usergroup', 'id'], document.group?.id);
  put(raw, ['entity', 'usergroup', 'name'], document.group?.name);
  put(raw, ['entity', 'file', 'name'], document.file?.name);
  put(raw, ['context', 'ip_address'], document.source?.ip);
  put(raw, ['context', 'ua'], document.user_agent?.original);
  put(raw, ['context', 'location', 'id'], document.organization?.id);
  put(raw, ['context', 'location', 'name'], document.organization?.name);
  return raw;
}

/** Entity types whose object names itself with another key than `name`, or identifies itself with another than `id`. */
const NAME_KEYS: Record<string, string> = { canvas: 'title', template: 'template_name' };
const UID_KEYS: Record<string, string> = { message: 'timestamp' };

/** The entry an OCSF event was made from. */
export function fromOcsf(event: OcsfEvent): Json {
  const raw = structuredClone(event.unmapped ?? {}) as Json;
  put(raw, ['id'], event.metadata.uid);
  put(raw, ['action'], event.metadata.event_code);
  if (raw.date_create === undefined) raw.date_create = event.time / 1000;
  // Findings hold the actor and endpoint in their evidence; Base Event holds none of them.
  const context = event.class_uid === 2004 ? event.evidences?.[0] : event.class_uid === 0 ? undefined : event;
  putUser(raw, ['actor', 'user'], context?.actor?.user);
  put(raw, ['context', 'session_id'], context?.actor?.session?.uid);
  put(raw, ['context', 'app', 'id'], context?.actor?.app_uid);
  put(raw, ['context', 'app', 'name'], context?.actor?.app_name);
  put(raw, ['context', 'ip_address'], context?.src_endpoint?.ip);
  put(raw, ['context', 'ua'], context?.http_request?.user_agent);

  const type = (raw.entity as Json | undefined)?.type as string;
  const putReference = (reference: { uid?: string; name?: string } | undefined) => {
    put(raw, ['entity', type, UID_KEYS[type] ?? 'id'], reference?.uid);
    put(raw, ['entity', type, NAME_KEYS[type] ?? 'name'], reference?.name);
  };
  switch (event.class_uid) {
    case 3002: // Authentication: the user is the entity's only when the entity is a user (else it is the actor)
      if (type === 'user') putUser(raw, ['entity', 'user'], event.user);
      break;
    case 3007:
      putUser(raw, ['entity', 'user'], event.user);
      break;
    case 2004:
      putUser(raw, ['entity', 'user'], event.evidences?.[0]?.user);
      putReference(event.evidences?.[0]?.file);
      break;
    case 3008:
      putReference(event.iam_role);
      break;
    case 3006:
      putReference(event.group);
      break;
    case 3004:
      putReference(event.entity);
      break;
    case 6006:
      putReference(event.file);
      break;
    case 6003:
      putReference(event.resources?.[0]);
      break;
  }
  return raw;
}

function putUser(raw: Json, path: string[], user: OcsfUser | undefined): void {
  put(raw, [...path, 'id'], user?.uid);
  put(raw, [...path, 'name'], user?.full_name);
  put(raw, [...path, 'email'], user?.email_addr);
  put(raw, [...path, 'team'], user?.org?.uid);
}

/** Sets `value` at `path`, creating the objects on the way; does nothing for undefined. */
function put(raw: Json, path: string[], value: unknown): void {
  if (value === undefined) return;
  let node = raw;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1] as string] = value;
}
