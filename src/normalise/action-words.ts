/**
 * What an action name says was done, reduced to a few operations. Slack names actions `<noun>_<verb>`
 * (`public_channel_created`), sometimes with more words after the verb (`user_added_to_usergroup`).
 */
export type ActionOperation =
  | 'create'
  | 'delete'
  | 'update'
  | 'rename'
  | 'move'
  | 'enable'
  | 'disable'
  | 'enroll'
  | 'unenroll'
  | 'archive'
  | 'unarchive'
  | 'restore'
  | 'suspend'
  | 'resume'
  | 'read'
  | 'download'
  | 'upload'
  | 'copy'
  | 'share'
  | 'unshare'
  | 'grant'
  | 'revoke'
  | 'add'
  | 'remove'
  | 'join'
  | 'leave'
  | 'assign'
  | 'unassign'
  | 'install'
  | 'uninstall'
  | 'publish'
  | 'unpublish'
  | 'login'
  | 'logout'
  | 'reset'
  | 'start'
  | 'end'
  /** Something was noticed or sent rather than changed: `called`, `detected`, `flagged`, `requested`. */
  | 'notice';

/** What an action name says, word by word. */
export interface ActionWords {
  /** The words before the verb, joined with `_`: `public_channel` in `public_channel_created`. */
  readonly noun: string;
  /** The verb as written (`created`), or undefined when the name has none (`pref.allow_calls`). */
  readonly verb: string | undefined;
  /**
   * The words after the verb when they name what was acted on (`migration_intent` in
   * `organization_created_migration_intent`), rather than continue it (`to_usergroup`, `by_admin`, `blocked`).
   */
  readonly object: string | undefined;
  /** The verb's operation; `update` when the name has no verb (a setting's name alone means it changed). */
  readonly operation: ActionOperation;
  /** Only where a word of the name says it: `failed`, `failure`, `blocked`, `denied`; `success`. */
  readonly outcome: 'success' | 'failure' | undefined;
}

/** Each verb Slack uses in action names, and its operation. */
const VERB_OPERATIONS: Readonly<Record<string, ActionOperation>> = {
  created: 'create',
  create: 'create',
  generated: 'create',
  regenerated: 'create',
  provisioned: 'create',
  upserted: 'create',
  aliased: 'create',
  deleted: 'delete',
  delete: 'delete',
  tombstoned: 'delete',
  updated: 'update',
  update: 'update',
  changed: 'update',
  change: 'update',
  modified: 'update',
  edited: 'update',
  set: 'update',
  reordered: 'update',
  reverted: 'update',
  merged: 'update',
  transferred: 'update',
  reassigned: 'update',
  converted: 'update',
  upgraded: 'update',
  downgraded: 'update',
  synced: 'update',
  cleared: 'update',
  migrated: 'update',
  rebound: 'update',
  resolved: 'update',
  undone: 'update',
  expanded: 'update',
  redacted: 'update',
  hidden: 'update',
  connected: 'update',
  reconnected: 'update',
  disconnected: 'update',
  preserved: 'update',
  renamed: 'rename',
  moved: 'move',
  enabled: 'enable',
  activated: 'enable',
  reactivated: 'enable',
  approved: 'enable',
  verified: 'enable',
  unrestricted: 'enable',
  disabled: 'disable',
  deactivated: 'disable',
  restricted: 'disable',
  unverified: 'disable',
  expired: 'disable',
  enrolled: 'enroll',
  unenrolled: 'unenroll',
  archive: 'archive',
  archived: 'archive',
  unarchive: 'unarchive',
  restored: 'restore',
  undeleted: 'restore',
  paused: 'suspend',
  resumed: 'resume',
  opened: 'read',
  viewed: 'read',
  read: 'read',
  preview: 'read',
  searched: 'read',
  fetched: 'read',
  refreshed: 'update',
  clicked: 'read',
  used: 'read',
  exported: 'read',
  downloaded: 'download',
  download: 'download',
  uploaded: 'upload',
  upload: 'upload',
  cloned: 'copy',
  shared: 'share',
  share: 'share',
  unshared: 'unshare',
  granted: 'grant',
  revoked: 'revoke',
  added: 'add',
  add: 'add',
  removed: 'remove',
  remove: 'remove',
  join: 'join',
  joined: 'join',
  leave: 'leave',
  left: 'leave',
  dropped: 'leave',
  assigned: 'assign',
  assignment: 'assign',
  unassignment: 'unassign',
  installed: 'install',
  install: 'install',
  deployed: 'install',
  deploy: 'install',
  uninstalled: 'uninstall',
  published: 'publish',
  unpublished: 'unpublish',
  login: 'login',
  logout: 'logout',
  reset: 'reset',
  invalidated: 'reset',
  started: 'start',
  start: 'start',
  initiated: 'start',
  scheduled: 'start',
  ended: 'end',
  end: 'end',
  completed: 'end',
  cancelled: 'end',
  canceled: 'end',
  called: 'notice',
  invoked: 'notice',
  sent: 'notice',
  detected: 'notice',
  matched: 'notice',
  dismissed: 'notice',
  flagged: 'notice',
  moderated: 'notice',
  accepted: 'notice',
  declined: 'notice',
  ignored: 'notice',
  requested: 'notice',
  request: 'notice',
  forwarded: 'notice',
  reached: 'notice',
  prepared: 'notice',
  bypassed: 'notice',
  consent: 'notice',
};

/** Words that say how the action ended rather than what it did. */
const OUTCOME_WORDS: Readonly<Record<string, 'success' | 'failure'>> = {
  failed: 'failure',
  failure: 'failure',
  blocked: 'failure',
  denied: 'failure',
  success: 'success',
  succeeded: 'success',
};

/** Words after a verb that continue it rather than name its object. */
const LINKING_WORDS: ReadonlySet<string> = new Set(['to', 'from', 'by', 'for', 'on', 'in', 'with', 'and', 'of']);

/** MCP tool calls name the tool's verb first: `mcp_slack_get_file_upload_url_tool_called`. */
const MCP_TOOL_CALL = /^mcp_slack_(.+)_tool_called$/;

/** Verbs of MCP tool names, read as the operation the tool performs. */
const TOOL_VERB_OPERATIONS: Readonly<Record<string, ActionOperation>> = {
  read: 'read',
  get: 'read',
  list: 'read',
  search: 'read',
  create: 'create',
  add: 'create',
  send: 'create',
  schedule: 'create',
  complete: 'create',
  update: 'update',
  mark: 'update',
  canvas: 'update',
  delete: 'delete',
};

/** Reads an action name: its noun, its verb's operation and any outcome it states. Pure; any string is accepted. */
export function readActionWords(action: string): ActionWords {
  const words = action.toLowerCase().split(/[_.]/);
  let outcome: ActionWords['outcome'];
  for (const word of words) outcome ??= OUTCOME_WORDS[word];
  const tool = MCP_TOOL_CALL.exec(action);
  if (tool) return toolCallWords(tool[1] as string, outcome);
  // The verb is the last verb-like word: `user_added_to_usergroup` reads `added`, `file_download_blocked` `download`.
  for (let i = words.length - 1; i >= 0; i--) {
    const operation = VERB_OPERATIONS[words[i] as string];
    if (operation !== undefined && i > 0) {
      const next = words[i + 1];
      const object = next === undefined || LINKING_WORDS.has(next) || next in OUTCOME_WORDS ? undefined : next;
      return {
        noun: words.slice(0, i).join('_'),
        verb: words[i],
        object: object && words.slice(i + 1).join('_'),
        operation,
        outcome,
      };
    }
  }
  return { noun: words.join('_'), verb: undefined, object: undefined, operation: 'update', outcome };
}

function toolCallWords(tool: string, outcome: ActionWords['outcome']): ActionWords {
  const [verb = '', ...rest] = tool.split('_');
  return {
    noun: rest.join('_'),
    verb,
    object: undefined,
    operation: TOOL_VERB_OPERATIONS[verb] ?? 'notice',
    outcome,
  };
}
