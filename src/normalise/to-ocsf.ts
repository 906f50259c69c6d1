import type { Entry } from '../model/logs.js';
import { type ActionProfile, actionProfile, type OcsfClassPlan } from './action-profile.js';
import { filledString, isRecord, type JsonRecord, type Writable, withKey, withoutKeys } from './entry-fields.js';
import { entryMilliseconds, isExactTime } from './entry-time.js';
import { CLASS_CONTEXT, CLASS_FILLERS, type OcsfEventDraft } from './ocsf-class-fills.js';
import type { OcsfEvent, OcsfMetadata } from './ocsf-event.js';
import { type OcsfEntryParts, readOcsfParts } from './ocsf-parts.js';
import { OCSF_VERSION } from './ocsf-schema.js';

const PRODUCT = { name: 'Slack', vendor_name: 'Salesforce' } as const;

/**
 * An audit entry as an OCSF event, in the first class of its action's family that the entry has everything for
 * (then API Activity, then Base Event). Pure: the entry is not changed, and the event shares the entry's untouched
 * parts (`details`…). Values move to OCSF attributes only when they fit them; everything else stays under
 * `unmapped` in the entry's shape, so the entry can be rebuilt from the event. Any action name maps.
 */
export function toOcsf(entry: Entry): OcsfEvent {
  const raw = entry as unknown as JsonRecord;
  const profile = actionProfile(typeof entry.action === 'string' ? entry.action : '');
  const parts = readOcsfParts(raw);
  const uid = filledString(raw.id);
  const eventCode = filledString(raw.action);
  const ms = entryMilliseconds(raw.date_create);
  // No key of the event holds undefined: JSON.stringify would leave it out, but walks it first, and on millions of
  // events that walking costs a quarter of the serialisation.
  const metadata: Writable<OcsfMetadata> = { product: PRODUCT, version: OCSF_VERSION };
  if (uid !== undefined) metadata.uid = uid;
  if (eventCode !== undefined) metadata.event_code = eventCode;
  for (const plan of profile.ocsf.plans) {
    const event = commonAttributes(plan, profile, ms, metadata, parts);
    const entityMoved = CLASS_FILLERS[plan.className](event, parts, profile, raw);
    if (entityMoved === undefined) continue;
    const moved: Moved = {
      id: uid !== undefined,
      action: eventCode !== undefined,
      time: isExactTime(ms, raw.date_create),
      context: CLASS_CONTEXT[plan.className] !== 'none',
      entity: entityMoved,
    };
    const rest = unmapped(raw, parts, moved);
    if (rest !== undefined) event.unmapped = rest;
    return event as OcsfEvent;
  }
  throw new Error(`no OCSF class for ${profile.action}`);
}

/** The attributes every class has, and the actor, endpoint and user agent where the class holds them itself. */
function commonAttributes(
  plan: OcsfClassPlan,
  profile: ActionProfile,
  ms: number | undefined,
  metadata: OcsfMetadata,
  parts: OcsfEntryParts,
): OcsfEventDraft {
  const event: OcsfEventDraft = {
    class_uid: plan.classUid,
    class_name: plan.classCaption,
    category_uid: plan.categoryUid,
    category_name: plan.categoryCaption,
    activity_id: plan.activityId,
    activity_name: plan.activityName,
    type_uid: plan.typeUid,
    type_name: plan.typeName,
    // OCSF requires a time: an entry without a usable date_create gets the epoch, and keeps its date_create.
    time: ms ?? 0,
    severity_id: profile.ocsf.severityId,
    severity: profile.ocsf.severity,
  };
  if (plan.statusId !== undefined) {
    event.status_id = plan.statusId;
    event.status = plan.status;
  }
  event.metadata = metadata;
  if (CLASS_CONTEXT[plan.className] === 'event') {
    if (parts.actor !== undefined) event.actor = parts.actor;
    if (parts.ip !== undefined) event.src_endpoint = { ip: parts.ip };
    if (parts.userAgent !== undefined) event.http_request = { user_agent: parts.userAgent };
  }
  return event;
}

/** What moved from an entry into attributes. */
interface Moved {
  readonly id: boolean;
  readonly action: boolean;
  readonly time: boolean;
  /** Whether the class placed the actor, endpoint and user agent (and so took them from the entry). */
  readonly context: boolean;
  /** The keys of the entity's object that moved. */
  readonly entity: readonly string[];
}

/** The entry without what moved into attributes, built in one pass; undefined when nothing is left. */
function unmapped(raw: JsonRecord, parts: OcsfEntryParts, moved: Moved): JsonRecord | undefined {
  let rest: Record<string, unknown> | undefined;
  for (const key in raw) {
    let value = raw[key];
    if (key === 'id' ? moved.id : key === 'action' ? moved.action : key === 'date_create' && moved.time) continue;
    if (key === 'actor' && moved.context && isRecord(value)) value = actorRest(value, parts);
    else if (key === 'context' && moved.context && isRecord(value)) value = contextRest(value, parts);
    else if (key === 'entity' && isRecord(value)) value = entityRest(value, parts, moved.entity);
    if (value === undefined && raw[key] !== undefined) continue;
    rest ??= {};
    rest[key] = value;
  }
  return rest;
}

function actorRest(actor: JsonRecord, parts: OcsfEntryParts): JsonRecord | undefined {
  if (parts.actorUserMoved.length === 0 || !isRecord(actor.user)) return actor;
  return withKey(actor, 'user', withoutKeys(actor.user, parts.actorUserMoved));
}

function contextRest(context: JsonRecord, parts: OcsfEntryParts): JsonRecord | undefined {
  if (parts.appMoved.length === 0 || !isRecord(context.app)) return withoutKeys(context, parts.contextMoved);
  return withoutKeys(context, parts.contextMoved, 'app', withoutKeys(context.app, parts.appMoved));
}

function entityRest(entity: JsonRecord, parts: OcsfEntryParts, moved: readonly string[]): JsonRecord | undefined {
  if (moved.length === 0 || parts.entityType === undefined || parts.entityObject === undefined) return entity;
  return withKey(entity, parts.entityType, withoutKeys(parts.entityObject, moved));
}
