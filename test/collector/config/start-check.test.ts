import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCollectorConfig } from '../../../src/collector/config/load-config.js';
import { configError, lines, NOW_MS } from './helpers.js';

describe('checking what the collector reads at start', () => {
  let folder: string;
  let file: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sal-start-'));
    file = join(folder, 'collect.yaml');
    mkdirSync(join(folder, 'secrets'));
    writeFileSync(join(folder, 'secrets/acme'), 'x\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const check = (text: string, env: NodeJS.ProcessEnv = {}) =>
    parseCollectorConfig(text, file, { env, clock: { now: () => NOW_MS } });
  const problems = (text: string, env: NodeJS.ProcessEnv = {}) =>
    configError(() => check(text, env)).problems.map(
      (problem) => `${problem.line}:${problem.column}: ${problem.key}: ${problem.problem}`,
    );

  it('refuses a variable that is not set, or set empty', () => {
    const text = lines(
      'state: ./state',
      'orgs:',
      '  - name: acme',
      '    tokenEnv: ACME_SLACK_TOKEN',
      '    sinks: [{type: stdout}]',
    );
    assert.deepEqual(problems(text), ['4:15: orgs[0].tokenEnv: the variable ACME_SLACK_TOKEN is not set']);
    assert.deepEqual(problems(text, { ACME_SLACK_TOKEN: '' }), [
      '4:15: orgs[0].tokenEnv: the variable ACME_SLACK_TOKEN is empty',
    ]);
    assert.equal(check(text, { ACME_SLACK_TOKEN: 'set' }).orgs.length, 1);
  });

  it('refuses a file that does not exist or is a folder, naming it as written and as resolved', () => {
    const text = lines(
      'state: ./state',
      'orgs:',
      '  - {name: acme, tokenFile: secrets/missing, sinks: [{type: stdout}]}',
      '  - {name: beta, tokenFile: secrets, sinks: [{type: stdout}]}',
      '  - {name: gamma, tokenFile: secrets/acme, sinks: [{type: stdout}]}',
    );
    assert.deepEqual(problems(text), [
      `3:29: orgs[0].tokenFile: the file secrets/missing (${join(folder, 'secrets/missing')}) does not exist`,
      `4:29: orgs[1].tokenFile: the file secrets (${join(folder, 'secrets')}) is a folder`,
    ]);
  });

  it('refuses a file this process cannot read', { skip: process.getuid?.() === 0 && 'root reads every file' }, () => {
    const locked = join(folder, 'secrets/locked');
    writeFileSync(locked, 'x\n');
    chmodSync(locked, 0o000);
    const text = lines('state: ./state', 'orgs:', `  - {name: acme, tokenFile: ${locked}, sinks: [{type: stdout}]}`);
    assert.deepEqual(problems(text), [
      `3:29: orgs[0].tokenFile: the file ${locked} cannot be read by this process (permission denied)`,
    ]);
  });

  it('checks the files of sinks and state too: passwords, CA files, client certificates', () => {
    const text = lines(
      'state: {postgres: "postgres://u@db/a", passwordFile: pg-password, caFile: db-ca.pem}',
      'orgs:',
      '  - name: acme',
      '    tokenFile: secrets/acme',
      '    sinks:',
      '      - {type: syslog, url: "tls://syslog:6514", certFile: c.pem, keyFile: k.pem}',
      '      - {type: elasticsearch, url: "https://es", index: s, apiKeyEnv: ES_KEY}',
    );
    assert.deepEqual(
      problems(text).map((problem) => problem.replace(/ \(.*\) does not exist$/, ' does not exist')),
      [
        '1:54: state.passwordFile: the file pg-password does not exist',
        '1:75: state.caFile: the file db-ca.pem does not exist',
        '6:60: orgs[0].sinks[0].certFile: the file c.pem does not exist',
        '6:76: orgs[0].sinks[0].keyFile: the file k.pem does not exist',
        '7:71: orgs[0].sinks[1].apiKeyEnv: the variable ES_KEY is not set',
      ],
    );
  });

  it('checks nothing of the sort with checkSecrets: false', () => {
    const text = lines(
      'state: ./state',
      'orgs:',
      '  - {name: acme, tokenFile: /nope, sinks: [{type: stdout}]}',
      '  - {name: beta, tokenEnv: NOPE, sinks: [{type: stdout}]}',
    );
    const config = parseCollectorConfig(text, file, { env: {}, checkSecrets: false });
    assert.deepEqual(
      config.orgs.map((org) => org.token),
      [{ file: '/nope' }, { env: 'NOPE' }],
    );
  });

  it('reads no secret: the config holds where each comes from, not the value', () => {
    const config = check(lines('state: ./state', 'orgs:', '  - {name: acme, tokenEnv: T, sinks: [{type: stdout}]}'), {
      T: 'xoxp-secret',
    });
    assert.ok(!JSON.stringify(config).includes('xoxp-secret'));
  });
});
