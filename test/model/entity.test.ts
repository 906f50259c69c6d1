import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Entity, KNOWN_ENTITY_TYPES, type KnownEntityType } from '../../src/model/index.js';
import { assertType, type Equal } from './type-check.js';

// Each known type names the Entity key that holds its object; `type` is the only other key.
assertType<Equal<Exclude<keyof Entity, 'type'>, KnownEntityType>>();

// KNOWN_ACTIONS `satisfies` a type whose entityTypes are KnownEntityType: an unknown one does not compile.

test('the known entity types are distinct', () => {
  assert.equal(new Set(KNOWN_ENTITY_TYPES).size, KNOWN_ENTITY_TYPES.length);
});

// An entity type outside the known list still compiles: Slack adds types without notice.
const acceptsUnknownType: Entity = { type: 'brand_new_type' };
void acceptsUnknownType;
