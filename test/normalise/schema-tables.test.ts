// The generated tables under src/normalise agree with the shared schema files they were made from, and the
// classes chosen are the ones the schema marks current.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ECS_EVENT_CATEGORIES,
  ECS_EVENT_TYPES,
  ECS_EXPECTED_EVENT_TYPES,
  ECS_VERSION,
} from '../../src/normalise/ecs-schema.js';
import { OCSF_CLASSES, OCSF_SEVERITIES, OCSF_VERSION } from '../../src/normalise/ocsf-schema.js';
import { EcsValidator } from './helpers/ecs-validator.js';
import { OcsfValidator } from './helpers/ocsf-validator.js';

const { schema } = new OcsfValidator();
const { fieldList } = new EcsValidator();

test('the OCSF tables hold the schema’s version, class identifiers and captions', () => {
  assert.equal(OCSF_VERSION, schema.version);
  for (const info of Object.values(OCSF_CLASSES)) {
    const definition = schema.classByUid(info.uid);
    assert.equal(definition?.name, info.name);
    assert.equal(definition?.caption, info.caption);
    assert.deepEqual([definition?.categoryUid, definition?.categoryCaption], [info.categoryUid, info.categoryCaption]);
    assert.deepEqual(info.activities, captions(definition?.attributes.activity_id?.enum), `${info.name} activities`);
    assert.deepEqual(info.statuses, captions(definition?.attributes.status_id?.enum), `${info.name} statuses`);
  }
  assert.deepEqual(OCSF_SEVERITIES, captions(schema.classByUid(0)?.attributes.severity_id?.enum));
});

test('no class the mapping uses is deprecated', () => {
  for (const info of Object.values(OCSF_CLASSES)) assert.equal(schema.classByUid(info.uid)?.['@deprecated'], undefined);
});

test('Account Change and User Access Management give way to User Management in this schema', () => {
  for (const classUid of [3001, 3005]) {
    assert.match(schema.classByUid(classUid)?.['@deprecated']?.message ?? '', /User Management/);
  }
});

test('the ECS tables hold the field list’s version, allowed values and expected types', () => {
  assert.equal(ECS_VERSION, fieldList.ecs_version);
  assert.deepEqual(ECS_EVENT_CATEGORIES, fieldList.fields['event.category']?.allowed_values);
  assert.deepEqual(ECS_EVENT_TYPES, fieldList.fields['event.type']?.allowed_values);
  for (const category of ECS_EVENT_CATEGORIES) {
    assert.deepEqual(ECS_EXPECTED_EVENT_TYPES[category], fieldList.expected_event_types_by_category[category] ?? []);
  }
});

function captions(values: Readonly<Record<string, { caption: string }>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([id, value]) => [id, value.caption]));
}
