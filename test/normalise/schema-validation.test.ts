// Every known action, every recorded fixture entry and a day of the emulator's entries, normalised and checked
// against the shared schema files (read through a JSON round trip, as a SIEM would receive them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/model/index.js';
import { toEcs, toOcsf } from '../../src/normalise/index.js';
import { EcsValidator } from './helpers/ecs-validator.js';
import { OcsfValidator } from './helpers/ocsf-validator.js';
import { emulatorEntries, entriesForEveryKnownAction, supersetEntries } from './helpers/sample-entries.js';

const ocsf = new OcsfValidator();
const ecs = new EcsValidator();
const SAMPLES: readonly (readonly [string, () => Entry[]])[] = [
  ['every known action', entriesForEveryKnownAction],
  ['the recorded /logs field superset', supersetEntries],
  ['10,000 emulator entries', () => emulatorEntries(10_000)],
];

for (const [name, entries] of SAMPLES) {
  test(`${name} map to valid OCSF events`, () => {
    assertNoProblems(entries(), (entry) => ocsf.validate(asJson(toOcsf(entry))));
  });

  test(`${name} map to valid ECS documents`, () => {
    assertNoProblems(entries(), (entry) => ecs.validate(asJson(toEcs(entry))));
  });
}

test('no key of an event or a document holds undefined (serialisers would walk it for nothing)', () => {
  const undefinedKeys = (value: unknown, path: string): string[] => {
    if (typeof value !== 'object' || value === null) return [];
    return Object.entries(value).flatMap(([key, child]) =>
      child === undefined ? [`${path}.${key}`] : undefinedKeys(child, `${path}.${key}`),
    );
  };
  for (const entry of [...entriesForEveryKnownAction(), ...supersetEntries()]) {
    assert.deepEqual(undefinedKeys(toOcsf(entry), 'ocsf'), [], entry.action);
    assert.deepEqual(undefinedKeys(toEcs(entry), 'ecs'), [], entry.action);
  }
});

test('an entry with every field of the superset at once still maps to a valid event in both formats', () => {
  const [entry] = supersetEntries();
  const filled = { ...entry, id: 'x', action: 'user_login', entity: { ...entry?.entity, type: 'user' } } as Entry;
  assert.deepEqual(ocsf.validate(asJson(toOcsf(filled))), []);
  assert.deepEqual(ecs.validate(asJson(toEcs(filled))), []);
});

/** Fails with the distinct problems found (and an action that shows each), or passes when there are none. */
function assertNoProblems(entries: readonly Entry[], problemsOf: (entry: Entry) => string[]): void {
  assert.ok(entries.length > 0);
  const problems = new Map<string, string>();
  for (const entry of entries) {
    for (const problem of problemsOf(entry)) if (!problems.has(problem)) problems.set(problem, entry.action);
  }
  assert.deepEqual(
    [...problems].map(([problem, action]) => `${action}: ${problem}`),
    [],
  );
}

function asJson(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
