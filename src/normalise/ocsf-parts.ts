import { filledString, ipAddress, isRecord, type JsonRecord } from './entry-fields.js';
import type { OcsfActor, OcsfUser } from './ocsf-event.js';

/** OCSF `email_t`, as the schema's dictionary defines it. */
const EMAIL = /^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;

/** A Slack user as an OCSF user, with the Slack keys it took. */
export interface MovedUser {
  readonly user: OcsfUser;
  readonly moved: readonly string[];
}

/**
 * A Slack user (`actor.user`, `entity.user`) as an OCSF user: `id` → `uid`, `name` → `full_name`, `email` →
 * `email_addr` (when it is an address), `team` → `org.uid`. Undefined without an `id`: OCSF needs a user's uid
 * or name, and Slack's `name` is a full name, not a user name.
 */
export function movedUser(source: unknown): MovedUser | undefined {
  if (!isRecord(source)) return undefined;
  const uid = filledString(source.id);
  if (uid === undefined) return undefined;
  const fullName = filledString(source.name);
  const email = filledString(source.email);
  const emailAddress = email !== undefined && EMAIL.test(email) ? email : undefined;
  const team = filledString(source.team);
  const moved = ['id'];
  if (fullName !== undefined) moved.push('name');
  if (emailAddress !== undefined) moved.push('email');
  if (team !== undefined) moved.push('team');
  return {
    user: { uid, full_name: fullName, email_addr: emailAddress, org: team === undefined ? undefined : { uid: team } },
    moved,
  };
}

/** The entry's `id` and `name` of the object an entity points at, under the keys its type uses. */
export interface EntityReference {
  readonly type: string;
  readonly uid: string | undefined;
  readonly name: string | undefined;
  readonly moved: readonly string[];
}

/** Entity types whose object names itself with another key than `name`. */
const NAME_KEYS: Readonly<Record<string, string>> = { canvas: 'title', template: 'template_name' };
/** Entity types whose object identifies itself with another key than `id`: a message by its timestamp. */
const UID_KEYS: Readonly<Record<string, string>> = { message: 'timestamp' };

/** What every class reads from an entry, read once. */
export interface OcsfEntryParts {
  readonly actor: OcsfActor | undefined;
  /** The `actor.user` keys that moved into `actor.user`. */
  readonly actorUserMoved: readonly string[];
  /** The `context` keys that moved (`ip_address`, `ua`, `session_id`). */
  readonly contextMoved: readonly string[];
  /** The `context.app` keys that moved into `actor.app_uid` / `app_name`. */
  readonly appMoved: readonly string[];
  readonly ip: string | undefined;
  readonly userAgent: string | undefined;
  /** `entity.type`, when it is a non-empty string. */
  readonly entityType: string | undefined;
  /** `entity[entity.type]`, when it is an object. */
  readonly entityObject: JsonRecord | undefined;
}

/** Reads the parts of an entry that several classes place. */
export function readOcsfParts(raw: JsonRecord): OcsfEntryParts {
  const actorUser = movedUser(isRecord(raw.actor) ? raw.actor.user : undefined);
  const context = isRecord(raw.context) ? raw.context : undefined;
  const ip = ipAddress(context?.ip_address);
  const userAgent = filledString(context?.ua);
  const session = filledString(context?.session_id);
  const app = isRecord(context?.app) ? context.app : undefined;
  const appUid = filledString(app?.id);
  const appName = filledString(app?.name);
  const contextMoved: string[] = [];
  if (ip !== undefined) contextMoved.push('ip_address');
  if (userAgent !== undefined) contextMoved.push('ua');
  if (session !== undefined) contextMoved.push('session_id');
  const appMoved: string[] = [];
  if (appUid !== undefined) appMoved.push('id');
  if (appName !== undefined) appMoved.push('name');
  const hasActor = actorUser !== undefined || session !== undefined || appMoved.length > 0;
  const entity = isRecord(raw.entity) ? raw.entity : undefined;
  const entityType = filledString(entity?.type);
  const entityObject = entityType === undefined ? undefined : entity?.[entityType];
  return {
    actor: hasActor
      ? {
          user: actorUser?.user,
          session: session === undefined ? undefined : { uid: session },
          app_uid: appUid,
          app_name: appName,
        }
      : undefined,
    actorUserMoved: actorUser?.moved ?? [],
    contextMoved,
    appMoved,
    ip,
    userAgent,
    entityType,
    entityObject: isRecord(entityObject) ? entityObject : undefined,
  };
}

/** The entity's object as a reference (`uid`, `name`), or undefined when it has neither. */
export function entityReference(parts: OcsfEntryParts): EntityReference | undefined {
  const { entityType: type, entityObject: object } = parts;
  if (type === undefined || object === undefined) return undefined;
  const uidKey = UID_KEYS[type] ?? 'id';
  const nameKey = NAME_KEYS[type] ?? 'name';
  const uid = filledString(object[uidKey]);
  const name = filledString(object[nameKey]);
  if (uid === undefined && name === undefined) return undefined;
  const moved: string[] = [];
  if (uid !== undefined) moved.push(uidKey);
  if (name !== undefined) moved.push(nameKey);
  return { type, uid, name, moved };
}
