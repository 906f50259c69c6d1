import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Entry, type LogsResponse, normalizeUserIds } from '../../src/model/index.js';
import { toLogsResponse } from '../../src/model/typed-body.js';
import { logsFieldSuperset } from './fixtures/logs-field-superset.js';

// The Python SDK's test_response.py fixtures, reduced to the facts they pin down. JSON text rather than a
// literal, because a duplicate key is a compile error in TypeScript but legal JSON (the last one wins).
const PYTHON_COMPLETE_FIXTURE = String.raw`{
  "ok": false, "warning": "", "error": "", "needed": "", "provided": "",
  "response_metadata": { "next_cursor": "" },
  "entries": [{
    "id": "", "date_create": 123, "action": "",
    "details": {
      "inviter": { "id": "inviter_id", "name": "", "email": "", "team": "" },
      "kicker": { "id": "kicker_id", "name": "", "email": "", "team": "" },
      "is_internal_integration": false,
      "old_retention_policy": { "type": "old", "duration_days": 111 },
      "new_retention_policy": { "type": "new", "duration_days": 222 },
      "is_internal_integration": true,
      "who_can_post": { "type": ["owner", "admin"], "user": ["W111"] },
      "succeeded_users": "[\"W111\", \"W222\"]",
      "failed_users": "[\"W333\", \"W444\"]",
      "exporting_team_id": 1134128598372
    }
  }]
}`;

const PYTHON_UNKNOWN_FIELDS_FIXTURE = `{
  "entries": [{
    "id": "xxx-yyy-zzz-111", "date_create": 1611221649, "action": "user_login",
    "new_attribute": "entry",
    "actor": { "type": "user", "new_attribute": "actor", "user": { "id": "W111" } },
    "entity": { "type": "user", "new_attribute": "entity", "user": { "id": "W111" } },
    "context": {
      "new_attribute": "context",
      "location": { "type": "workspace", "id": "T111", "new_attribute": "location" },
      "session_id": 1656410836837
    }
  }],
  "response_metadata": { "next_cursor": "xxx", "new_attribute": "response_metadata" },
  "new_attribute": "top"
}`;

function field(object: unknown, name: string): unknown {
  return (object as Record<string, unknown>)[name];
}

test('the superset body is well-formed: toLogsResponse returns it unchanged', () => {
  assert.equal(toLogsResponse(logsFieldSuperset), logsFieldSuperset);
  assert.equal(logsFieldSuperset.entries.length, 1);
});

test('a duplicated key keeps its last value, as in the Python fixture', () => {
  const details = toLogsResponse(JSON.parse(PYTHON_COMPLETE_FIXTURE)).entries[0]?.details;
  assert.equal(details?.is_internal_integration, true);
});

test('exporting_team_id arrives as a number', () => {
  const details = toLogsResponse(JSON.parse(PYTHON_COMPLETE_FIXTURE)).entries[0]?.details;
  assert.equal(details?.exporting_team_id, 1134128598372);
});

test('JSON-encoded succeeded_users and failed_users decode to lists', () => {
  const details = toLogsResponse(JSON.parse(PYTHON_COMPLETE_FIXTURE)).entries[0]?.details;
  assert.equal(typeof details?.succeeded_users, 'string');
  assert.deepEqual(normalizeUserIds(details?.succeeded_users), ['W111', 'W222']);
  assert.deepEqual(normalizeUserIds(details?.failed_users, 'failed_users'), ['W333', 'W444']);
});

test('nested details objects are read as they came', () => {
  const details = toLogsResponse(JSON.parse(PYTHON_COMPLETE_FIXTURE)).entries[0]?.details;
  assert.equal(details?.inviter?.id, 'inviter_id');
  assert.equal(details?.kicker?.id, 'kicker_id');
  assert.equal(details?.old_retention_policy?.duration_days, 111);
  assert.deepEqual(details?.who_can_post?.type, ['owner', 'admin']);
});

test('unknown fields stay where they came, at every level', () => {
  const logs = toLogsResponse(JSON.parse(PYTHON_UNKNOWN_FIELDS_FIXTURE));
  const entry = logs.entries[0];
  assert.equal(field(logs, 'new_attribute'), 'top');
  assert.equal(field(logs.response_metadata, 'new_attribute'), 'response_metadata');
  assert.equal(field(entry, 'new_attribute'), 'entry');
  assert.equal(field(entry?.actor, 'new_attribute'), 'actor');
  assert.equal(field(entry?.entity, 'new_attribute'), 'entity');
  assert.equal(field(entry?.context, 'new_attribute'), 'context');
  assert.equal(field(entry?.context?.location, 'new_attribute'), 'location');
  assert.equal(entry?.context?.session_id, 1656410836837);
});

test('the varying shapes of the docs are all accepted', () => {
  // Compiling is the check: each literal below is a shape the docs or recorded payloads show.
  const entries: Entry[] = [
    {
      id: 'a',
      date_create: 1,
      action: 'pref.retention_changed',
      details: { previous_value: null, new_value: 'RETAIN_ALL' },
    },
    { id: 'b', date_create: 1, action: 'pref.x', details: { new_value: ['C111'], previous_value: { user: ['W1'] } } },
    {
      id: 'c',
      date_create: 1,
      action: 'anomaly',
      details: { reason: ['ip_address'], action_timestamp: 1644428253989994 },
    },
    { id: 'd', date_create: 1, action: 'not_yet_known_action', context: { session_id: null, app: null } },
    { id: 'e', date_create: 1, action: 'user_login', context: { session_id: '847288190092' } },
  ];
  const body: LogsResponse = { entries, response_metadata: { next_cursor: null } };
  assert.equal(toLogsResponse(body), body);
});
