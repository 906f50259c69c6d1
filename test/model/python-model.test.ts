// The Python SDK's typed model (slack_sdk/audit_logs/v1/logs.py): every class and field.
// The type-level check below fails to compile, naming the field, when one is missing from ours.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  AAARequest,
  AAARule,
  AAARuleAction,
  AAARuleActionNotify,
  AAARuleActionResolution,
  AAARuleCondition,
  AAARuleConditionValue,
  AccountTypeRole,
  Actor,
  App,
  Attribute,
  AttributeItems,
  Channel,
  Context,
  ConversationPref,
  Details,
  Entity,
  Entry,
  FeatureEnablement,
  File,
  Huddle,
  InformationBarrier,
  Location,
  LogsResponse,
  Message,
  Profile,
  ResponseMetadata,
  RetentionPolicy,
  Role,
  SharedWith,
  SlackList,
  SpaceFileId,
  User,
  Usergroup,
  Workflow,
  WorkflowV2,
  WorkflowV2StepConfiguration,
} from '../../src/model/index.js';
import { assertType, type Equal } from './type-check.js';

const PYTHON_MODEL = {
  LogsResponse: ['entries', 'response_metadata', 'ok', 'error', 'needed', 'provided'],
  ResponseMetadata: ['next_cursor'],
  Entry: ['id', 'date_create', 'action', 'actor', 'entity', 'context', 'details'],
  Actor: ['type', 'user'],
  User: ['id', 'name', 'email', 'team'],
  Entity: [
    'type',
    'user',
    'workspace',
    'enterprise',
    'channel',
    'file',
    'app',
    'message',
    'huddle',
    'role',
    'usergroup',
    'workflow',
    'barrier',
    'workflow_v2',
    'account_type_role',
    'list',
  ],
  Location: ['type', 'id', 'name', 'domain'],
  Channel: [
    'id',
    'privacy',
    'name',
    'is_shared',
    'is_org_shared',
    'teams_shared_with',
    'original_connected_channel_id',
    'is_salesforce_channel',
  ],
  File: ['id', 'name', 'filetype', 'title'],
  App: ['id', 'name', 'is_distributed', 'is_directory_approved', 'is_workflow_app', 'scopes'],
  Message: ['channel', 'team', 'timestamp'],
  Huddle: ['id', 'date_start', 'date_end', 'participants'],
  Role: ['id', 'name', 'type'],
  Usergroup: ['id', 'name'],
  Workflow: ['id', 'name', 'domain'],
  InformationBarrier: ['id', 'primary_usergroup', 'barriered_from_usergroups', 'restricted_subjects'],
  WorkflowV2: ['id', 'app_id', 'date_updated', 'callback_id', 'name', 'updated_by', 'step_configuration'],
  WorkflowV2StepConfiguration: ['name', 'step_function_type', 'step_function_app_id'],
  AccountTypeRole: ['id', 'name'],
  SlackList: ['id'],
  Context: ['location', 'ua', 'ip_address', 'session_id', 'app'],
  // biome-ignore format: packed in source order, so the list reads like the Python class body
  Details: [
    'name', 'new_value', 'previous_value', 'expires_on', 'mobile_only', 'web_only', 'non_sso_only', 'type',
    'is_workflow', 'inviter', 'kicker', 'shared_to', 'reason', 'origin_team', 'target_team',
    'is_internal_integration', 'cleared_resolution', 'app_owner_id', 'bot_scopes', 'new_scopes', 'previous_scopes',
    'granular_bot_token', 'scopes', 'scopes_bot', 'resolution', 'app_previously_resolved', 'admin_app_id', 'bot_id',
    'installer_user_id', 'approver_id', 'approval_type', 'app_previously_approved', 'old_scopes', 'channels',
    'permissions', 'new_version_id', 'trigger', 'export_type', 'export_start_ts', 'export_end_ts', 'barrier_id',
    'primary_usergroup_id', 'barriered_from_usergroup_ids', 'restricted_subjects', 'duration',
    'desktop_app_browser_quit', 'invite_id', 'external_organization_id', 'external_organization_name',
    'external_user_id', 'external_user_email', 'channel_id', 'added_team_id', 'is_token_rotation_enabled_app',
    'old_retention_policy', 'new_retention_policy', 'who_can_post', 'can_thread', 'is_external_limited',
    'exporting_team_id', 'session_search_start', 'deprecation_search_end', 'is_error', 'creator', 'team', 'app_id',
    'enable_at_here', 'enable_at_channel', 'can_huddle', 'url_private', 'shared_with', 'initiated_by', 'source_team',
    'destination_team', 'succeeded_users', 'failed_users', 'enterprise', 'subteam', 'action',
    'idp_group_member_count', 'workspace_member_count', 'added_user_count', 'added_user_error_count',
    'reactivated_user_count', 'removed_user_count', 'removed_user_error_count', 'total_removal_count', 'is_flagged',
    'target_user', 'idp_config_id', 'config_type', 'idp_entity_id_hash', 'label', 'previous_profile', 'new_profile',
    'target_user_id', 'space_file_id', 'target_entity', 'target_entity_id', 'changed_permissions', 'datastore_name',
    'attributes', 'channel', 'entity_type', 'actor', 'access_level', 'functions', 'workflows', 'datastores',
    'permissions_updated', 'matched_rule', 'request', 'rules_checked', 'disconnecting_team', 'is_channel_canvas',
    'linked_channel_id', 'column_id', 'row_id', 'cell_date_updated', 'view_id', 'user',
  ],
  RetentionPolicy: ['type', 'duration_days'],
  ConversationPref: ['type', 'user'],
  FeatureEnablement: ['enabled'],
  SharedWith: ['channel_id', 'access_level'],
  Profile: [
    'real_name',
    'first_name',
    'last_name',
    'display_name',
    'image_original',
    'image_24',
    'image_32',
    'image_48',
    'image_72',
    'image_192',
    'image_512',
    'image_1024',
  ],
  SpaceFileId: ['payload'],
  Attribute: ['name', 'type', 'items'],
  AttributeItems: ['type'],
  AAARule: ['id', 'team_id', 'title', 'action', 'condition'],
  AAARuleAction: ['resolution', 'notify'],
  AAARuleActionResolution: ['value'],
  AAARuleActionNotify: ['entity_type'],
  AAARuleCondition: ['datatype', 'operator', 'values', 'entity_type'],
  AAARuleConditionValue: ['field', 'values', 'datatype', 'operator'],
  AAARequest: ['id', 'team_id'],
} as const;

/** Each Python class name to our interface of the same name. */
interface ModelByName {
  LogsResponse: LogsResponse;
  ResponseMetadata: ResponseMetadata;
  Entry: Entry;
  Actor: Actor;
  User: User;
  Entity: Entity;
  Location: Location;
  Channel: Channel;
  File: File;
  App: App;
  Message: Message;
  Huddle: Huddle;
  Role: Role;
  Usergroup: Usergroup;
  Workflow: Workflow;
  InformationBarrier: InformationBarrier;
  WorkflowV2: WorkflowV2;
  WorkflowV2StepConfiguration: WorkflowV2StepConfiguration;
  AccountTypeRole: AccountTypeRole;
  SlackList: SlackList;
  Context: Context;
  Details: Details;
  RetentionPolicy: RetentionPolicy;
  ConversationPref: ConversationPref;
  FeatureEnablement: FeatureEnablement;
  SharedWith: SharedWith;
  Profile: Profile;
  SpaceFileId: SpaceFileId;
  Attribute: Attribute;
  AttributeItems: AttributeItems;
  AAARule: AAARule;
  AAARuleAction: AAARuleAction;
  AAARuleActionResolution: AAARuleActionResolution;
  AAARuleActionNotify: AAARuleActionNotify;
  AAARuleCondition: AAARuleCondition;
  AAARuleConditionValue: AAARuleConditionValue;
  AAARequest: AAARequest;
}

type ClassName = keyof typeof PYTHON_MODEL;
type MissingFields<C extends ClassName> = Exclude<(typeof PYTHON_MODEL)[C][number], keyof ModelByName[C]>;

assertType<Equal<ClassName, keyof ModelByName>>();

// A missing field turns its class's `true` into a compile error that names the field.
const everyPythonFieldIsModelled: { [C in ClassName]: [MissingFields<C>] extends [never] ? true : MissingFields<C> } = {
  LogsResponse: true,
  ResponseMetadata: true,
  Entry: true,
  Actor: true,
  User: true,
  Entity: true,
  Location: true,
  Channel: true,
  File: true,
  App: true,
  Message: true,
  Huddle: true,
  Role: true,
  Usergroup: true,
  Workflow: true,
  InformationBarrier: true,
  WorkflowV2: true,
  WorkflowV2StepConfiguration: true,
  AccountTypeRole: true,
  SlackList: true,
  Context: true,
  Details: true,
  RetentionPolicy: true,
  ConversationPref: true,
  FeatureEnablement: true,
  SharedWith: true,
  Profile: true,
  SpaceFileId: true,
  Attribute: true,
  AttributeItems: true,
  AAARule: true,
  AAARuleAction: true,
  AAARuleActionResolution: true,
  AAARuleActionNotify: true,
  AAARuleCondition: true,
  AAARuleConditionValue: true,
  AAARequest: true,
};

test('the Python model has 37 classes, all checked', () => {
  assert.equal(Object.keys(PYTHON_MODEL).length, 37);
  assert.deepEqual(Object.keys(everyPythonFieldIsModelled), Object.keys(PYTHON_MODEL));
});

test('the Python Details has 121 distinct fields', () => {
  assert.equal(PYTHON_MODEL.Details.length, 121);
  assert.equal(new Set(PYTHON_MODEL.Details).size, 121);
});

test('no Python class lists a field twice', () => {
  for (const [name, fields] of Object.entries(PYTHON_MODEL)) {
    assert.equal(new Set(fields).size, fields.length, name);
  }
});
