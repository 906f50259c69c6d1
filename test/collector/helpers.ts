import type { CollectorConfig, OrgConfig, SinkConfig } from '../../src/collector/config/types.js';

/**
 * Quick timings for tests: windows close a second behind now and polls come every 200 ms. A new organisation starts
 * 2 h back, before the tests' hour of emulator data however late the collector starts on a loaded machine.
 */
export function testOrg(name: string, token: { env: string }, baseUrl: string, sinks: SinkConfig[]): OrgConfig {
  return {
    name,
    baseUrl,
    token,
    since: { kind: 'relative', text: '2h', secondsAgo: 7200 },
    sinceSeconds: 7200,
    filters: {},
    requestsPerMinute: 6000,
    settleLagSeconds: 1,
    overlapSeconds: 5,
    intervalSeconds: 0.2,
    limit: 200,
    sinks,
  };
}

/** A file-state configuration of these organisations. */
export function fileConfig(folder: string, orgs: OrgConfig[]): CollectorConfig {
  return { file: 'test.yaml', state: { kind: 'file', folder, standbyPollMs: 100 }, orgs };
}
