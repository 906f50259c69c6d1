import type { ActionOperation } from './action-words.js';
import type { OcsfClassName } from './ocsf-schema.js';

/** `activity_id` 99: the class has no activity for what happened; `activity_name` then holds the action. */
export const OTHER_ACTIVITY = 99;

/**
 * Operations that change the state of the object itself. When the action's noun is not the family's object
 * (`channel_tab_added`, `list_column_created`), the object was only updated.
 */
const OBJECT_STATE_OPERATIONS: ReadonlySet<ActionOperation> = new Set([
  'create',
  'delete',
  'rename',
  'move',
  'copy',
  'enable',
  'disable',
  'enroll',
  'unenroll',
  'archive',
  'unarchive',
  'restore',
  'suspend',
  'resume',
  'install',
  'uninstall',
  'publish',
  'unpublish',
]);

/** Operations that change part of an object (its members, its sharing…): the object's update where nothing fits. */
const PART_CHANGE_OPERATIONS: ReadonlySet<ActionOperation> = new Set([
  'update',
  'add',
  'remove',
  'grant',
  'revoke',
  'share',
  'unshare',
  'assign',
  'unassign',
  'join',
  'leave',
  'upload',
]);

/** Each class's activity for each operation it has one for. */
const CLASS_ACTIVITIES: { readonly [C in OcsfClassName]: Partial<Record<ActionOperation, number>> } = {
  base_event: {},
  authentication: { login: 1, logout: 2, reset: 2 },
  user_management: {
    create: 1,
    update: 2,
    rename: 2,
    add: 2,
    remove: 2,
    join: 2,
    leave: 2,
    delete: 3,
    enable: 4,
    disable: 5,
  },
  role_management: { create: 1, update: 2, rename: 2, delete: 3 },
  group_management: { join: 3, leave: 4, delete: 5, create: 6, update: 9, rename: 9, add: 9, remove: 9 },
  entity_management: {
    create: 1,
    read: 2,
    download: 2,
    update: 3,
    add: 3,
    remove: 3,
    grant: 3,
    revoke: 3,
    share: 3,
    unshare: 3,
    assign: 3,
    unassign: 3,
    delete: 4,
    rename: 5,
    move: 5,
    enroll: 6,
    install: 6,
    unenroll: 7,
    uninstall: 7,
    enable: 8,
    publish: 8,
    unarchive: 8,
    disable: 9,
    unpublish: 9,
    archive: 9,
    suspend: 12,
    resume: 13,
  },
  file_hosting: {
    upload: 1,
    download: 2,
    update: 3,
    delete: 4,
    rename: 5,
    copy: 6,
    move: 7,
    restore: 8,
    share: 12,
    grant: 12,
    add: 12,
    unshare: 13,
    revoke: 13,
    remove: 13,
    read: 14,
  },
  api_activity: { create: 1, upload: 1, read: 2, download: 2, update: 3, rename: 3, move: 3, delete: 4 },
  detection_finding: {},
};

/** The update activity of each class that has one. */
const UPDATE_ACTIVITY: { readonly [C in OcsfClassName]?: number } = {
  user_management: 2,
  role_management: 2,
  group_management: 9,
  entity_management: 3,
  file_hosting: 3,
  api_activity: 3,
};

/**
 * The class's `activity_id` for an operation. `onObject` says whether the action's noun is the object the event
 * is about; a state change of anything else (`channel_tab_added`) is an update of the object. API Activity
 * describes the call itself, so there every operation counts as on its object. 99 (Other) where nothing fits.
 */
export function activityFor(className: OcsfClassName, operation: ActionOperation, onObject: boolean): number {
  const update = UPDATE_ACTIVITY[className];
  const onPart = !onObject && className !== 'api_activity';
  if (update !== undefined && onPart && OBJECT_STATE_OPERATIONS.has(operation)) return update;
  const activity = CLASS_ACTIVITIES[className][operation];
  if (activity !== undefined) return activity;
  return update !== undefined && PART_CHANGE_OPERATIONS.has(operation) ? update : OTHER_ACTIVITY;
}
