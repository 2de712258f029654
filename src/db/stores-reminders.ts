// The reminders storage port: reads through the drizzle schema (typed rows, no hand mapping);
// the upserts stay SQL (one statement each, the same on PGlite and postgres.js).
// Every user edit bumps `version`, so a dispatcher batch in flight cannot overwrite it.
import { eq, sql } from 'drizzle-orm';
import type { ReminderSettings, ReminderStore } from '../core/reminders/ports';
import type { ImportCheckSchedule } from '../core/reminders/types';
import type { Platform } from '../core/types';
import type { Database } from './client';
import { storageBoundary } from './boundary';
import { reminders, users } from './schema';

export function createReminderStore(database: Database): ReminderStore {
  const q = <T>(query: ReturnType<typeof sql>) => database.rows<T>(query);

  return storageBoundary({
    async get(userId) {
      const rows = await database.db
        .select({
          kind: reminders.kind,
          status: reminders.status,
          schedule: reminders.schedule,
          expiresOn: reminders.expiresOn,
          timeZone: reminders.timeZone,
          snoozedUntil: reminders.snoozedUntil,
          lastCheckedAt: reminders.lastCheckedAt,
        })
        .from(reminders)
        .where(eq(reminders.userId, userId));
      const checks = rows.find((r) => r.kind === 'checks');
      const renewal = rows.find((r) => r.kind === 'renewal');
      const out: ReminderSettings = {
        checks: (checks?.schedule as ImportCheckSchedule | null | undefined) ?? null,
        checksPaused: checks?.status === 'paused',
        snoozedUntil: checks?.snoozedUntil ?? null,
        lastCheckedAt: checks?.lastCheckedAt ?? null,
        expiry: renewal?.expiresOn?.slice(0, 10) ?? null,
        renewalPaused: renewal?.status === 'paused',
        renewalTimeZone: renewal?.timeZone ?? null,
      };
      return out;
    },
    async setChecks(userId, v) {
      await q(sql`
        insert into reminders (user_id, kind, schedule, time_zone, lang, last_slot, next_due)
        values (${userId}, 'checks', ${JSON.stringify(v.schedule)}::jsonb, ${v.schedule.timeZone}, ${v.lang},
          ${v.baseline.toISOString()}::timestamptz, ${v.nextDue.toISOString()}::timestamptz)
        on conflict (user_id, kind) do update set schedule = excluded.schedule, time_zone = excluded.time_zone,
          lang = excluded.lang, last_slot = excluded.last_slot, next_due = excluded.next_due,
          snoozed_until = null, status = 'active', attempts = 0,
          last_error = null, claim_token = null, version = reminders.version + 1, updated_at = now()`);
    },
    async setRenewal(userId, v) {
      const next = v.nextDue ? sql`${v.nextDue.toISOString()}::timestamptz` : sql`null`;
      await q(sql`
        insert into reminders (user_id, kind, expires_on, time_zone, lang, last_slot, next_due)
        values (${userId}, 'renewal', ${v.expiry}::date, ${v.timeZone}, ${v.lang},
          ${v.baseline.toISOString()}::timestamptz, ${next})
        on conflict (user_id, kind) do update set expires_on = excluded.expires_on, time_zone = excluded.time_zone,
          lang = excluded.lang, last_slot = excluded.last_slot, next_due = excluded.next_due,
          status = 'active', attempts = 0,
          last_error = null, claim_token = null, version = reminders.version + 1, updated_at = now()`);
    },
    async off(userId, kind) {
      const rows = await q(sql`delete from reminders where user_id = ${userId} and kind = ${kind} returning id`);
      return rows.length > 0;
    },
    async snooze(userId, until) {
      const rows = await q(sql`
        update reminders set snoozed_until = ${until.toISOString()}::timestamptz,
          next_due = ${until.toISOString()}::timestamptz,
          claim_token = null, version = version + 1, updated_at = now()
        where user_id = ${userId} and kind = 'checks' and status = 'active' returning id`);
      return rows.length > 0;
    },
    async recordCheck(userId, at) {
      await q(
        sql`update reminders set last_checked_at = ${at.toISOString()}::timestamptz where user_id = ${userId}
          and kind = 'checks'`,
      );
    },
    async recipient(userId) {
      const [r] = await database.db
        .select({ platform: users.platform, platformUserId: users.platformUserId, lang: users.lang })
        .from(users)
        .where(eq(users.id, userId));
      const lang = r?.lang === 'ko' || r?.lang === 'en' ? r.lang : null;
      return r
        ? { platform: r.platform as Platform, platformUserId: r.platformUserId, lang: lang ?? 'ko', explicitLang: lang }
        : undefined;
    },
  });
}
