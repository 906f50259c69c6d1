// Sinks after the schema: their defaults and names, the state each needs, and the checks of each type.
import type { EntryFormat } from '../../normalise/entry-format.js';
import { type ConfigPath, formatConfigPath } from './config-path.js';
import {
  checkClientCertificate,
  elasticsearchAuth,
  elasticsearchIndex,
  networkKeys,
  networkUrl,
  requiredSecret,
  tlsFile,
  webhookHeaders,
} from './network-sinks.js';
import { booleanAt, isMapping, optional, type RawMapping, stringAt } from './raw-values.js';
import { type ReadContext, secretSource } from './read-context.js';
import { SINK_TYPES, type SinkType, type SYSLOG_FORMATS } from './schema.js';
import { quote } from './schema-errors.js';
import { outputFile, type SinkScope, withOrg } from './sink-scope.js';
import type { SecretSource, SinkConfig, StateConfig } from './types.js';
import { refuseCleartextSyslog, syslogUrl } from './urls.js';

/** A sink as written, and where. */
export type SinkItem = readonly [raw: unknown, path: ConfigPath];

/** One sink list, checked and completed; its problems are recorded in the context. */
export function readSinks(context: ReadContext, items: readonly SinkItem[], scope: SinkScope): SinkConfig[] {
  const names = sinkNames(context, items);
  const sinks: SinkConfig[] = [];
  let postgresPath: ConfigPath | undefined;
  items.forEach(([raw, path], index) => {
    const name = names[index];
    if (!isMapping(raw) || name === undefined || !isSinkType(raw.type)) return;
    if (raw.type === 'postgres') {
      if (postgresPath !== undefined) {
        context.problems.add({
          path: [...path, 'type'],
          problem: `a second postgres sink (${formatConfigPath(postgresPath)} is the first) would store every entry twice`,
          allowed: 'one postgres sink per organisation',
        });
      }
      postgresPath ??= path;
    }
    sinks.push(readSink(context, raw, path, name, scope));
  });
  return sinks;
}

/** Each sink's name: its own, or its type with `-2`, `-3` for the second and third of a type. Names are unique. */
function sinkNames(context: ReadContext, items: readonly SinkItem[]): (string | undefined)[] {
  const typeCounts = new Map<string, number>();
  const holders = new Map<string, ConfigPath>();
  return items.map(([raw, path]) => {
    if (!isMapping(raw) || !isSinkType(raw.type)) return undefined;
    const count = (typeCounts.get(raw.type) ?? 0) + 1;
    typeCounts.set(raw.type, count);
    const own = stringAt(raw, 'name');
    const name = own ?? (count === 1 ? raw.type : `${raw.type}-${count}`);
    const holder = holders.get(name);
    if (holder === undefined) {
      holders.set(name, path);
      return name;
    }
    context.problems.add({
      path: own === undefined ? path : [...path, 'name'],
      problem: `the name ${quote(name)}${own === undefined ? ', given by default,' : ''} is already used by ${formatConfigPath(holder)}`,
      allowed: 'a name used once in an organisation',
      ...(own === undefined ? { hint: 'give the sinks names of their own with name: …' } : {}),
    });
    return undefined;
  });
}

/**
 * One sink, completed. Every part is checked whatever else is wrong, so all problems are reported at once; the
 * result is used only when none was found, which is when the values cast here are present.
 */
function readSink(context: ReadContext, raw: RawMapping, path: ConfigPath, name: string, scope: SinkScope): SinkConfig {
  const format = (fallback: EntryFormat) => (stringAt(raw, 'format') as EntryFormat | undefined) ?? fallback;
  const url = stringAt(raw, 'url') as string;
  switch (raw.type as SinkType) {
    case 'file':
      requireState(context, path, scope, 'file', 'a file on one host cannot follow leases that move between hosts');
      return {
        type: 'file',
        name,
        path: outputFile(context, raw, path, 'path', scope) as string,
        format: format('raw'),
      };
    case 'stdout':
      return { type: 'stdout', name, format: format('raw') };
    case 'postgres':
      requireState(context, path, scope, 'postgres', 'it writes entries into the state database with the checkpoint');
      return { type: 'postgres', name };
    case 'elasticsearch':
      return {
        type: 'elasticsearch',
        name,
        url,
        index: elasticsearchIndex(context, raw, path, scope) as string,
        ...elasticsearchAuth(context, raw, path),
        format: format('ecs'),
        ...optional('deadLetterPath', outputFile(context, raw, path, 'deadLetterPath', scope)),
        ...networkKeys(context, raw, path, networkUrl(context, raw, path, 'https://es.example.com:9200')),
      };
    case 'splunk-hec':
      return {
        type: 'splunk-hec',
        name,
        url,
        token: requiredSecret(context, raw, path, 'token', 'the HEC token') as SecretSource,
        ...optional('index', withOrg(context, raw, path, 'index', scope)),
        sourcetype: stringAt(raw, 'sourcetype') ?? 'slack:audit',
        ...optional('source', withOrg(context, raw, path, 'source', scope)),
        ...optional('host', stringAt(raw, 'host')),
        ack: booleanAt(raw, 'ack') ?? false,
        format: format('raw'),
        ...networkKeys(context, raw, path, networkUrl(context, raw, path, 'https://splunk.example.com:8088')),
      };
    case 'syslog': {
      const parsed = url === undefined ? undefined : syslogUrl(context.problems, [...path, 'url'], url);
      const allowCleartext = booleanAt(raw, 'allowCleartext');
      if (parsed !== undefined) refuseCleartextSyslog(context.problems, [...path, 'url'], parsed, allowCleartext);
      checkClientCertificate(context, raw, path);
      const { caFile, ...delivery } = networkKeys(context, raw, path, parsed);
      return {
        type: 'syslog',
        name,
        url,
        ...optional('certFile', tlsFile(context, raw, path, 'certFile', parsed)),
        ...optional('keyFile', tlsFile(context, raw, path, 'keyFile', parsed)),
        ...optional('caFile', caFile),
        format: (stringAt(raw, 'format') as (typeof SYSLOG_FORMATS)[number] | undefined) ?? 'json',
        facility: stringAt(raw, 'facility') ?? 'local0',
        appName: stringAt(raw, 'appName') ?? 'slack-audit-logs',
        ...optional('hostname', stringAt(raw, 'hostname')),
        ...(raw.structuredDataId === null
          ? { structuredDataId: null }
          : optional('structuredDataId', stringAt(raw, 'structuredDataId'))),
        ...optional('utf8Bom', booleanAt(raw, 'utf8Bom')),
        ...optional('confirmDelivery', booleanAt(raw, 'confirmDelivery')),
        ...optional('allowCleartext', allowCleartext),
        ...delivery,
      };
    }
    case 'webhook':
      return {
        type: 'webhook',
        name,
        url,
        ...optional('secret', secretSource(context, raw, path, 'secret')),
        ...optional('headers', webhookHeaders(context, raw, path)),
        format: format('raw'),
        ...networkKeys(context, raw, path, networkUrl(context, raw, path, 'https://siem.example.com/ingest')),
      };
  }
}

function isSinkType(value: unknown): value is SinkType {
  return typeof value === 'string' && (SINK_TYPES as readonly string[]).includes(value);
}

function requireState(
  context: ReadContext,
  path: ConfigPath,
  scope: SinkScope,
  needed: StateConfig['kind'],
  why: string,
): void {
  if (scope.stateKind === undefined || scope.stateKind === needed) return;
  const type = needed === 'file' ? 'file' : 'postgres';
  context.problems.add({
    path: [...path, 'type'],
    problem: `a ${type} sink needs ${needed} state (the state is ${scope.stateKind}): ${why}`,
    allowed:
      needed === 'file'
        ? 'with postgres state: postgres, elasticsearch, splunk-hec, syslog, webhook or stdout sinks'
        : 'with file state: file, elasticsearch, splunk-hec, syslog, webhook or stdout sinks',
  });
}
