// A real app (real database, real crypto) for tests: fixed test keys, cheap scrypt, captured logs.
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { createApp, type App, type CreateAppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/core/ports';
import { freshPostgresDatabase, type DbKind } from './db';

export const TEST_KEYS = {
  VAULT_KEYS: `1:${Buffer.alloc(32, 1).toString('base64')}`,
  PIN_PEPPER: Buffer.alloc(32, 2).toString('base64'),
  BLIND_INDEX_KEY: Buffer.alloc(32, 3).toString('base64'),
};

export interface TestApp extends App {
  logs: string[];
  /** Every row of every table, as raw text (bytea in hex and as UTF-8), for canary checks. */
  dumpAllTables(): Promise<string>;
}

export class ManualClock implements Clock {
  constructor(private t = new Date('2026-11-25T01:00:00Z')) {}
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
  set(d: Date) {
    this.t = new Date(d);
  }
}

export async function createTestApp(
  opts: { db?: DbKind; env?: Record<string, string>; clock?: Clock; modules?: CreateAppOptions['modules'] } = {},
): Promise<TestApp> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _e, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const pg = opts.db === 'postgres' ? await freshPostgresDatabase() : undefined;
  const config = loadConfig({
    ...TEST_KEYS,
    LOG_LEVEL: 'debug',
    DATA_DIR: '/nonexistent-test-dir',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...opts.env,
  });
  const app = await createApp({
    config,
    memory: !pg,
    logDestination: destination,
    clock: opts.clock,
    scrypt: { N: 2 ** 10, r: 8, p: 1, keylen: 32 },
    modules: opts.modules,
  });
  return {
    ...app,
    logs,
    async close() {
      await app.close();
      await pg?.drop();
    },
    async dumpAllTables() {
      const tables = await app.database.rows<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public'`,
      );
      const out: string[] = [];
      for (const { table_name } of tables) {
        const rows = await app.database.rows<Record<string, unknown>>(sql.raw(`select * from "${table_name}"`));
        for (const row of rows) {
          for (const v of Object.values(row)) {
            if (v instanceof Uint8Array)
              out.push(
                Buffer.from(v).toString('hex'),
                Buffer.from(v).toString('utf8'),
                Buffer.from(v).toString('latin1'),
              );
            else out.push(typeof v === 'object' ? JSON.stringify(v) : String(v));
          }
        }
      }
      return out.join('\n');
    },
  };
}
