import type { ActionProfile } from './action-profile.js';
import { isRecord, type JsonRecord } from './entry-fields.js';
import type { OcsfEvent, OcsfEvidence, OcsfFile } from './ocsf-event.js';
import { entityReference, movedUser, type OcsfEntryParts } from './ocsf-parts.js';
import { OCSF_AUTH_PROTOCOLS, type OcsfClassName } from './ocsf-schema.js';

/** What a class adds to the common attributes of an event. */
export interface ClassFill {
  /** The class's own attributes. */
  readonly fields: Partial<OcsfEvent>;
  /** The keys of the entity's object that moved into `fields`. */
  readonly entityMoved: readonly string[];
  /**
   * Where the actor, source endpoint and user agent go: the event, its first evidence (findings have no actor), or
   * nowhere (Base Event has no such attributes; they stay in `unmapped`).
   */
  readonly context: 'event' | 'evidence' | 'none';
}

/** Fills a class from an entry, or says (undefined) that the entry lacks something the class requires. */
type ClassFiller = (parts: OcsfEntryParts, profile: ActionProfile, raw: JsonRecord) => ClassFill | undefined;

const SLACK_SERVICE = { name: 'Slack' } as const;
/** `details.config_type` of logins through an identity provider, as OCSF authentication protocols. */
const AUTH_PROTOCOL_IDS: Readonly<Record<string, 4 | 5>> = { oidc: 4, saml: 5 };
const ROLE_CHANGE = /^role_change_to_(.+)$/;

/** How each class is filled. */
export const CLASS_FILLERS: { readonly [C in OcsfClassName]: ClassFiller } = {
  authentication: (parts, profile, raw) => {
    // The user who logs in or out, or whose sessions end: the entity when it is a user, else for logins the actor.
    const entityUser = parts.entityType === 'user' ? movedUser(parts.entityObject) : undefined;
    if (parts.entityType === 'user' ? entityUser === undefined : profile.family.ocsf.subjectIsActor !== true) {
      return undefined;
    }
    const user = entityUser?.user ?? parts.actor?.user;
    if (user === undefined) return undefined;
    const configType = isRecord(raw.details) ? raw.details.config_type : undefined;
    const protocolId = typeof configType === 'string' ? AUTH_PROTOCOL_IDS[configType] : undefined;
    return {
      fields: {
        user,
        service: SLACK_SERVICE,
        auth_protocol_id: protocolId,
        auth_protocol: protocolId === undefined ? undefined : OCSF_AUTH_PROTOCOLS[protocolId],
      },
      entityMoved: entityUser?.moved ?? [],
      context: 'event',
    };
  },
  user_management: (parts, profile) => {
    const target = parts.entityType === 'user' ? movedUser(parts.entityObject) : undefined;
    if (target === undefined) return undefined;
    const role = ROLE_CHANGE.exec(profile.action)?.[1];
    return {
      fields: { user: target.user, iam_roles: role === undefined ? undefined : [{ name: role }] },
      entityMoved: target.moved,
      context: 'event',
    };
  },
  role_management: (parts) => {
    if (parts.entityType !== 'role' && parts.entityType !== 'account_type_role') return undefined;
    const role = entityReference(parts);
    if (role === undefined) return undefined;
    return { fields: { iam_role: { uid: role.uid, name: role.name } }, entityMoved: role.moved, context: 'event' };
  },
  group_management: (parts, profile) => {
    if (parts.entityType !== 'usergroup' && parts.entityType !== 'channel') return undefined;
    const group = entityReference(parts);
    if (group === undefined) return undefined;
    // Who joins or leaves a channel is the actor; whoever else a usergroup change concerns, Slack does not say.
    const operation = profile.words.operation;
    const member = operation === 'join' || operation === 'leave' ? parts.actor?.user : undefined;
    return {
      fields: { group: { uid: group.uid, name: group.name, type: group.type }, users: member && [member] },
      entityMoved: group.moved,
      context: 'event',
    };
  },
  entity_management: (parts) => {
    const entity = entityReference(parts);
    if (entity === undefined) return undefined;
    return {
      fields: { entity: { uid: entity.uid, name: entity.name, type: entity.type, type_id: 99 } },
      entityMoved: entity.moved,
      context: 'event',
    };
  },
  file_hosting: (parts) => {
    if (parts.actor === undefined || parts.ip === undefined) return undefined;
    const file = fileOf(parts);
    if (file === undefined) return undefined;
    return { fields: { file: file.file }, entityMoved: file.moved, context: 'event' };
  },
  api_activity: (parts, profile) => {
    if (parts.actor === undefined || parts.ip === undefined) return undefined;
    const resource = entityReference(parts);
    return {
      fields: {
        api: { operation: profile.action },
        resources: resource && [{ uid: resource.uid, name: resource.name, type: resource.type }],
      },
      entityMoved: resource?.moved ?? [],
      context: 'event',
    };
  },
  detection_finding: (parts, profile, raw) => {
    if (typeof raw.id !== 'string' || raw.id === '') return undefined;
    const user = parts.entityType === 'user' ? movedUser(parts.entityObject) : undefined;
    const file = user === undefined ? fileOf(parts) : undefined;
    const evidence: OcsfEvidence = {
      actor: parts.actor,
      src_endpoint: parts.ip === undefined ? undefined : { ip: parts.ip },
      http_request: parts.userAgent === undefined ? undefined : { user_agent: parts.userAgent },
      user: user?.user,
      file: file?.file,
    };
    const reason = isRecord(raw.details) ? raw.details.reason : undefined;
    const reasons = Array.isArray(reason) && reason.every((r) => typeof r === 'string') ? reason : undefined;
    const hasEvidence = Object.values(evidence).some((value) => value !== undefined);
    return {
      fields: {
        finding_info: { uid: raw.id, title: `Slack ${profile.action}`, types: reasons },
        evidences: hasEvidence ? [evidence] : undefined,
        is_alert: true,
      },
      entityMoved: user?.moved ?? file?.moved ?? [],
      context: 'evidence',
    };
  },
  base_event: () => ({ fields: {}, entityMoved: [], context: 'none' }),
};

/** A file entity, or a canvas (its title is its name), as an OCSF file; undefined without a name. */
function fileOf(parts: OcsfEntryParts): { file: OcsfFile; moved: readonly string[] } | undefined {
  if (parts.entityType !== 'file' && parts.entityType !== 'canvas') return undefined;
  const reference = entityReference(parts);
  if (reference?.name === undefined) return undefined;
  return {
    file: { uid: reference.uid, name: reference.name, type_id: 1, type: 'Regular File' },
    moved: reference.moved,
  };
}
