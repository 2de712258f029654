// The benches' one set-up: a throwaway PostgreSQL database, migrated, and reminder rows
// seeded in bulk (due now, or spread over the coming week like a real population).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database } from '../src/db/client';

export { seedDue } from '../test/reminders/helpers';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A new empty database next to BENCH_DATABASE_URL; `drop()` removes it. */
export async function freshDatabase(prefix = 'pccc_bench'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Runs `work` on a fresh database, dropped afterwards whatever happens. */
export async function withFreshDatabase<T>(prefix: string, work: (url: string) => Promise<T>): Promise<T> {
  const pg = await freshDatabase(prefix);
  try {
    return await work(pg.url);
  } finally {
    await pg.drop();
  }
}

/** Opens (and with `migrate`, migrates) a database for a bench. */
export async function openBenchDatabase(
  url: string,
  opts: { migrate?: boolean; max?: number } = {},
): Promise<Database> {
  const database = await openDatabase({ url, max: opts.max });
  if (opts.migrate) await database.migrate();
  return database;
}

/**
 * Users `from`..`to` (platform ids 'f<n>' on Discord), each with a weekly import check that is
 * not due: last delivered at `lastSlot`, next due somewhere in the week after `after` + 1 h.
 */
export async function seedNotDue(database: Database, from: number, to: number, lastSlot: Date, after: Date) {
  const schedule = JSON.stringify({ cadence: 'weekly', weekday: 1, time: '09:00', timeZone: 'Asia/Seoul' });
  for (let lo = from; lo <= to; lo += 100_000) {
    const hi = Math.min(to, lo + 99_999);
    await database.rows(sql`
      with u as (insert into users (platform, platform_user_id) select 'discord', 'f' || g from generate_series(${lo}::int, ${hi}::int) g returning id)
      insert into reminders (user_id, kind, schedule, lang, last_slot, next_due)
      select id, 'checks', ${schedule}::jsonb, 'en', ${lastSlot.toISOString()}::timestamptz, ${after.toISOString()}::timestamptz + random() * interval '7 days' + interval '1 hour' from u`);
  }
}
