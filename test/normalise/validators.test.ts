// The schema validators the other tests rely on must themselves catch what is wrong: each case breaks one rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/model/index.js';
import { toEcs, toOcsf } from '../../src/normalise/index.js';
import { EcsValidator } from './helpers/ecs-validator.js';
import { OcsfValidator } from './helpers/ocsf-validator.js';

// biome-ignore lint/suspicious/noExplicitAny: each case reaches into the JSON to break one thing
type Json = Record<string, any>;

const LOGIN: Entry = {
  id: 'e1',
  date_create: 1521214343,
  action: 'user_login',
  actor: { type: 'user', user: { id: 'W1', name: 'Charlie Parker', email: 'bird@slack.com' } },
  entity: { type: 'user', user: { id: 'W1' } },
  context: { ip_address: '81.2.69.143', ua: 'Mozilla/5.0' },
};
const ocsf = new OcsfValidator();
const ecs = new EcsValidator();

const OCSF_BREAKS: readonly (readonly [string, (event: Json) => void, RegExp])[] = [
  ['an attribute the class does not define', (e) => (e.nickname = 'x'), /nickname: authentication has no such/],
  ['an attribute an object does not define', (e) => (e.actor.user.nickname = 'x'), /actor\.user\.nickname/],
  ['a required attribute missing', (e) => delete e.user, /user: required by authentication/],
  ['a constraint unmet', (e) => delete e.service, /at least one of service, dst_endpoint/],
  ['an activity the class does not have', (e) => (e.activity_id = 42), /activity_id: 42 is not one of/],
  ['a caption that is not its id’s', (e) => (e.severity = 'High'), /severity "High" is not the caption of 1/],
  ['a type_uid not computed from the class', (e) => (e.type_uid = 300202), /type_uid: 300202, expected 300201/],
  ['a value not of its data type', (e) => (e.src_endpoint.ip = 'localhost'), /src_endpoint\.ip: does not match ip_t/],
  ['a profile’s attribute without the profile', (e) => (e.device = { type_id: 0 }), /profile host/],
  ['a deprecated attribute', (e) => (e.actor.invoked_by = 'x'), /actor\.invoked_by: deprecated/],
  [
    'a deprecated class',
    (e) => Object.assign(e, { class_uid: 3001, type_uid: 300101 }),
    /account_change is deprecated/,
  ],
];

for (const [name, breakIt, expected] of OCSF_BREAKS) {
  test(`the OCSF validator finds ${name}`, () => {
    const event = JSON.parse(JSON.stringify(toOcsf(LOGIN))) as Json;
    assert.deepEqual(ocsf.validate(event), [], 'valid before');
    breakIt(event);
    assert.match(ocsf.validate(event).join('\n'), expected);
  });
}

const ECS_BREAKS: readonly (readonly [string, (document: Json) => void, RegExp])[] = [
  ['an invented field', (d) => (d.user.nickname = 'x'), /user\.nickname: not an ECS field/],
  ['a value ECS does not allow', (d) => (d.event.kind = 'log'), /event\.kind: "log" is not an allowed value/],
  ['a type its category does not expect', (d) => (d.event.type = ['creation']), /creation is not expected/],
  ['a single value where ECS wants an array', (d) => (d.related.ip = '81.2.69.143'), /related\.ip: ECS expects/],
  ['a value not of its type', (d) => (d.source.ip = 'localhost'), /source\.ip: "localhost" is not an IP/],
];

for (const [name, breakIt, expected] of ECS_BREAKS) {
  test(`the ECS validator finds ${name}`, () => {
    const document = JSON.parse(JSON.stringify(toEcs(LOGIN))) as Json;
    assert.deepEqual(ecs.validate(document), [], 'valid before');
    breakIt(document);
    assert.match(ecs.validate(document).join('\n'), expected);
  });
}

test('the ECS validator does not look inside slack.*', () => {
  const document = JSON.parse(JSON.stringify(toEcs(LOGIN))) as Json;
  document.slack.audit.anything = { at: 'all' };
  assert.deepEqual(ecs.validate(document), []);
});
