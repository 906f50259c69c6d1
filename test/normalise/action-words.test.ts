import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readActionWords } from '../../src/normalise/action-words.js';

test('the noun is what comes before the verb', () => {
  const words = readActionWords('public_channel_created');
  assert.equal(words.noun, 'public_channel');
  assert.equal(words.verb, 'created');
  assert.equal(words.operation, 'create');
  assert.equal(words.object, undefined);
});

test('the verb is the last verb of the name, past the words that continue it', () => {
  const words = readActionWords('user_added_to_usergroup');
  assert.equal(words.noun, 'user');
  assert.equal(words.operation, 'add');
  assert.equal(words.object, undefined);
});

test('words after the verb that name a thing are its object', () => {
  const words = readActionWords('organization_created_migration_intent');
  assert.equal(words.noun, 'organization');
  assert.equal(words.operation, 'create');
  assert.equal(words.object, 'migration_intent');
});

test('failed, failure, blocked and denied say the action failed; the verb is still read', () => {
  assert.deepEqual(pick(readActionWords('user_login_failed')), { operation: 'login', outcome: 'failure' });
  assert.deepEqual(pick(readActionWords('file_download_blocked')), { operation: 'download', outcome: 'failure' });
  assert.deepEqual(pick(readActionWords('ip_allowlist_access_denied')), { operation: 'update', outcome: 'failure' });
  assert.deepEqual(pick(readActionWords('search_query_audit_logs_max_rows_failure')).outcome, 'failure');
});

test('success says the action succeeded, dotted names included', () => {
  assert.deepEqual(pick(readActionWords('team.unsupportedVersions.start.success')), {
    operation: 'start',
    outcome: 'success',
  });
});

test('a name without a verb is a change of the thing it names', () => {
  const words = readActionWords('pref.allow_calls');
  assert.equal(words.verb, undefined);
  assert.equal(words.noun, 'pref_allow_calls');
  assert.equal(words.operation, 'update');
  assert.equal(words.outcome, undefined);
});

test('an MCP tool call is read by the tool it called, whose verb comes first', () => {
  assert.equal(readActionWords('mcp_slack_get_file_upload_url_tool_called').operation, 'read');
  assert.equal(readActionWords('mcp_slack_send_message_tool_called').operation, 'create');
  assert.equal(readActionWords('mcp_slack_delete_list_record_tool_called').operation, 'delete');
  assert.equal(readActionWords('mcp_slack_run_workflow_tool_called').operation, 'notice');
});

test('any string is read, the empty one included', () => {
  assert.deepEqual(readActionWords(''), {
    noun: '',
    verb: undefined,
    object: undefined,
    operation: 'update',
    outcome: undefined,
  });
  assert.equal(readActionWords('created').verb, undefined, 'a verb needs a noun before it');
});

function pick(words: ReturnType<typeof readActionWords>) {
  return { operation: words.operation, outcome: words.outcome };
}
