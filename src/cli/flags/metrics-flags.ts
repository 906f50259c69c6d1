import type { MetricsConfig } from '../../collector/index.js';
import { CliUsageError } from '../cli-errors.js';
import { loadCollector } from '../lazy-modules.js';

/** Organisation names as a collect config takes them, so a follow's metrics sit beside a collector's. */
const NAME = /^[a-z0-9-]{1,64}$/;

/** The `org` label of `follow --metrics` when `--name` is not given. */
export const DEFAULT_FOLLOW_NAME = 'follow';

/** `--metrics [HOST:]PORT`, in the forms of a collect config's `metrics.listen`; a usage error otherwise. */
export async function readMetricsListen(value: string): Promise<MetricsConfig> {
  const { parseListen } = await loadCollector();
  const listen = parseListen(value);
  if ('port' in listen) return listen;
  const hint = listen.hint === undefined ? '' : ` (${listen.hint})`;
  throw new CliUsageError(`--metrics: ${listen.problem}.`, `Give ${listen.allowed ?? 'host:port'}${hint}.`);
}

/** commander parser of `--name`. */
export function parseOrgName(value: string): string {
  if (NAME.test(value)) return value;
  throw new CliUsageError(
    `--name ${JSON.stringify(value)}: not a name metrics can carry.`,
    'Use lower-case letters, digits and "-", 1 to 64 characters, as for an organisation of a collect config.',
  );
}
