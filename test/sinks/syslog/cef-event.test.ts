import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Entry } from '../../../src/model/logs.js';
import { actionProfile } from '../../../src/normalise/action-profile.js';
import { cefExtensionValue, cefHeaderValue } from '../../../src/sinks/syslog/cef-escape.js';
import { toCef } from '../../../src/sinks/syslog/cef-event.js';
import { VERSION } from '../../../src/version.js';

/** The header fields and the extension's key=value pairs of a CEF event, unescaped as a CEF parser reads them. */
function parseCef(text: string): { header: string[]; extension: Record<string, string> } {
  const header: string[] = [];
  let field = '';
  let i = 0;
  for (; header.length < 7; i++) {
    const character = text[i];
    if (character === '\\') field += text[++i];
    else if (character === '|') {
      header.push(field);
      field = '';
    } else field += character;
  }
  const extension: Record<string, string> = {};
  for (const match of text.slice(i).matchAll(/(\w+)=((?:\\.|[^\\=])*?)(?= \w+=|$)/g)) {
    extension[match[1] as string] = (match[2] as string).replace(/\\(.)/g, (_, c: string) =>
      c === 'n' ? '\n' : c === 'r' ? '\r' : c,
    );
  }
  return { header, extension };
}

const login: Entry = {
  id: '0123abcd-0000-4000-8000-000000000001',
  date_create: 1_700_000_000,
  action: 'user_login',
  actor: { type: 'user', user: { id: 'W111', name: 'Zoë Ångström', email: 'zoe@example.com', team: 'T1' } },
  entity: { type: 'user', user: { id: 'W222', name: 'Sam', email: 'sam@example.com' } },
  context: {
    ip_address: '192.0.2.10',
    ua: 'Mozilla/5.0 (X11) a=b|c\\d',
    location: { type: 'workspace', id: 'T1', name: 'Birdland', domain: 'birdland' },
    session_id: 123,
  },
};

test('the header names Salesforce Slack, this package version, the action, the action in words and a 0-10 severity', () => {
  const { header } = parseCef(toCef(login));
  assert.deepEqual(header, ['CEF:0', 'Salesforce', 'Slack', VERSION, 'user_login', 'User login', '1']);
  assert.equal(parseCef(toCef({ ...login, action: 'user_login_failed' })).header[6], '3');
  assert.equal(parseCef(toCef({ ...login, action: 'anomaly' })).header[6], '5');
});

test('the extension maps time, id, action, category, outcome, actor, target user, address, client and location', () => {
  const { extension } = parseCef(toCef(login));
  assert.deepEqual(extension, {
    rt: '1700000000000',
    externalId: '0123abcd-0000-4000-8000-000000000001',
    act: 'user_login',
    cat: 'authentication,session',
    outcome: 'success',
    suid: 'W111',
    suser: 'zoe@example.com',
    flexString1Label: 'Actor Name',
    flexString1: 'Zoë Ångström',
    duid: 'W222',
    duser: 'sam@example.com',
    src: '192.0.2.10',
    requestClientApplication: 'Mozilla/5.0 (X11) a=b|c\\d',
    cs1Label: 'Entity Type',
    cs1: 'user',
    cs2Label: 'Entity ID',
    cs2: 'W222',
    cs3Label: 'Entity Name',
    cs3: 'Sam',
    cs4Label: 'Location ID',
    cs4: 'T1',
    cs5Label: 'Location Name',
    cs5: 'Birdland',
  });
});

test('an IPv6 source address goes to c6a2 with its label, since src holds IPv4 only', () => {
  const { extension } = parseCef(toCef({ ...login, context: { ip_address: '2001:db8::1' } }));
  assert.equal(extension.src, undefined);
  assert.equal(extension.c6a2Label, 'Source IPv6 Address');
  assert.equal(extension.c6a2, '2001:db8::1');
});

test('an entity other than a user fills the entity fields only, its details go to cs6 as JSON', () => {
  const entry: Entry = {
    id: 'E2',
    date_create: 1_700_000_001,
    action: 'public_channel_created',
    entity: { type: 'channel', channel: { id: 'C1', name: 'general', privacy: 'public' } },
    details: { reason: 'line one\nline two', is_internal_integration: false },
  };
  const { extension } = parseCef(toCef(entry));
  assert.equal(extension.duid, undefined);
  assert.equal(extension.cs1, 'channel');
  assert.equal(extension.cs2, 'C1');
  assert.equal(extension.cs3, 'general');
  assert.deepEqual(JSON.parse(extension.cs6 as string), entry.details);
});

test('header values escape | and \\, extension values escape =, \\ and line breaks, and | stays as it is there', () => {
  assert.equal(cefHeaderValue('a|b\\c'), 'a\\|b\\\\c');
  assert.equal(cefHeaderValue('one\r\ntwo\nthree'), 'one two three');
  assert.equal(cefExtensionValue('a=b\\c|d\ne\rf'), 'a\\=b\\\\c|d\\ne\\rf');
  const odd = toCef({
    id: 'x|y',
    date_create: 1,
    action: 'weird|action\\name',
    entity: { type: 'file', file: { id: 'F1', name: 'a=b\nc.txt' } },
  });
  assert.ok(odd.startsWith('CEF:0|Salesforce|Slack|'));
  assert.ok(!odd.includes('\n'));
  const { header, extension } = parseCef(odd);
  assert.equal(header[4], 'weird|action\\name');
  assert.equal(extension.act, 'weird|action\\name');
  assert.equal(extension.externalId, 'x|y');
  assert.equal(extension.cs3, 'a=b\nc.txt');
});

test('missing and empty values are left out rather than sent empty', () => {
  const bare = toCef({
    id: 'E3',
    date_create: 1_700_000_002,
    action: 'user_logout',
    context: { ip_address: '', ua: '' },
  });
  assert.equal(
    bare,
    `CEF:0|Salesforce|Slack|${VERSION}|user_logout|User logout|1|rt=1700000002000 externalId=E3 act=user_logout cat=authentication,session outcome=success`,
  );
  const none = parseCef(toCef({ id: '', date_create: Number.NaN, action: '' } as Entry));
  assert.deepEqual(none.header.slice(4), ['unknown', 'Unknown action', '1']);
  assert.deepEqual(none.extension, { cat: actionProfile('').ecs.category.join(',') });
});

test('every extension key the mapping writes is in the mapping table of docs/sinks-syslog.md', async () => {
  const doc = await readFile(new URL('../../../docs/sinks-syslog.md', import.meta.url), 'utf8');
  const table = doc.slice(doc.indexOf('### Extension'), doc.indexOf('## Transport'));
  const keys = new Set([
    ...Object.keys(parseCef(toCef(login)).extension),
    ...Object.keys(
      parseCef(toCef({ ...login, context: { ip_address: '2001:db8::1' }, details: { name: 'x' } })).extension,
    ),
  ]);
  assert.equal(keys.size, 27);
  for (const key of keys) assert.ok(table.includes(`\`${key}\``), `${key} is not in the table`);
});
