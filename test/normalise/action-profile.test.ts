import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KNOWN_ACTIONS } from '../../src/model/known-actions.js';
import { FALLBACK_FAMILY } from '../../src/normalise/action-families.js';
import { actionProfile, familyOf } from '../../src/normalise/action-profile.js';
import { ECS_EXPECTED_EVENT_TYPES } from '../../src/normalise/ecs-schema.js';

/** Representative actions: family, ECS categorisation, OCSF class and activity. */
const EXPECTED: readonly [string, string, string, string, string | undefined, number, number][] = [
  ['user_login', 'login', 'authentication,session', 'start', 'success', 3002, 1],
  ['user_login_failed', 'login-failure', 'authentication', 'start', 'failure', 3002, 1],
  ['user_logout', 'logout', 'authentication,session', 'end', 'success', 3002, 2],
  ['user_session_reset_by_admin', 'session-reset', 'authentication,session', 'end', 'success', 3002, 2],
  ['user_created', 'user-account', 'iam', 'creation,user', undefined, 3007, 1],
  ['user_deactivated', 'user-account', 'iam', 'change,user', undefined, 3007, 5],
  ['guest_reactivated', 'user-account', 'iam', 'change,user', undefined, 3007, 4],
  ['user_password_reset_by_admin', 'user-credential', 'iam', 'change,user', undefined, 3007, 9],
  ['user_passkey_created', 'user-credential', 'iam', 'creation,user', undefined, 3007, 12],
  ['role_change_to_admin', 'user-role', 'iam', 'change,user,admin', undefined, 3007, 16],
  ['role_change_to_guest', 'user-role', 'iam', 'change,user', undefined, 3007, 16],
  ['role_created', 'role', 'iam', 'creation,admin', undefined, 3008, 1],
  ['user_added_to_usergroup', 'usergroup', 'iam', 'change,group,user', undefined, 3006, 3],
  ['usergroup_updated', 'usergroup', 'iam', 'change,group', undefined, 3006, 9],
  ['user_channel_join', 'channel-membership', 'iam', 'change,group', undefined, 3006, 3],
  ['file_downloaded', 'file', 'file', 'access', undefined, 6006, 2],
  ['file_uploaded', 'file', 'file', 'creation', undefined, 6006, 1],
  ['file_shared', 'file', 'file', 'change', undefined, 6006, 12],
  ['file_download_blocked', 'file', 'file', 'access', 'failure', 6006, 2],
  ['file_malicious_content_detected', 'malicious-file', 'file,malware', 'info', undefined, 2004, 1],
  ['canvas_opened', 'canvas', 'file', 'access', undefined, 6006, 14],
  ['list_created', 'list', 'file', 'creation', undefined, 3004, 1],
  ['public_channel_created', 'channel', 'configuration', 'creation', undefined, 3004, 1],
  ['channel_tab_added', 'channel', 'configuration', 'change', undefined, 3004, 3],
  ['private_channel_archive', 'channel', 'configuration', 'change', undefined, 3004, 9],
  ['app_installed', 'app', 'configuration', 'creation', undefined, 3004, 6],
  ['pref.allow_calls', 'setting', 'configuration', 'change', undefined, 3004, 3],
  ['workspace_created', 'organization', 'configuration', 'creation', undefined, 3004, 1],
  ['manual_export_downloaded', 'export', 'file', 'access', undefined, 3004, 2],
  ['anomaly', 'anomaly', 'intrusion_detection', 'info', undefined, 2004, 1],
  ['mcp_slack_read_channel_tool_called', 'mcp-tool', 'api', 'access', undefined, 6003, 2],
  ['huddle_started', 'huddle', 'configuration', 'info', undefined, 6003, 99],
  ['sales_elevate_workflow_updated', 'other', 'configuration', 'change', undefined, 6003, 3],
  ['license_assigned', 'other', 'iam', 'change', undefined, 6003, 3],
];

for (const [action, family, categories, types, outcome, classUid, activityId] of EXPECTED) {
  test(`${action} is ${family}: ECS ${categories} / ${types}, OCSF ${classUid} activity ${activityId}`, () => {
    const profile = actionProfile(action);
    const plan = profile.ocsf.plans[0];
    assert.equal(profile.family.name, family);
    assert.equal(profile.ecs.category.join(','), categories);
    assert.equal(profile.ecs.type.join(','), types);
    assert.equal(profile.ecs.outcome, outcome);
    assert.equal(plan?.classUid, classUid);
    assert.equal(plan?.activityId, activityId);
  });
}

test('every known action gets ECS categories, and each of its types is expected with every one of them', () => {
  for (const { name } of KNOWN_ACTIONS) {
    const { category, type } = actionProfile(name).ecs;
    assert.ok(category.length > 0 && type.length > 0, name);
    for (const c of category) {
      for (const t of type) assert.ok(ECS_EXPECTED_EVENT_TYPES[c].includes(t), `${name}: ${t} with ${c}`);
    }
  }
});

test('most known actions belong to a family of their own; the rest fall back by rule', () => {
  const fallback = KNOWN_ACTIONS.filter(({ name }) => familyOf(name) === FALLBACK_FAMILY).map(({ name }) => name);
  assert.ok(
    fallback.length > 0 && fallback.length < 40,
    `${fallback.length} known actions fall back: ${fallback.join(' ')}`,
  );
  for (const name of fallback) {
    assert.deepEqual(actionProfile(name).ecs.category, /license|members/.test(name) ? ['iam'] : ['configuration']);
  }
});

test('an unknown action maps by its name: a family pattern first, then the fallback rule', () => {
  assert.equal(actionProfile('channel_banner_updated').family.name, 'channel');
  assert.equal(actionProfile('file_previewed_blocked').ecs.outcome, 'failure');
  const unknown = actionProfile('robot_detected');
  assert.equal(unknown.family, FALLBACK_FAMILY);
  assert.deepEqual(unknown.ecs.category, ['configuration']);
  assert.deepEqual(actionProfile('external_token_rotated').ecs.category, ['iam']);
  assert.equal(unknown.ocsf.plans[0]?.className, 'api_activity');
  assert.equal(unknown.ocsf.plans[0]?.activityName, 'robot_detected', 'activity 99 carries the action');
});

test('every family tries API Activity, then Base Event, after its own classes', () => {
  for (const action of ['user_login', 'file_shared', 'pref.allow_calls', 'robot_detected']) {
    const classes = actionProfile(action).ocsf.plans.map((plan) => plan.className);
    assert.deepEqual(classes.slice(-2), ['api_activity', 'base_event'], action);
  }
});

test('detections are Medium, failures Low, everything else Informational', () => {
  assert.equal(actionProfile('anomaly').ocsf.severityId, 3);
  assert.equal(actionProfile('user_logout_compromised').ocsf.severityId, 3);
  assert.equal(actionProfile('user_login_failed').ocsf.severityId, 2);
  assert.equal(actionProfile('user_login').ocsf.severity, 'Informational');
});

test('a status is stated only where the class means success and failure by 1 and 2', () => {
  const failed = actionProfile('user_login_failed').ocsf.plans[0];
  assert.deepEqual([failed?.statusId, failed?.status], [2, 'Failure']);
  assert.equal(actionProfile('file_downloaded').ocsf.plans[0]?.statusId, undefined);
});

test('a profile is worked out once per action name', () => {
  assert.equal(actionProfile('user_login'), actionProfile('user_login'));
});
