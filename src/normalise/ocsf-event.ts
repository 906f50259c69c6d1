import type { JsonRecord } from './entry-fields.js';

/**
 * An audit entry as an OCSF event, as `toOcsf` makes it. Which attributes are present depends on the class
 * (`class_uid`); docs/normalisation.md lists them per class. `unmapped` keeps the rest of the entry.
 */
export interface OcsfEvent {
  readonly class_uid: number;
  readonly class_name: string;
  readonly category_uid: number;
  readonly category_name: string;
  readonly activity_id: number;
  /** The activity's caption; the action's name when `activity_id` is 99 (Other). */
  readonly activity_name: string;
  /** class_uid × 100 + activity_id. */
  readonly type_uid: number;
  readonly type_name: string;
  /** `date_create` in milliseconds since the epoch. */
  readonly time: number;
  readonly severity_id: number;
  readonly severity: string;
  /** 1 (Success) or 2 (Failure), only where the action says it. */
  readonly status_id?: number;
  readonly status?: string;
  readonly metadata: OcsfMetadata;
  readonly actor?: OcsfActor;
  readonly src_endpoint?: OcsfEndpoint;
  readonly http_request?: OcsfHttpRequest;
  /** Authentication: who logged in or out. User Management: the user acted on. */
  readonly user?: OcsfUser;
  /** Authentication: always Slack. */
  readonly service?: OcsfNamed;
  readonly auth_protocol_id?: number;
  readonly auth_protocol?: string;
  /** User Management: the role a `role_change_to_*` gives. */
  readonly iam_roles?: readonly OcsfNamed[];
  /** Role Management: the role acted on. */
  readonly iam_role?: OcsfNamed;
  /** Group Management: the usergroup or channel. */
  readonly group?: OcsfGroup;
  /** Group Management: who joined or left a channel. */
  readonly users?: readonly OcsfUser[];
  /** Entity Management: the object acted on. */
  readonly entity?: OcsfManagedEntity;
  /** File Hosting Activity: the file or canvas. */
  readonly file?: OcsfFile;
  /** API Activity: the action as the operation. */
  readonly api?: { readonly operation: string };
  /** API Activity: the object acted on. */
  readonly resources?: readonly OcsfGroup[];
  /** Detection Finding: the detection. */
  readonly finding_info?: OcsfFindingInfo;
  /** Detection Finding: who and what the detection is about. */
  readonly evidences?: readonly OcsfEvidence[];
  readonly is_alert?: boolean;
  /** Everything of the entry that no attribute above holds, in the entry's own shape. */
  readonly unmapped?: JsonRecord;
}

export interface OcsfMetadata {
  readonly product: { readonly name: 'Slack'; readonly vendor_name: 'Salesforce' };
  /** The OCSF schema version. */
  readonly version: string;
  /** The entry's `id`. */
  readonly uid?: string;
  /** The entry's `action`. */
  readonly event_code?: string;
}

export interface OcsfActor {
  readonly user?: OcsfUser;
  /** `context.session_id`, when Slack sent it as a string. */
  readonly session?: { readonly uid: string };
  /** `context.app.id`: the app that triggered the event. */
  readonly app_uid?: string;
  readonly app_name?: string;
}

/** A Slack user: `id` as `uid`, `name` (the person's name) as `full_name`, `team` as `org.uid`. */
export interface OcsfUser {
  readonly uid?: string;
  readonly full_name?: string;
  readonly email_addr?: string;
  readonly org?: { readonly uid: string };
}

export interface OcsfNamed {
  readonly uid?: string;
  readonly name?: string;
}

export interface OcsfGroup extends OcsfNamed {
  /** The entity type (`usergroup`, `channel`…), as Slack names it. */
  readonly type?: string;
}

export interface OcsfManagedEntity extends OcsfGroup {
  /** 99 (Other): `type` holds Slack's entity type. */
  readonly type_id: 99;
}

export interface OcsfEndpoint {
  readonly ip: string;
}

export interface OcsfHttpRequest {
  readonly user_agent: string;
}

export interface OcsfFile {
  readonly uid?: string;
  /** A file's name, a canvas's title. */
  readonly name: string;
  /** 1 (Regular File). */
  readonly type_id: 1;
  readonly type: 'Regular File';
}

export interface OcsfFindingInfo {
  /** The entry's `id`. */
  readonly uid: string;
  readonly title: string;
  /** `details.reason`, when it is a list of reason codes. */
  readonly types?: readonly string[];
}

export interface OcsfEvidence {
  readonly actor?: OcsfActor;
  readonly src_endpoint?: OcsfEndpoint;
  readonly http_request?: OcsfHttpRequest;
  readonly user?: OcsfUser;
  readonly file?: OcsfFile;
}
