// Shared by the emulator tests: a fake clock that never sleeps for real, and small HTTP helpers.

import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import { TestClock } from '../helpers/test-clock.js';

/** The emulator tests' clock: time moves only when a test advances it, from a fixed day in 2026. */
export function emulatorClock(): TestClock {
  return new TestClock(Date.UTC(2026, 7, 20, 15, 0, 0));
}

export type { TestClock };

export async function eventually(condition: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Options most tests want: a fake clock, no rate limit, entries visible at once, a small data set. */
export function testOptions(overrides: EmulatorOptions = {}): EmulatorOptions & { clock: TestClock } {
  const clock = overrides.clock instanceof TestClock ? overrides.clock : emulatorClock();
  return {
    entries: 2000,
    rateLimit: false,
    ingestDelay: { minSeconds: 0, maxSeconds: 0 },
    ...overrides,
    clock,
  };
}

export async function startTestEmulator(overrides: EmulatorOptions = {}): Promise<{ emu: Emulator; clock: TestClock }> {
  const options = testOptions(overrides);
  return { emu: await startEmulator(options), clock: options.clock };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies
  json: any;
}

/** GET `path` (relative to the API base) with the emulator's token unless `token` is given (null = no header). */
export async function get(
  emu: Emulator,
  path: string,
  query: Record<string, string | number> = {},
  token: string | null = emu.token,
  init: RequestInit = {},
): Promise<HttpResult> {
  const url = new URL(path, emu.url);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Follows `next_cursor` until it is empty, sending `query` with every page; returns every entry seen. */
export async function walk(
  emu: Emulator,
  query: Record<string, string | number>,
  resendQuery = true,
  // biome-ignore lint/suspicious/noExplicitAny: entries are checked field by field
): Promise<{ entries: any[]; pages: number }> {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const entries: any[] = [];
  let cursor = '';
  let pages = 0;
  do {
    const params = cursor === '' ? query : resendQuery ? { ...query, cursor } : { limit: query.limit ?? 100, cursor };
    const page = await get(emu, 'logs', params);
    if (page.status !== 200) throw new Error(`page ${pages} failed: ${page.status} ${page.text}`);
    entries.push(...page.json.entries);
    cursor = page.json.response_metadata.next_cursor;
    pages++;
  } while (cursor !== '');
  return { entries, pages };
}
