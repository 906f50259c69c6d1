import type { EcsEventCategory, EcsEventKind, EcsEventOutcome, EcsEventType } from './ecs-schema.js';
import type { JsonRecord } from './entry-fields.js';

/**
 * An audit entry in the Elastic Common Schema, as `toEcs` makes it: nested objects, ready to index. Every field
 * outside `slack` is an ECS field; `slack.audit` keeps the rest of the entry in its own shape.
 */
export interface EcsDocument {
  /** `date_create` as ISO 8601 (UTC, milliseconds); absent when `date_create` is not a usable time. */
  readonly '@timestamp'?: string;
  readonly ecs: { readonly version: string };
  readonly event: EcsEvent;
  /** The actor. */
  readonly user?: EcsUser & { readonly target?: EcsUser };
  /** The usergroup acted on. */
  readonly group?: { readonly id?: string; readonly name?: string };
  /** The file acted on. */
  readonly file?: { readonly name: string };
  readonly source?: { readonly ip: string };
  readonly user_agent?: { readonly original: string };
  /** The workspace or enterprise where the action was taken (`context.location`). */
  readonly organization?: { readonly id?: string; readonly name?: string };
  readonly related?: { readonly user?: readonly string[]; readonly ip?: readonly string[] };
  readonly slack: { readonly audit: SlackAuditRemainder };
}

/** The ECS `event` fields of an audit entry. */
export interface EcsEvent {
  /** The entry's `id`. */
  readonly id?: string;
  /** The entry's `action`. */
  readonly action?: string;
  readonly kind: EcsEventKind;
  readonly category: readonly EcsEventCategory[];
  readonly type: readonly EcsEventType[];
  /** Only where the action says it (`user_login_failed` → `failure`). */
  readonly outcome?: EcsEventOutcome;
  readonly provider: 'slack';
  readonly module: 'slack';
  readonly dataset: 'slack.audit';
}

/** A Slack user in ECS terms: `name` is the person's name, hence `full_name`. */
export interface EcsUser {
  readonly id?: string;
  readonly full_name?: string;
  readonly email?: string;
}

/**
 * What ECS has no field for, in the entry's own shape: `actor`, `entity`, `context`, `details` and any field
 * Slack adds later, without the values that moved to ECS fields. `date_create` stays only when `@timestamp`
 * cannot give it back exactly.
 */
export type SlackAuditRemainder = JsonRecord;
