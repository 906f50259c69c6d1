import type { App, Entity, Location, User } from '../../model/index.js';
import { type Organization, type OrgPlace, type OrgUser, slackId, userRef } from './org.js';
import type { Rng } from './rng.js';

/** Any of the typed objects an entity can hold (`Channel`, `File`, `App`…). */
export type EntityObject = NonNullable<Entity[Exclude<keyof Entity, 'type'>]>;

/**
 * Builds the entity of an entry. Users, channels, files and apps come from the organisation so that the same IDs
 * recur across events, as they do in real logs, and their objects are shared between entries (never mutated);
 * short-lived things (huddles, messages) are made up per event.
 */
export class EntityPool {
  readonly #org: Organization;
  readonly #users = new Map<string, User>();
  readonly #enterprise: Location;
  /** The workspaces' objects, in the order of `org.workspaces`, and by ID. */
  readonly #workspaces: Location[];
  readonly #workspacesById = new Map<string, Location>();
  /** The apps' objects, in the order of `org.apps`. */
  readonly #apps: App[];

  constructor(org: Organization) {
    this.#org = org;
    for (const user of org.users) this.#users.set(user.id, userRef(user));
    const location = (place: OrgPlace): Location => ({ id: place.id, name: place.name, domain: place.domain });
    this.#enterprise = location(org.enterprise);
    this.#workspaces = org.workspaces.map((place) => {
      const workspace = location(place);
      this.#workspacesById.set(place.id, workspace);
      return workspace;
    });
    this.#apps = org.apps.map((app) => ({
      id: app.id,
      name: app.name,
      is_distributed: app.is_distributed,
      is_directory_approved: app.is_directory_approved,
      is_workflow_app: app.is_workflow_app,
      scopes: app.scopes,
      bot_scopes: app.bot_scopes,
    }));
  }

  /** Every object entries share, for serialisation caching. */
  sharedObjects(): object[] {
    const org = this.#org;
    return [
      ...this.#users.values(),
      this.#enterprise,
      ...this.#workspaces,
      ...this.#apps,
      ...org.channels,
      ...org.files,
      ...org.canvases,
      ...org.lists,
      ...org.usergroups,
      ...org.workflows,
      ...org.roles,
      ...org.accountTypeRoles,
      ...org.templates,
      ...org.legalHolds,
    ];
  }

  /** The shared `{id, name, email, team}` object of a user. */
  user(user: OrgUser): User {
    return this.#users.get(user.id) ?? userRef(user);
  }

  /** The object under `entity[type]` of a new entry. */
  entityFor(type: string, rng: Rng, actor: OrgUser, dateCreate: number): EntityObject {
    const org = this.#org;
    switch (type) {
      case 'user':
        // Most user events are about the actor themself (logins, profile changes).
        return this.user(rng.chance(0.7) ? actor : rng.pick(org.people));
      case 'workspace':
        // Slack's own actors belong to no workspace.
        return this.#workspacesById.get(actor.team) ?? rng.pick(this.#workspaces);
      case 'enterprise':
        return this.#enterprise;
      case 'channel':
        return rng.pick(org.channels);
      case 'file':
        return rng.pick(org.files);
      case 'canvas':
        return rng.pick(org.canvases);
      case 'list':
        return rng.pick(org.lists);
      case 'app':
        return rng.pick(this.#apps);
      case 'usergroup':
        return rng.pick(org.usergroups);
      case 'workflow':
        return rng.pick(org.workflows);
      case 'role':
        return rng.pick(org.roles);
      case 'account_type_role':
        return rng.pick(org.accountTypeRoles);
      case 'template':
        return rng.pick(org.templates);
      case 'legal_hold_policy':
        return rng.pick(org.legalHolds);
      default:
        return madeUpEntity(type, rng, org, actor, dateCreate);
    }
  }
}

/** Entities that exist only for one event. */
function madeUpEntity(type: string, rng: Rng, org: Organization, actor: OrgUser, dateCreate: number): EntityObject {
  switch (type) {
    case 'message': {
      const channel = rng.pick(org.channels);
      const ts = `${dateCreate - rng.int(86400)}.${String(rng.int(1_000_000)).padStart(6, '0')}`;
      return { team: actor.team, channel: channel.id, timestamp: ts };
    }
    case 'huddle': {
      const start = dateCreate - rng.int(3600);
      const participants = Array.from({ length: rng.between(2, 6) }, () => rng.pick(org.people).id);
      return { id: slackId('R', rng), date_start: start, date_end: dateCreate, participants };
    }
    case 'barrier': {
      const [primary, other] = [rng.pick(org.usergroups), rng.pick(org.usergroups)];
      return {
        id: slackId('Ib', rng),
        primary_usergroup: primary.id,
        barriered_from_usergroups: [other.id],
        restricted_subjects: ['call', 'dm', 'mpdm'],
      };
    }
    case 'workflow_v2': {
      const app = rng.pick(org.apps);
      return {
        id: slackId('Wf', rng),
        app_id: app.id,
        date_updated: dateCreate - rng.int(86400 * 30),
        callback_id: `${app.name.toLowerCase().replace(/\W+/g, '_')}_flow`,
        name: `${app.name} workflow`,
        updated_by: actor.id,
        step_configuration: [
          { name: 'send_message', step_function_type: 'builtin', step_function_app_id: 'A0000000001' },
        ],
      };
    }
    case 'function': {
      const app = rng.pick(org.apps);
      return { id: slackId('Fn', rng), app_id: app.id, callback_id: 'main_function' };
    }
    default:
      return { id: slackId('X', rng) };
  }
}
