import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FOLDER, lines, parse, problemOf, problemsOf, sinksOf, withSinks } from './helpers.js';

const POSTGRES_STATE = 'postgres://collector@db.example.com/audit';

describe('sink types', () => {
  it('refuses an unknown type, naming the types and the nearest one', () => {
    assert.equal(
      problemOf(withSinks('  - {type: elasticsearh, url: https://es.example.com, index: slack}')),
      '6:16: orgs[0].sinks[0].type: unknown sink type "elasticsearh"; allowed: file, stdout, postgres, elasticsearch, splunk-hec, syslog, webhook (did you mean elasticsearch?)',
    );
  });

  it('refuses a sink without a type, pointing at the sink', () => {
    assert.equal(
      problemOf(withSinks('  - path: ./out.ndjson')),
      '6:9: orgs[0].sinks[0].type: missing; allowed: file, stdout, postgres, elasticsearch, splunk-hec, syslog, webhook',
    );
  });

  it('refuses a key the type does not take, with the keys it does take', () => {
    assert.equal(
      problemOf(withSinks('  - {type: stdout, fromat: ecs}')),
      '6:24: orgs[0].sinks[0].fromat: unknown key "fromat"; allowed: type, name, format (did you mean format?)',
    );
  });
});

describe('sinks and state', () => {
  it('refuses a postgres sink with file state', () => {
    assert.equal(
      problemOf(withSinks('  - type: postgres')),
      '6:15: orgs[0].sinks[0].type: a postgres sink needs postgres state (the state is file): it writes entries into the state database with the checkpoint; allowed: with file state: file, elasticsearch, splunk-hec, syslog, webhook or stdout sinks',
    );
  });

  it('refuses a file sink with postgres state: leases move between hosts, a file stays on one', () => {
    assert.equal(
      problemOf(
        lines(
          `state: ${POSTGRES_STATE}`,
          'orgs:',
          '  - name: acme',
          '    tokenEnv: T',
          '    sinks:',
          '      - {type: file, path: ./a.ndjson}',
        ),
      ),
      '6:16: orgs[0].sinks[0].type: a file sink needs file state (the state is postgres): a file on one host cannot follow leases that move between hosts; allowed: with postgres state: postgres, elasticsearch, splunk-hec, syslog, webhook or stdout sinks',
    );
  });

  it('takes a postgres sink with postgres state, once per organisation', () => {
    assert.deepEqual(sinksOf(['      - type: postgres'], POSTGRES_STATE), [{ type: 'postgres', name: 'postgres' }]);
    assert.equal(
      problemsOf(
        lines(
          `state: ${POSTGRES_STATE}`,
          'orgs:',
          '  - name: acme',
          '    tokenEnv: T',
          '    sinks: [{type: postgres}, {type: postgres, name: again}]',
        ),
      )[0],
      '5:38: orgs[0].sinks[1].type: a second postgres sink (orgs[0].sinks[0] is the first) would store every entry twice; allowed: one postgres sink per organisation',
    );
  });
});

describe('file paths', () => {
  it('refuses two organisations writing the same file', () => {
    assert.equal(
      problemOf(
        lines(
          'state: ./state',
          'orgs:',
          '  - {name: acme, tokenEnv: A, sinks: [{type: file, path: ./out/all.ndjson}]}',
          '  - name: beta',
          '    tokenEnv: B',
          '    sinks:',
          '      - type: file',
          '        path: out/all.ndjson',
        ),
      ),
      `8:15: orgs[1].sinks[0].path: orgs[0].sinks[0].path (organisation acme) already writes ${FOLDER}/out/all.ndjson; allowed: one writer per file: give each sink and organisation its own path`,
    );
  });

  it('refuses a file path in defaults that every organisation would share, suggesting {org}', () => {
    assert.equal(
      problemOf(
        lines(
          'state: ./state',
          'defaults:',
          '  sinks: [{type: file, path: ./out/all.ndjson}]',
          'orgs:',
          '  - {name: acme, tokenEnv: A}',
          '  - {name: beta, tokenEnv: B}',
          '  - {name: gamma, tokenEnv: C}',
        ),
      ),
      `3:30: defaults.sinks[0].path: every organisation that takes this default would write the same file ${FOLDER}/out/all.ndjson; allowed: one writer per file (put {org} in the path, e.g. ./out/{org}.ndjson)`,
    );
  });

  it("replaces {org} with the organisation's name", () => {
    const config = parse(
      lines(
        'state: ./state',
        'defaults:',
        '  sinks:',
        '    - type: file',
        '      path: ./out/{org}.ndjson',
        'orgs:',
        '  - {name: acme, tokenEnv: A}',
        '  - {name: beta, tokenEnv: B}',
      ),
    );
    assert.deepEqual(
      config.orgs.map((org) => org.sinks[0]?.type === 'file' && org.sinks[0].path),
      [`${FOLDER}/out/acme.ndjson`, `${FOLDER}/out/beta.ndjson`],
    );
  });

  it('refuses a dead-letter file that another sink writes', () => {
    assert.equal(
      problemOf(
        withSinks(
          '  - {type: file, path: ./out/x.ndjson}',
          '  - {type: elasticsearch, url: "https://es.example.com", index: slack, deadLetterPath: ./out/x.ndjson}',
        ),
      ),
      `7:92: orgs[0].sinks[1].deadLetterPath: orgs[0].sinks[0].path already writes ${FOLDER}/out/x.ndjson; allowed: one writer per file: give each sink and organisation its own path`,
    );
  });
});

describe('sink names', () => {
  it('names a sink after its type, with -2 and -3 when the type repeats', () => {
    const names = sinksOf([
      '      - {type: stdout}',
      '      - {type: stdout, format: ecs}',
      '      - {type: file, path: a}',
      '      - {type: stdout}',
    ]).map((sink) => sink.name);
    assert.deepEqual(names, ['stdout', 'stdout-2', 'file', 'stdout-3']);
  });

  it('refuses two sinks of one organisation with the same name', () => {
    assert.equal(
      problemOf(withSinks('  - {type: stdout, name: out}', '  - {type: file, path: a.ndjson, name: out}')),
      '7:44: orgs[0].sinks[1].name: the name "out" is already used by orgs[0].sinks[0]; allowed: a name used once in an organisation',
    );
  });

  it('refuses a default name that another sink took, asking for names', () => {
    assert.equal(
      problemOf(
        withSinks('  - {type: stdout, name: stdout-2}', '  - {type: stdout}', '  - {type: stdout, format: ocsf}'),
      ),
      '7:9: orgs[0].sinks[1]: the name "stdout-2", given by default, is already used by orgs[0].sinks[0]; allowed: a name used once in an organisation (give the sinks names of their own with name: …)',
    );
  });

  it('refuses a name outside [a-z0-9-]{1,64}', () => {
    assert.equal(
      problemOf(withSinks('  - {type: stdout, name: To_Console}')),
      '6:30: orgs[0].sinks[0].name: "To_Console" is not valid here; allowed: lower-case letters, digits and "-", 1 to 64 characters',
    );
  });
});

describe('elasticsearch', () => {
  it('fills the defaults: ecs, 300 s of retries', () => {
    assert.deepEqual(
      sinksOf([
        '      - {type: elasticsearch, url: "https://es.example.com:9200", index: "slack-audit-{org}", apiKeyEnv: ES_KEY}',
      ]),
      [
        {
          type: 'elasticsearch',
          name: 'elasticsearch',
          url: 'https://es.example.com:9200',
          index: 'slack-audit-acme',
          apiKey: { env: 'ES_KEY' },
          format: 'ecs',
          maxRetryDurationSeconds: 300,
        },
      ],
    );
  });

  it('takes every key', () => {
    const [sink] = sinksOf([
      '      - type: elasticsearch',
      '        name: siem',
      '        url: https://es.example.com:9200',
      '        index: slack-audit',
      '        usernameEnv: ES_USER',
      '        passwordFile: /run/secrets/es',
      '        caFile: ca.pem',
      '        format: raw',
      '        batch: {maxEntries: 500, maxBytes: 5000000}',
      '        maxInFlight: 4',
      '        maxRetryDurationSeconds: 60',
      '        deadLetterPath: ./dead/{org}.ndjson',
    ]);
    assert.deepEqual(sink, {
      type: 'elasticsearch',
      name: 'siem',
      url: 'https://es.example.com:9200',
      index: 'slack-audit',
      username: { env: 'ES_USER' },
      password: { file: '/run/secrets/es' },
      format: 'raw',
      deadLetterPath: `${FOLDER}/dead/acme.ndjson`,
      caFile: `${FOLDER}/ca.pem`,
      batch: { maxEntries: 500, maxBytes: 5_000_000 },
      maxInFlight: 4,
      maxRetryDurationSeconds: 60,
    });
  });

  it('refuses an API key together with a username or password', () => {
    assert.equal(
      problemOf(withSinks('  - {type: elasticsearch, url: "https://es", index: s, apiKeyEnv: K, passwordEnv: P}')),
      '6:74: orgs[0].sinks[0].passwordEnv: an API key and a username or password are both given; allowed: apiKeyEnv or apiKeyFile, or else usernameEnv/usernameFile with passwordEnv/passwordFile',
    );
  });

  it('refuses a username without a password', () => {
    assert.equal(
      problemOf(withSinks('  - {type: elasticsearch, url: "https://es", index: s, usernameEnv: U}')),
      '6:60: orgs[0].sinks[0].usernameEnv: a username without a password; allowed: passwordEnv or passwordFile as well',
    );
  });

  it('refuses an index name Elasticsearch would refuse', () => {
    assert.equal(
      problemOf(withSinks('  - {type: elasticsearch, url: "https://es", index: Slack-Audit}')),
      '6:57: orgs[0].sinks[0].index: the index name "Slack-Audit" has upper-case letters; allowed: lower-case letters, digits, - _ . and + (not first), such as slack-audit or slack-audit-{org}',
    );
  });

  it('refuses plain http to another host, and a CA file for a plain http URL', () => {
    assert.equal(
      problemOf(withSinks('  - {type: elasticsearch, url: "http://es.example.com:9200", index: s}')),
      '6:36: orgs[0].sinks[0].url: plain http to es.example.com would send audit entries and credentials unencrypted; allowed: an https:// URL (plain http only to localhost, 127.0.0.1 or [::1])',
    );
    assert.equal(
      problemOf(withSinks('  - {type: elasticsearch, url: "http://localhost:9200", index: s, caFile: ca.pem}')),
      '6:71: orgs[0].sinks[0].caFile: caFile is only used over TLS, and http:// is not encrypted; allowed: an https:// URL with it',
    );
  });

  it('checks every key of a sink whose URL is wrong too', () => {
    assert.deepEqual(
      problemsOf(
        withSinks('  - {type: elasticsearch, url: "http://es.example.com", index: "-slack", usernameEnv: U}'),
      ).map((problem) => problem.split(':', 3).join(':')),
      ['6:36: orgs[0].sinks[0].url', '6:68: orgs[0].sinks[0].index', '6:78: orgs[0].sinks[0].usernameEnv'],
    );
  });

  it('refuses a missing url or index', () => {
    assert.deepEqual(problemsOf(withSinks('  - {type: elasticsearch}')), [
      '6:9: orgs[0].sinks[0].url: missing; allowed: a URL such as https://es.example.com:9200',
      '6:9: orgs[0].sinks[0].index: missing; allowed: an index or data stream name, such as slack-audit (may contain {org})',
    ]);
  });
});

describe('splunk-hec', () => {
  it('fills the defaults: sourcetype slack:audit, no acknowledgement, raw', () => {
    assert.deepEqual(sinksOf(['      - {type: splunk-hec, url: "https://splunk:8088", tokenFile: /run/secrets/hec}']), [
      {
        type: 'splunk-hec',
        name: 'splunk-hec',
        url: 'https://splunk:8088',
        token: { file: '/run/secrets/hec' },
        sourcetype: 'slack:audit',
        ack: false,
        format: 'raw',
        maxRetryDurationSeconds: 300,
      },
    ]);
  });

  it('takes index, source and host, {org} included', () => {
    const [sink] = sinksOf([
      '      - {type: splunk-hec, url: "https://splunk:8088", tokenEnv: HEC, index: "slack_{org}", source: "slack:{org}", host: collector-1, ack: true, sourcetype: "slack:json"}',
    ]);
    assert.equal(sink?.type, 'splunk-hec');
    if (sink?.type !== 'splunk-hec') return;
    assert.deepEqual(
      [sink.index, sink.source, sink.host, sink.ack, sink.sourcetype],
      ['slack_acme', 'slack:acme', 'collector-1', true, 'slack:json'],
    );
  });

  it('refuses a splunk-hec sink without a token', () => {
    assert.equal(
      problemOf(withSinks('  - {type: splunk-hec, url: "https://splunk:8088"}')),
      '6:9: orgs[0].sinks[0].tokenEnv: missing: the HEC token is needed; allowed: tokenEnv (an environment variable holding it) or tokenFile (a file holding it)',
    );
  });

  it('refuses a token in the URL query, without repeating it', () => {
    const problem = problemOf(
      withSinks('  - {type: splunk-hec, url: "https://splunk:8088/?token=abc123secret", tokenEnv: T}'),
    );
    assert.equal(
      problem,
      "6:33: orgs[0].sinks[0].url: the URL carries a secret in its query (token=…): secrets written in the file itself are refused; allowed: the URL without it, and the key's *Env or *File form for the secret",
    );
    assert.ok(!problem.includes('abc123secret'));
  });
});

describe('syslog', () => {
  it('fills the defaults: json, local0, slack-audit-logs', () => {
    assert.deepEqual(sinksOf(['      - {type: syslog, url: "tcp://127.0.0.1:514"}']), [
      {
        type: 'syslog',
        name: 'syslog',
        url: 'tcp://127.0.0.1:514',
        format: 'json',
        facility: 'local0',
        appName: 'slack-audit-logs',
        maxRetryDurationSeconds: 300,
      },
    ]);
  });

  it('takes mutual TLS over tls://', () => {
    const [sink] = sinksOf([
      '      - {type: syslog, url: "tls://syslog:6514", caFile: ca.pem, certFile: c.pem, keyFile: k.pem, format: cef, facility: auth, appName: slack}',
    ]);
    assert.deepEqual(sink, {
      type: 'syslog',
      name: 'syslog',
      url: 'tls://syslog:6514',
      certFile: `${FOLDER}/c.pem`,
      keyFile: `${FOLDER}/k.pem`,
      caFile: `${FOLDER}/ca.pem`,
      format: 'cef',
      facility: 'auth',
      appName: 'slack',
      maxRetryDurationSeconds: 300,
    });
  });

  it('takes the message, delivery and transport keys of the sink', () => {
    const [sink] = sinksOf([
      '      - type: syslog',
      '        url: "tcp://siem.internal:514"',
      '        allowCleartext: true',
      '        hostname: collector-1',
      '        structuredDataId: audit@12345.1',
      '        utf8Bom: true',
      '        confirmDelivery: false',
      '        batch: {maxEntries: 10, maxBytes: 4096}',
      '        maxInFlight: 2',
      '        maxRetryDurationSeconds: 60',
    ]);
    assert.deepEqual(sink, {
      type: 'syslog',
      name: 'syslog',
      url: 'tcp://siem.internal:514',
      format: 'json',
      facility: 'local0',
      appName: 'slack-audit-logs',
      hostname: 'collector-1',
      structuredDataId: 'audit@12345.1',
      utf8Bom: true,
      confirmDelivery: false,
      allowCleartext: true,
      batch: { maxEntries: 10, maxBytes: 4096 },
      maxInFlight: 2,
      maxRetryDurationSeconds: 60,
    });
    const [withoutId] = sinksOf(['      - {type: syslog, url: "tls://syslog:6514", structuredDataId: null}']);
    assert.equal(withoutId?.type === 'syslog' && withoutId.structuredDataId, null);
  });

  it('refuses tcp:// to another machine unless cleartext is allowed, naming the encrypted ways', () => {
    assert.equal(
      problemOf(withSinks('  - {type: syslog, url: "tcp://siem.example.com:514"}')),
      '6:29: orgs[0].sinks[0].url: tcp:// would carry audit events (names, e-mail addresses, IP addresses) unencrypted to siem.example.com; allowed: tls://siem.example.com:6514, a relay on this machine (tcp://127.0.0.1:514), or allowCleartext: true if that network path is trusted',
    );
    assert.deepEqual(sinksOf(['      - {type: syslog, url: "tcp://[::1]:514"}'])[0], {
      type: 'syslog',
      name: 'syslog',
      url: 'tcp://[::1]:514',
      format: 'json',
      facility: 'local0',
      appName: 'slack-audit-logs',
      maxRetryDurationSeconds: 300,
    });
  });

  it('refuses an SD-ID that is not name@number, or longer than 32 characters', () => {
    for (const id of ['slack', 'sl ack@1', 'slack@abc', `${'a'.repeat(30)}@12`]) {
      assert.match(
        problemOf(withSinks(`  - {type: syslog, url: "tls://syslog:6514", structuredDataId: "${id}"}`)),
        /structuredDataId: .*allowed: an SD-ID such as slack@32473/,
        id,
      );
    }
  });

  it('refuses UDP, which loses messages', () => {
    assert.equal(
      problemOf(withSinks('  - {type: syslog, url: "udp://syslog:514"}')),
      '6:29: orgs[0].sinks[0].url: syslog over UDP loses messages without a trace; allowed: tcp://host:port or tls://host:port, such as tls://syslog.example.com:6514',
    );
  });

  it('refuses a URL without a port', () => {
    assert.equal(
      problemOf(withSinks('  - {type: syslog, url: "tcp://syslog"}')),
      '6:29: orgs[0].sinks[0].url: "tcp://syslog" needs a host and a port, and nothing after them; allowed: tcp://host:port or tls://host:port, such as tls://syslog.example.com:6514',
    );
  });

  it('refuses a facility syslog does not have, with the nearest one', () => {
    assert.equal(
      problemOf(withSinks('  - {type: syslog, url: "tls://syslog:6514", facility: locl4}')),
      '6:60: orgs[0].sinks[0].facility: unknown value "locl4"; allowed: kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp, audit, alert, clock, local0, local1, local2, local3, local4, local5, local6, local7 (did you mean local4?)',
    );
  });

  it('refuses a certificate without its key, and certificates over plain tcp', () => {
    assert.deepEqual(problemsOf(withSinks('  - {type: syslog, url: "tls://syslog:6514", certFile: c.pem}')), [
      '6:50: orgs[0].sinks[0].certFile: certFile without keyFile; allowed: both certFile and keyFile (mutual TLS), or neither',
    ]);
    assert.deepEqual(problemsOf(withSinks('  - {type: syslog, url: "tcp://localhost:514", caFile: ca.pem}')), [
      '6:52: orgs[0].sinks[0].caFile: caFile is only used over TLS, and tcp:// is not encrypted; allowed: a tls:// URL with it',
    ]);
  });
});

describe('webhook', () => {
  it('takes an https URL, a secret for the signature and headers', () => {
    assert.deepEqual(
      sinksOf([
        '      - {type: webhook, url: "https://siem.example.com/in", secretEnv: HOOK, headers: {X-Source: slack}}',
      ]),
      [
        {
          type: 'webhook',
          name: 'webhook',
          url: 'https://siem.example.com/in',
          secret: { env: 'HOOK' },
          headers: { 'X-Source': 'slack' },
          format: 'raw',
          maxRetryDurationSeconds: 300,
        },
      ],
    );
  });

  it('takes plain http to this machine only', () => {
    assert.equal(sinksOf(['      - {type: webhook, url: "http://[::1]:8080/in"}'])[0]?.name, 'webhook');
    assert.match(
      problemOf(withSinks('  - {type: webhook, url: "http://siem.example.com/in"}')),
      /^6:30: orgs\[0\]\.sinks\[0\]\.url: plain http to siem\.example\.com/,
    );
  });

  it('refuses Authorization-like headers: secrets come only from *Env and *File', () => {
    assert.deepEqual(
      problemsOf(
        withSinks(
          '  - type: webhook',
          '    url: https://siem.example.com/in',
          '    headers:',
          '      Authorization: Bearer abc',
          '      X-Api-Key: abc',
        ),
      ),
      [
        '9:11: orgs[0].sinks[0].headers.Authorization: the header Authorization would carry a secret written in the file itself; allowed: secrets only through secretEnv or secretFile (the body is then signed with X-Signature-256)',
        '10:11: orgs[0].sinks[0].headers.X-Api-Key: the header X-Api-Key would carry a secret written in the file itself; allowed: secrets only through secretEnv or secretFile (the body is then signed with X-Signature-256)',
      ],
    );
  });

  it('refuses headers the HTTP client sets itself', () => {
    assert.equal(
      problemOf(withSinks('  - {type: webhook, url: "https://siem", headers: {Host: other}}')),
      '6:56: orgs[0].sinks[0].headers.Host: the header Host is set by the HTTP client; allowed: headers of your own, such as X-Source',
    );
  });
});

describe('formats', () => {
  it('refuses a format that is not raw, ecs or ocsf', () => {
    assert.equal(
      problemOf(withSinks('  - {type: file, path: a.ndjson, format: ocfs}')),
      '6:46: orgs[0].sinks[0].format: unknown value "ocfs"; allowed: raw, ecs, ocsf (did you mean ocsf?)',
    );
  });

  it('takes json and cef for syslog only', () => {
    assert.equal(
      problemOf(withSinks('  - {type: stdout, format: cef}')),
      '6:32: orgs[0].sinks[0].format: unknown value "cef"; allowed: raw, ecs, ocsf',
    );
  });
});
