import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RECORDED_SCHEMAS as liveSchemas } from '../../src/emulator/recorded-responses.js';
import { KNOWN_ENTITY_TYPES, type KnownEntityType, type Schema } from '../../src/model/index.js';
import { toSchemasResponse } from '../../src/model/typed-body.js';
import { assertType, type Equal } from './type-check.js';

// Every per-type key of Schema is an entity type (the fixture literal proves the reverse for recorded types).
assertType<Equal<Exclude<keyof Schema, 'type' | KnownEntityType>, never>>();

test('the recorded /schemas body has 21 variants, with repeated types', () => {
  assert.equal(liveSchemas.schemas.length, 21);
  const appVariants = liveSchemas.schemas.filter((schema) => schema.type === 'app');
  assert.equal(appVariants.length, 3);
});

test('every recorded schema type is a known entity type and carries the object named after it', () => {
  const known = new Set<string>(KNOWN_ENTITY_TYPES);
  for (const schema of liveSchemas.schemas) {
    assert.ok(known.has(schema.type), schema.type);
    assert.equal(typeof (schema as unknown as Record<string, unknown>)[schema.type], 'object', schema.type);
  }
});

test('the recorded /schemas body is well-formed for toSchemasResponse', () => {
  assert.equal(toSchemasResponse(liveSchemas), liveSchemas);
});
