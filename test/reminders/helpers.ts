// Shared set-up for the reminders tests: a real app on a fake clock with a recording messenger,
// a user who talks to the bot, and a sweep at a given instant.
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import type { Inbound, Outcome } from '../../src/core/types';
import { createTestApp, ManualClock, type TestApp } from '../helpers/app';
import type { DbKind } from '../helpers/db';
import { RecordingMessenger } from './fake-platform';

export interface Harness {
  app: TestApp;
  clock: ManualClock;
  dms: RecordingMessenger;
  /** `/pccc <args>` from the terminal user. */
  command(args: string, userId?: string): Promise<string>;
  press(actionId: string, value?: string, userId?: string): Promise<Outcome>;
  /** Moves the clock and sweeps reminders and jobs at that instant. */
  at(iso: string): Promise<void>;
  texts(): string[];
}

export async function harness(db: DbKind, start = '2027-01-15T00:00:00Z'): Promise<Harness> {
  const clock = new ManualClock(new Date(start));
  const app = await createTestApp({ db, clock, env: { LOG_LEVEL: 'warn' } });
  const dms = new RecordingMessenger('terminal');
  app.registerMessenger(dms);
  const handle = (e: Inbound) => app.bot.handle(e);
  return {
    app,
    clock,
    dms,
    async command(args, userId = 'local') {
      const out = await handle({
        kind: 'command',
        args,
        user: { platform: 'terminal', id: userId },
        place: 'dm',
        locale: 'en',
      });
      return out.replies.map((r) => r.text).join('\n');
    },
    press: (actionId, value, userId = 'local') =>
      handle({
        kind: 'action',
        actionId,
        value,
        user: { platform: 'terminal', id: userId },
        place: 'dm',
        locale: 'en',
      }),
    async at(iso) {
      clock.set(new Date(iso));
      await app.reminders.runDue(clock.now());
      await app.jobs.runDue(clock.now());
    },
    texts: () => dms.sent.map((s) => s.reply.text),
  };
}

export async function count(database: Database, table: string): Promise<number> {
  const [row] = await database.rows<{ n: string | number }>(sql.raw(`select count(*) as n from ${table}`));
  return Number(row!.n);
}

/** `n` users, each with a weekly import check due at `slot` (last delivered a week before). */
export async function seedDue(database: Database, n: number, slot: Date, platform = 'discord'): Promise<void> {
  const schedule = JSON.stringify({ cadence: 'weekly', weekday: 1, time: '09:00', timeZone: 'Asia/Seoul' });
  const prev = new Date(slot.getTime() - 7 * 86_400_000).toISOString();
  for (let from = 1; from <= n; from += 50_000) {
    const to = Math.min(n, from + 49_999);
    await database.rows(sql`
      with u as (
        insert into users (platform, platform_user_id)
        select ${platform}, 'u' || g from generate_series(${from}::int, ${to}::int) g
        returning id
      )
      insert into reminders (user_id, kind, schedule, time_zone, lang, last_slot, next_due)
      select id, 'checks', ${schedule}::jsonb, 'Asia/Seoul', 'en', ${prev}::timestamptz, ${slot.toISOString()}::timestamptz from u`);
  }
}
