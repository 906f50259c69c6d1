import { KNOWN_ACTIONS } from '../../model/index.js';
import { type Rng, weightedPicker } from './rng.js';

/** An action the generator can produce, with the entity types its entity takes. */
export interface ActionChoice {
  name: string;
  entityTypes: readonly string[];
  /** Admin work (preferences, roles, exports…): an admin acts. */
  byAdmin: boolean;
  /** Session resets, which Slack Security (`USLACKSECURITY`) sometimes performs. */
  sessionReset: boolean;
  /** Expiries, which happen with nobody acting (`USLACKUSER`). */
  automatic: boolean;
}

const ADMIN_ACTION =
  /^pref\.|_by_admin$|^role_|^barrier_|^legal_hold|^user_(deactivated|reactivated)|_export_|^app_(approved|restricted)/;

/**
 * Relative frequency of the everyday actions. Everything else known (with a known entity type) gets
 * `RARE_ACTION_WEIGHT`, so about one event in nine is one of the ~700 rarer actions.
 */
const EVERYDAY_WEIGHTS: Readonly<Record<string, number>> = {
  user_login: 30,
  user_logout: 8,
  user_login_failed: 3,
  file_downloaded: 25,
  file_uploaded: 12,
  file_shared: 10,
  file_deleted: 1,
  user_channel_join: 15,
  user_channel_leave: 5,
  public_channel_created: 2,
  private_channel_created: 1,
  canvas_opened: 8,
  canvas_edited: 4,
  canvas_created: 1,
  list_opened: 3,
  list_created: 0.5,
  huddle_started: 3,
  huddle_ended: 3,
  app_installed: 0.5,
  app_approved: 0.2,
  app_scopes_expanded: 0.2,
  emoji_added: 1,
  emoji_removed: 0.2,
  emoji_renamed: 0.1,
  anomaly: 0.6,
  user_session_reset_by_admin: 0.2,
  bulk_session_reset_by_admin: 0.05,
  user_profile_updated: 0.8,
  guest_created: 0.2,
  guest_expiration_set: 0.1,
  channel_retention_changed: 0.1,
  channel_posting_permissions_updated: 0.1,
  message_tombstoned: 0.3,
};
const RARE_ACTION_WEIGHT = 0.02;
/** `pref.*` changes are admin work: rarer still. */
const PREF_ACTION_WEIGHT = 0.01;

/**
 * The actions the generator draws from. Actions whose entity type is not known (Slack CLI, CRM, DLP and a few
 * others) are left out: an invented entity would teach clients a shape the API has never sent.
 */
export const GENERATED_ACTIONS: readonly ActionChoice[] = KNOWN_ACTIONS.filter(
  (action) => action.entityTypes.length > 0,
).map((action) => ({
  name: action.name,
  entityTypes: action.entityTypes,
  byAdmin: ADMIN_ACTION.test(action.name),
  sessionReset: /session_(reset|invalidated)/.test(action.name),
  automatic: /_expired$|^guest_deactivated$/.test(action.name),
}));

/** Draws an action, weighted towards everyday ones. */
export const pickAction: (rng: Rng) => ActionChoice = weightedPicker(
  GENERATED_ACTIONS,
  GENERATED_ACTIONS.map(
    (action) =>
      EVERYDAY_WEIGHTS[action.name] ?? (action.name.startsWith('pref.') ? PREF_ACTION_WEIGHT : RARE_ACTION_WEIGHT),
  ),
);
