// EphemeralStore on PostgreSQL/PGlite: one row per (scope, key) with an expiry. Every call is
// one statement; expired rows are invisible to reads and removed by sweep() (the tick).
import { sql } from 'drizzle-orm';
import type { EphemeralStore } from '../core/ports';
import type { Database } from './client';

export function createEphemeralStore(database: Database): EphemeralStore {
  return {
    async claimOnce(scope, key, ttlSeconds) {
      // Inserted, or an expired row taken over: first time. A live row: a repeat.
      const rows = await database.rows<{ key: string }>(sql`
        insert into ephemeral (scope, key, expires_at)
          values (${scope}, ${key}, now() + make_interval(secs => ${ttlSeconds}))
        on conflict (scope, key) do update set expires_at = excluded.expires_at, value = null
          where ephemeral.expires_at <= now()
        returning key`);
      return rows.length === 1;
    },
    async put(scope, key, value, ttlSeconds) {
      await database.rows(sql`
        insert into ephemeral (scope, key, value, expires_at)
          values (${scope}, ${key}, ${JSON.stringify(value)}::jsonb, now() + make_interval(secs => ${ttlSeconds}))
        on conflict (scope, key) do update set value = excluded.value, expires_at = excluded.expires_at`);
    },
    async get<T>(scope: string, key: string) {
      const rows = await database.rows<{ value: unknown }>(
        sql`select value from ephemeral where scope = ${scope} and key = ${key} and expires_at > now()`,
      );
      if (rows.length === 0) return undefined;
      return rows[0]!.value as T;
    },
    async sweep() {
      const rows = await database.rows<{ n: string | number }>(
        sql`with gone as (delete from ephemeral where expires_at <= now() returning 1) select count(*) as n from gone`,
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
}
