import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RECORDED_ACTIONS as liveActions } from '../../src/emulator/recorded-responses.js';
import {
  type Actions,
  KNOWN_ACTION_CATEGORIES,
  KNOWN_ACTIONS,
  type KnownActionCategory,
} from '../../src/model/index.js';
import { toActionsResponse } from '../../src/model/typed-body.js';
import { assertType, type Equal } from './type-check.js';

// `Actions` lists exactly the known categories; the fixture literal proves it accepts every recorded key.
assertType<Equal<keyof Actions, KnownActionCategory>>();

test('the known categories are the recorded /actions keys, in the recorded order', () => {
  assert.deepEqual(Object.keys(liveActions.actions), [...KNOWN_ACTION_CATEGORIES]);
});

// KNOWN_ACTIONS `satisfies` a type whose categories are KnownActionCategory: an unknown one does not compile.

test('every recorded action name is a known action', () => {
  const known = new Set<string>(KNOWN_ACTIONS.map((action) => action.name));
  const unknown = Object.values(liveActions.actions)
    .flat()
    .filter((name) => !known.has(name));
  assert.deepEqual(unknown, []);
});

test('the recorded /actions body is well-formed for toActionsResponse', () => {
  assert.equal(toActionsResponse(liveActions), liveActions);
});
