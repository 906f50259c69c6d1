import {
  AuditLogsAbortError,
  AuditLogsApiError,
  AuditLogsAuthenticationError,
  AuditLogsAuthorizationError,
  AuditLogsInvalidCursorError,
  AuditLogsMalformedPageError,
  AuditLogsParseError,
  AuditLogsRateLimitedError,
  AuditLogsRequestError,
  AuditLogsResponseTooLargeError,
  AuditLogsServerError,
  AuditLogsTimeoutError,
  AuditLogsValidationError,
  CheckpointError,
  FileInUseError,
  SinkError,
} from '../index.js';
import { CliError, ExitCode, type ExitCodeValue } from './cli-errors.js';
import { durationInWords } from './terminal/human-format.js';

/** What the user reads when a command fails: one plain sentence, a hint, and the exit code. */
export interface ErrorReport {
  sentence: string;
  hint: string | undefined;
  exitCode: ExitCodeValue;
}

/** Facts gathered during the run that make a report more useful. */
export interface ErrorContext {
  /** Total time spent waiting on rate limits before giving up, in milliseconds. */
  rateLimitWaitMs?: number;
  /** The API base URL in use, for connection errors. */
  baseUrl?: string;
  /** Where it came from: `--base-url` or `SLACK_AUDIT_LOGS_BASE_URL`. @default '--base-url' */
  baseUrlSource?: string;
  /** The long flags of the command that ran (`--concurrency`…), so that a hint names only flags it has. */
  commandFlags?: readonly string[];
}

/** The path every Audit Logs API base URL ends with. */
const API_PATH = '/audit/v1/';

const TOKEN_REQUIREMENT =
  "The token must be an Enterprise Grid org owner's xoxp- user token with the auditlogs:read scope, from an app installed on the organization (not on a workspace).";

const AUTHORIZATION_HINTS: Readonly<Record<string, { sentence: string; hint: string }>> = {
  feature_not_enabled: {
    sentence: 'The organisation is not on Enterprise Grid, so it has no Audit Logs API (feature_not_enabled).',
    hint: 'The Audit Logs API exists only for Slack Enterprise Grid organisations; Free, Pro and Business+ cannot use it.',
  },
  invalid_workspace: {
    sentence: 'This workspace cannot use the Audit Logs API (invalid_workspace).',
    hint: 'The API is only for Slack Enterprise Grid: the token must come from an app installed on the Enterprise organisation.',
  },
  team_not_authorized: {
    sentence: 'The app behind this token is installed on a workspace, not on the organisation (team_not_authorized).',
    hint: 'Reinstall the app as an org owner and choose the organisation, not a workspace, in the install dropdown.',
  },
  user_not_authorized: {
    sentence: 'The user who installed the app is not an org owner (user_not_authorized).',
    hint: 'Reinstall the app as an Enterprise Grid org owner; org admins are not enough.',
  },
};

/**
 * Turns any thrown value into a report. Library errors get a sentence in the user's terms and
 * a hint on what to change; CLI errors carry their own; anything else keeps its message and
 * points at --verbose.
 */
export function describeError(error: unknown, context: ErrorContext = {}): ErrorReport {
  if (error instanceof CliError) return { sentence: error.message, hint: error.hint, exitCode: error.exitCode };
  if (error instanceof AuditLogsValidationError && error.parameter === 'baseUrl') {
    return describeBaseUrlError(error, context.baseUrlSource ?? '--base-url');
  }
  if (error instanceof AuditLogsValidationError) {
    return {
      sentence: sentence(error.message),
      hint: 'Run the command with --help for the accepted values.',
      exitCode: ExitCode.usage,
    };
  }
  if (error instanceof AuditLogsApiError) return describeApiError(error, context);
  if (error instanceof AuditLogsTimeoutError) {
    return runtime(
      `The API did not answer within ${durationInWords(error.timeoutMs)}.`,
      'Check the network and --base-url, or try again later.',
    );
  }
  if (error instanceof AuditLogsRequestError) {
    const target = context.baseUrl ?? 'the API';
    return runtime(
      `Could not reach ${target}${error.code ? ` (${error.code})` : ''}.`,
      `Check ${context.baseUrl === undefined ? 'the network' : `${context.baseUrlSource ?? '--base-url'}, the network,`} and that the server is running.`,
    );
  }
  if (error instanceof AuditLogsParseError) {
    return runtime(
      `The server answered ${error.statusCode} with a body that is not JSON.`,
      'Check that --base-url points at the Audit Logs API, e.g. https://api.slack.com/audit/v1/.',
    );
  }
  if (error instanceof CheckpointError && error.code !== undefined && STORAGE_CODES.has(error.code)) {
    return runtime(
      sentence(error.message),
      'Free space (or fix the disk) and run the same command again: it resumes from the last checkpoint, with nothing lost or repeated.',
    );
  }
  if (error instanceof CheckpointError) return describeCheckpointError(error);
  if (error instanceof SinkError) return describeSinkError(error);
  if (error instanceof FileInUseError) {
    return runtime(
      sentence(error.message),
      'Only one process may follow into one --state or --out at a time: stop the other one, or give this one its own files.',
    );
  }
  if (error instanceof AuditLogsMalformedPageError) {
    return runtime(
      `The server kept answering pages that are not well-formed /logs pages (${error.problem}); nothing from them was used or committed.`,
      'Check that --base-url points at the Audit Logs API (and any proxy in between); run again to resume.',
    );
  }
  if (error instanceof AuditLogsResponseTooLargeError) {
    return runtime(
      `The server sent a response larger than ${formatBytes(error.limitBytes)}${error.decompressed ? ' once decompressed' : ''}; reading stopped there.`,
      'Check that --base-url points at the Audit Logs API; a real page is a few MB at most.',
    );
  }
  if (error instanceof AuditLogsAbortError) return runtime('The operation was cancelled.', undefined);
  const system = describeSystemError(error);
  if (system) return system;
  const message = error instanceof Error ? error.message : String(error);
  return runtime(sentence(message), 'Run again with --verbose for details.');
}

function describeApiError(error: AuditLogsApiError, context: ErrorContext): ErrorReport {
  const code = error.code ? ` ${error.code}` : '';
  if (error instanceof AuditLogsAuthenticationError) {
    return runtime(`Slack refused the token (HTTP ${error.statusCode}${code}).`, TOKEN_REQUIREMENT);
  }
  if (error instanceof AuditLogsAuthorizationError) {
    const known = error.code ? AUTHORIZATION_HINTS[error.code] : undefined;
    if (known) return runtime(known.sentence, known.hint);
    return runtime(`Slack refused access to the audit logs (HTTP ${error.statusCode}${code}).`, TOKEN_REQUIREMENT);
  }
  if (error instanceof AuditLogsRateLimitedError) return describeRateLimit(error, context);
  if (error instanceof AuditLogsInvalidCursorError) {
    return runtime(
      'Slack rejected the pagination cursor as invalid or expired (invalid_cursor).',
      'Run the command again; cursors are short-lived.',
    );
  }
  if (error.code === 'invalid_range') {
    return runtime(
      'Slack rejected the time range (invalid_range).',
      'Use --since/--until between March 2018 and now, with --since before --until, e.g. --since 7d.',
    );
  }
  if (error.code === 'invalid_action') {
    return runtime(
      'Slack does not know one of the --action names (invalid_action).',
      'Run `slack-audit-logs actions` for the names it accepts.',
    );
  }
  if (error instanceof AuditLogsServerError) {
    return runtime(`Slack failed to answer (HTTP ${error.statusCode}).`, 'This is on Slack’s side: try again later.');
  }
  if (error.statusCode === 404) {
    const path = new URL(error.response.url).pathname;
    return runtime(
      `The server answered 404 Not Found for ${path}.`,
      `${context.baseUrlSource ?? '--base-url'} must be the API's base URL, ending in ${API_PATH}: e.g. https://api.slack.com/audit/v1/ or http://127.0.0.1:8080/audit/v1/ for the emulator.`,
    );
  }
  return runtime(
    `The Audit Logs API answered HTTP ${error.statusCode}${code}.`,
    'Run again with --verbose for details.',
  );
}

/** A 429 the command gave up on: one that asked for a longer wait than the client allows, or the last of a streak. */
function describeRateLimit(error: AuditLogsRateLimitedError, context: ErrorContext): ErrorReport {
  // The error keeps its maxRetryAfterMs only when Retry-After went beyond it: then nothing was waited for.
  const { retryAfterMs, maxRetryAfterMs } = error;
  if (retryAfterMs !== undefined && maxRetryAfterMs !== undefined) {
    return runtime(
      `Slack answered 429 (rate limited) and asked to wait ${durationInWords(retryAfterMs)}, longer than the ${durationInWords(maxRetryAfterMs)} a command waits at most, so it stopped without waiting.`,
      'Wait that long, then run the command again; the limit is shared with every other app of the organisation, so one of them may be using it up.',
    );
  }
  const waited = context.rateLimitWaitMs ?? 0;
  const retryAfter = retryAfterMs === undefined ? '' : `; Slack asked for another ${durationInWords(retryAfterMs)}`;
  const remedy = context.commandFlags?.includes('--concurrency')
    ? 'lower --concurrency, or run again later'
    : 'run again later';
  return runtime(
    `Slack kept answering 429 (rate limited) after waiting ${durationInWords(waited)} in total${retryAfter}.`,
    `The limit is about 50 requests a minute for the whole organisation, shared with every other app: ${remedy}.`,
  );
}

function describeBaseUrlError(error: AuditLogsValidationError, source: string): ErrorReport {
  const value = String(error.value);
  const example = `e.g. ${source === '--base-url' ? '--base-url ' : `${source}=`}https://api.slack.com/audit/v1/`;
  if (!URL.canParse(value)) {
    return usage(
      `${source} ${JSON.stringify(value)} is not a URL.`,
      `Give an absolute URL ending in ${API_PATH}, ${example}.`,
    );
  }
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return usage(`${source} ${JSON.stringify(value)} is not an http(s) URL.`, `Give an https:// URL, ${example}.`);
  }
  if (url.username || url.password) {
    return usage(
      `${source} holds a user name or password.`,
      'Give the URL without credentials; the token goes in SLACK_AUDIT_TOKEN or --token-file.',
    );
  }
  return usage(
    `${source} ${JSON.stringify(value)} is not accepted: plain http to ${url.hostname} would carry the token unencrypted.`,
    'Use an https:// URL; plain http is allowed only for loopback hosts such as http://127.0.0.1:8080/audit/v1/.',
  );
}

/** Checkpoint problems in the CLI's words: the --state file, --since, and how to start fresh. */
function describeCheckpointError(error: CheckpointError): ErrorReport {
  const startFresh = `move ${error.path} away and run again with --since to start fresh (events since then may be delivered again)`;
  switch (error.kind) {
    case 'damaged':
      return runtime(
        `The state file ${error.path} is damaged (${error.detail}).`,
        `Restore it from a backup, or ${startFresh}.`,
      );
    case 'foreign':
      return runtime(
        `${error.path} is not a follow state file.`,
        'Give --state the file a follow wrote, or a new path to start a new follow.',
      );
    case 'version':
      return runtime(
        `The state file ${error.path} was written by another release (${error.detail}).`,
        'Use the release that wrote it.',
      );
    case 'filters':
      return runtime(
        `The state file ${error.path} was written for other filters (${error.detail}).`,
        'Each --state belongs to one set of --action/--actor/--entity: give this set its own --state.',
      );
    default:
      return runtime(sentence(error.message), undefined);
  }
}

function usage(text: string, hint: string | undefined): ErrorReport {
  return { sentence: text, hint, exitCode: ExitCode.usage };
}

/** Storage failures that stop a run without losing anything: the fix is to free space or mend the disk. */
const STORAGE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EFBIG']);

function describeSinkError(error: SinkError): ErrorReport {
  if (error.code !== undefined && STORAGE_CODES.has(error.code)) {
    return runtime(
      sentence(error.message),
      'Free space (or fix the disk) and run the same command again: a follow resumes from its last checkpoint, an export starts over, and nothing is lost or repeated.',
    );
  }
  if (error.code === 'EPIPE') return runtime(sentence(error.message), undefined);
  return runtime(
    sentence(error.message),
    'Give --out the file this --state was written with, or a new --state to start over.',
  );
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

function describeSystemError(error: unknown): ErrorReport | undefined {
  const errno = error as NodeJS.ErrnoException | undefined;
  if (!errno || typeof errno !== 'object' || typeof errno.code !== 'string' || typeof errno.syscall !== 'string') {
    return undefined;
  }
  const path = errno.path ? ` ${errno.path}` : '';
  const reasons: Record<string, string> = {
    ENOENT: 'the file or folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'the disk is full',
    EISDIR: 'it is a folder',
    EEXIST: 'it already exists',
  };
  const reason = reasons[errno.code] ?? errno.code;
  return runtime(`Cannot ${errno.syscall}${path}: ${reason}.`, 'Check the path and its permissions.');
}

function runtime(text: string, hint: string | undefined): ErrorReport {
  return { sentence: text, hint, exitCode: ExitCode.runtime };
}

/** Ends the text with a full stop so every report reads as one sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
