import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines, MINIMAL, parse, problemOf, problemsOf } from './helpers.js';

const TOKEN_ALLOWED = 'tokenEnv (an environment variable holding it) or tokenFile (a file holding it)';

describe('organisations', () => {
  it('refuses a name used twice, at the second one', () => {
    assert.equal(
      problemOf(lines(...MINIMAL, '  - {name: acme, tokenEnv: T2, sinks: [{type: stdout}]}')),
      '6:12: orgs[1].name: "acme" is already the name of orgs[0]; allowed: each name once: it is the key of everything stored for the organisation',
    );
  });

  it('refuses a name outside [a-z0-9-]{1,64}', () => {
    assert.equal(
      problemOf(lines('state: ./state', 'orgs:', '  - {name: Acme Corp, tokenEnv: T, sinks: [{type: stdout}]}')),
      '3:12: orgs[0].name: "Acme Corp" is not valid here; allowed: lower-case letters, digits and "-", 1 to 64 characters',
    );
  });

  it('refuses an organisation without a name, pointing at its mapping', () => {
    assert.equal(
      problemOf(lines('state: ./state', 'orgs:', '  - tokenEnv: T', '    sinks: [{type: stdout}]')),
      '3:5: orgs[0].name: missing; allowed: lower-case letters, digits and "-", 1 to 64 characters',
    );
  });

  it('refuses an organisation without a token, pointing at its mapping', () => {
    assert.equal(
      problemOf(lines('state: ./state', 'orgs:', '  - name: acme', '    sinks: [{type: stdout}]')),
      `3:5: orgs[0].tokenEnv: missing: the organisation's token is needed; allowed: ${TOKEN_ALLOWED}`,
    );
  });

  it('refuses tokenEnv and tokenFile together, at the second', () => {
    assert.equal(
      problemOf(lines(...MINIMAL, '    tokenFile: /run/secrets/acme')),
      '6:5: orgs[0].tokenFile: tokenEnv is given too; allowed: one of tokenEnv and tokenFile',
    );
  });

  it('refuses a token written in the file itself, without repeating it', () => {
    const token = 'xoxp-1234567890-1234567890-abcdefabcdef';
    const problems = problemsOf(
      lines('state: ./state', 'orgs:', '  - name: acme', `    token: ${token}`, '    sinks: [{type: stdout}]'),
    );
    assert.deepEqual(problems, [
      `4:5: orgs[0].token: a token written in the file itself is refused; allowed: ${TOKEN_ALLOWED}`,
    ]);
    assert.ok(!problems.join('\n').includes('1234567890'));
  });

  it('refuses a token given where the name of its variable belongs, without repeating it', () => {
    const problems = problemsOf(
      lines(
        'state: ./state',
        'orgs:',
        '  - name: acme',
        '    tokenEnv: xoxb-1234567890-abcdef',
        '    sinks: [{type: stdout}]',
      ),
    );
    assert.deepEqual(problems, [
      '4:15: orgs[0].tokenEnv: this value looks like a Slack token: a token written in the file itself is refused; allowed: the name of an environment variable (tokenEnv) or of a file (tokenFile) that holds it',
    ]);
  });

  it('does not repeat a value that is not a variable name, as it may be the secret', () => {
    assert.equal(
      problemOf(lines(...MINIMAL.slice(0, 3), '    tokenEnv: s3cr3t-v4lue=', '    sinks: [{type: stdout}]')),
      '4:15: orgs[0].tokenEnv: a value (not shown) is not valid here; allowed: the name of an environment variable, such as ACME_SLACK_TOKEN',
    );
  });

  it('refuses sinks nowhere: neither in the organisation nor in defaults', () => {
    assert.equal(
      problemOf(lines('state: ./state', 'orgs:', '  - name: acme', '    tokenEnv: T')),
      '3:5: orgs[0].sinks: missing: entries need somewhere to go; allowed: sinks in the organisation or under defaults, such as [{type: stdout}]',
    );
  });
});

describe('since', () => {
  const since = (value: string) => lines(...MINIMAL, `    since: ${value}`);

  it('takes durations, ISO dates and Unix seconds', () => {
    assert.equal(parse(since('1d12h')).orgs[0]?.sinceSeconds, 36 * 3600);
    assert.equal(parse(since('2026-01-31T06:00:00Z')).orgs[0]?.sinceSeconds, 6 * 3600);
    assert.equal(parse(since(String(Date.UTC(2026, 0, 30, 12) / 1000))).orgs[0]?.sinceSeconds, 86_400);
    assert.equal(parse(since('now')).orgs[0]?.sinceSeconds, 0);
  });

  it('refuses what is not a time', () => {
    assert.match(
      problemOf(since('last week')),
      /^6:12: orgs\[0\]\.since: "last week" is not a time; allowed: a duration before now such as 24h/,
    );
  });

  it('refuses a date that does not exist', () => {
    assert.match(
      problemOf(since('2026-02-30')),
      /^6:12: orgs\[0\]\.since: "2026-02-30" is not a real date: February 2026 has 28 days, so day 30 does not exist; allowed:/,
    );
  });

  it('refuses a time in the future', () => {
    assert.equal(
      problemOf(since('2026-02-01')),
      '6:12: orgs[0].since: "2026-02-01" is 2026-02-01T00:00:00Z, in the future; allowed: a time in the past, where a new organisation starts reading, such as 7d',
    );
  });

  it('refuses a time before Slack kept audit logs', () => {
    assert.equal(
      problemOf(since('2017-12-31')),
      `6:12: orgs[0].since: "2017-12-31" is 2017-12-31T00:00:00Z, before Slack's audit logs begin (2018-03-01T00:00:00Z); allowed: a time from March 2018 on, such as 30d`,
    );
  });
});

describe('baseUrl', () => {
  const baseUrl = (value: string) => lines(...MINIMAL, `    baseUrl: ${value}`);

  it('adds the trailing slash the client needs', () => {
    assert.equal(
      parse(baseUrl('https://slack.example.com/audit/v1')).orgs[0]?.baseUrl,
      'https://slack.example.com/audit/v1/',
    );
  });

  it('takes plain http to this machine only, as the client does', () => {
    assert.equal(parse(baseUrl('http://127.0.0.1:8080/audit/v1/')).orgs[0]?.baseUrl, 'http://127.0.0.1:8080/audit/v1/');
    assert.equal(
      problemOf(baseUrl('http://slack.example.com/audit/v1/')),
      '6:14: orgs[0].baseUrl: plain http to slack.example.com would send audit entries and credentials unencrypted; allowed: an https:// URL (plain http only to localhost, 127.0.0.1 or [::1])',
    );
  });

  it('refuses what is not an http(s) URL', () => {
    assert.equal(
      problemOf(baseUrl('api.slack.com/audit/v1/')),
      '6:14: orgs[0].baseUrl: "api.slack.com/audit/v1/" is not an http(s) URL; allowed: a URL such as https://api.slack.com/audit/v1/',
    );
  });
});

describe('limits', () => {
  it('refuses a limit outside 1..9999', () => {
    assert.equal(
      problemOf(lines(...MINIMAL, '    limit: 10000')),
      '6:12: orgs[0].limit: the number 10000 is too large; allowed: an integer from 1 to 9999 (entries per request)',
    );
  });

  it('refuses requestsPerMinute of 0 or over 6000', () => {
    const allowed = 'allowed: an integer from 1 to 6000 (Slack allows about 50 per organisation)';
    assert.equal(
      problemOf(lines(...MINIMAL, '    requestsPerMinute: 0')),
      `6:24: orgs[0].requestsPerMinute: the number 0 is too small; ${allowed}`,
    );
    assert.equal(
      problemOf(lines(...MINIMAL, '    requestsPerMinute: 6001')),
      `6:24: orgs[0].requestsPerMinute: the number 6001 is too large; ${allowed}`,
    );
  });

  it('refuses a number written as text, saying what it found', () => {
    assert.equal(
      problemOf(lines(...MINIMAL, '    settleLagSeconds: "120"')),
      '6:23: orgs[0].settleLagSeconds: expected a whole number, found "120"; allowed: an integer from 0 to 86400 (seconds)',
    );
  });
});

describe('filters', () => {
  const filters = (value: string) => lines(...MINIMAL, `    filters: ${value}`);

  it('takes actions as a list or a comma-separated string, and an actor and an entity', () => {
    assert.deepEqual(parse(filters('{action: user_login, actor: W123, entity: C456}')).orgs[0]?.filters, {
      action: ['user_login'],
      actor: 'W123',
      entity: 'C456',
    });
    assert.deepEqual(parse(filters('{action: "user_login, user_logout"}')).orgs[0]?.filters, {
      action: ['user_login', 'user_logout'],
    });
  });

  it('refuses more than 30 actions', () => {
    const names = Array.from({ length: 31 }, (_, index) => `action_${index}`);
    assert.equal(
      problemOf(filters(`{action: [${names.join(', ')}]}`)),
      "6:23: orgs[0].filters.action: the list has 31 items, more than 30; allowed: 1 to 30 action names (Slack's limit)",
    );
    assert.equal(
      problemOf(filters(`{action: "${names.join(',')}"}`)),
      "6:23: orgs[0].filters.action: 31 action names, more than 30; allowed: at most 30 action names (Slack's limit); leave action out to get every action",
    );
  });

  it('refuses an action listed twice', () => {
    assert.equal(
      problemOf(filters('{action: [user_login, user_logout, user_login]}')),
      '6:49: orgs[0].filters.action[2]: "user_login" is listed twice (also as item 1); allowed: each item once',
    );
  });

  it('refuses an email address as actor', () => {
    assert.equal(
      problemOf(filters('{actor: alice@example.com}')),
      '6:22: orgs[0].filters.actor: an email address matches no event; allowed: a user ID such as W123AB456 (in the user profile, or in an event of theirs)',
    );
  });

  it('refuses an unknown filter with the nearest one', () => {
    assert.equal(
      problemOf(filters('{actions: [user_login]}')),
      '6:15: orgs[0].filters.actions: unknown key "actions"; allowed: action, actor, entity (did you mean action?)',
    );
  });
});

describe('defaults', () => {
  it('refuses a name or a token in defaults: each organisation gives its own', () => {
    assert.deepEqual(
      problemsOf(lines('state: ./state', 'defaults:', '  tokenEnv: T', '  name: x', 'orgs:', ...MINIMAL.slice(2))),
      [
        '3:3: defaults.tokenEnv: "tokenEnv" does not belong here (each organisation gives its own, under orgs)',
        '4:3: defaults.name: "name" does not belong here (each organisation gives its own, under orgs)',
      ],
    );
  });

  it('reports a problem in defaults once, where it is written, however many organisations take it', () => {
    assert.deepEqual(
      problemsOf(
        lines(
          'state: ./state',
          'defaults:',
          '  limit: 0',
          '  since: tomorrow',
          '  sinks: [{type: postgres}]',
          'orgs:',
          '  - {name: a, tokenEnv: A}',
          '  - {name: b, tokenEnv: B}',
          '  - {name: c, tokenEnv: C}',
        ),
      ),
      [
        '3:10: defaults.limit: the number 0 is too small; allowed: an integer from 1 to 9999 (entries per request)',
        '4:10: defaults.since: "tomorrow" is not a time; allowed: a duration before now such as 24h, 7d, 30m or 1d12h, an ISO date such as 2026-01-31 or 2026-01-31T12:00:00Z (UTC unless an offset is given), or Unix seconds such as 1767225600',
        '5:18: defaults.sinks[0].type: a postgres sink needs postgres state (the state is file): it writes entries into the state database with the checkpoint; allowed: with file state: file, elasticsearch, splunk-hec, syslog, webhook or stdout sinks',
      ],
    );
  });

  it('points at an organisation key written at the top level', () => {
    assert.equal(
      problemOf(lines(...MINIMAL, 'sinks: [{type: stdout}]')),
      '6:1: sinks: "sinks" does not belong here (it belongs to an organisation: put it under orgs, or under defaults for all)',
    );
  });
});
