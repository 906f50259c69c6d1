import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SinkConfig } from '../../collector/index.js';
import { ConfigError } from '../../index.js';
import { CliUsageError } from '../cli-errors.js';
import { loadCollector } from '../lazy-modules.js';

/** The help of `--sink`, shared by follow and export. */
export const SINK_FLAG_HELP =
  "deliver to a sink as well, given inline ('{type: elasticsearch, url: https://es:9200, index: slack-audit, apiKeyEnv: ES_API_KEY}') or as @FILE.yaml; repeatable. Secrets come from *Env variables or *File files, never from the flag";

/** commander collector for the repeatable `--sink` flag. */
export function collectSinkSpec(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The sinks of `--sink` values, checked with the same rules as a collect config's `sinks` (file state: no postgres
 * sink), secrets included: a missing variable or file is a usage error naming the sink, before anything is sent.
 */
export async function readSinkSpecs(specs: readonly string[], env: NodeJS.ProcessEnv): Promise<SinkConfig[]> {
  if (specs.length === 0) return [];
  const { parseSinkConfigs } = await loadCollector();
  const sinks: SinkConfig[] = [];
  const problems: ConfigError[] = [];
  for (const spec of specs) {
    const fromFile = spec.startsWith('@');
    const source = fromFile ? resolve(spec.slice(1)) : '--sink';
    let text = spec;
    if (fromFile) {
      try {
        text = await readFile(source, 'utf8');
      } catch (error) {
        throw new CliUsageError(
          `--sink ${spec}: cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
          'Give an existing YAML file after @, or the sink inline.',
        );
      }
    }
    try {
      sinks.push(...parseSinkConfigs(text, source, 'file', { env, ...(fromFile ? {} : { baseDir: process.cwd() }) }));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) {
    throw new CliUsageError(
      problems.map((problem) => problem.message).join('\n'),
      'See docs/sinks.md for each sink type and its keys.',
    );
  }
  return withUniqueNames(sinks);
}

/** Two `--sink` flags of one type get -2, -3… as a collect config's sinks do. */
function withUniqueNames(sinks: SinkConfig[]): SinkConfig[] {
  const seen = new Map<string, number>();
  return sinks.map((sink) => {
    const count = (seen.get(sink.name) ?? 0) + 1;
    seen.set(sink.name, count);
    return count === 1 ? sink : { ...sink, name: `${sink.name}-${count}` };
  });
}
