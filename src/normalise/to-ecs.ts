import type { Entry } from '../model/logs.js';
import { actionProfile } from './action-profile.js';
import type { EcsDocument, EcsEvent, EcsUser } from './ecs-document.js';
import { ECS_VERSION } from './ecs-schema.js';
import {
  filledString,
  ipAddress,
  isRecord,
  type JsonRecord,
  keySubsets,
  type Writable,
  withKey,
  withoutKeys,
} from './entry-fields.js';
import { entryMilliseconds, isExactTime } from './entry-time.js';
import { isoTimestamp } from './iso-timestamp.js';

const ECS_META = { version: ECS_VERSION } as const;
const USER_MOVES = keySubsets(['id', 'name', 'email']);
const NAMED_MOVES = keySubsets(['id', 'name']);
const CONTEXT_MOVES = keySubsets(['ip_address', 'ua']);
const FILE_NAME = ['name'];

/**
 * An audit entry as an Elastic Common Schema document. Pure: the entry is not changed, and the document shares
 * the entry's untouched parts (`details`…) rather than copying them. Values move to ECS fields only when they fit
 * them (a non-empty string, a real IP address); everything else stays under `slack.audit` in the entry's shape,
 * so the entry can be rebuilt from the document. Any action name maps, known or not.
 */
export function toEcs(entry: Entry): EcsDocument {
  const raw = entry as unknown as JsonRecord;
  const profile = actionProfile(typeof entry.action === 'string' ? entry.action : '');
  const id = filledString(raw.id);
  const action = filledString(raw.action);
  const ms = entryMilliseconds(raw.date_create);
  const event: Writable<EcsEvent> = {
    kind: profile.ecs.kind,
    category: profile.ecs.category,
    type: profile.ecs.type,
    provider: 'slack',
    module: 'slack',
    dataset: 'slack.audit',
  };
  if (id !== undefined) event.id = id;
  if (action !== undefined) event.action = action;
  if (profile.ecs.outcome !== undefined) event.outcome = profile.ecs.outcome;
  const entity = isRecord(raw.entity) ? raw.entity : undefined;
  const context = isRecord(raw.context) ? raw.context : undefined;
  const moves: EcsMoves = {
    id: id !== undefined,
    action: action !== undefined,
    time: isExactTime(ms, raw.date_create),
    actor: movedUser(isRecord(raw.actor) ? raw.actor.user : undefined),
    target: movedUser(entity?.user),
    usergroup: movedNamed(entity?.usergroup),
    fileName: isRecord(entity?.file) ? filledString(entity.file.name) : undefined,
    ip: ipAddress(context?.ip_address),
    ua: filledString(context?.ua),
    location: movedNamed(context?.location),
  };
  const { actor, target, usergroup, fileName, ip, ua, location } = moves;
  const document: Writable<EcsDocument> = { ecs: ECS_META, event, slack: { audit: auditRest(raw, moves) ?? {} } };
  if (ms !== undefined) document['@timestamp'] = isoTimestamp(ms);
  if (actor.user !== undefined || target.user !== undefined) {
    const user: Writable<NonNullable<EcsDocument['user']>> = actor.user ?? {};
    if (target.user !== undefined) user.target = target.user;
    document.user = user;
  }
  if (usergroup.value !== undefined) document.group = usergroup.value;
  if (fileName !== undefined) document.file = { name: fileName };
  if (ip !== undefined) document.source = { ip };
  if (ua !== undefined) document.user_agent = { original: ua };
  if (location.value !== undefined) document.organization = location.value;
  const relatedFields = related(actor.user, target.user, ip, entry.details?.previous_ip_address);
  if (relatedFields !== undefined) document.related = relatedFields;
  return document;
}

/** What moved from an entry into ECS fields. */
interface EcsMoves {
  readonly id: boolean;
  readonly action: boolean;
  readonly time: boolean;
  readonly actor: MovedUser;
  readonly target: MovedUser;
  readonly usergroup: MovedNamed;
  readonly fileName: string | undefined;
  readonly ip: string | undefined;
  readonly ua: string | undefined;
  readonly location: MovedNamed;
}

/** The entry without what moved into ECS fields, built in one pass; undefined when nothing is left. */
function auditRest(raw: JsonRecord, moves: EcsMoves): JsonRecord | undefined {
  const rest: Record<string, unknown> = {};
  let kept = false;
  for (const key in raw) {
    let value = raw[key];
    if (key === 'id' ? moves.id : key === 'action' ? moves.action : key === 'date_create' && moves.time) continue;
    if (key === 'actor' && isRecord(value)) value = withMovedUser(value, 'user', moves.actor);
    else if (key === 'entity' && isRecord(value)) value = entityRest(value, moves);
    else if (key === 'context' && isRecord(value)) value = contextRest(value, moves);
    if (value === undefined && raw[key] !== undefined) continue;
    rest[key] = value;
    kept = true;
  }
  return kept ? rest : undefined;
}

/** A Slack user split into what ECS takes (`id`, `name` as `full_name`, `email`) and what stays. */
interface MovedUser {
  readonly user: EcsUser | undefined;
  readonly moved: readonly string[];
  readonly rest: JsonRecord | undefined;
}

function movedUser(source: unknown): MovedUser {
  if (!isRecord(source)) return { user: undefined, moved: [], rest: undefined };
  const id = filledString(source.id);
  const name = filledString(source.name);
  const email = filledString(source.email);
  const mask = (id === undefined ? 0 : 1) | (name === undefined ? 0 : 2) | (email === undefined ? 0 : 4);
  if (mask === 0) return { user: undefined, moved: [], rest: source };
  const moved = USER_MOVES[mask] as readonly string[];
  const user: Writable<EcsUser> = {};
  if (id !== undefined) user.id = id;
  if (name !== undefined) user.full_name = name;
  if (email !== undefined) user.email = email;
  return { user, moved, rest: withoutKeys(source, moved) };
}

/** An object's `id` and `name`, for ECS `group` and `organization`. */
interface MovedNamed {
  readonly value: { readonly id?: string; readonly name?: string } | undefined;
  readonly rest: JsonRecord | undefined;
}

function movedNamed(source: unknown): MovedNamed {
  if (!isRecord(source)) return { value: undefined, rest: undefined };
  const id = filledString(source.id);
  const name = filledString(source.name);
  if (id === undefined && name === undefined) return { value: undefined, rest: source };
  const moved = NAMED_MOVES[(id === undefined ? 0 : 1) | (name === undefined ? 0 : 2)] as readonly string[];
  const value: { id?: string; name?: string } = {};
  if (id !== undefined) value.id = id;
  if (name !== undefined) value.name = name;
  return { value, rest: withoutKeys(source, moved) };
}

/** `source[key]` without the user's moved keys. */
function withMovedUser(source: JsonRecord, key: string, user: MovedUser): JsonRecord | undefined {
  return user.user === undefined ? source : withKey(source, key, user.rest);
}

function entityRest(entity: JsonRecord, moves: EcsMoves): JsonRecord | undefined {
  let rest: JsonRecord | undefined = withMovedUser(entity, 'user', moves.target);
  if (rest && moves.usergroup.value !== undefined) rest = withKey(rest, 'usergroup', moves.usergroup.rest);
  if (rest && moves.fileName !== undefined && isRecord(entity.file)) {
    rest = withKey(rest, 'file', withoutKeys(entity.file, FILE_NAME));
  }
  return rest;
}

function contextRest(context: JsonRecord, moves: EcsMoves): JsonRecord | undefined {
  const moved = CONTEXT_MOVES[(moves.ip === undefined ? 0 : 1) | (moves.ua === undefined ? 0 : 2)] as readonly string[];
  if (moves.location.value === undefined) return withoutKeys(context, moved);
  return withoutKeys(context, moved, 'location', moves.location.rest);
}

/** `related.user` (ids and email addresses) and `related.ip` (the source and any previous address). */
function related(
  actor: EcsUser | undefined,
  target: EcsUser | undefined,
  ip: string | undefined,
  previousIp: unknown,
): EcsDocument['related'] {
  const users: string[] = [];
  for (const value of [actor?.id, actor?.email, target?.id, target?.email]) {
    if (value !== undefined && !users.includes(value)) users.push(value);
  }
  const ips: string[] = ip === undefined ? [] : [ip];
  const previous = ipAddress(previousIp);
  if (previous !== undefined && previous !== ip) ips.push(previous);
  if (users.length === 0 && ips.length === 0) return undefined;
  const found: Writable<NonNullable<EcsDocument['related']>> = {};
  if (users.length > 0) found.user = users;
  if (ips.length > 0) found.ip = ips;
  return found;
}
