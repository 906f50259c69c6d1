import { platform, release } from 'node:os';
import { VERSION } from '../version.js';

/** `slack-audit-logs/<version> node/<version> <os>/<release>`, with the optional prefix and suffix joined by spaces. */
export function buildUserAgent(prefix?: string, suffix?: string): string {
  const core = `slack-audit-logs/${VERSION} node/${process.versions.node} ${platform()}/${release()}`;
  return [prefix?.trim(), core, suffix?.trim()].filter(Boolean).join(' ');
}
