import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretName, looksLikeSlackToken, secretKeyKind } from '../../../src/collector/config/secrets.js';
import { lines, MINIMAL, problemOf, problemsOf, withSinks } from './helpers.js';

describe('secrets written in the config', () => {
  it('refuses a password key in an Elasticsearch sink, naming the keys that take it', () => {
    assert.equal(
      problemOf(withSinks('  - {type: elasticsearch, url: "https://es", index: s, usernameEnv: U, password: pw}')),
      '6:76: orgs[0].sinks[0].password: a password written in the file itself is refused; allowed: passwordEnv (an environment variable holding it) or passwordFile (a file holding it)',
    );
  });

  it('refuses an API key, a HEC token and a webhook secret the same way', () => {
    assert.deepEqual(
      problemsOf(
        withSinks(
          '  - {type: elasticsearch, url: "https://es", index: s, apiKey: abc}',
          '  - {type: splunk-hec, url: "https://splunk", hecToken: abc}',
          '  - {type: webhook, url: "https://hook", secret: abc}',
        ),
      ),
      [
        '6:60: orgs[0].sinks[0].apiKey: an API key written in the file itself is refused; allowed: apiKeyEnv (an environment variable holding it) or apiKeyFile (a file holding it)',
        '7:51: orgs[0].sinks[1].hecToken: a token written in the file itself is refused; allowed: tokenEnv (an environment variable holding it) or tokenFile (a file holding it)',
        '8:46: orgs[0].sinks[2].secret: a secret written in the file itself is refused; allowed: secretEnv (an environment variable holding it) or secretFile (a file holding it)',
      ],
    );
  });

  it('refuses a Slack token anywhere, without repeating it', () => {
    const token = 'xoxb-2222222222-3333333333-SeCrEtSeCrEt';
    const problems = problemsOf(withSinks(`  - {type: webhook, url: "https://hook", headers: {X-Note: "${token}"}}`));
    assert.deepEqual(problems, [
      '6:64: orgs[0].sinks[0].headers.X-Note: this value looks like a Slack token: a token written in the file itself is refused; allowed: the name of an environment variable (tokenEnv) or of a file (tokenFile) that holds it',
    ]);
    assert.ok(!problems.join('\n').includes('SeCrEt'));
  });

  it('refuses a Slack token written as a key, without repeating it', () => {
    const problems = problemsOf(lines(...MINIMAL, '    xoxp-1111-2222-SeCrEt: 1'));
    assert.equal(problems.length, 1);
    assert.match(problems[0] as string, /^6:5: orgs\[0\]\.\(a key\): this key looks like a Slack token/);
    assert.ok(!problems.join('\n').includes('SeCrEt'));
  });

  it('refuses credentials in a sink URL, without repeating them', () => {
    const problems = problemsOf(
      withSinks('  - {type: elasticsearch, url: "https://elastic:Pa55word@es.example.com", index: s}'),
    );
    assert.deepEqual(problems, [
      "6:36: orgs[0].sinks[0].url: the URL carries credentials (user:password@): secrets written in the file itself are refused; allowed: the URL without them, and the key's *Env or *File form for the secret",
    ]);
    assert.ok(!problems.join('\n').includes('Pa55word'));
  });

  it('refuses credentials in the base URL', () => {
    assert.match(
      problemOf(lines(...MINIMAL, '    baseUrl: https://u:p@api.slack.com/audit/v1/')),
      /^6:14: orgs\[0\]\.baseUrl: the URL carries credentials/,
    );
  });
});

describe('secret names', () => {
  it('knows the keys that name a secret, and leaves *Env and *File alone', () => {
    for (const key of [
      'token',
      'hecToken',
      'password',
      'PASSWORD',
      'passwd',
      'apiKey',
      'api_key',
      'secret',
      'key',
      'authorization',
    ]) {
      assert.ok(secretKeyKind(key), key);
    }
    for (const key of ['tokenEnv', 'passwordFile', 'apiKeyEnv', 'keyFile', 'name', 'index', 'sourcetype']) {
      assert.equal(secretKeyKind(key), undefined, key);
    }
  });

  it('knows header and query names that carry secrets', () => {
    for (const name of [
      'Authorization',
      'Proxy-Authorization',
      'X-Api-Key',
      'X-Auth-Token',
      'Cookie',
      'X-Signature-256',
      'sig',
    ]) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of ['X-Source', 'Content-Type', 'X-Tenant']) assert.ok(!isSecretName(name), name);
  });

  it('knows Slack token shapes', () => {
    assert.ok(looksLikeSlackToken('xoxp-123-456'));
    assert.ok(looksLikeSlackToken('Bearer xoxe-1-abc'));
    assert.ok(!looksLikeSlackToken('xox-plain'));
  });
});
