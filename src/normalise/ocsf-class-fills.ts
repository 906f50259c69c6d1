import type { ActionProfile } from './action-profile.js';
import { isRecord, type JsonRecord, type Writable } from './entry-fields.js';
import type { OcsfEvent, OcsfEvidence, OcsfFile, OcsfFindingInfo, OcsfManagedEntity } from './ocsf-event.js';
import { entityReference, type OcsfEntryParts, ocsfUser, referenceMovedKeys, userMovedKeys } from './ocsf-parts.js';
import { OCSF_AUTH_PROTOCOLS, type OcsfClassName } from './ocsf-schema.js';

/** An event being built: the common attributes are set, the class adds its own. */
export type OcsfEventDraft = Partial<Writable<OcsfEvent>>;

/**
 * Adds a class's own attributes to an event and returns the keys of the entity's object that moved into them; or
 * returns undefined, having added nothing, when the entry lacks something the class requires.
 */
type ClassFiller = (
  event: OcsfEventDraft,
  parts: OcsfEntryParts,
  profile: ActionProfile,
  raw: JsonRecord,
) => readonly string[] | undefined;

/**
 * Where each class puts the actor, source endpoint and user agent: the event itself, its first evidence (findings
 * have no actor), or nowhere (Base Event has no such attributes; they stay in `unmapped`).
 */
export const CLASS_CONTEXT: { readonly [C in OcsfClassName]: 'event' | 'evidence' | 'none' } = {
  authentication: 'event',
  user_management: 'event',
  role_management: 'event',
  group_management: 'event',
  entity_management: 'event',
  file_hosting: 'event',
  api_activity: 'event',
  detection_finding: 'evidence',
  base_event: 'none',
};

const SLACK_SERVICE = { name: 'Slack' } as const;
/** `details.config_type` of logins through an identity provider, as OCSF authentication protocols. */
const AUTH_PROTOCOL_IDS: Readonly<Record<string, 4 | 5>> = { oidc: 4, saml: 5 };
const ROLE_CHANGE = /^role_change_to_(.+)$/;
const NOTHING_MOVED: readonly string[] = [];

/** How each class is filled. */
export const CLASS_FILLERS: { readonly [C in OcsfClassName]: ClassFiller } = {
  authentication: (event, parts, profile, raw) => {
    // The user who logs in or out, or whose sessions end: the entity when it is a user, else for logins the actor.
    const entityUser = parts.entityType === 'user' ? ocsfUser(parts.entityObject) : undefined;
    const user =
      parts.entityType === 'user' ? entityUser : profile.family.ocsf.subjectIsActor ? parts.actor?.user : undefined;
    if (user === undefined) return undefined;
    event.user = user;
    event.service = SLACK_SERVICE;
    const configType = isRecord(raw.details) ? raw.details.config_type : undefined;
    const protocolId = typeof configType === 'string' ? AUTH_PROTOCOL_IDS[configType] : undefined;
    if (protocolId !== undefined) {
      event.auth_protocol_id = protocolId;
      event.auth_protocol = OCSF_AUTH_PROTOCOLS[protocolId];
    }
    return userMovedKeys(entityUser);
  },
  user_management: (event, parts, profile) => {
    const user = parts.entityType === 'user' ? ocsfUser(parts.entityObject) : undefined;
    if (user === undefined) return undefined;
    event.user = user;
    const role = ROLE_CHANGE.exec(profile.action)?.[1];
    if (role !== undefined) event.iam_roles = [{ name: role }];
    return userMovedKeys(user);
  },
  role_management: (event, parts) => {
    if (parts.entityType !== 'role' && parts.entityType !== 'account_type_role') return undefined;
    const role = entityReference(parts, false);
    if (role === undefined) return undefined;
    event.iam_role = role;
    return referenceMovedKeys(parts, role);
  },
  group_management: (event, parts, profile) => {
    if (parts.entityType !== 'usergroup' && parts.entityType !== 'channel') return undefined;
    const group = entityReference(parts, true);
    if (group === undefined) return undefined;
    event.group = group;
    // Who joins or leaves a channel is the actor; whoever else a usergroup change concerns, Slack does not say.
    const operation = profile.words.operation;
    const member = operation === 'join' || operation === 'leave' ? parts.actor?.user : undefined;
    if (member !== undefined) event.users = [member];
    return referenceMovedKeys(parts, group);
  },
  entity_management: (event, parts) => {
    const entity = entityReference(parts, true) as Writable<OcsfManagedEntity> | undefined;
    if (entity === undefined) return undefined;
    entity.type_id = 99;
    event.entity = entity;
    return referenceMovedKeys(parts, entity);
  },
  file_hosting: (event, parts) => {
    if (parts.actor === undefined || parts.ip === undefined) return undefined;
    const file = fileOf(parts);
    if (file === undefined) return undefined;
    event.file = file;
    return referenceMovedKeys(parts, file);
  },
  api_activity: (event, parts, profile) => {
    if (parts.actor === undefined || parts.ip === undefined) return undefined;
    event.api = { operation: profile.action };
    const resource = entityReference(parts, true);
    if (resource !== undefined) event.resources = [resource];
    return referenceMovedKeys(parts, resource);
  },
  detection_finding: (event, parts, profile, raw) => {
    if (typeof raw.id !== 'string' || raw.id === '') return undefined;
    const finding: Writable<OcsfFindingInfo> = { uid: raw.id, title: `Slack ${profile.action}` };
    const reason = isRecord(raw.details) ? raw.details.reason : undefined;
    if (Array.isArray(reason) && reason.every((r) => typeof r === 'string')) finding.types = reason;
    event.finding_info = finding;
    const evidence: Writable<OcsfEvidence> = {};
    if (parts.actor !== undefined) evidence.actor = parts.actor;
    if (parts.ip !== undefined) evidence.src_endpoint = { ip: parts.ip };
    if (parts.userAgent !== undefined) evidence.http_request = { user_agent: parts.userAgent };
    const user = parts.entityType === 'user' ? ocsfUser(parts.entityObject) : undefined;
    const file = user === undefined ? fileOf(parts) : undefined;
    if (user !== undefined) evidence.user = user;
    if (file !== undefined) evidence.file = file;
    if (Object.keys(evidence).length > 0) event.evidences = [evidence];
    event.is_alert = true;
    return user === undefined ? referenceMovedKeys(parts, file) : userMovedKeys(user);
  },
  base_event: () => NOTHING_MOVED,
};

/** A file entity, or a canvas (its title is its name), as an OCSF regular file; undefined without a name. */
function fileOf(parts: OcsfEntryParts): OcsfFile | undefined {
  if (parts.entityType !== 'file' && parts.entityType !== 'canvas') return undefined;
  const file = entityReference(parts, false) as Writable<OcsfFile> | undefined;
  if (file?.name === undefined) return undefined;
  file.type_id = 1;
  file.type = 'Regular File';
  return file;
}
