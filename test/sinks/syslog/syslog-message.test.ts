import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syslogSeverity } from '../../../src/sinks/syslog/audit-severity.js';
import {
  escapeParamValue,
  octetCounted,
  type SyslogHeaderFields,
  syslogMessage,
} from '../../../src/sinks/syslog/syslog-message.js';

const header: SyslogHeaderFields = {
  facility: 16,
  hostname: 'collector.example',
  appName: 'slack-audit-logs',
  procId: '4242',
  structuredDataId: 'slack@32473',
  utf8Bom: false,
};
const event = { severity: 6, dateCreate: 1_700_000_000, action: 'user_login', id: 'E1' };

test('a message carries PRI = facility × 8 + severity, version 1, the event time in UTC, the action as MSGID and the id as structured data', () => {
  assert.equal(
    syslogMessage(header, event, '{"id":"E1"}'),
    '<134>1 2023-11-14T22:13:20.000Z collector.example slack-audit-logs 4242 user_login [slack@32473 id="E1"] {"id":"E1"}',
  );
});

test('the severity follows the OCSF rating of the action: informational, warning for failures, error for detections', () => {
  assert.equal(syslogSeverity('user_login'), 6);
  assert.equal(syslogSeverity('user_login_failed'), 4);
  assert.equal(syslogSeverity('anomaly'), 3);
  assert.equal(syslogSeverity('some_action_slack_adds_later'), 6);
  assert.equal(syslogSeverity(undefined), 6);
});

test('a time the header cannot hold becomes the NILVALUE, and fractional seconds keep their milliseconds', () => {
  const at = (dateCreate: unknown) => syslogMessage(header, { ...event, dateCreate }, 'x').split(' ')[1];
  assert.equal(at('1700000000'), '-');
  assert.equal(at(Number.NaN), '-');
  assert.equal(at(-1), '-');
  assert.equal(at(253_402_300_800), '-');
  assert.equal(at(1_700_000_000.25), '2023-11-14T22:13:20.250Z');
});

test('MSGID is the action cut to 32 printable US-ASCII characters, or the NILVALUE when there is none', () => {
  const msgId = (action: unknown) => syslogMessage(header, { ...event, action }, 'x').split(' ')[5];
  assert.equal(msgId('pref.sso_setting_changed'), 'pref.sso_setting_changed');
  assert.equal(msgId('organization_accepted_migration_request_x'), 'organization_accepted_migration_');
  assert.equal(msgId('odd action é'), 'odd_action__');
  assert.equal(msgId(''), '-');
  assert.equal(msgId(undefined), '-');
});

test('the structured data escapes ", \\ and ] in the id, and is left out when there is no id or no SD-ID', () => {
  assert.equal(escapeParamValue('a"b\\c]d'), 'a\\"b\\\\c\\]d');
  assert.match(syslogMessage(header, { ...event, id: 'a"]' }, 'x'), / \[slack@32473 id="a\\"\\]"\] x$/);
  assert.match(syslogMessage(header, { ...event, id: undefined }, 'x'), / user_login - x$/);
  assert.match(syslogMessage({ ...header, structuredDataId: undefined }, event, 'x'), / user_login - x$/);
});

test('with utf8Bom the body starts with a byte order mark', () => {
  assert.ok(syslogMessage({ ...header, utf8Bom: true }, event, 'x').endsWith('] \uFEFFx'));
});

test('octet counting prefixes the length in bytes of UTF-8, not in characters', () => {
  const framed = octetCounted('Zürich 東京 🎉\nnext');
  const text = framed.toString('utf8');
  assert.equal(text, `${Buffer.byteLength('Zürich 東京 🎉\nnext')} Zürich 東京 🎉\nnext`);
  assert.equal(text.split(' ')[0], '24');
});
