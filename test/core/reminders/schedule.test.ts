import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  InvalidScheduleError,
  missedSlots,
  nextImportCheck,
  snoozeUntil,
  theftFollowUpAt,
  validateSchedule,
  type ImportCheckSchedule,
} from '../../../src/core/reminders';

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-LL-dd HH:mm ccc');

/** Follows a schedule from `from` for `n` slots. */
function chain(s: ImportCheckSchedule, from: Date, n: number): Date[] {
  const out: Date[] = [];
  let t = from;
  for (let i = 0; i < n; i++) out.push((t = nextImportCheck(s, t)));
  return out;
}

const SEOUL_MON_9: ImportCheckSchedule = { cadence: 'weekly', weekday: 1, time: '09:00', timeZone: 'Asia/Seoul' };

describe('nextImportCheck: weekly', () => {
  it('is strictly after `after`: a slot exactly at `after` moves on a week', () => {
    // 2026-11-02 is a Monday; 09:00 KST = 00:00 UTC.
    expect(iso(nextImportCheck(SEOUL_MON_9, at('2026-11-01T23:59:59.999Z')))).toBe('2026-11-02T00:00:00.000Z');
    expect(iso(nextImportCheck(SEOUL_MON_9, at('2026-11-02T00:00:00.000Z')))).toBe('2026-11-09T00:00:00.000Z');
  });

  it('uses the local date, not the UTC date (Sunday 20:00 UTC is already Monday in Seoul)', () => {
    const sunEveningUtc = at('2026-11-01T20:00:00Z'); // Mon 05:00 KST
    expect(local(nextImportCheck(SEOUL_MON_9, sunEveningUtc), 'Asia/Seoul')).toBe('2026-11-02 09:00 Mon');
  });

  it('crosses month and year ends', () => {
    const fri: ImportCheckSchedule = { cadence: 'weekly', weekday: 5, time: '18:00', timeZone: 'Asia/Seoul' };
    expect(local(nextImportCheck(fri, at('2026-01-30T10:00:00Z')), 'Asia/Seoul')).toBe('2026-02-06 18:00 Fri');
    const days = chain(fri, at('2026-12-20T00:00:00Z'), 3).map((d) => local(d, 'Asia/Seoul'));
    expect(days).toEqual(['2026-12-25 18:00 Fri', '2027-01-01 18:00 Fri', '2027-01-08 18:00 Fri']);
  });

  it('lands on 29 February in a leap year', () => {
    const tue: ImportCheckSchedule = { cadence: 'weekly', weekday: 2, time: '07:15', timeZone: 'Asia/Seoul' };
    expect(local(nextImportCheck(tue, at('2028-02-25T00:00:00Z')), 'Asia/Seoul')).toBe('2028-02-29 07:15 Tue');
  });
});

describe('nextImportCheck: monthly month ends', () => {
  const monthly = (day: number): ImportCheckSchedule => ({
    cadence: 'monthly',
    dayOfMonth: day,
    time: '10:00',
    timeZone: 'Asia/Seoul',
  });

  it('day 31 falls back to the last day of shorter months, then returns to the 31st', () => {
    const got = chain(monthly(31), at('2027-01-01T00:00:00Z'), 5).map((d) => local(d, 'Asia/Seoul').slice(0, 10));
    expect(got).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
  });

  it('day 31 and day 30 use 29 February in a leap year', () => {
    expect(local(nextImportCheck(monthly(31), at('2028-02-01T00:00:00Z')), 'Asia/Seoul')).toBe('2028-02-29 10:00 Tue');
    expect(local(nextImportCheck(monthly(30), at('2028-02-01T00:00:00Z')), 'Asia/Seoul')).toBe('2028-02-29 10:00 Tue');
  });

  it('day 29 is 28 February in a non-leap year and 29 February in a leap year', () => {
    expect(local(nextImportCheck(monthly(29), at('2027-02-01T00:00:00Z')), 'Asia/Seoul').slice(0, 10)).toBe(
      '2027-02-28',
    );
    expect(local(nextImportCheck(monthly(29), at('2028-02-01T00:00:00Z')), 'Asia/Seoul').slice(0, 10)).toBe(
      '2028-02-29',
    );
  });

  it('after the fallback day has passed, goes to next month (never repeats the month)', () => {
    const afterFeb28 = at('2027-02-28T01:00:00.001Z'); // 10:00:00.001 KST on 28 Feb
    expect(local(nextImportCheck(monthly(31), afterFeb28), 'Asia/Seoul').slice(0, 10)).toBe('2027-03-31');
  });

  it('the 1st just after midnight local on the last day of the previous month in UTC', () => {
    const first: ImportCheckSchedule = { cadence: 'monthly', dayOfMonth: 1, time: '00:30', timeZone: 'Asia/Seoul' };
    // 2027-03-31T15:00Z is 2027-04-01 00:00 KST: the slot 30 minutes later is still ahead.
    expect(iso(nextImportCheck(first, at('2027-03-31T15:00:00Z')))).toBe('2027-03-31T15:30:00.000Z');
  });
});

describe('nextImportCheck: biweekly parity', () => {
  const fri: ImportCheckSchedule = {
    cadence: 'biweekly',
    weekday: 5,
    time: '21:30',
    timeZone: 'Asia/Seoul',
    anchor: '2026-11-04',
  };

  it('starts on the first matching weekday on or after the anchor', () => {
    expect(local(nextImportCheck(fri, at('2026-01-01T00:00:00Z')), 'Asia/Seoul')).toBe('2026-11-06 21:30 Fri');
  });

  it('keeps a 14-day rhythm for a year, whatever instant it is asked from', () => {
    const series = chain(fri, at('2026-11-01T00:00:00Z'), 27).map((d) => local(d, 'Asia/Seoul').slice(0, 10));
    for (let i = 1; i < series.length; i++) {
      const gap = DateTime.fromISO(series[i]!).diff(DateTime.fromISO(series[i - 1]!), 'days').days;
      expect(gap).toBe(14);
    }
    // Asking from arbitrary instants (hourly steps) only ever yields dates of the same series.
    const inSeries = new Set(series);
    for (let h = 0; h < 24 * 300; h += 7) {
      const t = new Date(Date.UTC(2026, 10, 5) + h * 3_600_000);
      expect(inSeries.has(local(nextImportCheck(fri, t), 'Asia/Seoul').slice(0, 10))).toBe(true);
    }
  });

  it('without an anchor, parity counts from the fixed 2024-01-01 epoch (stable, not from `after`)', () => {
    const { anchor: _drop, ...noAnchor } = fri;
    const a = nextImportCheck(noAnchor, at('2026-11-04T00:00:00Z'));
    const b = nextImportCheck(noAnchor, at('2026-11-07T00:00:00Z'));
    const days = (d: Date) =>
      DateTime.fromISO(local(d, 'Asia/Seoul').slice(0, 10)).diff(DateTime.fromISO('2024-01-05'), 'days').days;
    expect(days(a) % 14).toBe(0);
    expect(days(b) % 14).toBe(0);
    expect(days(b) - days(a)).toBe(14);
  });
});

describe('nextImportCheck: DST (America/New_York)', () => {
  const sun = (time: string): ImportCheckSchedule => ({
    cadence: 'weekly',
    weekday: 7,
    time,
    timeZone: 'America/New_York',
  });

  it('a local time skipped by spring-forward (2026-03-08 02:30) → the first valid instant, 03:00 EDT', () => {
    const t = nextImportCheck(sun('02:30'), at('2026-03-07T12:00:00Z'));
    expect(iso(t)).toBe('2026-03-08T07:00:00.000Z');
    expect(local(t, 'America/New_York')).toBe('2026-03-08 03:00 Sun');
    // The week after is back to 02:30 EDT.
    expect(local(nextImportCheck(sun('02:30'), t), 'America/New_York')).toBe('2026-03-15 02:30 Sun');
  });

  it('a local time that happens twice (2026-11-01 01:30) → the first occurrence, and only once', () => {
    const first = nextImportCheck(sun('01:30'), at('2026-10-31T12:00:00Z'));
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT (UTC−4)
    // Asked again from the first occurrence or during the repeated hour: next week, not 01:30 EST.
    expect(iso(nextImportCheck(sun('01:30'), first))).toBe('2026-11-08T06:30:00.000Z');
    expect(iso(nextImportCheck(sun('01:30'), at('2026-11-01T06:15:00Z')))).toBe('2026-11-08T06:30:00.000Z');
  });

  it('Europe/London spring-forward at 01:00 → 02:00 BST', () => {
    const s: ImportCheckSchedule = { cadence: 'monthly', dayOfMonth: 29, time: '01:30', timeZone: 'Europe/London' };
    expect(iso(nextImportCheck(s, at('2026-03-20T00:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('a snooze keeps the local time across the DST change', () => {
    const mondayMorning = at('2026-03-02T14:00:00Z'); // 09:00 EST
    expect(local(snoozeUntil(mondayMorning, 'America/New_York'), 'America/New_York')).toBe('2026-03-09 09:00 Mon');
    expect(iso(snoozeUntil(mondayMorning, 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z'); // EDT
    expect(local(theftFollowUpAt(mondayMorning, 'America/New_York'), 'America/New_York')).toBe('2026-03-05 09:00 Thu');
  });
});

describe('the clock going backwards', () => {
  const lastSlot = at('2026-11-09T00:00:00Z'); // delivered: Mon 09:00 KST

  it('nextImportCheck from an earlier `after` returns the next slot after that instant, never one before it', () => {
    const earlier = at('2026-11-05T00:00:00Z');
    const t = nextImportCheck(SEOUL_MON_9, earlier);
    expect(t.getTime()).toBeGreaterThan(earlier.getTime());
    expect(iso(t)).toBe('2026-11-09T00:00:00.000Z');
  });

  it('missedSlots never re-delivers: nothing missed, next after the last delivered slot', () => {
    const r = missedSlots(SEOUL_MON_9, lastSlot, at('2026-11-05T00:00:00Z'));
    expect(r).toEqual({ slots: [], count: 0, next: at('2026-11-16T00:00:00Z') });
  });
});

describe('missedSlots: catch-up after downtime', () => {
  it('3 months of weekly slots → 13 missed, the latest 12 listed, next in the future', () => {
    const last = at('2026-09-07T00:00:00Z'); // Mon 7 Sep 09:00 KST, delivered
    const now = at('2026-12-07T03:00:00Z'); // Mon 7 Dec 12:00 KST, back up
    const r = missedSlots(SEOUL_MON_9, last, now);
    expect(r.count).toBe(13);
    expect(r.slots).toHaveLength(12);
    expect(local(r.slots[0]!, 'Asia/Seoul')).toBe('2026-09-21 09:00 Mon'); // 14 Sep dropped from the list
    expect(local(r.slots.at(-1)!, 'Asia/Seoul')).toBe('2026-12-07 09:00 Mon');
    expect(iso(r.next)).toBe('2026-12-14T00:00:00.000Z');
    expect(r.next.getTime()).toBeGreaterThan(now.getTime());
  });

  it('honours a custom cap and keeps the count exact', () => {
    const r = missedSlots(SEOUL_MON_9, at('2026-09-07T00:00:00Z'), at('2026-12-07T03:00:00Z'), 3);
    expect(r.slots.map((d) => local(d, 'Asia/Seoul').slice(0, 10))).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
    expect(r.count).toBe(13);
  });

  it('includes a slot exactly at `now` and nothing when nothing was due', () => {
    expect(missedSlots(SEOUL_MON_9, at('2026-11-02T00:00:00Z'), at('2026-11-09T00:00:00Z')).count).toBe(1);
    const quiet = missedSlots(SEOUL_MON_9, at('2026-11-02T00:00:00Z'), at('2026-11-08T23:59:59Z'));
    expect(quiet.count).toBe(0);
    expect(iso(quiet.next)).toBe('2026-11-09T00:00:00.000Z');
  });

  it('with no baseline yet, nothing is missed', () => {
    const r = missedSlots(SEOUL_MON_9, null, at('2026-11-04T00:00:00Z'));
    expect(r.count).toBe(0);
    expect(iso(r.next)).toBe('2026-11-09T00:00:00.000Z');
  });

  it('a monthly day-31 catch-up names each fallback day once', () => {
    const s: ImportCheckSchedule = { cadence: 'monthly', dayOfMonth: 31, time: '10:00', timeZone: 'Asia/Seoul' };
    const r = missedSlots(s, at('2027-01-31T01:00:00Z'), at('2027-05-01T00:00:00Z'));
    expect(r.slots.map((d) => local(d, 'Asia/Seoul').slice(0, 10))).toEqual(['2027-02-28', '2027-03-31', '2027-04-30']);
  });
});

describe('validation', () => {
  it('reports what is wrong instead of guessing', () => {
    const base = { time: '09:00', timeZone: 'Asia/Seoul' };
    expect(validateSchedule({ ...base, cadence: 'weekly' })).toEqual({ ok: false, problem: 'missing-weekday' });
    expect(validateSchedule({ ...base, cadence: 'monthly', dayOfMonth: 32 })).toEqual({
      ok: false,
      problem: 'bad-day',
    });
    expect(validateSchedule({ ...base, cadence: 'monthly' })).toEqual({ ok: false, problem: 'missing-day' });
    expect(validateSchedule({ cadence: 'weekly', weekday: 1, time: '25:00', timeZone: 'Asia/Seoul' })).toEqual({
      ok: false,
      problem: 'bad-time',
    });
    expect(validateSchedule({ cadence: 'weekly', weekday: 1, time: '09:00', timeZone: 'Mars/Olympus' })).toEqual({
      ok: false,
      problem: 'unknown-timezone',
    });
    expect(
      validateSchedule({
        cadence: 'biweekly',
        weekday: 1,
        time: '09:00',
        timeZone: 'Asia/Seoul',
        anchor: '2026-02-30',
      }),
    ).toEqual({ ok: false, problem: 'bad-anchor' });
  });

  it('normalises the zone spelling and drops fields the cadence does not use', () => {
    expect(
      validateSchedule({ cadence: 'weekly', weekday: 3, dayOfMonth: 5, time: '09:00', timeZone: 'asia/seoul' }),
    ).toEqual({
      ok: true,
      schedule: { cadence: 'weekly', weekday: 3, time: '09:00', timeZone: 'Asia/Seoul' },
    });
  });

  it('nextImportCheck throws a typed error for an unvalidated bad schedule or an invalid Date', () => {
    expect(() =>
      nextImportCheck({ cadence: 'weekly', time: '09:00', timeZone: 'Asia/Seoul' }, at('2026-01-01T00:00:00Z')),
    ).toThrow(InvalidScheduleError);
    expect(() => nextImportCheck(SEOUL_MON_9, new Date('nope'))).toThrow(InvalidScheduleError);
  });
});
