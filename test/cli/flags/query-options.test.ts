import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command, CommanderError } from 'commander';
import { CliUsageError } from '../../../src/cli/cli-errors.js';
import { positiveInteger } from '../../../src/cli/flags/number-flags.js';
import {
  addFilterOptions,
  addTimeOptions,
  type QueryOptionValues,
  readFilters,
  readTimeWindow,
} from '../../../src/cli/flags/query-options.js';

const NOW_MS = Date.UTC(2026, 0, 31, 12);
const NOW_S = NOW_MS / 1000;

function parse(args: string[]): QueryOptionValues & { limit?: number } {
  const command = new Command('test').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  addFilterOptions(command);
  addTimeOptions(command, { since: 'since', until: 'until' });
  command.option('--limit <n>', 'limit', positiveInteger('--limit', 9999));
  command.parse(args, { from: 'user' });
  return command.opts();
}

function parseError(args: string[]): CommanderError {
  try {
    parse(args);
  } catch (error) {
    assert.ok(error instanceof CommanderError);
    return error;
  }
  assert.fail('expected a parse error');
}

describe('filter options', () => {
  it('collects comma-separated and repeated --action values', () => {
    const values = parse(['--action', 'user_login, file_downloaded', '--action', 'anomaly']);
    assert.deepEqual(readFilters(values), { action: ['user_login', 'file_downloaded', 'anomaly'] });
  });

  it('passes --actor and --entity through', () => {
    assert.deepEqual(readFilters(parse(['--actor', 'W1', '--entity', 'C1'])), { actor: 'W1', entity: 'C1' });
  });

  it('refuses more than 30 actions before anything is sent', () => {
    const names = Array.from({ length: 31 }, (_, index) => `action_${index}`).join(',');
    assert.throws(() => readFilters(parse(['--action', names])), CliUsageError);
  });

  it('refuses an empty --action', () => {
    assert.match(parseError(['--action', ',']).message, /at least one action/);
  });

  it("refuses an email address as --actor in a sentence of its own after commander's", () => {
    assert.equal(
      parseError(['--actor', 'bird@example.com']).message,
      "error: option '--actor <user-id>' argument 'bird@example.com' is invalid. --actor takes a user ID such as W123AB456, not an email address (find the ID in the user profile, or in an event of theirs).",
    );
  });

  it("starts every refusal of a value with a capital or the flag, after commander's full stop", () => {
    for (const args of [
      ['--actor', 'a@b.c'],
      ['--action', ','],
      ['--since', 'yesterday'],
      ['--until', '2026-02-30'],
      ['--limit', '0'],
    ]) {
      assert.match(parseError(args).message, /is invalid\. (?:[A-Z]|--)/, args.join(' '));
    }
  });
});

describe('time options', () => {
  it('accepts --since and its alias --oldest, --until and its alias --latest', () => {
    assert.deepEqual(readTimeWindow(parse(['--since', '24h', '--until', '1h']), NOW_MS), {
      oldest: NOW_S - 86_400,
      latest: NOW_S - 3600,
    });
    assert.deepEqual(readTimeWindow(parse(['--oldest', '1767225600', '--latest', '2026-01-31']), NOW_MS), {
      oldest: 1_767_225_600,
      latest: Date.UTC(2026, 0, 31) / 1000,
    });
  });

  it('rejects a bad time expression with an accepted example', () => {
    const error = parseError(['--since', 'yesterday']);
    assert.match(error.message, /--since/);
    assert.match(error.message, /24h/);
    assert.notEqual(error.exitCode, 0);
    const until = parseError(['--until', 'soon']).message;
    assert.match(until, /--until <time>' argument 'soon' is invalid/);
    assert.match(until, /2026-01-31T12:00:00Z/);
    assert.match(until, /1767225600/);
  });

  it('says what is wrong with a date that does not exist', () => {
    assert.match(parseError(['--since', '2026-13-01']).message, /It is not a real date: month 13 does not exist\./);
    assert.match(
      parseError(['--since', '2026-02-30']).message,
      /It is not a real date: February 2026 has 28 days, so day 30 does not exist\./,
    );
    assert.match(parseError(['--until', '2028-02-30']).message, /February 2028 has 29 days/);
    assert.match(parseError(['--since', '2026-01-31T25:00']).message, /25:00:00 is not a time of day/);
  });

  it('refuses a time before the audit logs begin or in the future, before anything is sent', () => {
    assert.throws(
      () => readTimeWindow(parse(['--since', '2017-06-01']), NOW_MS),
      (error: unknown) =>
        error instanceof CliUsageError &&
        /^--since 2017-06-01 is 2017-06-01T00:00:00Z, before Slack's audit logs begin \(2018-03-01T00:00:00Z\)\.$/.test(
          error.message,
        ),
    );
    assert.throws(
      () => readTimeWindow(parse(['--until', '2026-02-02']), NOW_MS),
      (error: unknown) =>
        error instanceof CliUsageError && /--until 2026-02-02 is .*, in the future\./.test(error.message),
    );
    assert.doesNotThrow(() => readTimeWindow(parse(['--until', 'now']), NOW_MS));
  });

  it('rejects --since later than --until', () => {
    assert.throws(() => readTimeWindow(parse(['--since', '1h', '--until', '2h']), NOW_MS), /later than --until/);
  });

  it('leaves the window open when no time is given', () => {
    assert.deepEqual(readTimeWindow(parse([]), NOW_MS), {});
  });
});

describe('positiveInteger', () => {
  it('accepts whole numbers in range', () => {
    assert.equal(parse(['--limit', '200']).limit, 200);
  });

  it('rejects zero, fractions, words and values over the maximum with an example', () => {
    for (const value of ['0', '1.5', 'ten', '10000', '-3']) {
      assert.match(
        parseError(['--limit', value]).message,
        /--limit takes a whole number from 1 to 9999, e\.g\./,
        value,
      );
    }
  });

  it('says "at least 1" when there is no real maximum', () => {
    assert.throws(() => positiveInteger('--max')('0'), /--max takes a whole number of at least 1, e\.g\. --max 100\./);
  });
});
