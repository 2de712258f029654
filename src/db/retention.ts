// Retention: what the bot keeps about a user goes away after a stated period even if the user
// never runs `forget`. One DELETE per table, each limited to a batch so a sweep after a long
// pause cannot hold locks for long; the minute tick calls `sweepRetention` at most hourly and
// the next run takes the rest. The periods are stated to users in the consent text (core/i18n.ts)
// and in README's security section — change all three together.
import { sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../core/ports';
import type { Database } from './client';

const DAY_MS = 24 * 3600 * 1000;

export const RETENTION_DAYS = {
  /** Audit events (reveals, failed PINs, lockouts, changes). */
  audit: 365,
  /** Reminder delivery records (which slot went out when). */
  deliveries: 90,
  /** Parcels no longer followed (released, expired, paused), counted from their last check. */
  finishedParcels: 30,
  /** Users who keep nothing (no code, reminder or parcel), counted from their last recorded activity. */
  idleUsers: 30,
} as const;

export interface RetentionResult {
  audit: number;
  deliveries: number;
  parcels: number;
  users: number;
  /** rate-limit counters whose window has ended */
  counters: number;
}

export interface RetentionOptions {
  /** Rows per DELETE. */
  batch?: number;
  /** DELETEs per table per call; what is left waits for the next call. */
  maxBatches?: number;
}

/** Deletes everything past its retention period as of `now` (the app clock). */
export async function sweepRetention(
  database: Database,
  now: Date,
  opts: RetentionOptions = {},
): Promise<RetentionResult> {
  const batch = Math.max(1, Math.floor(opts.batch ?? 1000));
  const maxBatches = Math.max(1, Math.floor(opts.maxBatches ?? 10));
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

  const drain = async (statement: () => SQL): Promise<number> => {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = (await database.rows<{ n: number | string }>(statement()))[0]?.n;
      const count = Number(n ?? 0);
      total += count;
      if (count < batch) break;
    }
    return total;
  };

  const auditCutoff = before(RETENTION_DAYS.audit);
  const audit = await drain(
    () => sql`with gone as (
      delete from audit_events where id in (
        select id from audit_events where at < ${auditCutoff}::timestamptz order by id limit ${batch})
      returning 1)
    select count(*)::int as n from gone`,
  );

  const deliveryCutoff = before(RETENTION_DAYS.deliveries);
  const deliveries = await drain(
    () => sql`with gone as (
      delete from reminder_deliveries where (reminder_id, slot) in (
        select reminder_id, slot from reminder_deliveries where delivered_at < ${deliveryCutoff}::timestamptz
          limit ${batch})
      returning 1)
    select count(*)::int as n from gone`,
  );

  // A finished parcel's poll jobs are already gone (no next poll); any stray one cascades by user only,
  // so it is removed here too by the poll job's payload.
  const parcelCutoff = before(RETENTION_DAYS.finishedParcels);
  const parcels = await drain(
    () => sql`with gone as (
      delete from parcels where id in (
        select id from parcels
        where state <> 'active' and coalesce(last_checked_at, created_at) < ${parcelCutoff}::timestamptz
        limit ${batch})
      returning id),
    jobs_gone as (
      delete from jobs where kind = 'parcel.poll' and payload ->> 'parcelId' in (select id::text from gone) returning 1)
    select count(*)::int as n from gone`,
  );

  // Activity = first contact, consent, or any audited action. A user who keeps a code, a reminder,
  // a parcel or a pending job stays whatever the date.
  const userCutoff = before(RETENTION_DAYS.idleUsers);
  const users = await drain(
    () => sql`with gone as (
      delete from users where id in (
        select u.id from users u
        where u.created_at < ${userCutoff}::timestamptz
          and (u.consent_at is null or u.consent_at < ${userCutoff}::timestamptz)
          and not exists (select 1 from vault v where v.user_id = u.id)
          and not exists (select 1 from reminders r where r.user_id = u.id)
          and not exists (select 1 from parcels p where p.user_id = u.id)
          and not exists (select 1 from jobs j where j.user_id = u.id)
          and not exists (select 1 from audit_events a where a.user_id = u.id and a.at >= ${userCutoff}::timestamptz)
        limit ${batch})
      returning 1)
    select count(*)::int as n from gone`,
  );

  // Rate-limit counters live as long as their window (a day at most), then go.
  const nowIso = now.toISOString();
  const counters = await drain(
    () => sql`with gone as (
      delete from rate_counters where (key, window_start) in (
        select key, window_start from rate_counters where expires_at < ${nowIso}::timestamptz limit ${batch})
      returning 1)
    select count(*)::int as n from gone`,
  );

  return { audit, deliveries, parcels, users, counters };
}

/** Runs `sweepRetention` at most once per `everyMs` of the given clock (per process). */
export function atMostEvery(everyMs: number): (database: Database, now: Date) => Promise<RetentionResult | undefined> {
  let last: number | undefined;
  return async (database, now) => {
    // A clock that went backwards counts as due.
    if (last !== undefined && now.getTime() >= last && now.getTime() - last < everyMs) return undefined;
    last = now.getTime();
    return sweepRetention(database, now);
  };
}

const hourly = atMostEvery(3600_000);

interface TickApp {
  database?: Database;
  clock?: Clock;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

/** The minute tick's hook: the retention sweep, at most hourly; never throws. */
export async function retentionTick(app: TickApp): Promise<void> {
  if (!app.database) return;
  try {
    const done = await hourly(app.database, (app.clock ?? { now: () => new Date() }).now());
    if (done && done.audit + done.deliveries + done.parcels + done.users > 0)
      app.log.info({ retention: done }, 'retention sweep deleted expired rows');
  } catch (err) {
    app.log.warn({ err }, 'retention sweep failed; will retry next hour');
  }
}
