// `slack-audit-logs logs`, run as the built binary against an emulator in this process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { sendJson, startTestServer } from '../../helpers/http-server.js';
import { assertBuildIsFresh, CLI_PATH, parseNdjson, runBuiltCli } from '../helpers/cli-process.js';
import { parseCsv } from '../helpers/csv.js';
import { emulatorEnv, entriesBetween, startTestEmulator } from '../helpers/emulator.js';

describe('slack-audit-logs logs', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  const run = (args: string[], extraEnv: Record<string, string> = {}) =>
    runBuiltCli(['logs', ...args], { env: { ...env, ...extraEnv } });

  before(async () => {
    assertBuildIsFresh();
    emulator = await startTestEmulator({
      forbiddenTokens: { 'xoxp-free-plan': 'feature_not_enabled', 'xoxp-workspace-app': 'team_not_authorized' },
    });
    env = emulatorEnv(emulator);
  });
  after(() => emulator.close());

  it('prints one page of the newest entries as NDJSON when piped', async () => {
    const result = await run([]);
    assert.equal(result.code, 0, result.stderr);
    const entries = parseNdjson(result.stdout);
    const newest = emulator.listEntries();
    assert.ok(entries.length >= 100);
    assert.deepEqual(
      entries.map((entry) => entry.id),
      newest.slice(0, entries.length).map((entry) => entry.id),
    );
    assert.match(result.stderr, /more match: add --limit N or --all/);
  });

  it('prints exactly --limit entries (-n too), even when a page holds more of the same second', async () => {
    // Twelve entries in the newest second: the API never splits a second, so a page asked for 8 brings 12.
    const second = Math.floor(Date.now() / 1000) - 1;
    emulator.append(
      Array.from({ length: 12 }, (_, i) => ({
        id: `same-second-${i}`,
        date_create: second,
        action: 'user_login',
        details: { is_workflow: false },
      })),
    );
    for (const flag of ['--limit', '-n']) {
      const result = await run([flag, '8']);
      assert.equal(result.code, 0, result.stderr);
      const entries = parseNdjson(result.stdout);
      assert.equal(entries.length, 8);
      assert.deepEqual(
        entries.map((entry) => entry.id),
        emulator
          .listEntries()
          .slice(0, 8)
          .map((entry) => entry.id),
      );
    }
  });

  it('prints the events normalised to OCSF or ECS with --format ocsf / ecs, one per line', async () => {
    const newest = emulator.listEntries().slice(0, 5);
    const ocsf = await run(['--limit', '5', '--format', 'ocsf']);
    assert.equal(ocsf.code, 0, ocsf.stderr);
    const events = parseNdjson(ocsf.stdout) as Array<{ class_uid: number; metadata: { uid: string } }>;
    assert.deepEqual(
      events.map((event) => event.metadata.uid),
      newest.map((entry) => entry.id),
    );
    assert.ok(events.every((event) => Number.isInteger(event.class_uid)));
    const ecs = await run(['--limit', '5', '--format', 'ecs']);
    const documents = parseNdjson(ecs.stdout) as Array<{ '@timestamp': string; event: { id: string } }>;
    assert.deepEqual(
      documents.map((document) => document.event.id),
      newest.map((entry) => entry.id),
    );
    assert.ok(documents.every((document) => !Number.isNaN(Date.parse(document['@timestamp']))));
  });

  it('prints a JSON array with --format json', async () => {
    const result = await run(['--limit', '5', '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const entries = JSON.parse(result.stdout) as { id: string }[];
    assert.ok(Array.isArray(entries) && entries.length >= 5);
  });

  it('prints CSV with a header and quoted fields with --format csv', async () => {
    const result = await run(['--limit', '5', '--format', 'csv']);
    assert.equal(result.code, 0, result.stderr);
    const [header, ...rows] = parseCsv(result.stdout);
    assert.deepEqual(header?.slice(0, 4), ['id', 'date_create', 'time', 'action']);
    assert.ok(rows.length >= 5);
    const entries = emulator.listEntries();
    assert.equal(rows[0]?.[0], entries[0]?.id);
    const withDetails = rows.find((row) => row.at(-1) !== '');
    assert.ok(withDetails, 'one of the newest entries has details');
    const original = entries.find((entry) => entry.id === withDetails[0]);
    assert.deepEqual(JSON.parse(withDetails.at(-1) ?? ''), original?.details);
  });

  it('prints a table with the six columns with --format table', async () => {
    const result = await run(['--limit', '3', '--format', 'table']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^TIME \(UTC\)\s+ACTION\s+ACTOR\s+ENTITY\s+LOCATION\s+IP$/);
    assert.match(lines[1] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}/);
  });

  it('filters by --action, comma-separated', async () => {
    const result = await run(['--action', 'user_login,file_downloaded', '--limit', '50']);
    assert.equal(result.code, 0, result.stderr);
    const actions = new Set(parseNdjson(result.stdout).map((entry) => entry.action));
    assert.ok(actions.size > 0);
    for (const action of actions) assert.ok(['user_login', 'file_downloaded'].includes(String(action)));
  });

  it('filters by --actor and --entity', async () => {
    const sample = emulator.listEntries().find((entry) => entry.actor?.user?.id && entry.entity?.type === 'user');
    const actor = sample?.actor?.user?.id ?? '';
    const byActor = parseNdjson((await run(['--actor', actor, '--all'])).stdout);
    assert.ok(byActor.length > 0);
    for (const entry of byActor) assert.equal((entry.actor as { user: { id: string } }).user.id, actor);
    const entity = (sample?.entity?.user?.id as string) ?? '';
    const byEntity = parseNdjson((await run(['--entity', entity, '--all'])).stdout);
    assert.ok(byEntity.some((entry) => entry.id === sample?.id));
  });

  it('reads --since/--until as an inclusive window, in every accepted form', async () => {
    const all = emulator.listEntries();
    const latest = all[100]?.date_create ?? 0;
    const oldest = latest - 3 * 86_400;
    const iso = new Date(oldest * 1000).toISOString();
    for (const [since, until] of [
      [String(oldest), String(latest)],
      [iso, String(latest)],
    ] as const) {
      const result = await run(['--since', since, '--until', until, '--all']);
      assert.equal(result.code, 0, result.stderr);
      const ids = parseNdjson(result.stdout).map((entry) => entry.id);
      assert.deepEqual(
        ids,
        entriesBetween(emulator, oldest, latest).map((entry) => entry.id),
      );
    }
  });

  it('accepts a relative --since such as 7d and the --oldest alias', async () => {
    const result = await run(['--oldest', '7d', '--limit', '10']);
    assert.equal(result.code, 0, result.stderr);
    const cutoff = Math.floor(Date.now() / 1000) - 7 * 86_400 - 5;
    for (const entry of parseNdjson(result.stdout)) assert.ok(Number(entry.date_create) >= cutoff);
  });

  it('reads pages of --page-size until --limit entries are printed', async () => {
    const result = await run(['--page-size', '40', '--limit', '130']);
    assert.equal(result.code, 0, result.stderr);
    const entries = parseNdjson(result.stdout);
    assert.equal(entries.length, 130);
    assert.equal(new Set(entries.map((entry) => entry.id)).size, 130);
    const pages = emulator.requests.filter((request) => request.path.endsWith('/logs') && request.query.limit === '40');
    assert.ok(pages.length >= 3, `${pages.length} pages of 40 for 130 entries`);
  });

  it('still takes --max, the old name of --limit, with a note', async () => {
    const result = await run(['--max', '12']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(parseNdjson(result.stdout).length, 12);
    assert.match(result.stderr, /^warning: --max is deprecated: use --limit \(or -n\)\.$/m);
  });

  it('points logs --follow at the follow command', async () => {
    const result = await run(['--follow']);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: logs reads what is there and ends; it does not follow\.\nhint: Use the follow command/m,
    );
  });

  it('refuses an email address as --actor, saying in a sentence of its own that it takes a user ID', async () => {
    const result = await run(['--actor', 'bird@example.com']);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: option '--actor <user-id>' argument 'bird@example\.com' is invalid\. --actor takes a user ID such as W123AB456, not an email address/m,
    );
    assert.equal(result.stdout, '');
  });

  it('says in its help that --limit N or --all read more than one page, not the deprecated --max', async () => {
    const result = await run(['--help']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /query audit events, newest first: one page, or more with --limit N or --all/);
    assert.doesNotMatch(result.stdout, /--max/);
  });

  it('hints at /audit/v1/ when the base URL lacks it, naming where the URL came from', async () => {
    const root = emulator.url.replace(/audit\/v1\/$/, '');
    const fromEnv = await run([], { SLACK_AUDIT_LOGS_BASE_URL: root });
    assert.equal(fromEnv.code, 1);
    assert.match(
      fromEnv.stderr,
      /^error: The server answered 404 Not Found for \/logs\.\nhint: SLACK_AUDIT_LOGS_BASE_URL must be the API's base URL, ending in \/audit\/v1\//m,
    );
    const fromFlag = await runBuiltCli(['logs', '--base-url', root], { env });
    assert.match(fromFlag.stderr, /^hint: --base-url must be the API's base URL/m);
    const notUrl = await run([], { SLACK_AUDIT_LOGS_BASE_URL: 'not-a-url' });
    assert.equal(notUrl.code, 2);
    assert.match(notUrl.stderr, /^error: SLACK_AUDIT_LOGS_BASE_URL "not-a-url" is not a URL\./m);
    assert.doesNotMatch(notUrl.stderr, /unencrypted/);
  });

  it('suggests the nearest flag for a misspelt one', async () => {
    const result = await run(['--sinse', '1d']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option '--sinse'\n\(Did you mean --since\?\)/);
  });

  it('reads every page with --all, resending the filters with each cursor', async () => {
    const oldest = (emulator.listEntries()[450]?.date_create ?? 0) + 1;
    const result = await run(['--since', String(oldest), '--page-size', '100', '--all']);
    assert.equal(result.code, 0, result.stderr);
    const expected = entriesBetween(emulator, oldest, Number.MAX_SAFE_INTEGER);
    assert.ok(expected.length > 300);
    assert.deepEqual(
      parseNdjson(result.stdout).map((entry) => entry.id),
      expected.map((entry) => entry.id),
    );
    const withCursor = emulator.requests.filter((request) => request.query.cursor && request.query.limit === '100');
    assert.ok(withCursor.length >= 3);
    for (const request of withCursor) assert.equal(request.query.oldest, String(oldest));
  });

  it('says so when nothing matches', async () => {
    const result = await run(['--since', '2019-01-01', '--until', '2019-01-02']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /No entries match/);
  });

  it('explains a refused token: org owner xoxp- token with auditlogs:read, exit 1, token not shown', async () => {
    const result = await run([], { SLACK_AUDIT_TOKEN: 'xoxp-wrong-token-value' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: Slack refused the token \(HTTP 401/);
    assert.match(result.stderr, /hint: .*org owner's xoxp- user token with the auditlogs:read scope/);
    assert.ok(!(result.stdout + result.stderr).includes('xoxp-wrong-token-value'));
  });

  it('prints redacted debug lines with --verbose and never the token', async () => {
    const result = await run(['--limit', '3', '--verbose']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /debug: GET http:\/\/127\.0\.0\.1:\d+\/audit\/v1\/logs\?limit=3/);
    assert.match(result.stderr, /authorization: 'Bearer \(redacted\)'/);
    assert.ok(!(result.stdout + result.stderr).includes(emulator.token));
  });

  it('explains feature_not_enabled as an organisation not on Enterprise Grid', async () => {
    const result = await run([], { SLACK_AUDIT_TOKEN: 'xoxp-free-plan' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not on Enterprise Grid/);
  });

  it('explains team_not_authorized as an app installed on a workspace', async () => {
    const result = await run([], { SLACK_AUDIT_TOKEN: 'xoxp-workspace-app' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /installed on a workspace/);
  });

  it('waits out a 429 and succeeds', async () => {
    emulator.scheduleFaults(['429']);
    const result = await run(['--limit', '5']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(parseNdjson(result.stdout).length >= 5);
  });

  it('gives up on repeated 429s and says how long it waited, without naming flags logs does not have', async () => {
    emulator.scheduleFaults(['429', '429', '429', '429']);
    const result = await run(['--limit', '5']);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^error: Slack kept answering 429 \(rate limited\) after waiting [\d.]+ s in total; Slack asked for another 1 s\.\nhint: .*50 requests a minute for the whole organisation, shared with every other app: run again later\.$/m,
    );
    assert.doesNotMatch(result.stderr, /--concurrency/);
  });

  it('stops at once on a 429 asking for longer than it waits, saying how long Slack asked for', async () => {
    const waitingDay = await startTestEmulator({ entries: 10, faultRetryAfterSeconds: 86_400 });
    try {
      waitingDay.scheduleFaults(['429']);
      const started = Date.now();
      const result = await runBuiltCli(['logs'], { env: emulatorEnv(waitingDay) });
      assert.equal(result.code, 1);
      assert.ok(Date.now() - started < 10_000, 'nothing was waited for');
      assert.equal(
        result.stderr,
        'error: Slack answered 429 (rate limited) and asked to wait 24 h, longer than the 5 min a command waits at most, so it stopped without waiting.\n' +
          'hint: Wait that long, then run the command again; the limit is shared with every other app of the organisation, so one of them may be using it up.\n',
      );
      assert.equal(waitingDay.requests.length, 1, 'one answer, no retry');
    } finally {
      await waitingDay.close();
    }
  });

  it('masks the token in the warning about a page that echoes it, then prints the next page', async () => {
    const token = 'xoxp-1234567890-LEAKCANARY';
    let answered = 0;
    // A broken server: the first answer echoes the request, Authorization included, into a 200 page.
    const echoing = await startTestServer((req, res) => {
      answered += 1;
      if (answered === 1) return sendJson(res, 200, { ok: false, error: 'debug', you_sent: req.headers.authorization });
      sendJson(res, 200, { entries: emulator.listEntries().slice(0, 3) });
    });
    try {
      const result = await run(['-n', '3'], {
        SLACK_AUDIT_TOKEN: token,
        SLACK_AUDIT_LOGS_BASE_URL: `${echoing.origin}/audit/v1/`,
      });
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /^warning: The API answered 200 with a page that is not a well-formed \/logs page .*"you_sent\\":\\"Bearer \[REDACTED\]\\"\}": retrying in /m,
      );
      assert.equal(parseNdjson(result.stdout).length, 3);
      assert.ok(!(result.stdout + result.stderr).includes('LEAKCANARY'));
      assert.equal(echoing.requests[0]?.headers.authorization, `Bearer ${token}`, 'the server did get the token');
    } finally {
      await echoing.close();
    }
  });

  it('points an unknown action at the actions command', async () => {
    const result = await run(['--action', 'not_an_action_at_all']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /invalid_action/);
    assert.match(result.stderr, /slack-audit-logs actions/);
  });

  it('ends quietly, exit 0, when the reader of its output goes away', async () => {
    const child = spawn(process.execPath, [CLI_PATH, 'logs', '--all', '--page-size', '200'], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // Like `| head -1`: read one chunk, then close the pipe while megabytes of NDJSON are still to come.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.doesNotMatch(stderr, /EPIPE|error/i);
  });
  it('exits 130 when interrupted while waiting for the API', async () => {
    emulator.scheduleFaults(['slow']);
    // --verbose prints each request as it is sent: then the binary is surely waiting on it.
    const result = await runBuiltCli(['logs', '--verbose'], {
      env,
      signalWhen: { signal: 'SIGINT', when: ({ stderr }) => stderr.includes('debug: GET'), afterMs: 200 },
    });
    assert.equal(result.code, 130);
    assert.match(result.stderr, /Interrupted by SIGINT/);
  });
});
