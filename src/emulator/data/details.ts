import type { Details } from '../../model/index.js';
import { anomalyDetails } from './anomaly.js';
import type { EntityObject } from './entities.js';
import { EMOJI_NAMES, USER_SCOPES } from './names.js';
import { type Organization, type OrgUser, sample, slackId, userRef } from './org.js';
import { prefChange } from './pref-values.js';
import type { Rng } from './rng.js';

/** What the details of one entry may refer to. */
export interface DetailsInput {
  rng: Rng;
  org: Organization;
  action: string;
  actor: OrgUser;
  /** The entity object the entry points at (the value under `entity[entity.type]`). */
  entity: EntityObject;
  dateCreate: number;
}

type DetailsShaper = (input: DetailsInput) => Details | undefined;

const EXPORT_TYPES = ['standard', 'corporate', 'channel_audit', 'full'] as const;
const IDP_LABELS = ['Okta', 'Azure AD', 'Google Workspace', 'OneLogin'] as const;

/** Details shaped per action, for the actions whose details the docs and SDKs describe. */
const SHAPERS: Readonly<Record<string, DetailsShaper>> = {
  user_login: ({ rng }) => (rng.chance(0.7) ? idpDetails(rng) : undefined),
  user_login_failed: ({ rng }) => (rng.chance(0.5) ? idpDetails(rng) : undefined),
  user_channel_join: ({ rng, org }) =>
    rng.chance(0.35)
      ? { inviter: userRef(rng.pick(org.people)), is_workflow: false }
      : { is_workflow: rng.chance(0.05) },
  user_channel_leave: ({ rng, org }) => (rng.chance(0.2) ? { kicker: userRef(rng.pick(org.admins)) } : undefined),
  file_downloaded: ({ entity }) => ({ url_private: privateUrl(entity) }),
  file_shared: ({ rng, org, entity }) => ({
    url_private: privateUrl(entity),
    shared_with: { channel_id: rng.pick(org.channels).id, access_level: rng.pick(['read', 'write']) },
  }),
  app_installed: appInstallDetails,
  app_approved: appInstallDetails,
  app_scopes_expanded: ({ rng, entity }) => {
    const previous = stringList(field(entity, 'scopes'));
    return { previous_scopes: previous, new_scopes: [...previous, rng.pick(USER_SCOPES)], granular_bot_token: true };
  },
  anomaly: ({ rng, org, actor, dateCreate }) => anomalyDetails(rng, org, actor, dateCreate),
  user_session_reset_by_admin: ({ rng }) => {
    const which = rng.int(4);
    return { mobile_only: which === 1, web_only: which === 2, non_sso_only: which === 3 };
  },
  bulk_session_reset_by_admin: ({ rng, org }) => {
    const succeeded = sample(rng, org.people, rng.between(2, 12)).map((user) => user.id);
    const failed = rng.chance(0.2) ? [rng.pick(org.people).id] : [];
    // The API has sent these lists both as arrays and as strings holding JSON arrays; clients must read both.
    return rng.chance(0.5)
      ? { succeeded_users: JSON.stringify(succeeded), failed_users: JSON.stringify(failed) }
      : { succeeded_users: succeeded, failed_users: failed };
  },
  user_profile_updated: ({ rng, actor }) => {
    const [first = '', last = ''] = actor.name.split(' ');
    return {
      previous_profile: {
        real_name: actor.name,
        first_name: first,
        last_name: last,
        display_name: first.toLowerCase(),
      },
      new_profile: {
        real_name: actor.name,
        first_name: first,
        last_name: last,
        display_name: rng.pick([first, `${first}${last.charAt(0)}`]),
      },
    };
  },
  guest_expiration_set: ({ dateCreate, rng }) => ({ expires_on: dateCreate + rng.between(7, 180) * 86400 }),
  channel_retention_changed: ({ rng }) => ({
    old_retention_policy: { type: 'RETAIN_ALL', duration_days: 0 },
    new_retention_policy: { type: rng.pick(['EXPIRE_ALL', 'EXPIRE_MSGS']), duration_days: rng.pick([30, 90, 365]) },
  }),
  channel_posting_permissions_updated: ({ rng, org }) => ({
    who_can_post: { type: ['admin'], user: [rng.pick(org.admins).id] },
    can_thread: { type: ['ra'], user: [] },
    enable_at_here: { enabled: rng.chance(0.5) },
    enable_at_channel: { enabled: rng.chance(0.5) },
    can_huddle: { enabled: true },
  }),
  emoji_added: ({ rng }) => ({ name: rng.pick(EMOJI_NAMES) }),
  emoji_removed: ({ rng }) => ({ name: rng.pick(EMOJI_NAMES) }),
  emoji_aliased: ({ rng }) => ({ name: rng.pick(EMOJI_NAMES), alias: `${rng.pick(EMOJI_NAMES)}-alias` }),
  emoji_renamed: ({ rng }) => ({ previous_name: rng.pick(EMOJI_NAMES), name: `${rng.pick(EMOJI_NAMES)}-v2` }),
};

const prefDetails: DetailsShaper = ({ action, rng, org }) => prefChange(action, rng, org);
const exportDetails: DetailsShaper = ({ rng, dateCreate }) => {
  const end = dateCreate - rng.between(0, 3) * 86400;
  return {
    export_type: rng.pick(EXPORT_TYPES),
    export_start_ts: String(end - rng.between(30, 365) * 86400),
    export_end_ts: String(end),
  };
};
const noDetails: DetailsShaper = () => undefined;
/** The shaper of each action name, worked out once per name rather than per entry. */
const shaperCache = new Map<string, DetailsShaper>();

/** The `details` of an entry, or undefined for actions that carry none (most of them). */
export function detailsFor(input: DetailsInput): Details | undefined {
  let shaper = shaperCache.get(input.action);
  if (shaper === undefined) {
    shaper =
      SHAPERS[input.action] ??
      (input.action.startsWith('pref.')
        ? prefDetails
        : /export_(started|completed)$/.test(input.action)
          ? exportDetails
          : noDetails);
    shaperCache.set(input.action, shaper);
  }
  return shaper(input);
}

function idpDetails(rng: Rng): Details {
  const saml = rng.chance(0.8);
  return {
    idp_config_id: slackId('Ss', rng),
    config_type: saml ? 'saml' : 'oidc',
    idp_entity_id: saml ? 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9' : 'https://login.microsoftonline.com/common/v2.0',
    idp_entity_id_hash: (rng.uint32().toString(16) + rng.uint32().toString(16)).padStart(16, '0'),
    label: rng.pick(IDP_LABELS),
  };
}

function appInstallDetails({ rng, org, entity }: DetailsInput): Details {
  return {
    scopes: stringList(field(entity, 'scopes')),
    bot_scopes: stringList(field(entity, 'bot_scopes')),
    granular_bot_token: true,
    is_internal_integration: !field(entity, 'is_distributed'),
    is_token_rotation_enabled_app: rng.chance(0.2),
    app_owner_id: org.apps.find((app) => app.id === field(entity, 'id'))?.creator ?? rng.pick(org.people).id,
    installer_user_id: rng.pick(org.admins).id,
  };
}

function privateUrl(entity: EntityObject): string {
  return `https://files.slack.com/files-pri/${String(field(entity, 'id'))}/${String(field(entity, 'name') ?? 'file')}`;
}

/** Reads one member of an entity object whose exact type depends on the action. */
function field(entity: EntityObject, name: string): unknown {
  return (entity as Record<string, unknown>)[name];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
