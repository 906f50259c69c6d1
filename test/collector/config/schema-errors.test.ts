import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines, MINIMAL, problemOf, problemsOf, withSinks } from './helpers.js';

describe('schema errors in words', () => {
  it('points an unknown key at the key itself and names the nearest allowed key', () => {
    assert.equal(
      problemOf(lines(...MINIMAL, '    requestPerMinute: 30')),
      '6:5: orgs[0].requestPerMinute: unknown key "requestPerMinute"; allowed: name, tokenEnv, tokenFile, baseUrl, since, filters, requestsPerMinute, settleLagSeconds, overlapSeconds, intervalSeconds, limit, sinks (did you mean requestsPerMinute?)',
    );
  });

  it('points a missing key at the mapping that lacks it', () => {
    assert.equal(
      problemOf(withSinks('  - type: file', '    format: ecs')),
      "6:9: orgs[0].sinks[0].path: missing; allowed: a file path (a relative one starts at the config file's folder)",
    );
  });

  it('says what it expected and what it found, and to quote a number meant as text', () => {
    assert.equal(
      problemOf(lines('state: ./state', 'orgs:', '  - {name: 2024, tokenEnv: T, sinks: [{type: stdout}]}')),
      '3:12: orgs[0].name: expected text, found the number 2024; allowed: lower-case letters, digits and "-", 1 to 64 characters (write it in quotes: "2024")',
    );
    assert.equal(
      problemOf(lines(...MINIMAL, '    filters: [user_login]')),
      '6:14: orgs[0].filters: expected a mapping, found a list; allowed: a mapping with action, actor and entity',
    );
    assert.equal(
      problemOf(lines(...MINIMAL.slice(0, 4), '    sinks: {type: stdout}')),
      '5:12: orgs[0].sinks: expected a list, found a mapping; allowed: a list of sinks, such as [{type: stdout}]',
    );
  });

  it('says a value is empty', () => {
    assert.equal(
      problemOf(withSinks('  - {type: file, path: ""}')),
      "6:28: orgs[0].sinks[0].path: is empty; allowed: a file path (a relative one starts at the config file's folder)",
    );
  });

  it('says a key has no value', () => {
    assert.equal(
      problemOf(lines(...MINIMAL, '    limit:')),
      '6:5: orgs[0].limit: expected a whole number, found nothing; allowed: an integer from 1 to 9999 (entries per request)',
    );
  });

  it('writes no schema jargon in any message', () => {
    const problems = problemsOf(
      lines(
        'state: {folder: 1}',
        'extra: 1',
        'defaults: {limit: x, sinks: [{type: nope}, {}], filters: {action: []}}',
        'orgs:',
        '  - {name: "", tokenEnv: "1A", sinks: [{type: webhook, url: 5, headers: {A: 1}}], requestsPerMinute: 0.5}',
      ),
    );
    assert.ok(problems.length >= 8, problems.join('\n'));
    for (const problem of problems) {
      assert.doesNotMatch(
        problem,
        /must NOT|must have|must be|must match|should|additional properties|oneOf|discriminator|\/orgs\//,
        problem,
      );
    }
  });
});
