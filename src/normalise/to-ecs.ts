import type { Entry } from '../model/logs.js';
import { actionProfile } from './action-profile.js';
import type { EcsDocument, EcsEvent, EcsUser } from './ecs-document.js';
import { ECS_VERSION } from './ecs-schema.js';
import { filledString, ipAddress, isRecord, type JsonRecord, withKey, withoutKeys } from './entry-fields.js';
import { entryMilliseconds } from './entry-time.js';

const ECS_META = { version: ECS_VERSION } as const;

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
  const time = entryMilliseconds(raw.date_create);
  const event: EcsEvent = {
    id,
    action,
    kind: profile.ecs.kind,
    category: profile.ecs.category,
    type: profile.ecs.type,
    outcome: profile.ecs.outcome,
    provider: 'slack',
    module: 'slack',
    dataset: 'slack.audit',
  };
  const actor = movedUser(isRecord(raw.actor) ? raw.actor.user : undefined);
  const entity = isRecord(raw.entity) ? raw.entity : undefined;
  const target = movedUser(entity?.user);
  const usergroup = movedNamed(entity?.usergroup);
  const fileName = isRecord(entity?.file) ? filledString(entity.file.name) : undefined;
  const context = isRecord(raw.context) ? raw.context : undefined;
  const ip = ipAddress(context?.ip_address);
  const ua = filledString(context?.ua);
  const location = movedNamed(context?.location);

  const moved: string[] = [];
  if (id !== undefined) moved.push('id');
  if (action !== undefined) moved.push('action');
  if (time?.exact) moved.push('date_create');
  let remainder = withoutKeys(raw, moved) ?? {};
  if (actor.moved.length > 0 && isRecord(raw.actor)) {
    remainder = withKey(remainder, 'actor', withKey(raw.actor, 'user', actor.rest)) ?? {};
  }
  if (entity !== undefined)
    remainder = withKey(remainder, 'entity', entityRest(entity, target, usergroup, fileName)) ?? {};
  if (context !== undefined) remainder = withKey(remainder, 'context', contextRest(context, ip, ua, location)) ?? {};

  return {
    '@timestamp': time === undefined ? undefined : new Date(time.ms).toISOString(),
    ecs: ECS_META,
    event,
    user: actor.user || target.user ? { ...actor.user, target: target.user } : undefined,
    group: usergroup.value,
    file: fileName === undefined ? undefined : { name: fileName },
    source: ip === undefined ? undefined : { ip },
    user_agent: ua === undefined ? undefined : { original: ua },
    organization: location.value,
    related: related(actor.user, target.user, ip, entry.details?.previous_ip_address),
    slack: { audit: remainder },
  };
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
  if (id === undefined && name === undefined && email === undefined)
    return { user: undefined, moved: [], rest: source };
  const moved: string[] = [];
  if (id !== undefined) moved.push('id');
  if (name !== undefined) moved.push('name');
  if (email !== undefined) moved.push('email');
  return { user: { id, full_name: name, email }, moved, rest: withoutKeys(source, moved) };
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
  const moved = id === undefined ? ['name'] : name === undefined ? ['id'] : ['id', 'name'];
  return { value: { id, name }, rest: withoutKeys(source, moved) };
}

function entityRest(
  entity: JsonRecord,
  target: MovedUser,
  usergroup: MovedNamed,
  fileName: string | undefined,
): JsonRecord | undefined {
  let rest: JsonRecord | undefined = entity;
  if (target.user !== undefined) rest = withKey(rest, 'user', target.rest);
  if (rest && usergroup.value !== undefined) rest = withKey(rest, 'usergroup', usergroup.rest);
  if (rest && fileName !== undefined && isRecord(entity.file)) {
    rest = withKey(rest, 'file', withoutKeys(entity.file, ['name']));
  }
  return rest;
}

function contextRest(
  context: JsonRecord,
  ip: string | undefined,
  ua: string | undefined,
  location: MovedNamed,
): JsonRecord | undefined {
  const moved: string[] = [];
  if (ip !== undefined) moved.push('ip_address');
  if (ua !== undefined) moved.push('ua');
  const rest = withoutKeys(context, moved);
  return rest && location.value !== undefined ? withKey(rest, 'location', location.rest) : rest;
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
  return { user: users.length > 0 ? users : undefined, ip: ips.length > 0 ? ips : undefined };
}
