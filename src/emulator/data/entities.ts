import type { App, Entity, Location, User } from '../../model/index.js';
import type { Organization, OrgUser } from './org.js';
import { slackId } from './org.js';
import type { Rng } from './rng.js';

/** The object under `entity[type]`, and the ID the `entity` filter matches (undefined for messages). */
export interface EntityChoice {
  object: EntityObject;
  id: string | undefined;
}

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
  readonly #places = new Map<string, Location>();
  readonly #apps = new Map<string, App>();

  constructor(org: Organization) {
    this.#org = org;
    for (const user of org.users) this.#users.set(user.id, userObject(user));
    for (const place of [org.enterprise, ...org.workspaces]) {
      this.#places.set(place.id, { id: place.id, name: place.name, domain: place.domain });
    }
    for (const app of org.apps) {
      this.#apps.set(app.id, {
        id: app.id,
        name: app.name,
        is_distributed: app.is_distributed,
        is_directory_approved: app.is_directory_approved,
        is_workflow_app: app.is_workflow_app,
        scopes: app.scopes,
        bot_scopes: app.bot_scopes,
      });
    }
  }

  /** Every object entries share, for serialisation caching. */
  sharedObjects(): object[] {
    const org = this.#org;
    return [
      ...this.#users.values(),
      ...this.#places.values(),
      ...this.#apps.values(),
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
    return this.#users.get(user.id) ?? userObject(user);
  }

  #place(id: string): Location | undefined {
    return this.#places.get(id);
  }

  entityFor(type: string, rng: Rng, actor: OrgUser, dateCreate: number): EntityChoice {
    const org = this.#org;
    switch (type) {
      case 'user':
        // Most user events are about the actor themself (logins, profile changes).
        return withId(this.user(rng.chance(0.7) ? actor : rng.pick(org.people)));
      case 'workspace':
        return withId(this.#place(actor.team) ?? this.#place(rng.pick(org.workspaces).id) ?? {});
      case 'enterprise':
        return withId(this.#place(org.enterprise.id) ?? {});
      case 'channel':
        return withId(rng.pick(org.channels));
      case 'file':
        return withId(rng.pick(org.files));
      case 'canvas':
        return withId(rng.pick(org.canvases));
      case 'list':
        return withId(rng.pick(org.lists));
      case 'app':
        return withId(this.#apps.get(rng.pick(org.apps).id) ?? {});
      case 'usergroup':
        return withId(rng.pick(org.usergroups));
      case 'workflow':
        return withId(rng.pick(org.workflows));
      case 'role':
        return withId(rng.pick(org.roles));
      case 'account_type_role':
        return withId(rng.pick(org.accountTypeRoles));
      case 'template':
        return withId(rng.pick(org.templates));
      case 'legal_hold_policy':
        return withId(rng.pick(org.legalHolds));
      default:
        return madeUpEntity(type, rng, org, actor, dateCreate);
    }
  }
}

/** Entities that exist only for one event. */
function madeUpEntity(type: string, rng: Rng, org: Organization, actor: OrgUser, dateCreate: number): EntityChoice {
  switch (type) {
    case 'message': {
      const channel = rng.pick(org.channels);
      const ts = `${dateCreate - rng.int(86400)}.${String(rng.int(1_000_000)).padStart(6, '0')}`;
      return { object: { team: actor.team, channel: channel.id, timestamp: ts }, id: undefined };
    }
    case 'huddle': {
      const start = dateCreate - rng.int(3600);
      const participants = Array.from({ length: rng.between(2, 6) }, () => rng.pick(org.people).id);
      return withId({ id: slackId('R', rng), date_start: start, date_end: dateCreate, participants });
    }
    case 'barrier': {
      const [primary, other] = [rng.pick(org.usergroups), rng.pick(org.usergroups)];
      return withId({
        id: slackId('Ib', rng),
        primary_usergroup: primary.id,
        barriered_from_usergroups: [other.id],
        restricted_subjects: ['call', 'dm', 'mpdm'],
      });
    }
    case 'workflow_v2': {
      const app = rng.pick(org.apps);
      return withId({
        id: slackId('Wf', rng),
        app_id: app.id,
        date_updated: dateCreate - rng.int(86400 * 30),
        callback_id: `${app.name.toLowerCase().replace(/\W+/g, '_')}_flow`,
        name: `${app.name} workflow`,
        updated_by: actor.id,
        step_configuration: [
          { name: 'send_message', step_function_type: 'builtin', step_function_app_id: 'A0000000001' },
        ],
      });
    }
    case 'function': {
      const app = rng.pick(org.apps);
      return withId({ id: slackId('Fn', rng), app_id: app.id, callback_id: 'main_function' });
    }
    default:
      return withId({ id: slackId('X', rng) });
  }
}

function userObject(user: OrgUser): User {
  return { id: user.id, name: user.name, email: user.email, team: user.team };
}

function withId(object: EntityObject): EntityChoice {
  const id = (object as { id?: unknown }).id;
  return { object, id: typeof id === 'string' ? id : undefined };
}
