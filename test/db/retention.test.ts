// Retention: audit events after a year, delivery records after 90 days, finished parcels 30 days
// after their last check, and users who keep nothing after 30 idle days — on both databases,
// with a fake clock, in limited batches.
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atMostEvery, RETENTION_DAYS, sweepRetention } from '../../src/db/retention';
import { sweep } from '../../src/scheduler/tick';
import { createTestApp, ManualClock, type TestApp } from '../helpers/app';
import { DB_KINDS } from '../helpers/db';

const DAY_MS = 24 * 3600_000;

const DAY = 24 * 3600 * 1000;

DB_KINDS.forEach((db, kindIndex) => {
  describe(`retention on ${db}`, () => {
    let app: TestApp;
    let clock: ManualClock;
    // Each database kind gets its own hour, so the tick's once-an-hour guard is due for both.
    const start = new Date(Date.UTC(2027, 0, 10, 3 + 2 * kindIndex));
    const ago = (days: number) => new Date(start.getTime() - days * DAY).toISOString();

    beforeEach(async () => {
      clock = new ManualClock(start);
      app = await createTestApp({ db, clock });
    });
    afterEach(async () => {
      await app.close();
    });

    async function user(name: string, createdDaysAgo: number, consentDaysAgo?: number): Promise<string> {
      const consent = consentDaysAgo === undefined ? null : ago(consentDaysAgo);
      const [row] = await app.database.rows<{ id: string }>(
        sql`insert into users (platform, platform_user_id, created_at, consent_at) values ('slack', ${name}, ${ago(createdDaysAgo)}::timestamptz, ${consent}::timestamptz) returning id`,
      );
      return row!.id;
    }
    const audit = (userId: string, daysAgo: number, kind = 'reveal') =>
      app.database.rows(
        sql`insert into audit_events (user_id, kind, at) values (${userId}, ${kind}, ${ago(daysAgo)}::timestamptz)`,
      );
    async function reminder(userId: string): Promise<number> {
      const [row] = await app.database.rows<{ id: number | string }>(
        sql`insert into reminders (user_id, kind) values (${userId}, 'checks') returning id`,
      );
      return Number(row!.id);
    }
    const delivery = (reminderId: number, userId: string, daysAgo: number) =>
      app.database.rows(
        sql`insert into reminder_deliveries (reminder_id, slot, user_id, delivered_at) values (${reminderId}, ${ago(daysAgo)}::timestamptz, ${userId}, ${ago(daysAgo)}::timestamptz)`,
      );
    async function parcel(
      userId: string,
      label: string,
      state: string,
      createdDaysAgo: number,
      checkedDaysAgo: number | null,
    ): Promise<string> {
      const checked = checkedDaysAgo === null ? null : ago(checkedDaysAgo);
      const [row] = await app.database.rows<{ id: string }>(sql`
        insert into parcels (user_id, key, label, query, goods, state, lang, interval_minutes, created_at, last_checked_at)
        values (${userId}, ${`bl:${label}`}, ${label}, ${JSON.stringify({ by: 'blNo', blNo: label, year: 2026 })}::jsonb, 'SHOES', ${state}, 'ko', 60,
                ${ago(createdDaysAgo)}::timestamptz, ${checked}::timestamptz)
        returning id`);
      return row!.id;
    }
    const ids = async (table: string, column = 'id') =>
      (await app.database.rows<{ v: unknown }>(sql.raw(`select ${column}::text as v from ${table} order by 1`))).map(
        (r) => String(r.v),
      );
    const labels = async () =>
      (await app.database.rows<{ label: string }>(sql`select label from parcels order by label`)).map((r) => r.label);
    const userNames = async () =>
      (await app.database.rows<{ n: string }>(sql`select platform_user_id as n from users order by 1`)).map((r) => r.n);

    it('states the periods the consent text promises', () => {
      expect(RETENTION_DAYS).toEqual({ audit: 365, deliveries: 90, finishedParcels: 30, idleUsers: 30 });
    });

    it('deletes audit events older than a year and keeps younger ones', async () => {
      const u = await user('U-AUDIT', 800);
      await app.database.rows(
        sql`insert into vault (user_id, code_sealed, key_version, blind_index, pin_hash, pin_salt, pin_params) values (${u}, '\\x00', 1, 'bi', '\\x00', '\\x00', 'p')`,
      );
      await audit(u, 366, 'old');
      await audit(u, 364, 'young');
      await audit(u, 1, 'fresh');
      const done = await sweepRetention(app.database, clock.now());
      expect(done.audit).toBe(1);
      expect(
        (await app.database.rows<{ kind: string }>(sql`select kind from audit_events order by at`)).map((r) => r.kind),
      ).toEqual(['young', 'fresh']);
      // The user keeps a code, so it stays however old.
      expect(await userNames()).toEqual(['U-AUDIT']);
    });

    it('deletes reminder delivery records older than 90 days', async () => {
      const u = await user('U-REM', 400);
      const r = await reminder(u);
      await delivery(r, u, 91);
      await delivery(r, u, 89);
      const done = await sweepRetention(app.database, clock.now());
      expect(done.deliveries).toBe(1);
      expect(await app.database.rows(sql`select 1 from reminder_deliveries`)).toHaveLength(1);
      expect(await userNames()).toEqual(['U-REM']);
    });

    it('deletes parcels 30 days after they finished, with any poll job left behind', async () => {
      const u = await user('U-PARCEL', 400);
      const gone = await parcel(u, 'OLD-RELEASED', 'released', 80, 31);
      await parcel(u, 'OLD-EXPIRED', 'expired', 100, null);
      await parcel(u, 'OLD-PAUSED', 'paused', 90, 45);
      await parcel(u, 'RECENT-RELEASED', 'released', 60, 29);
      await parcel(u, 'STILL-ACTIVE', 'active', 59, 40);
      await app.database.rows(
        sql`insert into jobs (kind, run_at, payload, user_id) values ('parcel.poll', ${ago(31)}::timestamptz, ${JSON.stringify({ parcelId: gone, pollNo: 3 })}::jsonb, ${u})`,
      );
      const done = await sweepRetention(app.database, clock.now());
      expect(done.parcels).toBe(3);
      expect(await labels()).toEqual(['RECENT-RELEASED', 'STILL-ACTIVE']);
      expect(await app.database.rows(sql`select 1 from jobs`)).toHaveLength(0);
      expect(await userNames()).toEqual(['U-PARCEL']);
    });

    it('deletes users who keep nothing after 30 idle days, and no one else', async () => {
      await user('IDLE-LANG', 31);
      await user('IDLE-CONSENT', 60, 31);
      await user('NEW', 29);
      await user('RECENT-CONSENT', 60, 2);
      const audited = await user('RECENT-AUDIT', 60);
      await audit(audited, 3);
      const oldAudit = await user('OLD-AUDIT', 300);
      await audit(oldAudit, 200);
      await reminder(await user('HAS-REMINDER', 300));
      await parcel(await user('HAS-PARCEL', 300), 'P1', 'active', 10, 1);
      const vaulted = await user('HAS-CODE', 300);
      await app.database.rows(
        sql`insert into vault (user_id, code_sealed, key_version, blind_index, pin_hash, pin_salt, pin_params) values (${vaulted}, '\\x00', 1, 'bi', '\\x00', '\\x00', 'p')`,
      );
      const jobbed = await user('HAS-JOB', 300);
      await app.database.rows(
        sql`insert into jobs (kind, run_at, payload, user_id) values ('x', ${ago(0)}::timestamptz, '{}'::jsonb, ${jobbed})`,
      );

      const done = await sweepRetention(app.database, clock.now());
      expect(done.users).toBe(3);
      expect(await userNames()).toEqual([
        'HAS-CODE',
        'HAS-JOB',
        'HAS-PARCEL',
        'HAS-REMINDER',
        'NEW',
        'RECENT-AUDIT',
        'RECENT-CONSENT',
      ]);
      // The deleted user's old audit went with it.
      expect(await ids('audit_events', 'user_id')).toEqual([audited]);
    });

    it('a finished parcel no longer keeps its idle owner', async () => {
      const u = await user('U-ONE-PARCEL', 100);
      await parcel(u, 'ONLY', 'released', 90, 40);
      const done = await sweepRetention(app.database, clock.now());
      expect(done).toMatchObject({ parcels: 1, users: 1 });
      expect(await labels()).toEqual([]);
      expect(await userNames()).toEqual([]);
    });

    it('rate-limit counters go once their window has ended', async () => {
      const past = new Date(clock.now().getTime() - 2 * DAY_MS);
      const future = new Date(clock.now().getTime() + DAY_MS);
      await app.database.rows(sql`insert into rate_counters (key, window_start, count, expires_at) values
        ('old', ${past.toISOString()}::timestamptz, 3, ${new Date(past.getTime() + DAY_MS).toISOString()}::timestamptz),
        ('today', ${clock.now().toISOString()}::timestamptz, 1, ${future.toISOString()}::timestamptz)`);
      expect((await sweepRetention(app.database, clock.now())).counters).toBe(1);
      expect((await app.database.rows<{ key: string }>(sql`select key from rate_counters`)).map((r) => r.key)).toEqual([
        'today',
      ]);
    });

    it('works in limited batches and takes the rest on the next call', async () => {
      const u = await user('U-BATCH', 900);
      await app.database.rows(
        sql`insert into vault (user_id, code_sealed, key_version, blind_index, pin_hash, pin_salt, pin_params) values (${u}, '\\x00', 1, 'bi', '\\x00', '\\x00', 'p')`,
      );
      for (let i = 0; i < 5; i++) await audit(u, 400 + i);
      expect((await sweepRetention(app.database, clock.now(), { batch: 2, maxBatches: 1 })).audit).toBe(2);
      expect((await sweepRetention(app.database, clock.now(), { batch: 2, maxBatches: 2 })).audit).toBe(3);
      expect((await sweepRetention(app.database, clock.now(), { batch: 2 })).audit).toBe(0);
    });

    it('runs from the minute tick at most once an hour of the app clock', async () => {
      await user('IDLE', 31);
      const noop = { runDue: async () => undefined };
      const tickApp = { ...app, jobs: noop, reminders: noop } as unknown as Parameters<typeof sweep>[0];
      await sweep(tickApp);
      expect(await userNames()).toEqual([]);
      await user('IDLE-2', 31);
      clock.advance(59 * 60_000);
      await sweep(tickApp);
      expect(await userNames()).toEqual(['IDLE-2']);
      clock.advance(60_000);
      await sweep(tickApp);
      expect(await userNames()).toEqual([]);
    });

    it('the hourly guard counts a clock that went backwards as due', async () => {
      let runs = 0;
      const guard = atMostEvery(3600_000);
      const counting: typeof app.database = {
        ...app.database,
        rows: (q) => {
          runs++;
          return app.database.rows(q);
        },
      };
      await guard(counting, clock.now());
      const perRun = runs;
      await guard(counting, new Date(clock.now().getTime() + 1000));
      expect(runs).toBe(perRun);
      await guard(counting, new Date(clock.now().getTime() - 1000));
      expect(runs).toBe(2 * perRun);
    });
  });
});
