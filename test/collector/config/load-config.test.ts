import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCollectorConfig } from '../../../src/collector/config/load-config.js';
import type { CollectorConfig } from '../../../src/collector/config/types.js';
import { ConfigError } from '../../../src/errors.js';
import { configError, FILE, FOLDER, lines, MINIMAL, NOW_MS, parse, problemOf, problemsOf, sinks } from './helpers.js';

/** The example of the issue, as written there. */
const ISSUE_EXAMPLE = lines(
  'state: ./state                      # a folder (file state: the default, one host) or postgres://… (shared state)',
  'orgs:',
  '  - name: acme                      # [a-z0-9-]{1,64}, unique; the key of everything stored for this organisation',
  '    baseUrl: https://api.slack.com/audit/v1/   # optional',
  '    tokenEnv: ACME_SLACK_TOKEN      # or tokenFile: /run/secrets/acme — a token written in the file itself is refused',
  '    since: 7d                       # where a new organisation starts',
  '    filters: { action: [user_login, user_logout] }   # optional: action, actor, entity',
  '    requestsPerMinute: 40           # optional, default 50',
  '    settleLagSeconds: 120           # optional; also overlapSeconds, intervalSeconds, limit',
  '    sinks:',
  '      - { type: file, path: ./out/acme.ndjson }      # exactly once (file state only)',
  '      - { type: stdout }',
  '      - { type: postgres }          # exactly once; needs postgres state',
);

describe('parseCollectorConfig', () => {
  it('loads the example of the issue, once its postgres sink (which needs postgres state) is left out', () => {
    const text = ISSUE_EXAMPLE.replace(/^ {6}- \{ type: postgres \}.*\n/m, '');
    const expected: CollectorConfig = {
      file: FILE,
      state: { kind: 'file', folder: `${FOLDER}/state`, standbyPollMs: 5000 },
      orgs: [
        {
          name: 'acme',
          baseUrl: 'https://api.slack.com/audit/v1/',
          token: { env: 'ACME_SLACK_TOKEN' },
          since: { kind: 'relative', text: '7d', secondsAgo: 7 * 86_400 },
          sinceSeconds: 7 * 86_400,
          filters: { action: ['user_login', 'user_logout'] },
          requestsPerMinute: 40,
          settleLagSeconds: 120,
          overlapSeconds: 300,
          intervalSeconds: 60,
          limit: 1000,
          sinks: [
            { type: 'file', name: 'file', path: `${FOLDER}/out/acme.ndjson`, format: 'raw' },
            { type: 'stdout', name: 'stdout', format: 'raw' },
          ],
        },
      ],
    };
    assert.deepEqual(parse(text), expected);
  });

  it('refuses the example as written: its postgres sink needs postgres state', () => {
    assert.equal(
      problemOf(ISSUE_EXAMPLE),
      '13:17: orgs[0].sinks[2].type: a postgres sink needs postgres state (the state is file): it writes entries into the state database with the checkpoint; allowed: with file state: file, elasticsearch, splunk-hec, syslog, webhook or stdout sinks',
    );
  });

  it('fills every default of an organisation', () => {
    const [org] = parse(lines(...MINIMAL)).orgs;
    assert.deepEqual(org, {
      name: 'acme',
      baseUrl: 'https://api.slack.com/audit/v1/',
      token: { env: 'ACME_SLACK_TOKEN' },
      since: { kind: 'relative', text: '1h', secondsAgo: 3600 },
      sinceSeconds: 3600,
      filters: {},
      requestsPerMinute: 50,
      settleLagSeconds: 120,
      overlapSeconds: 300,
      intervalSeconds: 60,
      limit: 1000,
      sinks: [{ type: 'stdout', name: 'stdout', format: 'raw' }],
    });
  });

  it('applies defaults to every organisation that does not set the key itself', () => {
    const config = parse(
      lines(
        'state: ./state',
        'defaults:',
        '  since: 30d',
        '  requestsPerMinute: 20',
        '  intervalSeconds: 30',
        '  sinks:',
        '    - {type: file, path: "./out/{org}.ndjson", format: ocsf}',
        'orgs:',
        '  - {name: acme, tokenEnv: ACME}',
        '  - name: beta',
        '    tokenFile: /run/secrets/beta',
        '    requestsPerMinute: 10',
        '    sinks: [{type: stdout}]',
      ),
    );
    const [acme, beta] = config.orgs;
    assert.equal(acme?.sinceSeconds, 30 * 86_400);
    assert.equal(acme?.requestsPerMinute, 20);
    assert.equal(acme?.intervalSeconds, 30);
    assert.deepEqual(acme?.sinks, [{ type: 'file', name: 'file', path: `${FOLDER}/out/acme.ndjson`, format: 'ocsf' }]);
    assert.equal(beta?.sinceSeconds, 30 * 86_400);
    assert.equal(beta?.requestsPerMinute, 10);
    assert.deepEqual(beta?.token, { file: '/run/secrets/beta' });
    assert.deepEqual(beta?.sinks, [{ type: 'stdout', name: 'stdout', format: 'raw' }]);
  });

  it("resolves relative paths against the config file's folder, not the working directory", () => {
    const config = parse(
      lines(
        'state: ../var/state',
        'orgs:',
        '  - name: acme',
        '    tokenFile: secrets/acme',
        '    sinks: [{type: file, path: out/acme.ndjson}, {type: file, path: /abs/acme.ndjson}]',
      ),
    );
    assert.deepEqual(config.state, { kind: 'file', folder: '/etc/var/state', standbyPollMs: 5000 });
    assert.deepEqual(config.orgs[0]?.token, { file: `${FOLDER}/secrets/acme` });
    assert.deepEqual(
      config.orgs[0]?.sinks.map((sink) => (sink.type === 'file' ? sink.path : '')),
      [`${FOLDER}/out/acme.ndjson`, '/abs/acme.ndjson'],
    );
  });

  it('reports every problem at once, in the order of the file', () => {
    assert.deepEqual(
      problemsOf(
        lines(
          'state: ./state',
          'orgs:',
          '  - name: acme',
          '    tokenEnv: ACME',
          '    limit: 0',
          '    sinks: [{type: stdot}]',
          '  - name: acme',
          '    tokenEnv: BETA',
          '    since: soon',
          '    sinks: [{type: stdout}]',
        ),
      ),
      [
        '5:12: orgs[0].limit: the number 0 is too small; allowed: an integer from 1 to 9999 (entries per request)',
        '6:20: orgs[0].sinks[0].type: unknown sink type "stdot"; allowed: file, stdout, postgres, elasticsearch, splunk-hec, syslog, webhook (did you mean stdout?)',
        '7:11: orgs[1].name: "acme" is already the name of orgs[0]; allowed: each name once: it is the key of everything stored for the organisation',
        '9:12: orgs[1].since: "soon" is not a time; allowed: a duration before now such as 24h, 7d, 30m or 1d12h, an ISO date such as 2026-01-31 or 2026-01-31T12:00:00Z (UTC unless an offset is given), or Unix seconds such as 1767225600',
      ],
    );
  });

  it('puts FILE:LINE:COLUMN: KEY: in front of each problem in the message, and the first one on the error', () => {
    const error = configError(() => parse(lines(...MINIMAL, '    limit: 0', '    lmit: 5')));
    assert.equal(
      error.message,
      [
        `2 problems in ${FILE}:`,
        `${FILE}:6:12: orgs[0].limit: the number 0 is too small; allowed: an integer from 1 to 9999 (entries per request)`,
        `${FILE}:7:5: orgs[0].lmit: unknown key "lmit"; allowed: name, tokenEnv, tokenFile, baseUrl, since, filters, requestsPerMinute, settleLagSeconds, overlapSeconds, intervalSeconds, limit, sinks (did you mean limit?)`,
      ].join('\n'),
    );
    assert.equal(error.name, 'ConfigError');
    assert.deepEqual([error.file, error.line, error.column, error.key], [FILE, 6, 12, 'orgs[0].limit']);
  });

  it('gives a YAML syntax error with its line, and only the first: the rest are its echoes', () => {
    const error = configError(() =>
      parse(lines('state: ./state', 'orgs:', '  - name: acme', '    sinks: [{type: stdout}', '  - x')),
    );
    assert.equal(error.problems.length, 1);
    assert.equal(error.key, 'YAML');
    assert.equal(error.line, 5);
    assert.match(
      error.message,
      /^\/etc\/slack-audit-logs\/collect\.yaml:5:\d+: YAML: Flow sequence in block collection/,
    );
  });

  it('says which value needs quotes when a flow mapping holds braces', () => {
    const error = configError(() => parse(withFlowBraces()));
    assert.equal(error.line, 5);
    assert.equal(error.problems[0]?.hint, 'in { } and [ ] lists, quote values that hold { } [ ] , or :');
  });

  it('refuses an empty file, and a file that is not a mapping', () => {
    assert.equal(
      problemOf('# nothing yet\n'),
      '1:1: (top level): nothing is written here; allowed: a mapping with state and orgs',
    );
    assert.equal(
      problemOf('- a\n'),
      '1:1: (top level): expected a mapping, found a list; allowed: a mapping with state and orgs',
    );
  });

  it('refuses a file without state or orgs, pointing at the top', () => {
    assert.deepEqual(problemsOf('metrics: {listen: 9464}\n'), [
      '1:1: state: missing; allowed: a folder such as ./state (file state, one host), a postgres:// URL (shared state), or a mapping with folder or postgres and their options',
      '1:1: orgs: missing; allowed: a list of organisations, each with name, tokenEnv or tokenFile, and sinks',
    ]);
  });

  it('reads the time for since from the clock it is given', () => {
    const config = parse(lines(...MINIMAL, '    since: 2026-01-30'), { clock: { now: () => NOW_MS } });
    assert.equal(config.orgs[0]?.sinceSeconds, 36 * 3600);
    assert.deepEqual(config.orgs[0]?.since, {
      kind: 'absolute',
      text: '2026-01-30',
      unixSeconds: Date.UTC(2026, 0, 30) / 1000,
    });
  });

  it('accepts JSON, which is YAML', () => {
    const config = parse(
      JSON.stringify({ state: './state', orgs: [{ name: 'acme', tokenEnv: 'T', sinks: [{ type: 'stdout' }] }] }),
    );
    assert.equal(config.orgs[0]?.name, 'acme');
  });

  it('takes x- keys for anchors, follows aliases and << merges, and places problems where they are written', () => {
    assert.equal(
      problemOf(
        lines(
          'state: ./state',
          'x-sinks: &sinks [{type: stdout, format: xml}]',
          'orgs:',
          '  - {name: acme, tokenEnv: T, sinks: *sinks}',
        ),
      ),
      '2:41: orgs[0].sinks[0].format: unknown value "xml"; allowed: raw, ecs, ocsf',
    );
    const config = parse(
      lines(
        'state: ./state',
        'orgs:',
        '  - &first {name: acme, tokenEnv: T, limit: 500, sinks: [{type: stdout}]}',
        '  - <<: *first',
        '    name: beta',
      ),
    );
    assert.deepEqual(
      config.orgs.map((org) => [org.name, org.limit]),
      [
        ['acme', 500],
        ['beta', 500],
      ],
    );
  });
});

function withFlowBraces(): string {
  return lines(
    'state: ./state',
    'orgs:',
    '  - name: acme',
    '    tokenEnv: T',
    '    sinks: [{type: file, path: ./out/{org}.ndjson}]',
  );
}

describe('loadCollectorConfig', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sal-config-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reads the file and resolves relative paths against its folder', async () => {
    mkdirSync(join(folder, 'secrets'));
    writeFileSync(join(folder, 'secrets/acme'), 'not read by the loader\n');
    const file = join(folder, 'collect.yaml');
    writeFileSync(
      file,
      lines('state: ./state', 'orgs:', '  - {name: acme, tokenFile: secrets/acme, sinks: [{type: stdout}]}'),
    );
    const config = await loadCollectorConfig(file, { env: {} });
    assert.equal(config.file, file);
    assert.deepEqual(config.state, { kind: 'file', folder: join(folder, 'state'), standbyPollMs: 5000 });
    assert.deepEqual(config.orgs[0]?.token, { file: join(folder, 'secrets/acme') });
  });

  it('names the file when it does not exist', async () => {
    const file = join(folder, 'missing.yaml');
    await assert.rejects(loadCollectorConfig(file), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, `${file}:1:1: (file): the file does not exist; allowed: a YAML config file`);
      return true;
    });
  });

  it('says so when the path is a folder', async () => {
    await assert.rejects(loadCollectorConfig(folder), /\(file\): this is a folder/);
  });

  it('checks secret files where the config names them, relative ones included', async () => {
    const file = join(folder, 'secret-check.yaml');
    writeFileSync(
      file,
      lines('state: ./state', 'orgs:', '  - {name: acme, tokenFile: secrets/nope, sinks: [{type: stdout}]}'),
    );
    await assert.rejects(
      loadCollectorConfig(file),
      new RegExp(
        `secret-check\\.yaml:3:29: orgs\\[0\\]\\.tokenFile: the file secrets/nope \\(${join(folder, 'secrets/nope')}\\) does not exist`,
      ),
    );
    chmodSync(file, 0o600);
    await assert.doesNotReject(loadCollectorConfig(file, { checkSecrets: false }));
  });
});

describe('parseSinkConfigs', () => {
  it('reads one sink written as a flow mapping, as --sink takes it', () => {
    assert.deepEqual(sinks('{type: elasticsearch, url: "https://es.example.com", index: slack, apiKeyEnv: ES_KEY}'), [
      {
        type: 'elasticsearch',
        name: 'elasticsearch',
        url: 'https://es.example.com',
        index: 'slack',
        apiKey: { env: 'ES_KEY' },
        format: 'ecs',
        maxRetryDurationSeconds: 300,
      },
    ]);
  });

  it('reads a list of sinks, in YAML or JSON, naming them as a config does', () => {
    assert.deepEqual(
      sinks('[{type: stdout}, {type: stdout, format: ocsf}]').map((sink) => sink.name),
      ['stdout', 'stdout-2'],
    );
    assert.equal(sinks('{"type": "stdout", "format": "ecs"}')[0]?.type, 'stdout');
  });

  it('resolves relative paths against baseDir, or the working directory for --sink', () => {
    assert.deepEqual(sinks('{type: file, path: out.ndjson}', 'file', { baseDir: '/srv' }), [
      { type: 'file', name: 'file', path: '/srv/out.ndjson', format: 'raw' },
    ]);
    const [sink] = sinks('{type: file, path: out.ndjson}');
    assert.equal(sink?.type === 'file' ? sink.path : '', `${process.cwd()}/out.ndjson`);
  });

  it('places problems in the text of the flag, keys without an organisation in front', () => {
    const error = configError(() =>
      sinks('{type: splunk-hec, url: "http://splunk.example.com:8088", tokenEnv: HEC, sorcetype: x}'),
    );
    assert.deepEqual(
      error.problems.map(
        (problem) => `${problem.file}:${problem.line}:${problem.column}: ${problem.key}: ${problem.problem}`,
      ),
      [
        '--sink:1:25: url: plain http to splunk.example.com would send audit entries and credentials unencrypted',
        '--sink:1:74: sorcetype: unknown key "sorcetype"',
      ],
    );
  });

  it('applies the rules of the state it is given', () => {
    assert.match(
      configError(() => sinks('{type: postgres}')).message,
      /^--sink:1:8: type: a postgres sink needs postgres state/,
    );
    assert.match(
      configError(() => sinks('{type: file, path: a}', 'postgres')).message,
      /^--sink:1:8: type: a file sink needs file state/,
    );
  });

  it('replaces {org} when given an organisation, and refuses it otherwise', () => {
    const [sink] = sinks('{type: file, path: "/out/{org}.ndjson"}', 'file', { org: 'acme' });
    assert.equal(sink?.type === 'file' ? sink.path : '', '/out/acme.ndjson');
    assert.match(
      configError(() => sinks('{type: file, path: "/out/{org}.ndjson"}')).message,
      /^--sink:1:20: path: \{org\} stands for an organisation's name, and these sinks belong to none/,
    );
  });

  it('refuses nothing at all, and secrets as in a config', () => {
    assert.equal(
      configError(() => sinks('')).message,
      '--sink:1:1: (top level): nothing is written here; allowed: a sink such as {type: stdout}, or a list of sinks',
    );
    assert.match(
      configError(() => sinks('{type: webhook, url: "https://hook", secret: abc}')).message,
      /^--sink:1:38: secret: a secret written in the file itself is refused/,
    );
  });

  it('checks the variables it names unless told not to', () => {
    assert.match(
      configError(() =>
        sinks('{type: splunk-hec, url: "https://splunk", tokenEnv: HEC}', 'file', { checkSecrets: true, env: {} }),
      ).message,
      /^--sink:1:53: tokenEnv: the variable HEC is not set/,
    );
  });
});
