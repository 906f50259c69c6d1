import type { User } from './actor.js';
import type {
  AccountTypeRole,
  App,
  Canvas,
  Channel,
  File,
  Huddle,
  InformationBarrier,
  LegalHoldPolicy,
  Message,
  Role,
  SlackFunction,
  SlackList,
  Template,
  Usergroup,
  Workflow,
  WorkflowV2,
} from './entity-objects.js';
import type { Location } from './location.js';

/**
 * Every `entity.type` the API is known to send. Each names the `Entity` key that holds the object,
 * so `entity[entity.type]` is the object acted on.
 */
export const KNOWN_ENTITY_TYPES = [
  'user',
  'workspace',
  'enterprise',
  'channel',
  'file',
  'app',
  'workflow',
  'barrier',
  'message',
  'usergroup',
  'role',
  'account_type_role',
  'canvas',
  'workflow_v2',
  'template',
  'legal_hold_policy',
  'huddle',
  'list',
  'function',
  'external_auth_oauth2_token',
] as const;

/** A known entity type. `Entity.type` also accepts any other string: Slack adds types without notice. */
export type KnownEntityType = (typeof KNOWN_ENTITY_TYPES)[number];

/** The object an action was taken on. `type` names the one key that is filled. */
export interface Entity {
  type?: KnownEntityType | (string & {});
  user?: User;
  workspace?: Location;
  enterprise?: Location;
  channel?: Channel;
  file?: File;
  app?: App;
  message?: Message;
  huddle?: Huddle;
  role?: Role;
  usergroup?: Usergroup;
  workflow?: Workflow;
  barrier?: InformationBarrier;
  workflow_v2?: WorkflowV2;
  account_type_role?: AccountTypeRole;
  list?: SlackList;
  canvas?: Canvas;
  template?: Template;
  legal_hold_policy?: LegalHoldPolicy;
  function?: SlackFunction;
  /** Its shape depends on the OAuth provider, so it is left untyped (as the Java SDK does). */
  external_auth_oauth2_token?: Record<string, unknown>;
}
