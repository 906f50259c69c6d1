import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliUsageError, ExitCode } from '../../src/cli/cli-errors.js';
import { describeError } from '../../src/cli/error-report.js';
import {
  AuditLogsApiError,
  AuditLogsRequestError,
  AuditLogsResponse,
  AuditLogsTimeoutError,
  AuditLogsValidationError,
  CheckpointError,
  SinkError,
} from '../../src/index.js';

function apiError(
  statusCode: number,
  error?: string,
  retryAfterMs?: number,
  maxRetryAfterMs?: number,
): AuditLogsApiError {
  const body = error === undefined ? undefined : { ok: false, error };
  const response = new AuditLogsResponse({
    url: 'https://api.slack.com/audit/v1/logs?limit=100',
    statusCode,
    headers: new Headers(),
    rawBody: body === undefined ? '' : JSON.stringify(body),
    body,
    toTyped: (value) => value,
  });
  return AuditLogsApiError.fromResponse(response, retryAfterMs, maxRetryAfterMs);
}

describe('describeError', () => {
  it('explains a 401 as a token that must be an org owner xoxp- token with auditlogs:read', () => {
    const report = describeError(apiError(401, 'invalid_authentication'));
    assert.equal(report.exitCode, ExitCode.runtime);
    assert.match(report.sentence, /refused the token/);
    assert.match(report.hint ?? '', /org owner's xoxp- user token with the auditlogs:read scope/);
  });

  it('explains a 401 with an empty body the same way', () => {
    assert.match(describeError(apiError(401)).hint ?? '', /auditlogs:read/);
  });

  it('explains feature_not_enabled as an organisation not on Enterprise Grid', () => {
    const report = describeError(apiError(403, 'feature_not_enabled'));
    assert.match(report.sentence, /not on Enterprise Grid/);
    assert.match(report.hint ?? '', /Enterprise Grid/);
  });

  it('says how long it waited on a rate limit', () => {
    const report = describeError(apiError(429, 'rate_limited', 30_000), { rateLimitWaitMs: 95_000 });
    assert.match(report.sentence, /after waiting 95 s in total/);
    assert.match(report.sentence, /another 30 s/);
    assert.match(report.hint ?? '', /50 requests a minute/);
  });

  it('suggests lowering --concurrency on a rate limit only to a command that has it', () => {
    const error = apiError(429, 'rate_limited', 1000);
    const withFlag = describeError(error, { rateLimitWaitMs: 3000, commandFlags: ['--since', '--concurrency'] });
    assert.match(withFlag.hint ?? '', /: lower --concurrency, or run again later\.$/);
    const without = describeError(error, { rateLimitWaitMs: 3000, commandFlags: ['--since', '--limit'] });
    assert.match(without.hint ?? '', /: run again later\.$/);
    assert.doesNotMatch(without.hint ?? '', /--concurrency/);
  });

  it('says a Retry-After beyond the bound was not waited for, how long Slack asked for, and to wait and run again', () => {
    const report = describeError(apiError(429, 'ratelimited', 86_400_000, 300_000), {
      rateLimitWaitMs: 0,
      commandFlags: ['--concurrency'],
    });
    assert.equal(
      report.sentence,
      'Slack answered 429 (rate limited) and asked to wait 24 h, longer than the 5 min a command waits at most, so it stopped without waiting.',
    );
    assert.match(report.hint ?? '', /^Wait that long, then run the command again/);
    assert.doesNotMatch(`${report.sentence} ${report.hint}`, /kept answering|after waiting|--concurrency/);
  });

  it('points invalid_action at the actions command', () => {
    assert.match(describeError(apiError(400, 'invalid_action')).hint ?? '', /slack-audit-logs actions/);
  });

  it('points invalid_range at --since and --until', () => {
    assert.match(describeError(apiError(400, 'invalid_range')).hint ?? '', /--since/);
  });

  it('reports a server failure as Slack’s side', () => {
    assert.match(describeError(apiError(503)).sentence, /HTTP 503/);
  });

  it('names the base URL when the server cannot be reached', () => {
    const error = new AuditLogsRequestError('connect ECONNREFUSED', {
      url: 'http://127.0.0.1:9/logs',
      code: 'ECONNREFUSED',
    });
    const report = describeError(error, { baseUrl: 'http://127.0.0.1:9/' });
    assert.equal(report.sentence, 'Could not reach http://127.0.0.1:9/ (ECONNREFUSED).');
    assert.match(report.hint ?? '', /--base-url/);
  });

  it('reports a timeout with its duration', () => {
    assert.match(describeError(new AuditLogsTimeoutError('http://x/logs', 30_000)).sentence, /30 s/);
  });

  it('treats a library validation error as a usage error', () => {
    const report = describeError(new AuditLogsValidationError('limit', 0, 'an integer from 1 to 9999'));
    assert.equal(report.exitCode, ExitCode.usage);
    assert.match(report.sentence, /limit/);
  });

  it('explains a refused plain-http base URL in terms of the flag', () => {
    const report = describeError(new AuditLogsValidationError('baseUrl', 'http://10.0.0.1/', 'an https:// URL'));
    assert.equal(report.exitCode, ExitCode.usage);
    assert.match(report.sentence, /^--base-url "http:\/\/10\.0\.0\.1\/" is not accepted/);
    assert.match(report.hint ?? '', /loopback/);
  });

  it('tells how to recover from a checkpoint that does not fit, in the CLI words', () => {
    const report = describeError(
      new CheckpointError('/x/state.json', 'library words', { kind: 'filters', detail: '{"action":["a"]}, not {}' }),
    );
    assert.equal(
      report.sentence,
      'The state file /x/state.json was written for other filters ({"action":["a"]}, not {}).',
    );
    assert.match(report.hint ?? '', /give this set its own --state/);
  });

  it('explains a damaged state file with --since and how to start fresh, never a library option', () => {
    const report = describeError(
      new CheckpointError('/x/state.json', 'from initialLookbackSeconds', {
        kind: 'damaged',
        detail: 'not valid JSON',
      }),
    );
    assert.equal(report.sentence, 'The state file /x/state.json is damaged (not valid JSON).');
    assert.match(report.hint ?? '', /move \/x\/state\.json away and run again with --since to start fresh/);
    assert.doesNotMatch(`${report.sentence} ${report.hint}`, /initialLookbackSeconds|filters/);
  });

  it('says a base URL that is not a URL is not a URL, naming where it came from', () => {
    const notUrl = new AuditLogsValidationError('baseUrl', 'not-a-url', 'an absolute URL');
    const fromFlag = describeError(notUrl);
    assert.equal(fromFlag.sentence, '--base-url "not-a-url" is not a URL.');
    assert.equal(fromFlag.exitCode, ExitCode.usage);
    const fromEnv = describeError(notUrl, { baseUrlSource: 'SLACK_AUDIT_LOGS_BASE_URL' });
    assert.equal(fromEnv.sentence, 'SLACK_AUDIT_LOGS_BASE_URL "not-a-url" is not a URL.');
    assert.match(fromEnv.hint ?? '', /SLACK_AUDIT_LOGS_BASE_URL=https:\/\/api\.slack\.com\/audit\/v1\//);
    const plain = describeError(new AuditLogsValidationError('baseUrl', 'http://api.example.com/audit/v1/', 'https'));
    assert.match(plain.sentence, /plain http to api\.example\.com would carry the token unencrypted/);
  });

  it('tells how to recover from an output file that does not match the checkpoint', () => {
    assert.match(describeError(new SinkError('out.ndjson was truncated')).hint ?? '', /--out/);
  });

  it('passes CLI errors through with their own hint and exit code', () => {
    const report = describeError(new CliUsageError('Bad flag.', 'Do this.'));
    assert.deepEqual(report, { sentence: 'Bad flag.', hint: 'Do this.', exitCode: ExitCode.usage });
  });

  it('explains file-system errors by path and reason', () => {
    const error = Object.assign(new Error('EACCES: permission denied'), {
      code: 'EACCES',
      syscall: 'open',
      path: '/root/out.ndjson',
    });
    assert.equal(describeError(error).sentence, 'Cannot open /root/out.ndjson: permission denied.');
  });

  it('ends unknown errors with a full stop and points at --verbose', () => {
    const report = describeError(new Error('something odd'));
    assert.equal(report.sentence, 'something odd.');
    assert.match(report.hint ?? '', /--verbose/);
  });
});
