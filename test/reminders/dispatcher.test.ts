// Reminders end to end: `/pccc remind` through the bot, then the dispatcher sweeping the
// database at faked instants, on PGlite and (when TEST_DATABASE_URL is set) PostgreSQL.
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/types';
import { DB_KINDS } from '../helpers/db';
import { count, harness, type Harness } from './helpers';

describe.each(DB_KINDS)('reminders dispatcher (%s)', (db) => {
  let h: Harness;
  afterEach(async () => h?.app.close());

  it('monthly on the 31st: Jan 31, then the last day of February, said plainly when set', async () => {
    h = await harness(db, '2027-01-15T00:00:00Z');
    const saved = await h.command('remind monthly 31 09:00');
    expect(saved).toMatch(/Saved/);
    expect(saved).toMatch(/month's last day/);
    await h.at('2027-01-30T23:59:00Z'); // Jan 31 08:59 KST
    expect(h.texts()).toHaveLength(0);
    await h.at('2027-01-31T00:00:30Z'); // 09:00 KST
    expect(h.texts()).toHaveLength(1);
    await h.at('2027-02-27T00:00:30Z');
    expect(h.texts()).toHaveLength(1);
    await h.at('2027-02-28T00:00:30Z');
    expect(h.texts()).toHaveLength(2);
    expect(h.texts()[1]).toMatch(/check your recent imports/);
  });

  it('29 February in a leap year, and each slot once however often the sweep runs', async () => {
    h = await harness(db, '2028-02-01T00:00:00Z');
    await h.command('remind monthly 30 09:00');
    await h.at('2028-02-29T00:00:10Z');
    await h.at('2028-02-29T00:01:10Z');
    await h.at('2028-02-29T05:00:00Z');
    expect(h.texts()).toHaveLength(1);
    expect(await count(h.app.database, 'reminder_deliveries')).toBe(1);
  });

  it('a DST zone: a 02:30 slot that does not exist on the spring-forward night goes out at 03:00 local', async () => {
    h = await harness(db, '2027-03-08T12:00:00Z');
    await h.command('remind weekly sun 02:30 tz America/New_York');
    // 2027-03-14 02:30 does not exist in New York; 03:00 EDT = 07:00Z.
    await h.at('2027-03-14T06:59:00Z');
    expect(h.texts()).toHaveLength(0);
    await h.at('2027-03-14T07:00:05Z');
    expect(h.texts()).toHaveLength(1);
    // The week after is back at 02:30 EDT = 06:30Z.
    await h.at('2027-03-21T06:30:05Z');
    expect(h.texts()).toHaveLength(2);
  });

  it('the clock going backwards never re-delivers a slot', async () => {
    h = await harness(db, '2027-01-15T00:00:00Z');
    await h.command('remind weekly mon 09:00');
    await h.at('2027-01-18T00:00:05Z');
    expect(h.texts()).toHaveLength(1);
    await h.at('2027-01-17T00:00:00Z'); // a day back
    await h.at('2027-01-18T00:00:05Z'); // the same slot again
    expect(h.texts()).toHaveLength(1);
    await h.at('2027-01-25T00:00:05Z');
    expect(h.texts()).toHaveLength(2);
  });

  it('after a long downtime: one coalesced message naming the missed dates', async () => {
    h = await harness(db, '2027-01-15T00:00:00Z');
    await h.command('remind weekly mon 09:00');
    await h.at('2027-02-16T03:00:00Z'); // five Mondays later
    expect(h.texts()).toHaveLength(1);
    expect(h.texts()[0]).toMatch(/Catch-up for 5 missed checks: Jan 18, Jan 25, Feb 1, Feb 8, Feb 15/);
    await h.at('2027-02-16T04:00:00Z');
    expect(h.texts()).toHaveLength(1);
  });

  it('renewal reminders at −30, −7, 0 and +25 days, each with the steps; only the expiry date is stored', async () => {
    h = await harness(db, '2027-01-10T00:00:00Z');
    const saved = await h.command('remind birthday 03-15');
    expect(saved).toMatch(/2027/);
    const dump = await h.app.dumpAllTables();
    expect(dump).toContain('2027-03-15');
    expect(dump).not.toMatch(/03-15.*birth|birth/i);
    for (const day of ['2027-02-13', '2027-03-08', '2027-03-15', '2027-04-09']) await h.at(`${day}T01:00:30Z`); // 10:00 KST
    const texts = h.texts();
    expect(texts).toHaveLength(4);
    expect(texts[0]).toMatch(/You can renew your customs code now/);
    expect(texts[1]).toMatch(/expires in 7 days/);
    expect(texts[2]).toMatch(/expires today/);
    expect(texts[3]).toMatch(/Last chance/);
    for (const t of texts) expect(t).toMatch(/How to renew/);
    const user = await h.app.stores.users.find({ platform: 'terminal', id: 'local' });
    expect(await h.app.stores.vault.get(user!.id)).toBeUndefined(); // no vault row: the expiry lives with the reminder
  });

  it('buttons: All mine records the check, Snooze moves the next one a week, Stop turns it off', async () => {
    h = await harness(db, '2027-01-15T00:00:00Z');
    await h.command('remind weekly mon 09:00');
    await h.at('2027-01-18T00:00:05Z');
    expect(h.dms.sent[0]!.reply.buttons?.map((b) => b.id)).toEqual([
      'remind.mine',
      'remind.notmine',
      'remind.snooze',
      'remind.stop',
    ]);
    expect((await h.press('remind.mine')).replies[0]!.text).toMatch(/all clear/);
    h.clock.set(new Date('2027-01-25T00:00:05Z'));
    await h.app.reminders.runDue(h.clock.now());
    expect(h.texts()).toHaveLength(2);
    expect((await h.press('remind.snooze')).replies[0]!.text).toMatch(/Feb 1/);
    await h.at('2027-01-31T23:59:00Z'); // before the snooze (same local minute a week on)
    expect(h.texts()).toHaveLength(2);
    await h.at('2027-02-01T00:00:10Z');
    expect(h.texts()).toHaveLength(3);
    await h.at('2027-02-01T00:05:00Z');
    expect(h.texts()).toHaveLength(3);
    await h.press('remind.stop');
    await h.at('2027-02-08T00:00:10Z');
    expect(h.texts()).toHaveLength(3);
    expect(await h.command('remind')).toMatch(/Import checks: off/);
  });

  it("Something I didn't order: the theft guide now and a durable follow-up 3 days later", async () => {
    h = await harness(db, '2027-01-15T00:00:00Z');
    await h.command('remind weekly mon 09:00');
    const guide = await h.press('remind.notmine');
    expect(guide.replies[0]!.text).toMatch(/도용신고|theft report/);
    await h.press('remind.notmine'); // twice: still one follow-up
    await h.at('2027-01-17T23:00:00Z');
    expect(h.texts().filter((t) => /flagged an import/.test(t))).toHaveLength(0);
    await h.at('2027-01-18T00:01:00Z');
    expect(h.texts().filter((t) => /flagged an import/.test(t))).toHaveLength(1);
  });

  it('All done on the theft guide cancels the follow-up', async () => {
    h = await harness(db, '2027-01-15T00:00:00Z');
    await h.command('remind weekly mon 09:00');
    await h.press('remind.notmine');
    await h.press('theft.done');
    await h.at('2027-01-19T00:00:00Z');
    expect(h.texts().filter((t) => /flagged an import/.test(t))).toHaveLength(0);
  });

  it('DMs closed for good: the reminder pauses and the bot says so the next time the user talks', async () => {
    h = await harness(db, '2027-01-15T00:00:00Z');
    await h.command('remind weekly mon 09:00');
    h.dms.behaviour = () => new DeliveryError('closed', 'permanent');
    await h.at('2027-01-18T00:00:05Z');
    await h.at('2027-01-25T00:00:05Z');
    expect(h.dms.sent).toHaveLength(0);
    const next = await h.command('remind');
    expect(next).toMatch(/paused/);
    // Sending the schedule again resumes it.
    h.dms.behaviour = () => 'ok';
    await h.command('remind weekly mon 09:00');
    await h.at('2027-02-01T00:00:05Z');
    expect(h.texts()).toHaveLength(1);
  });

  it('a user who forgets has no reminder, delivery or job left', async () => {
    h = await harness(db, '2027-01-15T00:00:00Z');
    await h.command('remind weekly mon 09:00 issued 2026-06-01');
    await h.at('2027-01-18T00:00:05Z');
    await h.press('remind.notmine');
    expect(await count(h.app.database, 'reminders')).toBe(2);
    await h.press('vault.forget');
    for (const t of ['reminders', 'reminder_deliveries', 'jobs', 'users'])
      expect(await count(h.app.database, t)).toBe(0);
    await h.at('2027-03-01T00:00:05Z');
    expect(h.texts()).toHaveLength(1);
  });

  it('clear errors for impossible input, and nothing half-saved', async () => {
    h = await harness(db, '2027-01-15T00:00:00Z');
    expect(await h.command('remind monthly 32')).toMatch(/choose 1 to 31/);
    expect(await h.command('remind weekly mon 25:00')).toMatch(/isn't a valid time/);
    expect(await h.command('remind tz Mars/Olympus weekly mon')).toMatch(/time zone/);
    expect(await h.command('remind weekly mon 09:00 issued 2026-02-30')).toMatch(/isn't a real date/);
    expect(await h.command('remind weekly mon 09:00 issued 2025-05-01')).toMatch(/birthday/);
    expect(await count(h.app.database, 'reminders')).toBe(0);
    expect(await h.command('remind 9am')).toMatch(/how often/i);
  });
});
