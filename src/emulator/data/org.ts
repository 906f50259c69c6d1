import * as names from './names.js';
import type { Rng } from './rng.js';
import { API_CLIENT_USER_AGENTS, BROWSER_USER_AGENTS, DESKTOP_USER_AGENTS, MOBILE_USER_AGENTS } from './user-agents.js';

/** A workspace or the enterprise itself: the shape of `context.location` and of those entities. */
export interface OrgPlace {
  type: 'workspace' | 'enterprise';
  id: string;
  name: string;
  domain: string;
}

export interface OrgUser {
  id: string;
  name: string;
  email: string;
  /** The workspace the user belongs to. */
  team: string;
  kind: 'member' | 'admin' | 'guest' | 'bot';
  /** The user agents of the user's devices, most used first. */
  userAgents: readonly string[];
  /** The addresses the user connects from, most used first. */
  ipAddresses: readonly string[];
}

export interface OrgChannel {
  id: string;
  name: string;
  privacy: 'public' | 'private';
  is_shared: boolean;
  is_org_shared: boolean;
  teams_shared_with?: string[];
}

export interface OrgApp {
  id: string;
  name: string;
  is_distributed: boolean;
  is_directory_approved: boolean;
  is_workflow_app: boolean;
  scopes: string[];
  bot_scopes: string[];
  /** The user who created the app. */
  creator: string;
  team: string;
}

/** An app that has a bot user, and that bot user. */
export interface AppBot {
  app: OrgApp;
  bot: OrgUser;
}

export interface Named {
  id: string;
  name: string;
}

export interface Organization {
  enterprise: OrgPlace;
  workspaces: OrgPlace[];
  /** Everyone, bots included. */
  users: OrgUser[];
  /** People only (members, admins, guests): the usual actors. */
  people: OrgUser[];
  admins: OrgUser[];
  bots: OrgUser[];
  /** The apps with a bot user, paired with it (in the order of `bots`). */
  appBots: AppBot[];
  channels: OrgChannel[];
  files: { id: string; name: string; filetype: string; title: string }[];
  apps: OrgApp[];
  usergroups: Named[];
  canvases: { id: string; filetype: string; title: string }[];
  lists: { id: string }[];
  workflows: Named[];
  roles: { id: string; name: string; type: string }[];
  accountTypeRoles: Named[];
  templates: { id: string; template_name: string }[];
  legalHolds: Named[];
}

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** A Slack-style ID: a type prefix (W user, C channel, F file, A app, T workspace, E enterprise…) and 10 characters. */
export function slackId(prefix: string, rng: Rng): string {
  let id = prefix;
  for (let i = 0; i < 10; i++) id += ID_ALPHABET[rng.int(ID_ALPHABET.length)];
  return id;
}

/** A user as entries show it (`actor.user`, `entity.user`, `inviter`, `kicker`). */
export function userRef(user: OrgUser): { id: string; name: string; email: string; team: string } {
  return { id: user.id, name: user.name, email: user.email, team: user.team };
}

/** How many people an organisation with `entries` audit events plausibly has. */
export function peopleFor(entries: number): number {
  return Math.min(5000, Math.max(80, Math.round(entries / 250)));
}

/**
 * Builds a deterministic organisation: an enterprise, its workspaces and everything audit events point at.
 * `orgNumber` (1-based) tells the organisations of one emulator apart: beyond the first, the company's name and
 * domain carry the number, so every enterprise has a name, domain and email domain of its own.
 */
export function buildOrganization(rng: Rng, peopleCount: number, orgNumber = 1): Organization {
  const brand = rng.pick(['Birdland', 'Elysium', 'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay']);
  const company = orgNumber === 1 ? brand : `${brand} ${orgNumber}`;
  const domain = company.toLowerCase().replace(' ', '-');
  const enterprise: OrgPlace = { type: 'enterprise', id: slackId('E', rng), name: company, domain };
  const workspaces: OrgPlace[] = names.WORKSPACE_NAMES.slice(0, rng.between(3, 6)).map((name) => ({
    type: 'workspace',
    id: slackId('T', rng),
    name: `${company} ${name}`,
    domain: `${domain}-${name.toLowerCase()}`,
  }));
  const people: OrgUser[] = [];
  const usedEmails = new Set<string>();
  for (let i = 0; i < peopleCount; i++) {
    const first = rng.pick(names.FIRST_NAMES);
    const last = rng.pick(names.LAST_NAMES);
    const kind = i < Math.max(2, peopleCount / 50) ? 'admin' : rng.chance(0.06) ? 'guest' : 'member';
    let local = `${first}.${last}`.toLowerCase();
    while (usedEmails.has(local)) local = `${first}.${last}${rng.between(2, 99)}`.toLowerCase();
    usedEmails.add(local);
    const emailDomain =
      kind === 'guest' ? rng.pick(['contractor.io', 'agency.example', 'partner.example']) : `${domain}.com`;
    people.push({
      id: slackId(kind === 'guest' ? 'U' : 'W', rng),
      name: `${first} ${last}`,
      email: `${local}@${emailDomain}`,
      team: rng.pick(workspaces).id,
      kind,
      userAgents: pickDevices(rng),
      ipAddresses: Array.from({ length: rng.between(1, 3) }, () => ipAddress(rng)),
    });
  }
  const apps: OrgApp[] = names.APP_NAMES.map((name) => {
    const team = rng.pick(workspaces).id;
    return {
      id: slackId('A', rng),
      name,
      is_distributed: rng.chance(0.7),
      is_directory_approved: rng.chance(0.5),
      is_workflow_app: rng.chance(0.15),
      scopes: sample(rng, names.USER_SCOPES, rng.between(0, 4)),
      bot_scopes: sample(rng, names.BOT_SCOPES, rng.between(1, 6)),
      creator: rng.pick(people).id,
      team,
    };
  });
  const appBots: AppBot[] = apps
    .filter(() => rng.chance(0.6))
    .map((app) => ({
      app,
      bot: {
        id: slackId('W', rng),
        name: app.name,
        // Bot actors carry this synthetic address, as documented.
        email: `botuser-${app.team}-${app.id}@slack-bots.com`,
        team: app.team,
        kind: 'bot',
        userAgents: [rng.pick(API_CLIENT_USER_AGENTS)],
        ipAddresses: [ipAddress(rng)],
      },
    }));
  const bots = appBots.map(({ bot }) => bot);
  const channels: OrgChannel[] = [];
  const channelCount = Math.max(names.CHANNEL_WORDS.length, Math.round(peopleCount / 3));
  for (let i = 0; i < channelCount; i++) {
    const base = names.CHANNEL_WORDS[i % names.CHANNEL_WORDS.length] as string;
    const name = i < names.CHANNEL_WORDS.length ? base : `${base}-${i}`;
    const isShared = rng.chance(0.05);
    const isOrgShared = !isShared && rng.chance(0.2);
    const channel: OrgChannel = {
      id: slackId(rng.chance(0.75) ? 'C' : 'G', rng),
      name,
      privacy: rng.chance(0.7) ? 'public' : 'private',
      is_shared: isShared,
      is_org_shared: isOrgShared,
    };
    if (isOrgShared)
      channel.teams_shared_with = sample(rng, workspaces, rng.between(2, workspaces.length)).map((w) => w.id);
    channels.push(channel);
  }
  const files = Array.from({ length: Math.max(200, peopleCount * 4) }, (_, i) => {
    const [extension, filetype] = rng.pick(names.FILE_TYPES);
    const word = rng.pick(names.FILE_WORDS);
    return { id: slackId('F', rng), name: `${word}-${i}.${extension}`, filetype, title: `${capitalize(word)} ${i}` };
  });
  const canvases = Array.from({ length: Math.max(30, peopleCount / 2) }, (_, i) => ({
    id: slackId('F', rng),
    filetype: 'quip',
    title: `${capitalize(rng.pick(names.FILE_WORDS))} canvas ${i}`,
  }));
  return {
    enterprise,
    workspaces,
    users: [...people, ...bots],
    people,
    admins: people.filter((user) => user.kind === 'admin'),
    bots,
    appBots,
    channels,
    files,
    apps,
    usergroups: names.USERGROUP_NAMES.map((name) => ({ id: slackId('S', rng), name })),
    canvases,
    lists: Array.from({ length: 40 }, () => ({ id: slackId('F', rng) })),
    workflows: Array.from({ length: 15 }, (_, i) => ({ id: slackId('Wf', rng), name: `Workflow ${i + 1}` })),
    roles: [
      { id: 'Rl0A', name: 'Channel Manager', type: 'system' },
      { id: 'Rl0B', name: 'Users Admin', type: 'system' },
      { id: 'Rl0C', name: 'Security Admin', type: 'system' },
      { id: 'Rl0D', name: 'Audit Reader', type: 'custom' },
    ],
    accountTypeRoles: [
      { id: 'ATR01', name: 'Guest' },
      { id: 'ATR02', name: 'Member' },
    ],
    templates: [
      { id: slackId('Tpl', rng), template_name: 'Project kickoff' },
      { id: slackId('Tpl', rng), template_name: 'Incident response' },
    ],
    legalHolds: [{ id: slackId('LH', rng), name: 'Litigation 2026-014' }],
  };
}

/** A user's devices: mostly the desktop app, often a phone, sometimes a browser. */
function pickDevices(rng: Rng): string[] {
  const devices: string[] = [rng.chance(0.8) ? rng.pick(DESKTOP_USER_AGENTS) : rng.pick(BROWSER_USER_AGENTS)];
  if (rng.chance(0.6)) devices.push(rng.pick(MOBILE_USER_AGENTS));
  if (rng.chance(0.3)) devices.push(rng.pick(BROWSER_USER_AGENTS));
  return devices;
}

/** A public-looking address: IPv4 mostly, some IPv6. */
export function ipAddress(rng: Rng): string {
  if (rng.chance(0.15)) {
    const groups = Array.from({ length: 4 }, () => rng.int(0x10000).toString(16));
    return `2001:db8:${groups.join(':')}::${rng.int(0x10000).toString(16)}`;
  }
  return `${rng.between(11, 223)}.${rng.int(256)}.${rng.int(256)}.${rng.between(1, 254)}`;
}

export function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(rng.int(pool.length), 1)[0] as T);
  return out;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
