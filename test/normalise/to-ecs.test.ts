import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/model/index.js';
import { ECS_VERSION, toEcs } from '../../src/normalise/index.js';

const LOGIN: Entry = {
  id: '0123a45b-6c7d-8900-e12f-3456789gh0i1',
  date_create: 1521214343,
  action: 'user_login',
  actor: {
    type: 'user',
    user: { id: 'W123AB456', name: 'Charlie Parker', email: 'bird@slack.com', team: 'E1701NCCA' },
  },
  entity: { type: 'user', user: { id: 'W123AB456', name: 'Charlie Parker', email: 'bird@slack.com' } },
  context: {
    location: { type: 'enterprise', id: 'E1701NCCA', name: 'Birdland', domain: 'birdland' },
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_6)',
    ip_address: '81.2.69.143',
    session_id: '1234567890123',
  },
};

test('the fields Elastic’s Slack pipeline maps land where it puts them', () => {
  const document = toEcs(LOGIN);
  assert.equal(document['@timestamp'], '2018-03-16T15:32:23.000Z');
  assert.equal(document.event.id, LOGIN.id);
  assert.equal(document.event.action, 'user_login');
  assert.deepEqual(document.user?.id, 'W123AB456');
  assert.deepEqual(document.user?.full_name, 'Charlie Parker');
  assert.deepEqual(document.user?.email, 'bird@slack.com');
  assert.deepEqual(document.source, { ip: '81.2.69.143' });
  assert.deepEqual(document.user_agent, { original: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_6)' });
});

test('a login is a successful authentication and session start', () => {
  const { event } = toEcs(LOGIN);
  assert.deepEqual(
    { kind: event.kind, category: event.category, type: event.type, outcome: event.outcome },
    { kind: 'event', category: ['authentication', 'session'], type: ['start'], outcome: 'success' },
  );
  assert.equal(toEcs({ ...LOGIN, action: 'user_login_failed' }).event.outcome, 'failure');
});

test('every document names its provider, module, dataset and ECS version', () => {
  const document = toEcs(LOGIN);
  assert.equal(document.ecs.version, ECS_VERSION);
  assert.deepEqual(
    [document.event.provider, document.event.module, document.event.dataset],
    ['slack', 'slack', 'slack.audit'],
  );
});

test('the user acted on is user.target; the location is the organization', () => {
  const document = toEcs(LOGIN);
  assert.deepEqual(document.user?.target, { id: 'W123AB456', full_name: 'Charlie Parker', email: 'bird@slack.com' });
  assert.deepEqual(document.organization, { id: 'E1701NCCA', name: 'Birdland' });
});

test('related holds every user id and address, and every IP, once', () => {
  const document = toEcs({ ...LOGIN, details: { previous_ip_address: '2001:db8::1' } });
  assert.deepEqual(document.related, { user: ['W123AB456', 'bird@slack.com'], ip: ['81.2.69.143', '2001:db8::1'] });
});

test('what ECS has no field for stays under slack.audit, in the entry’s shape', () => {
  const audit = toEcs({ ...LOGIN, details: { config_type: 'saml' } }).slack.audit;
  assert.deepEqual(audit, {
    actor: { type: 'user', user: { team: 'E1701NCCA' } },
    entity: { type: 'user' },
    context: { location: { type: 'enterprise', domain: 'birdland' }, session_id: '1234567890123' },
    details: { config_type: 'saml' },
  });
});

test('a usergroup is group.*, a file’s name file.name', () => {
  const group = toEcs({ ...LOGIN, action: 'user_added_to_usergroup', entity: usergroup() });
  assert.deepEqual(group.group, { id: 'S0614TZR7', name: 'happy' });
  const file = toEcs({
    ...LOGIN,
    action: 'file_downloaded',
    entity: { type: 'file', file: { id: 'F1', name: 'a.pdf' } },
  });
  assert.deepEqual(file.file, { name: 'a.pdf' });
  assert.deepEqual(file.slack.audit.entity, { type: 'file', file: { id: 'F1' } });
});

test('an empty IP address, an empty user agent and an empty email stay as they came, under slack.audit', () => {
  const document = toEcs({
    ...LOGIN,
    actor: { type: 'user', user: { id: 'USLACKSECURITY', name: 'Slack Security', email: '' } },
    context: { ip_address: '', ua: '' },
  });
  assert.equal(document.source, undefined);
  assert.equal(document.user_agent, undefined);
  assert.equal(document.user?.email, undefined);
  assert.deepEqual(document.slack.audit.context, { ip_address: '', ua: '' });
  assert.deepEqual(document.slack.audit.actor, { type: 'user', user: { email: '' } });
});

test('Slack’s anomaly detections are alerts', () => {
  assert.equal(toEcs({ ...LOGIN, action: 'anomaly' }).event.kind, 'alert');
});

test('a date_create that milliseconds cannot hold exactly also stays under slack.audit', () => {
  const document = toEcs({ ...LOGIN, date_create: 1521214343.0005 });
  assert.equal(document['@timestamp'], '2018-03-16T15:32:23.001Z');
  assert.equal(document.slack.audit.date_create, 1521214343.0005);
});

test('the entry is not changed, and untouched parts are shared rather than copied', () => {
  const details = { reason: ['unexpected_ip'] };
  const entry = deepFreeze(structuredClone({ ...LOGIN, details }));
  const document = toEcs(entry);
  assert.equal(document.slack.audit.details, entry.details);
});

function usergroup(): Entry['entity'] {
  return { type: 'usergroup', usergroup: { id: 'S0614TZR7', name: 'happy' } };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
