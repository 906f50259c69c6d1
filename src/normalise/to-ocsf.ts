import type { Entry } from '../model/logs.js';
import { actionProfile, type OcsfClassPlan } from './action-profile.js';
import { filledString, isRecord, type JsonRecord, withKey, withoutKeys } from './entry-fields.js';
import { entryMilliseconds } from './entry-time.js';
import { CLASS_FILLERS, type ClassFill } from './ocsf-class-fills.js';
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
  for (const plan of profile.ocsf.plans) {
    const fill = CLASS_FILLERS[plan.className](parts, profile, raw);
    if (fill !== undefined) return ocsfEvent(raw, plan, profile.ocsf.severityId, profile.ocsf.severity, parts, fill);
  }
  throw new Error(`no OCSF class for ${profile.action}`);
}

function ocsfEvent(
  raw: JsonRecord,
  plan: OcsfClassPlan,
  severityId: number,
  severity: string,
  parts: OcsfEntryParts,
  fill: ClassFill,
): OcsfEvent {
  const uid = filledString(raw.id);
  const eventCode = filledString(raw.action);
  const time = entryMilliseconds(raw.date_create);
  const metadata: OcsfMetadata = {
    product: PRODUCT,
    version: OCSF_VERSION,
    uid,
    event_code: eventCode,
    original_time: typeof raw.date_create === 'number' ? String(raw.date_create) : undefined,
  };
  const inEvent = fill.context === 'event';
  return {
    class_uid: plan.classUid,
    class_name: plan.classCaption,
    category_uid: plan.categoryUid,
    category_name: plan.categoryCaption,
    activity_id: plan.activityId,
    activity_name: plan.activityName,
    type_uid: plan.typeUid,
    type_name: plan.typeName,
    // OCSF requires a time: an entry without a usable date_create gets the epoch, and keeps its date_create.
    time: time?.ms ?? 0,
    severity_id: severityId,
    severity,
    status_id: plan.statusId,
    status: plan.status,
    metadata,
    actor: inEvent ? parts.actor : undefined,
    src_endpoint: inEvent && parts.ip !== undefined ? { ip: parts.ip } : undefined,
    http_request: inEvent && parts.userAgent !== undefined ? { user_agent: parts.userAgent } : undefined,
    ...fill.fields,
    unmapped: unmapped(raw, uid, eventCode, time?.exact === true, parts, fill),
  };
}

/** The entry without what moved into attributes; undefined when nothing is left. */
function unmapped(
  raw: JsonRecord,
  uid: string | undefined,
  eventCode: string | undefined,
  exactTime: boolean,
  parts: OcsfEntryParts,
  fill: ClassFill,
): JsonRecord | undefined {
  const moved: string[] = [];
  if (uid !== undefined) moved.push('id');
  if (eventCode !== undefined) moved.push('action');
  if (exactTime) moved.push('date_create');
  let rest = withoutKeys(raw, moved);
  if (rest !== undefined && fill.context !== 'none') rest = withoutContext(rest, parts);
  if (rest !== undefined && fill.entityMoved.length > 0 && isRecord(raw.entity) && parts.entityType !== undefined) {
    const object = parts.entityObject ?? {};
    rest = withKey(rest, 'entity', withKey(raw.entity, parts.entityType, withoutKeys(object, fill.entityMoved)));
  }
  return rest;
}

/** The entry without the actor's user, endpoint, user agent, session and app that moved into the actor. */
function withoutContext(rest: JsonRecord, parts: OcsfEntryParts): JsonRecord | undefined {
  let result: JsonRecord | undefined = rest;
  if (parts.actorUserMoved.length > 0 && isRecord(rest.actor) && isRecord(rest.actor.user)) {
    result = withKey(rest, 'actor', withKey(rest.actor, 'user', withoutKeys(rest.actor.user, parts.actorUserMoved)));
  }
  const context = result?.context;
  if (result !== undefined && isRecord(context) && (parts.contextMoved.length > 0 || parts.appMoved.length > 0)) {
    let contextRest = withoutKeys(context, parts.contextMoved);
    if (contextRest !== undefined && parts.appMoved.length > 0 && isRecord(context.app)) {
      contextRest = withKey(contextRest, 'app', withoutKeys(context.app, parts.appMoved));
    }
    result = withKey(result, 'context', contextRest);
  }
  return result;
}
