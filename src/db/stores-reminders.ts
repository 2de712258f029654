// The reminders storage port over raw SQL (works the same on PGlite and postgres.js).
// Every user edit bumps `version`, so a dispatcher batch in flight cannot overwrite it.
import { sql } from 'drizzle-orm';
import type { ReminderSettings, ReminderStore } from '../core/reminders/ports';
import type { ImportCheckSchedule, Lang } from '../core/reminders/types';
import type { Platform } from '../core/types';
import type { Database } from './client';
import { storageBoundary } from './boundary';

interface Row {
  kind: string;
  status: string;
  schedule: unknown;
  expires_on: string | Date | null;
  time_zone: string;
  snoozed_until: string | Date | null;
  last_checked_at: string | Date | null;
}

const toDate = (v: string | Date | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));
const isoDate = (v: string | Date | null): string | null =>
  v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function createReminderStore(database: Database): ReminderStore {
  const q = <T>(query: ReturnType<typeof sql>) => database.rows<T>(query);

  return storageBoundary({
    async get(userId) {
      const rows = await q<Row>(
        sql`select kind, status, schedule, expires_on, time_zone, snoozed_until, last_checked_at from reminders where user_id = ${userId}`,
      );
      const checks = rows.find((r) => r.kind === 'checks');
      const renewal = rows.find((r) => r.kind === 'renewal');
      const out: ReminderSettings = {
        checks: checks?.schedule ? json<ImportCheckSchedule>(checks.schedule) : null,
        checksPaused: checks?.status === 'paused',
        snoozedUntil: toDate(checks?.snoozed_until ?? null),
        lastCheckedAt: toDate(checks?.last_checked_at ?? null),
        expiry: isoDate(renewal?.expires_on ?? null),
        renewalPaused: renewal?.status === 'paused',
        renewalTimeZone: renewal?.time_zone ?? null,
      };
      return out;
    },
    async setChecks(userId, v) {
      await q(sql`
        insert into reminders (user_id, kind, schedule, time_zone, lang, last_slot, next_due)
        values (${userId}, 'checks', ${JSON.stringify(v.schedule)}::jsonb, ${v.schedule.timeZone}, ${v.lang}, ${v.baseline.toISOString()}::timestamptz, ${v.nextDue.toISOString()}::timestamptz)
        on conflict (user_id, kind) do update set schedule = excluded.schedule, time_zone = excluded.time_zone, lang = excluded.lang,
          last_slot = excluded.last_slot, next_due = excluded.next_due, snoozed_until = null, status = 'active', attempts = 0,
          last_error = null, claim_token = null, version = reminders.version + 1, updated_at = now()`);
    },
    async setRenewal(userId, v) {
      const next = v.nextDue ? sql`${v.nextDue.toISOString()}::timestamptz` : sql`null`;
      await q(sql`
        insert into reminders (user_id, kind, expires_on, time_zone, lang, last_slot, next_due)
        values (${userId}, 'renewal', ${v.expiry}::date, ${v.timeZone}, ${v.lang}, ${v.baseline.toISOString()}::timestamptz, ${next})
        on conflict (user_id, kind) do update set expires_on = excluded.expires_on, time_zone = excluded.time_zone, lang = excluded.lang,
          last_slot = excluded.last_slot, next_due = excluded.next_due, status = 'active', attempts = 0,
          last_error = null, claim_token = null, version = reminders.version + 1, updated_at = now()`);
    },
    async off(userId, kind) {
      const rows = await q(sql`delete from reminders where user_id = ${userId} and kind = ${kind} returning id`);
      return rows.length > 0;
    },
    async snooze(userId, until) {
      const rows = await q(sql`
        update reminders set snoozed_until = ${until.toISOString()}::timestamptz, next_due = ${until.toISOString()}::timestamptz,
          claim_token = null, version = version + 1, updated_at = now()
        where user_id = ${userId} and kind = 'checks' and status = 'active' returning id`);
      return rows.length > 0;
    },
    async recordCheck(userId, at) {
      await q(
        sql`update reminders set last_checked_at = ${at.toISOString()}::timestamptz where user_id = ${userId} and kind = 'checks'`,
      );
    },
    async recipient(userId) {
      const rows = await q<{ platform: string; platform_user_id: string; lang: string | null }>(
        sql`select platform, platform_user_id, lang from users where id = ${userId}`,
      );
      const r = rows[0];
      return r
        ? {
            platform: r.platform as Platform,
            platformUserId: r.platform_user_id,
            lang: (r.lang as Lang | null) ?? 'ko',
            explicitLang: (r.lang as Lang | null) ?? null,
          }
        : undefined;
    },
  });
}
