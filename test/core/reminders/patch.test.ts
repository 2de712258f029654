import { describe, expect, it } from 'vitest';
import { applySchedulePatch, nextImportCheck, type ImportCheckSchedule } from '../../../src/core/reminders';

const NOW = new Date('2026-11-04T03:00:00Z'); // Wednesday 12:00 KST
const weeklyMon: ImportCheckSchedule = { cadence: 'weekly', weekday: 1, time: '09:00', timeZone: 'Asia/Seoul' };

describe('applySchedulePatch', () => {
  it('a new schedule gets the default zone (Asia/Seoul) and time (09:00) when not given', () => {
    expect(applySchedulePatch(null, { cadence: 'weekly', weekday: 2 }, NOW)).toEqual({
      ok: true,
      schedule: { cadence: 'weekly', weekday: 2, time: '09:00', timeZone: 'Asia/Seoul' },
    });
  });

  it('a weekday alone means weekly; a day alone means monthly', () => {
    expect(applySchedulePatch(null, { weekday: 5 }, NOW)).toMatchObject({
      ok: true,
      schedule: { cadence: 'weekly', weekday: 5 },
    });
    expect(applySchedulePatch(null, { dayOfMonth: 10 }, NOW)).toMatchObject({
      ok: true,
      schedule: { cadence: 'monthly', dayOfMonth: 10 },
    });
  });

  it('only a time with no schedule yet asks for the cadence first', () => {
    expect(applySchedulePatch(null, { time: '10:00' }, NOW)).toEqual({ ok: false, error: 'missing-cadence' });
  });

  it('changing only the time or the zone keeps the rest', () => {
    expect(applySchedulePatch(weeklyMon, { time: '21:30' }, NOW)).toEqual({
      ok: true,
      schedule: { ...weeklyMon, time: '21:30' },
    });
    expect(applySchedulePatch(weeklyMon, { timeZone: 'America/New_York' }, NOW)).toEqual({
      ok: true,
      schedule: { ...weeklyMon, timeZone: 'America/New_York' },
    });
  });

  it('switching to monthly needs a day; back to weekly needs a weekday', () => {
    expect(applySchedulePatch(weeklyMon, { cadence: 'monthly' }, NOW)).toEqual({ ok: false, error: 'missing-day' });
    const monthly: ImportCheckSchedule = { cadence: 'monthly', dayOfMonth: 31, time: '10:00', timeZone: 'Asia/Seoul' };
    expect(applySchedulePatch(monthly, { cadence: 'weekly' }, NOW)).toEqual({ ok: false, error: 'missing-weekday' });
    expect(applySchedulePatch(monthly, { weekday: 3 }, NOW)).toEqual({ ok: false, error: 'weekday-needs-weekly' });
    expect(applySchedulePatch(weeklyMon, { dayOfMonth: 3 }, NOW)).toEqual({ ok: false, error: 'day-needs-monthly' });
  });

  it('biweekly is anchored to this week, so "biweekly fri" set on a Wednesday fires this Friday', () => {
    const r = applySchedulePatch(weeklyMon, { cadence: 'biweekly', weekday: 5 }, NOW);
    expect(r).toEqual({
      ok: true,
      schedule: { cadence: 'biweekly', weekday: 5, time: '09:00', timeZone: 'Asia/Seoul', anchor: '2026-11-04' },
    });
    if (!r.ok) return;
    expect(nextImportCheck(r.schedule, NOW).toISOString()).toBe('2026-11-06T00:00:00.000Z');
  });

  it('changing only the time of a biweekly schedule keeps its parity', () => {
    const bi: ImportCheckSchedule = {
      cadence: 'biweekly',
      weekday: 5,
      time: '09:00',
      timeZone: 'Asia/Seoul',
      anchor: '2026-10-01',
    };
    expect(applySchedulePatch(bi, { time: '20:00' }, NOW)).toMatchObject({
      ok: true,
      schedule: { anchor: '2026-10-01', time: '20:00' },
    });
  });
});
