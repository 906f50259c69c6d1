// The objects that `entity.<type>` holds, one interface per entity type (workspace and enterprise use Location).

/** A channel entity (`entity.type` `channel`). */
export interface Channel {
  /** `C…` (or `G…` for older private channels). */
  id?: string;
  name?: string;
  /** `public`, `private`, … */
  privacy?: string;
  /** Shared with another organization (Slack Connect). */
  is_shared?: boolean;
  /** Shared across workspaces of this organization. */
  is_org_shared?: boolean;
  /** Team ids the channel is shared with; only on shared channels. */
  teams_shared_with?: string[];
  original_connected_channel_id?: string;
  is_salesforce_channel?: boolean;
}

/** A file entity (`entity.type` `file`). */
export interface File {
  id?: string;
  name?: string;
  filetype?: string;
  title?: string;
}

/**
 * An app, as `entity.app` or `context.app` (the app that triggered the event).
 * `/schemas` lists several variants; this holds every field of all of them.
 */
export interface App {
  id?: string;
  name?: string;
  is_distributed?: boolean;
  is_directory_approved?: boolean;
  is_workflow_app?: boolean;
  /** User-token scopes. */
  scopes?: string[];
  /** Bot-token scopes, as `context.app` names them. */
  scopes_bot?: string[];
  /** Bot-token scopes, as newer `entity.app` payloads name them. */
  bot_scopes?: string[];
  /** The user id of the app's creator. */
  creator?: string;
  team?: string;
  app_id?: string;
  distribution_type?: string;
  user_ids?: string[];
}

/** A message entity (`entity.type` `message`), e.g. on `message_flagged`. */
export interface Message {
  channel?: string;
  team?: string;
  /** The message timestamp, `"1700000000.000100"` style: the message's id within its channel. */
  timestamp?: string;
}

/** A huddle entity (`entity.type` `huddle`). */
export interface Huddle {
  id?: string;
  /** Unix seconds. */
  date_start?: number;
  /** Unix seconds. */
  date_end?: number;
  /** User ids. */
  participants?: string[];
}

/** An admin role entity (`entity.type` `role`). */
export interface Role {
  id?: string;
  name?: string;
  type?: string;
}

/** A user group entity (`entity.type` `usergroup`). */
export interface Usergroup {
  id?: string;
  name?: string;
}

/** A legacy Workflow Builder workflow entity (`entity.type` `workflow`). */
export interface Workflow {
  id?: string;
  name?: string;
  domain?: string;
}

/** An information barrier entity (`entity.type` `barrier`). */
export interface InformationBarrier {
  id?: string;
  /** The user group the barrier applies to. */
  primary_usergroup?: string;
  /** The user groups it is barriered from. */
  barriered_from_usergroups?: string[];
  /** `/schemas` names a single group this way. */
  barriered_from_usergroup?: string;
  /** What is restricted: `im`, `mpim`, `call`, … */
  restricted_subjects?: string[];
}

/** A workflow built on the new platform (`entity.type` `workflow_v2`). */
export interface WorkflowV2 {
  id?: string;
  app_id?: string;
  /** Unix seconds. */
  date_updated?: number;
  callback_id?: string;
  name?: string;
  /** A user id. */
  updated_by?: string;
  step_configuration?: WorkflowV2StepConfiguration[];
  template_id?: string;
  suspicious_keywords?: string[];
  trigger_name?: string;
  /** Channel ids. */
  trigger_channels?: string[];
  /** Free-form: depends on the trigger type. */
  trigger_configuration?: Record<string, unknown>;
}

/** One step of a `workflow_v2`. */
export interface WorkflowV2StepConfiguration {
  name?: string;
  step_function_type?: string;
  step_function_app_id?: string;
}

/** An account type role entity (`entity.type` `account_type_role`). */
export interface AccountTypeRole {
  id?: string;
  name?: string;
}

/** A list entity (`entity.type` `list`). Named SlackList so it does not read as a collection type. */
export interface SlackList {
  id?: string;
}

/** A canvas entity (`entity.type` `canvas`). */
export interface Canvas {
  id?: string;
  filetype?: string;
  title?: string;
}

/** A template entity (`entity.type` `template`). */
export interface Template {
  id?: string;
  template_name?: string;
}

/** A legal hold policy entity (`entity.type` `legal_hold_policy`). */
export interface LegalHoldPolicy {
  id?: string;
  name?: string;
}

/** A custom function entity (`entity.type` `function`). Named SlackFunction so it does not shadow `Function`. */
export interface SlackFunction {
  id?: string;
  app_id?: string;
  callback_id?: string;
}
