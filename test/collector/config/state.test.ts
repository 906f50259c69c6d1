import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FOLDER, lines, parse, problemOf, problemsOf } from './helpers.js';

const ORG = ['orgs:', '  - {name: acme, tokenEnv: T, sinks: [{type: stdout}]}'];
const stateOf = (...state: string[]) => parse(lines(...state, ...ORG)).state;

describe('state', () => {
  it('reads a string as a folder, relative to the config file', () => {
    assert.deepEqual(stateOf('state: ./state'), { kind: 'file', folder: `${FOLDER}/state`, standbyPollMs: 5000 });
  });

  it('reads a postgres:// or postgresql:// string as shared state with the defaults', () => {
    const expected = {
      kind: 'postgres',
      url: 'postgres://collector@db.example.com:5432/audit?sslmode=verify-full',
      schema: 'slack_audit_logs',
      leaseSeconds: 30,
      maxUnreachableSeconds: 600,
    };
    assert.deepEqual(stateOf(`state: ${expected.url}`), expected);
    assert.equal(stateOf('state: postgresql://db/audit').kind, 'postgres');
  });

  it('takes a password in the postgres URL: it is how PostgreSQL users give one', () => {
    assert.equal(stateOf('state: postgres://collector:s3cret@db/audit').kind, 'postgres');
    assert.equal(stateOf('state: {postgres: "postgres://collector:s3cret@db/audit"}').kind, 'postgres');
  });

  it('takes the folder options', () => {
    assert.deepEqual(stateOf('state: {folder: /var/lib/slack-audit-logs, standbyPollSeconds: 2}'), {
      kind: 'file',
      folder: '/var/lib/slack-audit-logs',
      standbyPollMs: 2000,
    });
  });

  it('takes the postgres options, resolving their files', () => {
    assert.deepEqual(
      stateOf(
        'state:',
        '  postgres: postgres://collector@db/audit',
        '  schema: audit_2',
        '  passwordFile: secrets/pg',
        '  leaseSeconds: 10',
        '  maxUnreachableSeconds: 120',
        '  caFile: /etc/ssl/db-ca.pem',
      ),
      {
        kind: 'postgres',
        url: 'postgres://collector@db/audit',
        schema: 'audit_2',
        passwordFile: `${FOLDER}/secrets/pg`,
        leaseSeconds: 10,
        maxUnreachableSeconds: 120,
        caFile: '/etc/ssl/db-ca.pem',
      },
    );
  });

  it('refuses a URL that is not PostgreSQL', () => {
    assert.equal(
      problemOf(lines('state: mysql://db/audit', ...ORG)),
      '1:8: state: unknown kind of state "mysql"; allowed: a folder such as ./state, or a postgres:// or postgresql:// URL',
    );
  });

  it('refuses a mapping with both folder and postgres, or neither', () => {
    assert.equal(
      problemOf(lines('state: {folder: ./s, postgres: "postgres://db/a"}', ...ORG)),
      '1:22: state.postgres: folder and postgres are both given; allowed: folder: ./state (file state, one host) or postgres: postgres://… (shared state)',
    );
    assert.equal(
      problemOf(lines('state: {schema: x}', ...ORG)),
      '1:8: state: neither folder nor postgres is given; allowed: folder: ./state (file state, one host) or postgres: postgres://… (shared state)',
    );
  });

  it('refuses an option of the other kind of state', () => {
    assert.equal(
      problemOf(lines('state: {folder: ./s, leaseSeconds: 10}', ...ORG)),
      '1:22: state.leaseSeconds: leaseSeconds is an option of postgres state, and this state is file; allowed: folder, standbyPollSeconds',
    );
  });

  it('refuses passwordFile when the URL holds a password', () => {
    assert.equal(
      problemOf(lines('state: {postgres: "postgres://u:p@db/a", passwordFile: /run/pg}', ...ORG)),
      '1:42: state.passwordFile: the postgres URL holds a password already; allowed: the password in one place: passwordFile (better), PGPASSWORD, or the URL',
    );
  });

  it('refuses a password written under state, pointing at the other ways', () => {
    assert.equal(
      problemOf(lines('state: {postgres: "postgres://u@db/a", password: hunter22}', ...ORG)),
      '1:40: state.password: a password written in the file itself is refused; allowed: passwordFile (a file holding it) or PGPASSWORD in the environment or the password in the postgres URL',
    );
  });

  it('refuses a schema name PostgreSQL would need quoted', () => {
    assert.match(
      problemOf(lines('state: {postgres: "postgres://db/a", schema: Audit-Logs}', ...ORG)),
      /^1:46: state\.schema: "Audit-Logs" is not valid here; allowed: a PostgreSQL schema name/,
    );
  });

  it('refuses a state that is neither text nor a mapping', () => {
    assert.deepEqual(problemsOf(lines('state: [./state]', ...ORG)), [
      '1:8: state: expected text, found a list; allowed: a folder such as ./state (file state, one host), or a postgres:// URL (shared state)',
    ]);
  });
});
