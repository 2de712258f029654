import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextImportCheck, type ImportCheckSchedule, type IsoWeekday } from '../../../src/core/reminders';

// Zones with unusual rules: 30-minute DST (Lord Howe), DST at midnight (Santiago, Havana),
// +13:45 (Chatham), half-hour offsets without DST (Kolkata, St John's has DST too).
const ZONES = [
  'Asia/Seoul',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'America/St_Johns',
  'Pacific/Auckland',
  'UTC',
];

const pad = (n: number) => String(n).padStart(2, '0');
const timeArb = fc.oneof(
  // Times that fall into DST gaps or overlaps somewhere.
  fc.constantFrom('00:00', '00:15', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '23:59'),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`),
);
const dateArb = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

const scheduleArb: fc.Arbitrary<ImportCheckSchedule> = fc.oneof(
  fc.record({
    cadence: fc.constantFrom('weekly' as const),
    weekday: fc.integer({ min: 1, max: 7 }).map((n) => n as IsoWeekday),
    time: timeArb,
    timeZone: fc.constantFrom(...ZONES),
  }),
  fc.record(
    {
      cadence: fc.constantFrom('biweekly' as const),
      weekday: fc.integer({ min: 1, max: 7 }).map((n) => n as IsoWeekday),
      time: timeArb,
      timeZone: fc.constantFrom(...ZONES),
      anchor: dateArb,
    },
    { requiredKeys: ['cadence', 'weekday', 'time', 'timeZone'] },
  ),
  fc.record({
    cadence: fc.constantFrom('monthly' as const),
    dayOfMonth: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(29, 30, 31)),
    time: timeArb,
    timeZone: fc.constantFrom(...ZONES),
  }),
);

const instantArb = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 0, 1) }).map((ms) => new Date(ms));

/** Does wall time hh:mm exist on this date in this zone? (luxon moves a missing time forward.) */
function wallTimeExists(date: DateTime, hh: number, mm: number, zone: string): boolean {
  const dt = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: hh, minute: mm }, { zone });
  return dt.hour === hh && dt.minute === mm && dt.day === date.day;
}

/** Independent statement of "the right day", including the documented month-end fallback. */
function onRightDay(s: ImportCheckSchedule, d: DateTime): boolean {
  if (s.cadence === 'monthly') return d.day === Math.min(s.dayOfMonth!, d.daysInMonth!);
  if (d.weekday !== s.weekday) return false;
  if (s.cadence === 'weekly') return true;
  const anchor = DateTime.fromISO(s.anchor ?? '2024-01-01', { zone: 'UTC' });
  const start = anchor.plus({ days: (((s.weekday! - anchor.weekday) % 7) + 7) % 7 });
  const since = DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: 'UTC' }).diff(
    start,
    'days',
  ).days;
  return since >= 0 && since % 14 === 0;
}

function checkSlot(s: ImportCheckSchedule, t: Date): void {
  const r = nextImportCheck(s, t);
  expect(r.getTime()).toBeGreaterThan(t.getTime());

  const zone = IANAZone.create(s.timeZone);
  const lt = DateTime.fromJSDate(r, { zone: s.timeZone });
  expect(onRightDay(s, lt)).toBe(true);

  const [hh, mm] = s.time.split(':').map(Number) as [number, number];
  if (wallTimeExists(lt, hh, mm, s.timeZone)) {
    expect(lt.toFormat('HH:mm')).toBe(s.time);
    // First occurrence: no earlier instant (up to 3 h back) shows the same wall time that day.
    for (let back = 15; back <= 180; back += 15) {
      const earlier = DateTime.fromMillis(r.getTime() - back * 60_000, { zone: s.timeZone });
      expect(earlier.toFormat('yyyy-LL-dd HH:mm')).not.toBe(lt.toFormat('yyyy-LL-dd HH:mm'));
    }
  } else {
    // Skipped by a DST change: exactly the transition instant, later on the wall clock.
    expect(zone.offset(r.getTime() - 1)).not.toBe(zone.offset(r.getTime()));
    expect(lt.hour * 60 + lt.minute).toBeGreaterThan(hh * 60 + mm);
  }
}

/** Every offset change in the test zones, 2024–2030: a daily scan, then bisection to the ms. */
const TRANSITIONS: { zone: string; at: number; weekday: number }[] = (() => {
  const out: { zone: string; at: number; weekday: number }[] = [];
  const DAY = 86_400_000;
  for (const name of ZONES) {
    const z = IANAZone.create(name);
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2031, 0, 1); t += DAY) {
      if (z.offset(t) === z.offset(t + DAY)) continue;
      let [lo, hi] = [t, t + DAY];
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (z.offset(mid) === z.offset(lo)) lo = mid;
        else hi = mid;
      }
      out.push({ zone: name, at: hi, weekday: DateTime.fromMillis(hi, { zone: name }).weekday });
    }
  }
  return out;
})();

describe('nextImportCheck (property)', () => {
  it('is strictly after t, on the right day and local time (or the documented DST fallback)', () => {
    fc.assert(fc.property(scheduleArb, instantArb, checkSlot), { numRuns: 1500 });
  });

  it('holds right around DST transitions, where gaps and repeated hours happen', () => {
    // Random instants rarely land near a transition; aim at them: the week before each one,
    // with a weekly schedule on the transition's local weekday at a risky time.
    const near = fc
      .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: 0, max: 8 * 86_400_000 }), timeArb)
      .map(([tr, back, time]) => ({
        s: { cadence: 'weekly' as const, weekday: tr.weekday as IsoWeekday, time, timeZone: tr.zone },
        t: new Date(tr.at - back),
      }));
    fc.assert(
      fc.property(near, ({ s, t }) => checkSlot(s, t)),
      { numRuns: 1500 },
    );
  });

  it('skips no slot: the result is at most one period after t', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, (s, t) => {
        const r = nextImportCheck(s, t);
        const periodDays = s.cadence === 'weekly' ? 7 : s.cadence === 'biweekly' ? 14 : 31;
        // For biweekly the first slot may wait for the anchor.
        if (s.cadence === 'biweekly' && s.anchor && DateTime.fromISO(s.anchor).toMillis() > t.getTime() - 86_400_000)
          return;
        expect(r.getTime() - t.getTime()).toBeLessThanOrEqual((periodDays + 1) * 86_400_000);
      }),
      { numRuns: 800 },
    );
  });

  it('is monotonic and never returns the same slot twice as t increases', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, fc.integer({ min: 1, max: 40 * 86_400_000 }), (s, t, dt) => {
        const a = nextImportCheck(s, t);
        const b = nextImportCheck(s, new Date(t.getTime() + dt));
        expect(b.getTime()).toBeGreaterThanOrEqual(a.getTime());
        // Once a slot is reached, asking from it moves on.
        expect(nextImportCheck(s, a).getTime()).toBeGreaterThan(a.getTime());
      }),
      { numRuns: 800 },
    );
  });
});
