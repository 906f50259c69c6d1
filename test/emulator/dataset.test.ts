import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { GENERATED_ACTIONS } from '../../src/emulator/data/action-mix.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import type { Entry } from '../../src/model/index.js';
import { KNOWN_ACTIONS } from '../../src/model/index.js';

const UNTIL = Date.UTC(2026, 7, 20, 15, 0, 0);

function datasetOptions(seed: number, entries: number) {
  return { seed, entries, days: 30, until: UNTIL, ingestDelay: { minSeconds: 0, maxSeconds: 90 } };
}

describe('generated data', () => {
  let entries: Entry[];
  let dataset: ReturnType<typeof generateDataset>;
  before(() => {
    dataset = generateDataset(datasetOptions(42, 20_000));
    entries = dataset.entries.map((stored) => JSON.parse(stored.json) as Entry);
  });

  test('is deterministic for a seed', () => {
    const again = generateDataset(datasetOptions(42, 2000));
    const other = generateDataset(datasetOptions(43, 2000));
    const first = generateDataset(datasetOptions(42, 2000));
    assert.deepEqual(again.entries, first.entries);
    assert.notDeepEqual(
      other.entries.map((e) => e.json),
      first.entries.map((e) => e.json),
    );
  });

  test('spreads over the window, newest first, with unique ids', () => {
    const end = Math.floor(UNTIL / 1000);
    assert.ok(entries.every((entry, i) => i === 0 || (entries[i - 1] as Entry).date_create >= entry.date_create));
    assert.ok((entries[0] as Entry).date_create <= end);
    assert.ok((entries.at(-1) as Entry).date_create > end - 30 * 86_400);
    assert.equal(new Set(entries.map((entry) => entry.id)).size, entries.length);
    assert.ok(
      entries.every((entry) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(entry.id)),
    );
  });

  test('is busy in office hours and quiet at night, with several entries in some seconds', () => {
    const perHour = new Array<number>(24).fill(0);
    for (const entry of entries) {
      const hour = new Date(entry.date_create * 1000).getUTCHours();
      perHour[hour] = (perHour[hour] ?? 0) + 1;
    }
    const busiest = Math.max(...perHour);
    const quietest = Math.min(...perHour);
    assert.ok(busiest > quietest * 8, `hours: ${perHour.join(',')}`);
    const perSecond = new Map<number, number>();
    for (const entry of entries) perSecond.set(entry.date_create, (perSecond.get(entry.date_create) ?? 0) + 1);
    assert.ok([...perSecond.values()].some((count) => count >= 5));
  });

  test('favours everyday actions and uses only known ones with a consistent entity type', () => {
    const known = new Map<string, readonly string[]>(KNOWN_ACTIONS.map((action) => [action.name, action.entityTypes]));
    const counts = new Map<string, number>();
    for (const entry of entries) {
      counts.set(entry.action, (counts.get(entry.action) ?? 0) + 1);
      const types = known.get(entry.action);
      assert.ok(types, entry.action);
      const type = entry.entity?.type as string;
      assert.ok(types.includes(type), `${entry.action} has entity ${type}`);
      assert.ok(
        (entry.entity as Record<string, unknown>)[type] !== undefined,
        `${entry.action}: entity.${type} is filled`,
      );
    }
    const top = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name]) => name);
    assert.ok(top.includes('user_login') && top.includes('file_downloaded'), top.join(','));
    assert.ok(counts.size > 150, `${counts.size} distinct actions`);
  });

  test('has people, guests and bots, with session_id a string, a number or null', () => {
    const { people, bots, admins } = dataset.org;
    assert.ok(people.some((user) => user.kind === 'guest') && bots.length > 0 && admins.length > 0);
    const emails = entries.map((entry) => entry.actor?.user?.email ?? '');
    assert.ok(emails.some((email) => /^botuser-T\w+-A\w+@slack-bots\.com$/.test(email)));
    const kinds = new Set(
      entries.map((entry) => (entry.context?.session_id === null ? 'null' : typeof entry.context?.session_id)),
    );
    assert.deepEqual([...kinds].sort(), ['null', 'number', 'string']);
    const appTriggered = entries.filter((entry) => entry.context?.session_id === null);
    assert.ok(appTriggered.every((entry) => (entry.context as Record<string, unknown>).app !== undefined));
    assert.ok(entries.every((entry) => entry.context?.location?.id && entry.context.ua !== undefined));
  });

  test('shapes details per action family', () => {
    const details = (action: string) =>
      entries.filter((entry) => entry.action === action).map((entry) => entry.details as Record<string, unknown>);
    const prefs = entries.filter((entry) => entry.action.startsWith('pref.')).map((entry) => entry.details);
    const shapes = new Set(prefs.map((d) => (Array.isArray(d?.new_value) ? 'array' : typeof d?.new_value)));
    assert.deepEqual([...shapes].sort(), ['array', 'object', 'string']);
    assert.ok(details('user_login').some((d) => d?.idp_config_id && d.config_type && d.idp_entity_id_hash && d.label));
    assert.ok(details('app_installed').every((d) => Array.isArray(d.scopes) && Array.isArray(d.bot_scopes)));
    const anomalies = details('anomaly');
    assert.ok(anomalies.length > 0);
    for (const anomaly of anomalies) {
      const reasons = anomaly.reason as string[];
      assert.ok(reasons.length >= 1);
      if (reasons.includes('asn')) assert.ok(reasons.includes('ip_address'));
      if (reasons.includes('spoofed_user_agent')) assert.ok(reasons.includes('unexpected_client'));
      assert.equal(String(anomaly.action_timestamp).length, 16, 'microseconds');
    }
    const joins = details('user_channel_join');
    assert.ok(joins.some((d) => (d.inviter as { id?: string } | undefined)?.id));
  });

  test('sends bulk session reset user lists both as arrays and as JSON-encoded strings', () => {
    const bulkReset = GENERATED_ACTIONS.find((action) => action.name === 'bulk_session_reset_by_admin');
    assert.ok(bulkReset);
    const resets = Array.from(
      { length: 40 },
      (_, i) => dataset.factory.make(Math.floor(UNTIL / 1000) - i, bulkReset).details as Record<string, unknown>,
    );
    assert.ok(resets.some((d) => typeof d.succeeded_users === 'string'));
    assert.ok(resets.some((d) => Array.isArray(d.succeeded_users)));
    for (const d of resets) {
      const users = typeof d.succeeded_users === 'string' ? JSON.parse(d.succeeded_users) : d.succeeded_users;
      assert.ok(Array.isArray(users) && users.every((id: unknown) => typeof id === 'string'));
    }
  });

  test('serialises exactly as JSON.stringify would', () => {
    const factory = dataset.factory;
    for (let i = 0; i < 2000; i++) {
      const made = factory.make(Math.floor(UNTIL / 1000) - i);
      assert.equal(factory.json.stringify(made), JSON.stringify(made));
    }
  });
});
