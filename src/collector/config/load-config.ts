// The entry points: a config file, a config text, or a sink list given on the command line.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../../errors.js';
import { type Clock, systemClock } from '../../time/clock.js';
import type { ConfigPath } from './config-path.js';
import { readListen } from './metrics.js';
import { readOrgs } from './orgs.js';
import { ProblemList } from './problems.js';
import { integerAt, isMapping, optional } from './raw-values.js';
import type { ReadContext } from './read-context.js';
import { COLLECTOR_CONFIG_SCHEMA, type ConfigSchema, SINKS_SCHEMA } from './schema.js';
import { checkSchema } from './schema-errors.js';
import { scanForSecrets } from './secrets.js';
import { readSinks } from './sinks.js';
import { checkStartReferences } from './start-check.js';
import { readState } from './state.js';
import type { CollectorConfig, SinkConfig, StateConfig } from './types.js';
import { YamlSource } from './yaml-source.js';

/** Options of `loadCollectorConfig` and `parseCollectorConfig`. */
export interface CollectorConfigOptions {
  /** Where `*Env` variables are looked up. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Check what the collector reads at start, without reading it: every `*Env` variable is set and not empty, every
   * `*File`, `caFile`, `certFile` and `keyFile` is a readable file. Turn off only where the secrets are absent by
   * design (a build machine checking the config). @default true
   */
  readonly checkSecrets?: boolean;
  /** "now", against which `since` is checked (it must be in the past). @default systemClock */
  readonly clock?: Pick<Clock, 'now'>;
}

/** Options of `parseSinkConfigs`. */
export interface SinkConfigOptions extends CollectorConfigOptions {
  /** The folder relative paths start at. @default the folder of `source`: the working directory for `--sink` */
  readonly baseDir?: string;
  /** The organisation `{org}` stands for; without it `{org}` is refused. */
  readonly org?: string;
}

/** The biggest config file read: far above any real one, so a wrong path to a large file fails at once. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * Reads and checks a collector config file (YAML, or JSON). Relative paths in it start at the file's folder.
 * @throws ConfigError listing every problem, each with its line, key and what is allowed
 */
export async function loadCollectorConfig(
  path: string,
  options: CollectorConfigOptions = {},
): Promise<CollectorConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EISDIR'
          ? 'this is a folder'
          : `the file cannot be read (${code ?? String(error)})`;
    throw new ConfigError([{ file: path, line: 1, column: 1, key: '(file)', problem, allowed: 'a YAML config file' }]);
  }
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new ConfigError([
      {
        file: path,
        line: 1,
        column: 1,
        key: '(file)',
        problem: 'the file is larger than 4 MiB',
        allowed: 'a YAML config file',
      },
    ]);
  }
  return parseCollectorConfig(text, path, options);
}

/**
 * Checks a collector config given as text; `file` names it in messages and relative paths start at its folder.
 * Reads no file, except to check that the files named for start exist (see `checkSecrets`).
 * @throws ConfigError listing every problem
 */
export function parseCollectorConfig(
  text: string,
  file: string,
  options: CollectorConfigOptions = {},
): CollectorConfig {
  const { source, problems, context, value } = begin(text, file, COLLECTOR_CONFIG_SCHEMA, {
    ...options,
    expected: 'a mapping with state and orgs',
    baseDir: dirname(resolve(file)),
    credentialsAllowedAt: [['state'], ['state', 'postgres']],
  });
  let state: StateConfig | undefined;
  let orgs: CollectorConfig['orgs'] = [];
  let metrics: CollectorConfig['metrics'];
  let readyLagSeconds: number | undefined;
  if (isMapping(value)) {
    state = readState(context, value.state);
    orgs = readOrgs(context, value.orgs, value.defaults, state?.kind);
    if (isMapping(value.metrics) && value.metrics.listen !== undefined) {
      metrics = readListen(problems, ['metrics', 'listen'], value.metrics.listen);
    }
    readyLagSeconds = integerAt(value, 'readyLagSeconds');
  }
  finish(file, source, context, options);
  return {
    file,
    state: state as StateConfig,
    orgs,
    ...optional('metrics', metrics),
    ...optional('readyLagSeconds', readyLagSeconds),
  };
}

/**
 * Checks sinks given outside a config file, as `follow --sink` takes them: one sink as a YAML or JSON mapping
 * (`{type: elasticsearch, url: …, index: …, apiKeyEnv: ES_KEY}`) or a list of them, with the rules of a config's
 * `sinks` for the given kind of state. `source` names the text in messages (`--sink`, or the file after `@`).
 * @throws ConfigError listing every problem
 */
export function parseSinkConfigs(
  text: string,
  source: string,
  stateKind: StateConfig['kind'],
  options: SinkConfigOptions = {},
): SinkConfig[] {
  const started = begin(text, source, SINKS_SCHEMA, {
    ...options,
    expected: 'a sink such as {type: stdout}, or a list of sinks',
    baseDir: resolve(options.baseDir ?? dirname(source)),
    credentialsAllowedAt: [],
  });
  const { value, context } = started;
  const items = Array.isArray(value)
    ? value.map((sink, index) => [sink, [index]] as const)
    : value === undefined || value === null
      ? []
      : [[value, []] as const];
  const sinks = readSinks(context, items, { stateKind, org: options.org });
  finish(source, started.source, context, options);
  return sinks;
}

interface Begun {
  readonly source: YamlSource;
  readonly problems: ProblemList;
  readonly context: ReadContext;
  readonly value: unknown;
}

/** Parses the text and runs the checks every entry point shares: syntax, secrets written in it, the schema. */
function begin(
  text: string,
  file: string,
  schema: ConfigSchema,
  options: CollectorConfigOptions & {
    /** What the text should hold, for an empty one. */
    expected: string;
    baseDir: string;
    credentialsAllowedAt: readonly ConfigPath[];
  },
): Begun {
  const source = new YamlSource(text);
  if (source.syntaxErrors.length > 0) {
    throw new ConfigError(
      source.syntaxErrors.map((error) => ({
        file,
        line: error.line,
        column: error.column,
        key: 'YAML',
        problem: error.message,
        ...optional('hint', error.hint),
      })),
    );
  }
  const problems = new ProblemList();
  const value = source.value;
  if (value === null || value === undefined) {
    problems.add({ path: [], problem: 'nothing is written here', allowed: options.expected });
  } else {
    scanForSecrets(value, problems, { schema, credentialsAllowedAt: options.credentialsAllowedAt });
    checkSchema(schema, value, problems);
  }
  const context: ReadContext = {
    problems,
    baseDir: options.baseDir,
    nowMs: (options.clock ?? systemClock).now(),
    references: [],
    outputs: new Map(),
  };
  return { source, problems, context, value };
}

/** Checks the start references (unless told not to) and throws every problem found. */
function finish(file: string, source: YamlSource, context: ReadContext, options: CollectorConfigOptions): void {
  if (options.checkSecrets ?? true) {
    checkStartReferences(context.references, context.problems, options.env ?? process.env);
  }
  const error = context.problems.toError(file, source);
  if (error !== undefined) throw error;
}
