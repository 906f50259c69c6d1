import type { KnownEntityType } from './entity.js';

/**
 * The body of `GET /schemas`: one item per entity shape the API can return.
 * `type` repeats (`app` ×3, `workflow_v2` ×3, `user` ×2 in 2026): each item is one variant.
 */
export interface SchemasResponse {
  schemas: Schema[];
  /** Only on error bodies. */
  ok?: boolean;
  error?: string;
}

/**
 * A type name as `/schemas` writes it. Known spellings are listed for autocompletion; the list grows.
 * `Optional:` marks a field that may be absent.
 */
export type SchemaFieldType =
  | 'string'
  | 'bool'
  | 'int'
  | 'array'
  | 'vec<string>'
  | 'vec<dict<string, mixed>>'
  | 'dict<string, mixed>'
  | 'Optional: vec<string>'
  | 'Optional: varray<string>'
  | (string & {});

/** An entity object's fields mapped to their type names, e.g. `{ id: 'string', is_shared: 'bool' }`. */
export type SchemaFields<Field extends string> = { [Name in Field]?: SchemaFieldType };

/** One entity shape: `type`, and the object named after it mapping each field to its type name. */
export interface Schema {
  type: KnownEntityType | (string & {});
  workspace?: SchemaFields<'id' | 'name' | 'domain'>;
  enterprise?: SchemaFields<'id' | 'name' | 'domain'>;
  user?: SchemaFields<'id' | 'name' | 'email' | 'team' | 'account_type'>;
  file?: SchemaFields<'id' | 'name' | 'filetype' | 'title'>;
  channel?: SchemaFields<
    | 'id'
    | 'name'
    | 'privacy'
    | 'is_shared'
    | 'is_org_shared'
    | 'teams_shared_with'
    | 'original_connected_channel_id'
    | 'is_salesforce_channel'
  >;
  app?: SchemaFields<
    | 'id'
    | 'name'
    | 'is_distributed'
    | 'is_directory_approved'
    | 'is_workflow_app'
    | 'scopes'
    | 'bot_scopes'
    | 'app_id'
    | 'distribution_type'
    | 'user_ids'
  >;
  workflow?: SchemaFields<'id' | 'name'>;
  barrier?: SchemaFields<
    'id' | 'primary_usergroup' | 'barriered_from_usergroup' | 'barriered_from_usergroups' | 'restricted_subjects'
  >;
  message?: SchemaFields<'team' | 'channel' | 'timestamp'>;
  usergroup?: SchemaFields<'id' | 'name'>;
  role?: SchemaFields<'id' | 'name' | 'type'>;
  account_type_role?: SchemaFields<'id' | 'name'>;
  canvas?: SchemaFields<'id' | 'filetype' | 'title'>;
  workflow_v2?: SchemaFields<
    | 'id'
    | 'app_id'
    | 'date_updated'
    | 'callback_id'
    | 'name'
    | 'updated_by'
    | 'template_id'
    | 'step_configuration'
    | 'suspicious_keywords'
    | 'trigger_name'
    | 'trigger_channels'
    | 'trigger_configuration'
  >;
  template?: SchemaFields<'id' | 'template_name'>;
  legal_hold_policy?: SchemaFields<'id' | 'name'>;
}
