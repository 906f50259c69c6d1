/**
 * The `/actions` categories, in the order the live API sends them (2026). The list grows over time;
 * unknown categories still arrive at runtime.
 */
export const KNOWN_ACTION_CATEGORIES = [
  'workspace_or_org',
  'user',
  'file',
  'channel',
  'app',
  'workflow_builder',
  'message',
  'barrier',
  'huddle',
  'anomaly',
  'slack_cli',
  'subteam',
  'role',
  'account_type_role',
  'app_approval_automation_rule',
  'workflow_v2',
  'canvas',
  'function',
  'sales_elevate',
  'native_dlp',
  'template',
  'list',
  'slack_first_crm',
  'legal_hold',
  'salesforce_mcp_server',
] as const;

/** A known `/actions` category name. */
export type KnownActionCategory = (typeof KNOWN_ACTION_CATEGORIES)[number];

/** The body of `GET /actions`: every action name the API accepts, grouped by category. */
export interface ActionsResponse {
  actions: Actions;
  /** Only on error bodies. */
  ok?: boolean;
  error?: string;
}

/** Action names by category. A name may sit in two categories. */
export interface Actions {
  /** Workspace and organization settings, including every `pref.*` change. */
  workspace_or_org?: string[];
  user?: string[];
  file?: string[];
  channel?: string[];
  app?: string[];
  /** Legacy Workflow Builder. */
  workflow_builder?: string[];
  message?: string[];
  /** Information barriers. */
  barrier?: string[];
  huddle?: string[];
  anomaly?: string[];
  slack_cli?: string[];
  /** User groups. */
  subteam?: string[];
  role?: string[];
  account_type_role?: string[];
  app_approval_automation_rule?: string[];
  workflow_v2?: string[];
  canvas?: string[];
  function?: string[];
  sales_elevate?: string[];
  native_dlp?: string[];
  template?: string[];
  list?: string[];
  slack_first_crm?: string[];
  legal_hold?: string[];
  salesforce_mcp_server?: string[];
}
