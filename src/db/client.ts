// One factory for both databases: PGlite embedded under DATA_DIR when no DATABASE_URL is
// given (so `npm start` works on a bare machine), postgres.js otherwise. Same migrations.
import { chmodSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import type { PGliteOptions } from '@electric-sql/pglite';
import { schema } from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL and returns rows, whatever the driver's result shape. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

export async function openDatabase(opts: {
  url?: string;
  dataDir?: string;
  memory?: boolean;
  max?: number;
}): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.max);
  return openPglite(opts.memory ? undefined : path.join(opts.dataDir ?? './data', 'pglite'));
}

async function openPostgres(url: string, max = 10): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  // onnotice: keep PostgreSQL's NOTICE chatter (e.g. "relation exists") out of stdout.
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 5, idle_timeout: 30 });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    rows: async <T>(query: SQL) => Array.from((await db.execute(query)) as unknown as T[]),
    migrate: () => migrate(db as never, { migrationsFolder: MIGRATIONS_DIR }),
    ping: () => ping(db),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Start options for in-memory PGlite instances (see `setMemoryPgliteOptions`). */
export type MemoryPgliteOptions = Pick<
  PGliteOptions,
  'loadDataDir' | 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'
>;
let memoryPgliteOptions: () => Promise<MemoryPgliteOptions> | MemoryPgliteOptions = () => ({});

/**
 * Tests and tools that open many in-memory databases: start each from a migrated data directory
 * (`PGlite.dumpDataDir`) and precompiled modules instead of running initdb and migrations again.
 * Migrations still run after it, as a no-op when the template is current.
 */
export function setMemoryPgliteOptions(provider: () => Promise<MemoryPgliteOptions> | MemoryPgliteOptions): void {
  memoryPgliteOptions = provider;
}

async function openPglite(dir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  // The embedded database holds sealed codes and PIN hashes: only the bot's user may read it.
  if (dir) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  const client = dir ? new PGlite(dir) : new PGlite(await memoryPgliteOptions());
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
    migrate: () => migrate(db as never, { migrationsFolder: MIGRATIONS_DIR }),
    ping: () => ping(db),
    close: () => client.close(),
  };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
