// docs/collector-config.md is the reference of the config: every key the schema takes has its row there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCollectorConfig } from '../../../src/collector/config/load-config.js';
import { COLLECTOR_CONFIG_SCHEMA, type ConfigSchema, SINK_TYPES } from '../../../src/collector/config/schema.js';

const doc = readFileSync(join(import.meta.dirname, '../../../docs/collector-config.md'), 'utf8');

/** Every property name anywhere in a schema: nested mappings, list items, if/then/else and sink branches. */
function keysOf(schema: unknown, keys = new Set<string>()): Set<string> {
  if (schema === null || typeof schema !== 'object') return keys;
  const node = schema as ConfigSchema;
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
    keys.add(key);
    keysOf(child, keys);
  }
  for (const part of [node.items, node.then, node.else, ...((node.oneOf as unknown[] | undefined) ?? [])])
    keysOf(part, keys);
  return keys;
}

/** The first cells of the doc's table rows: `key`. */
const documented = new Set([...doc.matchAll(/^\| `([A-Za-z][A-Za-z0-9]*)`/gm)].map((match) => match[1]));

test('every key of the schema has a row in docs/collector-config.md', () => {
  const keys = keysOf(COLLECTOR_CONFIG_SCHEMA);
  assert.deepEqual(
    [...keys].filter((key) => !documented.has(key)),
    [],
  );
});

test('the doc has a section for every sink type', () => {
  for (const type of SINK_TYPES) assert.match(doc, new RegExp(`^#### ${type}$`, 'm'), type);
});

test('the example at the top of the doc loads', () => {
  const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(example);
  const config = parseCollectorConfig(example, '/etc/slack-audit-logs/collect.yaml', {
    checkSecrets: false,
    clock: { now: () => Date.UTC(2026, 1, 1) },
  });
  assert.deepEqual(
    config.orgs.map((org) => [org.name, org.sinks.map((sink) => sink.name)]),
    [
      ['acme', ['file', 'elasticsearch']],
      ['globex', ['file', 'elasticsearch']],
    ],
  );
});
