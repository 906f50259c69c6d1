import { filledString, ipAddress, isRecord, type JsonRecord, keySubsets, type Writable } from './entry-fields.js';
import type { OcsfActor, OcsfGroup, OcsfUser } from './ocsf-event.js';

/** OCSF `email_t`, as the schema's dictionary defines it. */
const EMAIL = /^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;
const USER_MOVES = keySubsets(['id', 'name', 'email', 'team']);
const CONTEXT_MOVES = keySubsets(['ip_address', 'ua', 'session_id']);
const APP_MOVES = keySubsets(['id', 'name']);
const NO_KEYS: readonly string[] = [];

/**
 * A Slack user (`actor.user`, `entity.user`) as an OCSF user: `id` → `uid`, `name` → `full_name`, `email` →
 * `email_addr` (when it is an address), `team` → `org.uid`. Undefined without an `id`: OCSF needs a user's uid
 * or name, and Slack's `name` is a full name, not a user name.
 */
export function ocsfUser(source: unknown): OcsfUser | undefined {
  if (!isRecord(source)) return undefined;
  const uid = filledString(source.id);
  if (uid === undefined) return undefined;
  const user: Writable<OcsfUser> = { uid };
  const fullName = filledString(source.name);
  if (fullName !== undefined) user.full_name = fullName;
  const email = filledString(source.email);
  if (email !== undefined && EMAIL.test(email)) user.email_addr = email;
  const team = filledString(source.team);
  if (team !== undefined) user.org = { uid: team };
  return user;
}

/** The Slack keys an `ocsfUser` took, read back from what it holds. */
export function userMovedKeys(user: OcsfUser | undefined): readonly string[] {
  if (user === undefined) return NO_KEYS;
  const mask =
    1 |
    (user.full_name === undefined ? 0 : 2) |
    (user.email_addr === undefined ? 0 : 4) |
    (user.org === undefined ? 0 : 8);
  return USER_MOVES[mask] as readonly string[];
}

/** Entity types whose object names itself with another key than `name`. */
const NAME_KEYS: Readonly<Record<string, string>> = { canvas: 'title', template: 'template_name' };
/** Entity types whose object identifies itself with another key than `id`: a message by its timestamp. */
const UID_KEYS: Readonly<Record<string, string>> = { message: 'timestamp' };
/** The key of an entity type's id; own keys only, so a type named `constructor` or `__proto__` reads `id`. */
function uidKeyOf(type: string): string {
  return Object.hasOwn(UID_KEYS, type) ? (UID_KEYS[type] as string) : 'id';
}

/** The key of an entity type's name, as {@link uidKeyOf} reads its id. */
function nameKeyOf(type: string): string {
  return Object.hasOwn(NAME_KEYS, type) ? (NAME_KEYS[type] as string) : 'name';
}

/** The subsets of each pair of id and name keys, made on first use. */
const REFERENCE_MOVES = new Map<string, readonly (readonly string[])[]>();

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
  const user = ocsfUser(isRecord(raw.actor) ? raw.actor.user : undefined);
  const context = isRecord(raw.context) ? raw.context : undefined;
  const ip = ipAddress(context?.ip_address);
  const userAgent = filledString(context?.ua);
  const session = filledString(context?.session_id);
  const app = isRecord(context?.app) ? context.app : undefined;
  const appUid = filledString(app?.id);
  const appName = filledString(app?.name);
  let actor: Writable<OcsfActor> | undefined;
  if (user !== undefined || session !== undefined || appUid !== undefined || appName !== undefined) {
    actor = {};
    if (user !== undefined) actor.user = user;
    if (session !== undefined) actor.session = { uid: session };
    if (appUid !== undefined) actor.app_uid = appUid;
    if (appName !== undefined) actor.app_name = appName;
  }
  const entity = isRecord(raw.entity) ? raw.entity : undefined;
  const entityType = filledString(entity?.type);
  const entityObject = entityType === undefined ? undefined : entity?.[entityType];
  return {
    actor,
    actorUserMoved: userMovedKeys(user),
    contextMoved: CONTEXT_MOVES[
      (ip === undefined ? 0 : 1) | (userAgent === undefined ? 0 : 2) | (session === undefined ? 0 : 4)
    ] as readonly string[],
    appMoved: APP_MOVES[(appUid === undefined ? 0 : 1) | (appName === undefined ? 0 : 2)] as readonly string[],
    ip,
    userAgent,
    entityType,
    entityObject: isRecord(entityObject) ? entityObject : undefined,
  };
}

/**
 * The entity's object as an OCSF `uid` and `name` (with `type`, Slack's entity type, when asked), or undefined when
 * it has neither.
 */
export function entityReference(parts: OcsfEntryParts, withType: boolean): Writable<OcsfGroup> | undefined {
  const { entityType: type, entityObject: object } = parts;
  if (type === undefined || object === undefined) return undefined;
  const uid = filledString(object[uidKeyOf(type)]);
  const name = filledString(object[nameKeyOf(type)]);
  if (uid === undefined && name === undefined) return undefined;
  const reference: Writable<OcsfGroup> = {};
  if (uid !== undefined) reference.uid = uid;
  if (name !== undefined) reference.name = name;
  if (withType) reference.type = type;
  return reference;
}

/** The keys of the entity's object that an `entityReference` took, read back from what it holds. */
export function referenceMovedKeys(parts: OcsfEntryParts, reference: OcsfGroup | undefined): readonly string[] {
  const type = parts.entityType;
  if (reference === undefined || type === undefined) return NO_KEYS;
  // Keyed by the pair of keys, not by the entity type a server sent: a few pairs, however many types come.
  const uidKey = uidKeyOf(type);
  const nameKey = nameKeyOf(type);
  const pair = `${uidKey}\n${nameKey}`;
  let moves = REFERENCE_MOVES.get(pair);
  if (moves === undefined) {
    moves = keySubsets([uidKey, nameKey]);
    REFERENCE_MOVES.set(pair, moves);
  }
  return moves[(reference.uid === undefined ? 0 : 1) | (reference.name === undefined ? 0 : 2)] as readonly string[];
}
