import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/model/index.js';
import { OCSF_VERSION, toOcsf } from '../../src/normalise/index.js';
import { readSharedJson } from './helpers/shared-data.js';

const ACTOR = { type: 'user', user: { id: 'W123AB456', name: 'Charlie Parker', email: 'bird@slack.com', team: 'T1' } };
const CONTEXT = {
  location: { type: 'workspace', id: 'T1', name: 'Birdland', domain: 'birdland' },
  ua: 'Mozilla/5.0',
  ip_address: '81.2.69.143',
  session_id: '1234567890123',
};

function entry(action: string, entity?: Entry['entity'], more: Partial<Entry> = {}): Entry {
  return { id: `id-${action}`, date_create: 1521214343, action, actor: ACTOR, entity, context: CONTEXT, ...more };
}

const USER_ENTITY = { type: 'user', user: { id: 'W999', name: 'Dizzy Gillespie', email: 'dizzy@slack.com' } };

test('every event identifies Slack, the schema version, the entry and its action', () => {
  const event = toOcsf(entry('user_login', USER_ENTITY));
  assert.deepEqual(event.metadata, {
    product: { name: 'Slack', vendor_name: 'Salesforce' },
    version: OCSF_VERSION,
    uid: 'id-user_login',
    event_code: 'user_login',
  });
  assert.equal(OCSF_VERSION, readSharedJson<{ version: string }>('ocsf', 'version.json').version);
  assert.equal(event.time, 1521214343000);
});

test('the actor, its session, the source IP and the user agent are placed in every class that has them', () => {
  const event = toOcsf(entry('public_channel_created', { type: 'channel', channel: { id: 'C1', name: 'general' } }));
  assert.deepEqual(event.actor, {
    user: { uid: 'W123AB456', full_name: 'Charlie Parker', email_addr: 'bird@slack.com', org: { uid: 'T1' } },
    session: { uid: '1234567890123' },
  });
  assert.deepEqual(event.src_endpoint, { ip: '81.2.69.143' });
  assert.deepEqual(event.http_request, { user_agent: 'Mozilla/5.0' });
});

test('a login is an Authentication Logon of the user, to Slack, that succeeded', () => {
  const event = toOcsf(entry('user_login', USER_ENTITY, { details: { config_type: 'saml' } }));
  assert.deepEqual(pickClass(event), [3002, 1, 'Logon', 300201, 'Authentication: Logon']);
  assert.equal(event.user?.uid, 'W999');
  assert.deepEqual(event.service, { name: 'Slack' });
  assert.deepEqual([event.status_id, event.status], [1, 'Success']);
  assert.deepEqual([event.auth_protocol_id, event.auth_protocol], [5, 'SAML']);
});

test('a failed login failed, at Low severity', () => {
  const event = toOcsf(entry('user_login_failed', USER_ENTITY));
  assert.deepEqual([event.status_id, event.status, event.severity_id, event.severity], [2, 'Failure', 2, 'Low']);
});

test('a login without a user entity authenticates the actor', () => {
  assert.equal(toOcsf(entry('cli_login')).user?.uid, 'W123AB456');
});

test('an admin’s session reset logs off the user it names; a bulk reset names no user and is an entity change', () => {
  assert.deepEqual(pickClass(toOcsf(entry('user_session_reset_by_admin', USER_ENTITY))).slice(0, 3), [
    3002,
    2,
    'Logoff',
  ]);
  const bulk = toOcsf(entry('bulk_session_reset_by_admin', { type: 'workspace', workspace: { id: 'T1' } }));
  assert.deepEqual(pickClass(bulk).slice(0, 3), [3004, 99, 'bulk_session_reset_by_admin']);
});

test('user lifecycle and role changes are User Management of the user acted on', () => {
  const created = toOcsf(entry('user_created', USER_ENTITY));
  assert.deepEqual(pickClass(created).slice(0, 3), [3007, 1, 'Create']);
  assert.equal(created.user?.full_name, 'Dizzy Gillespie');
  const promoted = toOcsf(entry('role_change_to_admin', USER_ENTITY));
  assert.deepEqual(pickClass(promoted).slice(0, 3), [3007, 16, 'Assign Roles']);
  assert.deepEqual(promoted.iam_roles, [{ name: 'admin' }]);
});

test('a role assigned names the role, not the user: Role Management, an update of the role', () => {
  const event = toOcsf(entry('role_assigned', { type: 'role', role: { id: 'Rl0A', name: 'Channels Admin' } }));
  assert.deepEqual(pickClass(event).slice(0, 3), [3008, 2, 'Update']);
  assert.deepEqual(event.iam_role, { uid: 'Rl0A', name: 'Channels Admin' });
});

test('usergroup membership is Group Management', () => {
  const event = toOcsf(entry('user_added_to_usergroup', { type: 'usergroup', usergroup: { id: 'S1', name: 'ops' } }));
  assert.deepEqual(pickClass(event).slice(0, 3), [3006, 3, 'Add User']);
  assert.deepEqual(event.group, { uid: 'S1', name: 'ops', type: 'usergroup' });
});

test('joining a channel adds the actor to the channel’s members', () => {
  const event = toOcsf(entry('user_channel_join', { type: 'channel', channel: { id: 'C1', name: 'general' } }));
  assert.deepEqual(pickClass(event).slice(0, 3), [3006, 3, 'Add User']);
  assert.deepEqual(event.group, { uid: 'C1', name: 'general', type: 'channel' });
  assert.deepEqual(event.users, [event.actor?.user]);
});

test('file downloads, uploads and shares are File Hosting Activity of a regular file', () => {
  const file = { type: 'file', file: { id: 'F1', name: 'plan.pdf', filetype: 'pdf', title: 'Plan' } };
  const download = toOcsf(entry('file_downloaded', file));
  assert.deepEqual(pickClass(download).slice(0, 3), [6006, 2, 'Download']);
  assert.deepEqual(download.file, { uid: 'F1', name: 'plan.pdf', type_id: 1, type: 'Regular File' });
  assert.equal(toOcsf(entry('file_uploaded', file)).activity_id, 1);
  assert.equal(toOcsf(entry('file_shared', file)).activity_id, 12);
  assert.equal(toOcsf(entry('file_download_blocked', file)).status_id, 2);
});

test('a canvas is a file named by its title', () => {
  const event = toOcsf(entry('canvas_opened', { type: 'canvas', canvas: { id: 'F2', title: 'Roadmap' } }));
  assert.deepEqual(pickClass(event).slice(0, 3), [6006, 14, 'Open']);
  assert.equal(event.file?.name, 'Roadmap');
});

test('workspace settings are Entity Management updates of the workspace', () => {
  const event = toOcsf(entry('pref.allow_calls', { type: 'workspace', workspace: { id: 'T1', name: 'Birdland' } }));
  assert.deepEqual(pickClass(event).slice(0, 3), [3004, 3, 'Update']);
  assert.deepEqual(event.entity, { uid: 'T1', name: 'Birdland', type: 'workspace', type_id: 99 });
});

test('an unknown action is API Activity with the action as its operation', () => {
  const event = toOcsf(entry('robot_detected', { type: 'robot', robot: { id: 'R1' } } as Entry['entity']));
  assert.deepEqual(pickClass(event), [6003, 99, 'robot_detected', 600399, 'API Activity: Other']);
  assert.deepEqual(event.api, { operation: 'robot_detected' });
  assert.deepEqual(event.resources, [{ uid: 'R1', type: 'robot' }]);
});

test('Slack’s anomaly detection is a Detection Finding, its actor and endpoint the evidence', () => {
  const event = toOcsf(
    entry('anomaly', USER_ENTITY, { details: { reason: ['unexpected_ip', 'tor'], location: 'Reno, Nevada' } }),
  );
  assert.deepEqual(pickClass(event), [2004, 1, 'Create', 200401, 'Detection Finding: Create']);
  assert.deepEqual(event.finding_info, { uid: 'id-anomaly', title: 'Slack anomaly', types: ['unexpected_ip', 'tor'] });
  assert.equal(event.evidences?.[0]?.src_endpoint?.ip, '81.2.69.143');
  assert.equal(event.evidences?.[0]?.user?.uid, 'W999');
  assert.equal(event.actor, undefined, 'findings have no actor of their own');
  assert.deepEqual([event.severity_id, event.is_alert], [3, true]);
});

test('an entry that lacks what its class requires falls back to the next class that it has everything for', () => {
  const file = { type: 'file', file: { id: 'F1', name: 'plan.pdf' } };
  const noAddress = toOcsf(entry('file_downloaded', file, { context: { ip_address: '' } }));
  assert.deepEqual(pickClass(noAddress).slice(0, 3), [3004, 2, 'Read'], 'File Hosting needs a source address');
  const nothing = toOcsf({ id: 'x', date_create: 1, action: 'file_downloaded' });
  assert.deepEqual(pickClass(nothing), [0, 99, 'file_downloaded', 99, 'Base Event: Other']);
});

test('nothing of the entry is lost: what no attribute holds is under unmapped, in the entry’s shape', () => {
  const event = toOcsf(entry('user_login', USER_ENTITY, { details: { config_type: 'saml' } }));
  assert.deepEqual(event.unmapped, {
    actor: { type: 'user' },
    entity: { type: 'user' },
    context: { location: CONTEXT.location },
    details: { config_type: 'saml' },
  });
});

test('an entry without a usable date_create gets time 0 and keeps its date_create', () => {
  const event = toOcsf({ ...entry('user_login', USER_ENTITY), date_create: Number.NaN });
  assert.equal(event.time, 0);
  assert.ok(Number.isNaN(event.unmapped?.date_create));
});

function pickClass(event: ReturnType<typeof toOcsf>) {
  return [event.class_uid, event.activity_id, event.activity_name, event.type_uid, event.type_name];
}

test('an entity type named like an object property (constructor, __proto__) is read as any unknown type', () => {
  for (const type of ['constructor', '__proto__', 'toString']) {
    const event = toOcsf(
      entry('file_downloaded', { type, [type]: { id: 'F1', name: 'report.pdf' } } as Entry['entity']),
    );
    // An unknown type is an Entity Management event of the entity, its id and name taken as for any type.
    assert.equal(event.class_uid, 3004, type);
    assert.deepEqual(event.entity, { uid: 'F1', name: 'report.pdf', type, type_id: 99 }, type);
    assert.deepEqual(event.unmapped?.entity, { type }, type);
  }
});
