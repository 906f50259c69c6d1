import type { KnownActionCategory } from '../model/actions.js';
import type { EcsEventCategory, EcsEventKind, EcsEventType } from './ecs-schema.js';
import type { OcsfClassName } from './ocsf-schema.js';

/** A rule that picks actions by name, with what it contributes. */
export type NameRule<T> = readonly [pattern: RegExp, value: T];

/**
 * Actions normalised alike: which ECS categories they get and which OCSF classes can express them.
 * docs/normalisation.md describes each family and why it maps as it does; a test keeps the two in step.
 */
export interface ActionFamily {
  /** The family's name, as the docs' tables show it. */
  readonly name: string;
  /** Names of the family match this (checked first, so it also catches actions Slack adds later). */
  readonly pattern?: RegExp;
  /** Known actions listed under one of these `/actions` categories belong to the family too. */
  readonly categories?: readonly KnownActionCategory[];
  /**
   * The nouns that name the family's own object (`public_channel` in `public_channel_created`). Create, delete,
   * enable… on another noun (`channel_tab_added`) change the object rather than create or delete it.
   */
  readonly nouns?: readonly string[];
  /** What every action of the family says about its outcome, where the name alone does not. */
  readonly outcome?: 'success' | 'failure';
  readonly ecs: {
    /** @default 'event' */
    readonly kind?: EcsEventKind;
    readonly categories: readonly EcsEventCategory[];
    /** Types every action of the family has besides its verb's (`user`, `group`). */
    readonly types?: readonly EcsEventType[];
    /** The one type every action has instead of its verb's (`start` for logins). */
    readonly type?: EcsEventType;
    /** More types for the names that match. */
    readonly typesWhen?: readonly NameRule<readonly EcsEventType[]>[];
  };
  readonly ocsf: {
    /** The classes to express an action in, best first; API Activity and Base Event follow as fallbacks. */
    readonly classes: readonly OcsfClassName[];
    /** Activities by name, per class, before the verb's operation is consulted. */
    readonly activities?: { readonly [C in OcsfClassName]?: readonly NameRule<number>[] };
    /** Authentication's user when the entity is not a user: the actor (who logs in or out), or none. */
    readonly subjectIsActor?: boolean;
  };
}

/** Every family, most specific first: an action belongs to the first that matches it. */
export const ACTION_FAMILIES: readonly ActionFamily[] = [
  {
    name: 'login',
    pattern: /^(user|cli)_login$/,
    outcome: 'success',
    ecs: { categories: ['authentication', 'session'], type: 'start' },
    ocsf: { classes: ['authentication'], subjectIsActor: true },
  },
  {
    name: 'login-failure',
    pattern: /^user_login_failed$|^ip_allowlist_access_denied$/,
    outcome: 'failure',
    ecs: { categories: ['authentication'], type: 'start' },
    ocsf: { classes: ['authentication'], activities: { authentication: [[/./, 1]] }, subjectIsActor: true },
  },
  {
    name: 'logout',
    pattern: /^(user|cli)_logout(_|$)/,
    outcome: 'success',
    ecs: { categories: ['authentication', 'session'], type: 'end' },
    ocsf: { classes: ['authentication'], subjectIsActor: true },
  },
  {
    name: 'session-reset',
    pattern: /_sessions?_(reset|invalidated)(_|$)/,
    outcome: 'success',
    ecs: { categories: ['authentication', 'session'], type: 'end' },
    ocsf: { classes: ['authentication', 'entity_management'] },
  },
  {
    name: 'anomaly',
    pattern: /^anomaly$|suspicious/,
    categories: ['anomaly'],
    ecs: { kind: 'alert', categories: ['intrusion_detection'], type: 'info' },
    ocsf: { classes: ['detection_finding'], activities: { detection_finding: [[/./, 1]] } },
  },
  {
    name: 'malicious-file',
    pattern: /^file_malicious_content_detected$/,
    ecs: { kind: 'alert', categories: ['file', 'malware'], type: 'info' },
    ocsf: { classes: ['detection_finding'], activities: { detection_finding: [[/./, 1]] } },
  },
  {
    name: 'user-credential',
    pattern: /^user_pass(word|key)_/,
    nouns: ['user', 'user_passkey'],
    ecs: { categories: ['iam'], types: ['user'] },
    ocsf: {
      classes: ['user_management', 'entity_management'],
      activities: {
        user_management: [
          [/password_reset/, 9],
          [/passkey_created$/, 12],
          [/passkey_removed$/, 13],
        ],
      },
    },
  },
  {
    name: 'user-role',
    pattern:
      /^role_change_to_|^role_(assigned|removed)$|^permissions_(assigned|removed)$|^(org_)?owner_(created|transferred)$/,
    ecs: { categories: ['iam'], types: ['user'], type: 'change', typesWhen: [[/admin|owner/, ['admin']]] },
    ocsf: {
      classes: ['user_management', 'role_management', 'entity_management'],
      activities: {
        user_management: [
          [/^role_change_to_|^role_assigned$|owner_/, 16],
          [/^role_removed$/, 17],
          [/^permissions_assigned$/, 14],
          [/^permissions_removed$/, 15],
        ],
        role_management: [
          [/^permissions_assigned$/, 4],
          [/^permissions_removed$/, 5],
        ],
      },
    },
  },
  {
    name: 'role',
    pattern: /^role_(created|deleted|updated)$/,
    nouns: ['role'],
    ecs: { categories: ['iam'], types: ['admin'] },
    ocsf: { classes: ['role_management', 'entity_management'] },
  },
  {
    name: 'usergroup',
    pattern: /usergroup/,
    categories: ['subteam'],
    nouns: ['usergroup'],
    ecs: { categories: ['iam'], types: ['group'], typesWhen: [[/^user_/, ['user']]] },
    ocsf: {
      classes: ['group_management', 'entity_management'],
      activities: {
        group_management: [
          [/^user_(add|added|bulk_upload)_to_usergroup/, 3],
          [/^user_removed_from_usergroup/, 4],
          [/^role_added_to_usergroup/, 12],
          [/^role_removed_from_usergroup/, 13],
        ],
      },
    },
  },
  {
    name: 'channel-membership',
    pattern: /^(user|guest)_channel_(join|leave)$|^dm_user_added$/,
    ecs: { categories: ['iam'], types: ['group'], type: 'change' },
    ocsf: { classes: ['group_management', 'entity_management'], activities: { group_management: [[/_added$/, 3]] } },
  },
  {
    name: 'mcp-tool',
    pattern: /^mcp_slack_/,
    ecs: { categories: ['api'] },
    ocsf: { classes: ['api_activity'] },
  },
  {
    name: 'ai',
    pattern: /^(slack_ai|slackbot_ai|app_agentforce|ai_message)_|^audit_logs_ai_/,
    ecs: { categories: ['configuration'] },
    ocsf: { classes: ['api_activity'] },
  },
  {
    name: 'file',
    pattern: /^file_/,
    categories: ['file'],
    nouns: ['file'],
    ecs: { categories: ['file'] },
    ocsf: {
      classes: ['file_hosting', 'entity_management'],
      activities: { file_hosting: [[/_public_link_created$/, 12]] },
    },
  },
  {
    name: 'canvas',
    pattern: /^canvas_/,
    categories: ['canvas'],
    nouns: ['canvas'],
    ecs: { categories: ['file'] },
    ocsf: {
      classes: ['file_hosting', 'entity_management'],
      activities: {
        file_hosting: [
          [/_access_added$|_linksharing_enabled$/, 12],
          [/_linksharing_disabled$/, 13],
        ],
      },
    },
  },
  {
    name: 'list',
    pattern: /^list_/,
    categories: ['list'],
    nouns: ['list'],
    ecs: { categories: ['file'] },
    ocsf: { classes: ['entity_management'] },
  },
  {
    name: 'export',
    pattern: /_exports?_(started|completed|prepared|downloaded|deleted)$|_export_(csv|json)_started$|_csv_download$/,
    ecs: { categories: ['file'] },
    ocsf: { classes: ['entity_management'] },
  },
  {
    name: 'message',
    pattern: /^(message|thread)_/,
    categories: ['message'],
    nouns: ['message'],
    ecs: { categories: ['configuration'] },
    ocsf: { classes: ['entity_management'] },
  },
  {
    name: 'huddle',
    pattern: /^huddle_/,
    categories: ['huddle'],
    ecs: { categories: ['configuration'] },
    ocsf: { classes: ['api_activity'] },
  },
  {
    name: 'channel',
    pattern:
      /^(channels?|public_channel|private_channel|record_channel|external_shared_channel|group|mpim|connect_dm)_/,
    categories: ['channel'],
    nouns: [
      'channel',
      'public_channel',
      'private_channel',
      'record_channel',
      'external_shared_channel',
      'group',
      'mpim',
    ],
    ecs: { categories: ['configuration'] },
    ocsf: { classes: ['entity_management'] },
  },
  {
    name: 'app',
    pattern: /^(apps?|org_app|child_app|admin_app|cli_app|bot_token|agentforce_agent)_/,
    categories: ['app', 'app_approval_automation_rule', 'slack_cli'],
    nouns: ['app', 'org_app', 'cli_app', 'agentforce_agent'],
    ecs: { categories: ['configuration'] },
    ocsf: { classes: ['entity_management'] },
  },
  {
    name: 'workflow',
    pattern: /^(workflow|workflow_v2|featured_workflow|function|template|external_auth_oauth2_token)_/,
    categories: ['workflow_builder', 'workflow_v2', 'function', 'template'],
    nouns: ['workflow', 'workflow_v2', 'function', 'template', 'external_auth_oauth2_token'],
    ecs: { categories: ['configuration'] },
    ocsf: { classes: ['entity_management'] },
  },
  {
    name: 'policy',
    pattern: /^(barrier|legal_hold_policy|native_dlp_rule|auth_policy|ip_allowlist)_/,
    categories: ['barrier', 'legal_hold', 'native_dlp'],
    nouns: ['barrier', 'legal_hold_policy', 'native_dlp_rule', 'auth_policy', 'ip_allowlist'],
    ecs: { categories: ['configuration'] },
    ocsf: { classes: ['entity_management'] },
  },
  {
    name: 'setting',
    pattern: /^(pref|pre|prefs)[._]|^slack_connect_pref_/,
    ecs: { categories: ['configuration'], type: 'change' },
    ocsf: { classes: ['entity_management'], activities: { entity_management: [[/./, 3]] } },
  },
  {
    name: 'organization',
    pattern: /^(workspace|organization|org|team|enterprise)_/,
    categories: ['workspace_or_org'],
    nouns: ['workspace', 'organization', 'org', 'team', 'enterprise'],
    ecs: { categories: ['configuration'] },
    ocsf: { classes: ['entity_management'] },
  },
  {
    name: 'user-account',
    pattern: /^(user|guest|external_user)_/,
    categories: ['user'],
    nouns: ['user', 'guest', 'external_user'],
    ecs: { categories: ['iam'], types: ['user'] },
    ocsf: { classes: ['user_management', 'entity_management'] },
  },
];

/**
 * Where an action no family claims goes: `[iam]` when its name speaks of identities or access, else
 * `[configuration]`; OCSF API Activity.
 */
export const FALLBACK_FAMILY: ActionFamily = {
  name: 'other',
  ecs: { categories: ['configuration'] },
  ocsf: { classes: ['api_activity'] },
};

/** The fallback's rule for `[iam]`: names that speak of identities, credentials or access. */
export const IDENTITY_WORDS = /user|guest|member|role|permission|auth|session|sso|idp|passkey|password|token|license/;
