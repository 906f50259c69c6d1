// The structure of a collector config as a JSON Schema, checked by ajv. Each value carries an `allowed` note (what
// a person should write there) that messages quote; `notHere` explains keys that belong elsewhere. Rules between
// values (one token source, sinks that need a kind of state, unique names) are checked in code after this.

import { MAX_ACTIONS, MAX_LIMIT } from '../../model/limits.js';
import { ENTRY_FORMATS } from '../../normalise/entry-format.js';
import { TIME_EXPRESSION_EXAMPLES } from '../../time/time-expression.js';

/** A JSON Schema with this package's annotations. */
export type ConfigSchema = { readonly [keyword: string]: unknown };

/** Every kind of sink, in the order messages list them. */
export const SINK_TYPES = ['file', 'stdout', 'postgres', 'elasticsearch', 'splunk-hec', 'syslog', 'webhook'] as const;
export type SinkType = (typeof SINK_TYPES)[number];

/** The bodies a syslog sink can send. */
export const SYSLOG_FORMATS = ['json', 'cef', ...ENTRY_FORMATS] as const;

/** Syslog facility keywords (RFC 5424 codes 0 to 23, as rsyslog and syslog-ng name them). */
export const SYSLOG_FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'audit',
  'alert',
  'clock',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;

/** The most requests a minute one organisation may be given: far above Slack's limit, to catch typos. */
export const MAX_REQUESTS_PER_MINUTE = 6000;

/** Lower-case letters, digits and `-`, 1 to 64 characters: organisation and sink names. */
export const NAME_PATTERN = '^[a-z0-9-]{1,64}$';
const NAME_ALLOWED = 'lower-case letters, digits and "-", 1 to 64 characters';

const ONE_DAY = 86_400;

const SD_ID_ALLOWED =
  'an SD-ID such as slack@32473 (a name, @, your private enterprise number; 32 characters at most), or null for none';

function integer(minimum: number, maximum: number, unit = ''): ConfigSchema {
  return { type: 'integer', minimum, maximum, allowed: `an integer from ${minimum} to ${maximum}${unit}` };
}

function text(allowed: string): ConfigSchema {
  return { type: 'string', minLength: 1, allowed };
}

function oneOf(values: readonly string[]): ConfigSchema {
  return { enum: values, allowed: values.join(', ') };
}

/** JSON Schema's if/then/else on the value's type: `matching` when it is a `type`, `otherwise` when not. */
function byType(type: string, matching: ConfigSchema, otherwise: ConfigSchema, allowed?: string): ConfigSchema {
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword; a schema is never awaited
  return { if: { type }, then: matching, else: otherwise, ...(allowed === undefined ? {} : { allowed }) };
}

const seconds = (minimum: number, maximum = ONE_DAY) => integer(minimum, maximum, ' (seconds)');
const envName = (example: string): ConfigSchema => ({
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  allowed: `the name of an environment variable, such as ${example}`,
});
const filePath = text("a file path (a relative one starts at the config file's folder)");
const url = (example: string) => text(`a URL such as ${example}`);
const name = { type: 'string', pattern: NAME_PATTERN, allowed: NAME_ALLOWED };
const entryFormat = oneOf(ENTRY_FORMATS);
const boolean: ConfigSchema = { type: 'boolean', allowed: 'true or false' };

const batch: ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { maxEntries: integer(1, 100_000, ' (entries)'), maxBytes: integer(1024, 104_857_600, ' (bytes)') },
  allowed: 'a mapping with maxEntries and maxBytes',
};

/** Keys of the sinks that send over a network. */
const delivery = {
  batch,
  maxInFlight: integer(1, 64, ' (batches)'),
  maxRetryDurationSeconds: seconds(1),
};

function sink(type: SinkType, properties: Record<string, ConfigSchema>, required: string[] = []): ConfigSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['type', ...required],
    properties: { type: { const: type }, name, ...properties },
  };
}

/** One sink, chosen by its `type`. */
export const SINK_SCHEMA: ConfigSchema = {
  type: 'object',
  allowed: `a mapping with a type (${SINK_TYPES.join(', ')}), such as {type: stdout}`,
  discriminator: { propertyName: 'type' },
  required: ['type'],
  properties: { type: { type: 'string', allowed: SINK_TYPES.join(', ') } },
  oneOf: [
    sink('file', { path: filePath, format: entryFormat }, ['path']),
    sink('stdout', { format: entryFormat }),
    sink('postgres', {}),
    sink(
      'elasticsearch',
      {
        url: url('https://es.example.com:9200'),
        index: text('an index or data stream name, such as slack-audit (may contain {org})'),
        apiKeyEnv: envName('ES_API_KEY'),
        apiKeyFile: filePath,
        usernameEnv: envName('ES_USERNAME'),
        usernameFile: filePath,
        passwordEnv: envName('ES_PASSWORD'),
        passwordFile: filePath,
        caFile: filePath,
        format: entryFormat,
        deadLetterPath: filePath,
        ...delivery,
      },
      ['url', 'index'],
    ),
    sink(
      'splunk-hec',
      {
        url: url('https://splunk.example.com:8088'),
        tokenEnv: envName('SPLUNK_HEC_TOKEN'),
        tokenFile: filePath,
        index: text('a Splunk index name (may contain {org})'),
        sourcetype: text('a sourcetype such as slack:audit'),
        source: text('a source name'),
        host: text('a host name'),
        caFile: filePath,
        ack: boolean,
        format: entryFormat,
        ...delivery,
      },
      ['url'],
    ),
    sink(
      'syslog',
      {
        url: url('tls://syslog.example.com:6514'),
        caFile: filePath,
        certFile: filePath,
        keyFile: filePath,
        format: oneOf(SYSLOG_FORMATS),
        facility: oneOf(SYSLOG_FACILITIES),
        appName: {
          type: 'string',
          pattern: '^[!-~]{1,48}$',
          allowed: 'printable ASCII without spaces, 1 to 48 characters',
        },
        hostname: {
          type: 'string',
          pattern: '^[!-~]{1,255}$',
          allowed: 'printable ASCII without spaces, 1 to 255 characters',
        },
        structuredDataId: byType(
          'null',
          {},
          { type: 'string', pattern: '^(?=[!-~]{1,32}$)[^@=\\]" ]+@[0-9]+(\\.[0-9]+)*$', allowed: SD_ID_ALLOWED },
          SD_ID_ALLOWED,
        ),
        utf8Bom: boolean,
        confirmDelivery: boolean,
        allowCleartext: boolean,
        ...delivery,
      },
      ['url'],
    ),
    sink(
      'webhook',
      {
        url: url('https://siem.example.com/ingest'),
        secretEnv: envName('WEBHOOK_SECRET'),
        secretFile: filePath,
        headers: {
          type: 'object',
          additionalProperties: { type: 'string', allowed: 'a header value as text' },
          allowed: 'a mapping of header names to values, such as {X-Source: slack}',
        },
        format: entryFormat,
        caFile: filePath,
        ...delivery,
      },
      ['url'],
    ),
  ],
};

const actionName = text('an action name such as user_login');

/** The keys an organisation and `defaults` share: everything but its name and its token. */
const ORG_SETTINGS: Record<string, ConfigSchema> = {
  baseUrl: url('https://api.slack.com/audit/v1/ (plain http only to localhost)'),
  since: { type: ['string', 'integer'], allowed: TIME_EXPRESSION_EXAMPLES },
  filters: {
    type: 'object',
    additionalProperties: false,
    allowed: 'a mapping with action, actor and entity',
    properties: {
      action: byType(
        'array',
        {
          type: 'array',
          items: actionName,
          minItems: 1,
          maxItems: MAX_ACTIONS,
          uniqueItems: true,
          allowed: `1 to ${MAX_ACTIONS} action names (Slack's limit)`,
        },
        text(`an action name, a comma-separated list or a list of 1 to ${MAX_ACTIONS} names`),
      ),
      actor: text('a user ID such as W123AB456'),
      entity: text('an entity ID such as C123AB456'),
    },
  },
  requestsPerMinute: integer(1, MAX_REQUESTS_PER_MINUTE, ' (Slack allows about 50 per organisation)'),
  settleLagSeconds: seconds(0),
  overlapSeconds: seconds(0),
  intervalSeconds: seconds(1),
  limit: integer(1, MAX_LIMIT, ' (entries per request)'),
  sinks: {
    type: 'array',
    items: SINK_SCHEMA,
    minItems: 1,
    allowed: 'a list of sinks, such as [{type: stdout}]',
  },
};

/** Keys an organisation must not take from `defaults`. */
const OWN_KEYS = ['name', 'tokenEnv', 'tokenFile'] as const;

/** The keys `defaults` may hold, in the order the docs give them. */
export const DEFAULTABLE_KEYS = Object.keys(ORG_SETTINGS);

const ORG_SCHEMA: ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  allowed: 'a mapping with name, tokenEnv or tokenFile, and sinks',
  properties: {
    name,
    tokenEnv: envName('ACME_SLACK_TOKEN'),
    tokenFile: filePath,
    ...ORG_SETTINGS,
  },
};

const DEFAULTS_SCHEMA: ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  allowed: `a mapping of organisation keys: ${DEFAULTABLE_KEYS.join(', ')}`,
  properties: ORG_SETTINGS,
  notHere: Object.fromEntries(OWN_KEYS.map((key) => [key, 'each organisation gives its own, under orgs'])),
};

const STATE_SCHEMA: ConfigSchema = byType(
  'object',
  {
    type: 'object',
    additionalProperties: false,
    allowed: 'a mapping with folder (file state) or postgres (shared state) and their options',
    properties: {
      folder: text("a folder (a relative one starts at the config file's folder)"),
      standbyPollSeconds: seconds(1, 3600),
      postgres: url('postgres://collector@db.example.com:5432/audit'),
      schema: {
        type: 'string',
        pattern: '^[a-z_][a-z0-9_]{0,62}$',
        allowed: 'a PostgreSQL schema name: lower-case letters, digits and _, not starting with a digit',
      },
      passwordFile: filePath,
      leaseSeconds: seconds(1, 3600),
      maxUnreachableSeconds: seconds(1),
      caFile: filePath,
    },
  },
  text('a folder such as ./state (file state, one host), or a postgres:// URL (shared state)'),
  'a folder such as ./state (file state, one host), a postgres:// URL (shared state), or a mapping with folder or postgres and their options',
);

/** The whole config file. */
export const COLLECTOR_CONFIG_SCHEMA: ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  // As in Compose files: `x-` keys hold blocks that anchors (&name) let organisations share (*name).
  patternProperties: { '^x-': {} },
  required: ['state', 'orgs'],
  allowed: 'a mapping with state and orgs',
  properties: {
    state: STATE_SCHEMA,
    orgs: {
      type: 'array',
      items: ORG_SCHEMA,
      minItems: 1,
      allowed: 'a list of organisations, each with name, tokenEnv or tokenFile, and sinks',
    },
    defaults: DEFAULTS_SCHEMA,
    metrics: {
      type: 'object',
      additionalProperties: false,
      required: ['listen'],
      allowed: 'a mapping with listen, such as {listen: 127.0.0.1:9464}',
      properties: {
        listen: { type: ['string', 'integer'], allowed: 'host:port, such as 127.0.0.1:9464 or [::1]:9464' },
      },
    },
    readyLagSeconds: seconds(1),
  },
  notHere: {
    ...Object.fromEntries(OWN_KEYS.map((key) => [key, 'it belongs to an organisation: put it under orgs'])),
    ...Object.fromEntries(
      DEFAULTABLE_KEYS.map((key) => [
        key,
        'it belongs to an organisation: put it under orgs, or under defaults for all',
      ]),
    ),
  },
};

/** A list of sinks, or one sink, as `--sink` takes them. */
export const SINKS_SCHEMA: ConfigSchema = byType(
  'array',
  { type: 'array', items: SINK_SCHEMA, minItems: 1, allowed: 'a list of sinks, such as [{type: stdout}]' },
  SINK_SCHEMA,
);
