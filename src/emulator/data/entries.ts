import type { Actor, Entry } from '../../model/index.js';
import { EntryJson } from '../entry-json.js';
import { type ActionChoice, GENERATED_ACTIONS, pickAction } from './action-mix.js';
import { detailsFor } from './details.js';
import { EntityPool } from './entities.js';
import type { AppBot, Organization, OrgPlace, OrgUser } from './org.js';
import type { Rng } from './rng.js';
import { API_CLIENT_USER_AGENTS, BROWSER_USER_AGENTS, DESKTOP_USER_AGENTS, MOBILE_USER_AGENTS } from './user-agents.js';

/** Actor IDs Slack uses when no person acted: Slack Security resetting credentials, and "nobody". */
const SLACK_SECURITY: OrgUser = placeholder('USLACKSECURITY', 'Slack Security');
const SLACK_USER: OrgUser = placeholder('USLACKUSER', 'Slack');

/** Share of channel, file, message and canvas events that an app's bot user performs. */
const APP_TRIGGERED_SHARE = 0.06;
/** Entity types whose events apps also perform through their bot users. */
const APP_ENTITY_TYPES: ReadonlySet<string> = new Set(['channel', 'file', 'message', 'canvas']);

/**
 * Makes realistic entries for one organisation, one at a time, from one random stream. Entries share the
 * organisation's objects (actors, locations, channels…), which `json` serialises once.
 */
export class EntryFactory {
  readonly #org: Organization;
  readonly #rng: Rng;
  readonly #entities: EntityPool;
  readonly #actors = new Map<string, Actor>();
  readonly #places = new Map<string, OrgPlace>();
  /** Serialises this factory's entries, reusing the JSON of the shared objects. */
  readonly json = new EntryJson();

  constructor(org: Organization, rng: Rng) {
    this.#org = org;
    this.#rng = rng;
    this.#entities = new EntityPool(org);
    for (const place of org.workspaces) this.#places.set(place.id, place);
    for (const user of [...org.users, SLACK_SECURITY, SLACK_USER]) {
      this.#actors.set(user.id, { type: 'user', user: this.#entities.user(user) });
    }
    for (const shared of [
      ...this.#actors.values(),
      ...this.#entities.sharedObjects(),
      org.enterprise,
      ...org.workspaces,
    ]) {
      this.json.shareObject(shared);
    }
    for (const agents of [DESKTOP_USER_AGENTS, BROWSER_USER_AGENTS, MOBILE_USER_AGENTS, API_CLIENT_USER_AGENTS]) {
      for (const agent of agents) this.json.shareString(agent);
    }
    for (const action of GENERATED_ACTIONS) this.json.shareString(action.name);
    for (const user of org.users) for (const address of user.ipAddresses) this.json.shareString(address);
  }

  /** A new entry created at `dateCreate` (Unix seconds), with an action weighted towards everyday ones. */
  make(dateCreate: number, choice: ActionChoice = pickAction(this.#rng)): Entry {
    const rng = this.#rng;
    const org = this.#org;
    const action = choice.name;
    const entityType = pickEntityType(rng, choice.entityTypes);
    const appBot = appActor(rng, org, action, entityType);
    const app = appBot?.app;
    const actor = appBot ? appBot.bot : pickActor(rng, org, choice);
    const entity = this.#entities.entityFor(entityType, rng, actor, dateCreate);
    const entry: Entry = {
      id: uuid(rng),
      date_create: dateCreate,
      action,
      // The constructor registers every actor pickActor and appActor can return.
      actor: this.#actors.get(actor.id) as Actor,
      entity: { type: entityType, [entityType]: entity },
      context: {
        location: entityType === 'enterprise' ? org.enterprise : (this.#places.get(actor.team) ?? org.enterprise),
        ua: actor.userAgents[rng.chance(0.75) ? 0 : rng.int(actor.userAgents.length)] ?? '',
        ip_address: actor.ipAddresses[rng.chance(0.8) ? 0 : rng.int(actor.ipAddresses.length)] ?? '',
        // The API sends session_id as a string, as a number, or null when an app acted.
        session_id: app ? null : sessionId(rng),
      },
    };
    if (app && entry.context) {
      entry.context.app = {
        id: app.id,
        name: app.name,
        scopes: app.scopes,
        scopes_bot: app.bot_scopes,
        creator: app.creator,
        team: app.team,
      };
    }
    const details = detailsFor({ rng, org, action, actor, entity, dateCreate });
    if (details) entry.details = details;
    return entry;
  }
}

function pickEntityType(rng: Rng, types: readonly string[]): string {
  if (types.length === 1) return types[0] as string;
  // workspace|enterprise: most org-level actions are recorded against a workspace; user|app: anomalies are mostly about users.
  return rng.chance(0.75) ? (types[0] as string) : rng.pick(types);
}

/** The app (and its bot user) that performs this event, if an app does. */
function appActor(rng: Rng, org: Organization, action: string, entityType: string): AppBot | undefined {
  if (!APP_ENTITY_TYPES.has(entityType) || action === 'user_channel_join') return undefined;
  if (org.appBots.length === 0 || !rng.chance(APP_TRIGGERED_SHARE)) return undefined;
  return rng.pick(org.appBots);
}

function pickActor(rng: Rng, org: Organization, choice: ActionChoice): OrgUser {
  if (choice.sessionReset && rng.chance(0.1)) return SLACK_SECURITY;
  if (choice.automatic && rng.chance(0.5)) return SLACK_USER;
  if (choice.byAdmin && org.admins.length > 0) return rng.pick(org.admins);
  return rng.pick(org.people);
}

function sessionId(rng: Rng): string | number {
  const id = 1_000_000_000_000 + rng.int(8_999_999_999) * 1000 + rng.int(1000);
  return rng.chance(0.75) ? String(id) : id;
}

const uuidBytes = Buffer.alloc(16);

/** A version-4 style UUID; the API's ids are opaque strings of this shape. */
function uuid(rng: Rng): string {
  uuidBytes.writeUInt32BE(rng.uint32(), 0);
  uuidBytes.writeUInt32BE(((rng.uint32() & 0xffff0fff) | 0x4000) >>> 0, 4);
  uuidBytes.writeUInt32BE(((rng.uint32() & 0x3fffffff) | 0x80000000) >>> 0, 8);
  uuidBytes.writeUInt32BE(rng.uint32(), 12);
  const hex = uuidBytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function placeholder(id: string, name: string): OrgUser {
  return { id, name, email: '', team: '', kind: 'member', userAgents: [''], ipAddresses: [''] };
}
