import type { AAARequest, AAARule } from './aaa-rule.js';
import type { User } from './actor.js';
import type {
  AppPermission,
  Attribute,
  ConversationPref,
  FeatureEnablement,
  Profile,
  RetentionPolicy,
  SharedWith,
  SpaceFileId,
} from './details-objects.js';

/**
 * A setting before or after a change (`details.previous_value` / `new_value`): a string (`"RETAIN_ALL"`),
 * a list (`["C111"]`) or lists by key (`{"type":["ADMINS"],"user":["W1"]}`). `null` means "unset"
 * (for retention: `EXPIRE_MSGS`).
 */
export type ChangedValue = string | string[] | Record<string, string[]> | null;

/**
 * User ids in `details.succeeded_users` / `failed_users`: a list, or (historically) a string holding a
 * JSON-encoded list. `normalizeUserIds` gives the list either way.
 */
export type UserIdList = string[] | string;

/** A user named in details (`inviter`, `kicker`): the User fields, and in newer payloads the Actor form too. */
export interface DetailsUser extends User {
  type?: string;
  user?: User;
}

/**
 * Action-specific extras of an entry. Which fields appear depends on `action`; most are absent.
 * The first 121 fields are the Python SDK's, in its order; the rest come from the Java SDK's sample and the docs.
 */
export interface Details {
  name?: string;
  /** The setting after a `pref.*` change. */
  new_value?: ChangedValue;
  /** The setting before a `pref.*` change. */
  previous_value?: ChangedValue;
  /** Unix seconds (`guest_expiration_set`). */
  expires_on?: number;
  mobile_only?: boolean;
  web_only?: boolean;
  non_sso_only?: boolean;
  type?: string;
  is_workflow?: boolean;
  /** Who invited the user (`user_channel_join`); the entry's context is then the inviter's. */
  inviter?: DetailsUser;
  /** Who removed the user (`user_channel_leave`). */
  kicker?: DetailsUser;
  shared_to?: string;
  /** A string in older events, a list of reason codes on `anomaly`, an object in the Java SDK's sample. */
  reason?: string | string[] | Record<string, unknown>;
  origin_team?: string;
  target_team?: string;
  is_internal_integration?: boolean;
  cleared_resolution?: string;
  app_owner_id?: string;
  bot_scopes?: string[];
  new_scopes?: string[];
  previous_scopes?: string[];
  granular_bot_token?: boolean;
  scopes?: string[];
  scopes_bot?: string[];
  resolution?: string;
  app_previously_resolved?: boolean;
  admin_app_id?: string;
  bot_id?: string;
  installer_user_id?: string;
  approver_id?: string;
  approval_type?: string;
  app_previously_approved?: boolean;
  old_scopes?: string[];
  /** Channel ids. */
  channels?: string[];
  permissions?: AppPermission[];
  new_version_id?: string;
  trigger?: string;
  export_type?: string;
  /** The export's start, as Slack formats it (a string, not a number). */
  export_start_ts?: string;
  /** The export's end, as Slack formats it (a string, not a number). */
  export_end_ts?: string;
  barrier_id?: string;
  primary_usergroup_id?: string;
  barriered_from_usergroup_ids?: string[];
  restricted_subjects?: string[];
  /** Session duration setting; the unit depends on the action (the docs do not say). */
  duration?: number;
  desktop_app_browser_quit?: boolean;
  invite_id?: string;
  external_organization_id?: string;
  external_organization_name?: string;
  external_user_id?: string;
  external_user_email?: string;
  channel_id?: string;
  added_team_id?: string;
  is_token_rotation_enabled_app?: boolean;
  old_retention_policy?: RetentionPolicy;
  new_retention_policy?: RetentionPolicy;
  who_can_post?: ConversationPref;
  can_thread?: ConversationPref;
  is_external_limited?: boolean;
  /** A team id sent as a number (e.g. `1134128598372`), unlike every other id. */
  exporting_team_id?: number;
  /** Unix seconds. */
  session_search_start?: number;
  /** Unix seconds. */
  deprecation_search_end?: number;
  is_error?: boolean;
  creator?: string;
  team?: string;
  app_id?: string;
  enable_at_here?: FeatureEnablement;
  enable_at_channel?: FeatureEnablement;
  can_huddle?: FeatureEnablement;
  url_private?: string;
  shared_with?: SharedWith;
  initiated_by?: string;
  source_team?: string;
  destination_team?: string;
  /** Users whose sessions were reset (`bulk_session_reset_by_admin`); see `normalizeUserIds`. */
  succeeded_users?: UserIdList;
  /** Users whose sessions could not be reset; see `normalizeUserIds`. */
  failed_users?: UserIdList;
  enterprise?: string;
  subteam?: string;
  action?: string;
  idp_group_member_count?: number;
  workspace_member_count?: number;
  added_user_count?: number;
  added_user_error_count?: number;
  reactivated_user_count?: number;
  removed_user_count?: number;
  removed_user_error_count?: number;
  total_removal_count?: number;
  /** A string, not a boolean. */
  is_flagged?: string;
  target_user?: string;
  idp_config_id?: string;
  config_type?: string;
  idp_entity_id_hash?: string;
  label?: string;
  previous_profile?: Profile;
  new_profile?: Profile;
  target_user_id?: string;
  space_file_id?: SpaceFileId;
  target_entity?: string;
  target_entity_id?: string;
  changed_permissions?: string[];
  datastore_name?: string;
  attributes?: Attribute[];
  /** A channel id. */
  channel?: string;
  entity_type?: string;
  /** A user id. */
  actor?: string;
  access_level?: string;
  functions?: string[];
  workflows?: string[];
  datastores?: string[];
  permissions_updated?: boolean;
  matched_rule?: AAARule;
  request?: AAARequest;
  rules_checked?: AAARule[];
  disconnecting_team?: string;
  is_channel_canvas?: boolean;
  linked_channel_id?: string;
  column_id?: string;
  row_id?: string;
  /** Unix seconds. */
  cell_date_updated?: number;
  view_id?: string;
  /** A user id. */
  user?: string;

  // Beyond the Python model: the Java SDK's sample and the docs.
  idp_entity_id?: string;
  file_id?: string;
  trigger_id?: string;
  /** Free-form: depends on the trigger type. */
  trigger_config?: Record<string, unknown>;
  permission_type?: string;
  channel_ids?: string[];
  user_ids?: string[];
  is_slack_provided_template?: boolean;
  template_title?: string;
  cloned_file_id?: string;
  thread_ts?: string;
  status?: string;
  entity_team?: string;
  is_external_user?: boolean;
  salesforce_org_id?: string;
  salesforce_edition?: string;
  salesforce_org_config?: Record<string, unknown>;
  salesforce_tenant_guid?: string;
  affected_users?: Record<string, unknown>;
  provider_key?: string;
  policy_name?: string;
  authentication_mode?: string;
  authentication_method?: string;
  secondary_authentication_method?: string;
  /**
   * When the anomalous action happened (`anomaly`): Unix **microseconds** in the docs, milliseconds in some
   * recorded payloads, a string in the Java SDK. Check the magnitude before converting.
   */
  action_timestamp?: number | string;
  client_ja3_fingerprint?: string;
  previous_ip_address?: string;
  previous_ua?: string;
  user_agent_change_details?: Record<string, unknown>;
  /** A place name on `anomaly`, e.g. `Reno, Nevada` (not a Location object). */
  location?: string;
  entity_ids?: Record<string, unknown>;
  pref_name?: string;
  email?: string;
  md?: Record<string, unknown>;
  md5_hash?: string;
  is_ext_shared?: boolean;
  teams_shared_with?: string[];
  folder_bookmark_id?: string;
  is_allowed?: boolean;
  variable_names?: string[];
  functions_added?: string[];
  workflows_added?: string[];
  datastores_added?: string[];
  who_can_dm_anyone?: ConversationPref;
  tool?: string;
  tool_name?: string;
  /** Free-form: the arguments an MCP tool was called with. */
  arguments?: Record<string, unknown>;
  service_type?: string;
  server_name?: string;
  server_url?: string;
  success?: boolean;
  argument_keys?: string[];
  read_only?: boolean;
  mcp_client_inferred_behavior?: string;
  destructive?: boolean;
  source?: string;
  decision?: string;
  permission_key?: string;
  added_to_allow?: string[];
  connectors_enabled?: string[];
  connectors_disabled?: string[];
  uri?: string;
  executor_id?: string;
  skill_id?: string;
  mcp_server_allowlist_domains?: string[];
  /** On `anomaly`: `new-asn`, `cloud-asn`, `in-ioc-list`. */
  ip_address_details?: string[];
  detected_client?: string;
  detected_os?: string;
  /** On `anomaly` with reason `potential_spam`, e.g. `functions.workflows.publish`. */
  api_call_method?: string;
}
