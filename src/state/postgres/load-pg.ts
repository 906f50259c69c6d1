import type pg from 'pg';

/** node-postgres, as its default export. */
export type NodePostgres = typeof pg;

/**
 * Loads node-postgres on first use, so the package's entry point loads (and starts) without it when no PostgreSQL
 * state is opened.
 */
export async function loadNodePostgres(): Promise<NodePostgres> {
  const loaded = (await import('pg')) as NodePostgres & { default?: NodePostgres };
  return loaded.default ?? loaded;
}
