import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fairShare, orgsDigest, planLeases } from '../../../src/state/postgres/lease-plan.js';

const orgs = (n: number) => Array.from({ length: n }, (_, i) => `org${i}`);

test('fair shares add up to the organisations and never exceed ceil(orgs / processes)', () => {
  for (const [count, processes] of [
    [6, 3],
    [7, 3],
    [100, 7],
    [2, 5],
    [0, 2],
  ] as const) {
    const live = Array.from({ length: processes }, (_, i) => `p${i}`);
    const shares = live.map((id) => fairShare(count, live, id));
    assert.equal(
      shares.reduce((a, b) => a + b, 0),
      count,
    );
    assert.ok(Math.max(...shares) <= Math.ceil(count / processes));
  }
});

test('the longest-standing processes take the remainder, so a newcomer takes the smaller share', () => {
  assert.deepEqual(
    ['a', 'b', 'c'].map((id) => fairShare(7, ['a', 'b', 'c'], id)),
    [3, 2, 2],
  );
  assert.equal(fairShare(7, ['a', 'b'], 'c'), 2, 'a process not yet listed counts as the newest');
});

test('a process above its share hands over its most recently acquired organisations first', () => {
  const plan = planLeases({
    orgs: orgs(6),
    processId: 'a',
    live: ['a', 'b', 'c'],
    busy: new Set(orgs(6)),
    held: ['org0', 'org3', 'org5'],
  });
  assert.deepEqual(plan, { target: 2, shed: ['org5'], want: 0, candidates: [] });
});

test('a process below its share wants the difference among free organisations, each process in its own order', () => {
  const survey = (processId: string) =>
    planLeases({ orgs: orgs(20), processId, live: ['a', 'b'], busy: new Set(['org1', 'org2']), held: [] });
  const a = survey('a');
  const b = survey('b');
  assert.equal(a.want, 10);
  assert.equal(a.candidates.length, 18);
  assert.ok(!a.candidates.includes('org1') && !a.candidates.includes('org2'));
  assert.deepEqual([...a.candidates].sort(), [...b.candidates].sort());
  assert.notDeepEqual(a.candidates.slice(0, 5), b.candidates.slice(0, 5));
  assert.deepEqual(survey('a'), a, 'the order is stable');
});

test('the digest of a set of organisations ignores order and repeats', () => {
  assert.equal(orgsDigest(['b', 'a', 'a']), orgsDigest(['a', 'b']));
  assert.notEqual(orgsDigest(['a', 'b']), orgsDigest(['a', 'b', 'c']));
});
