import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  computeExpiry,
  dueRenewalSlot,
  nextRenewalSlot,
  RENEWAL_OFFSETS_DAYS,
  renewalSlots,
} from '../../../src/core/reminders';

const TODAY = '2026-06-01';
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-LL-dd HH:mm');

describe('computeExpiry', () => {
  it('a code issued or renewed in 2026+ expires one year later', () => {
    expect(computeExpiry({ issuedOn: '2026-03-15' }, TODAY)).toEqual({ ok: true, expiry: '2027-03-15', notes: [] });
    expect(computeExpiry({ issuedOn: '2026-06-01' }, TODAY)).toEqual({ ok: true, expiry: '2027-06-01', notes: [] });
  });

  it('issued on 29 February → 28 February next year, and says so', () => {
    expect(computeExpiry({ issuedOn: '2028-02-29' }, '2028-03-01')).toEqual({
      ok: true,
      expiry: '2029-02-28',
      notes: ['feb29'],
    });
  });

  it('a pre-2026 code expires on the 2027 birthday; a 29 February birthday → 2027-02-28', () => {
    expect(computeExpiry({ birthMonth: 7, birthDay: 14 }, TODAY)).toEqual({
      ok: true,
      expiry: '2027-07-14',
      notes: [],
    });
    expect(computeExpiry({ birthMonth: 2, birthDay: 29 }, TODAY)).toEqual({
      ok: true,
      expiry: '2027-02-28',
      notes: ['feb29'],
    });
    expect(computeExpiry({ birthMonth: 1, birthDay: 1 }, TODAY)).toEqual({ ok: true, expiry: '2027-01-01', notes: [] });
  });

  it('rejects impossible dates and birthdays', () => {
    expect(computeExpiry({ issuedOn: '2026-02-30' }, TODAY)).toMatchObject({ ok: false, error: 'bad-date' });
    expect(computeExpiry({ issuedOn: '2026-13-01' }, TODAY)).toMatchObject({ ok: false, error: 'bad-date' });
    expect(computeExpiry({ issuedOn: 'next tuesday' }, TODAY)).toMatchObject({ ok: false, error: 'bad-date' });
    expect(computeExpiry({ birthMonth: 13, birthDay: 1 }, TODAY)).toMatchObject({ ok: false, error: 'bad-birthday' });
    expect(computeExpiry({ birthMonth: 2, birthDay: 30 }, TODAY)).toMatchObject({ ok: false, error: 'bad-birthday' });
    expect(computeExpiry({ birthMonth: 4, birthDay: 31 }, TODAY)).toMatchObject({ ok: false, error: 'bad-birthday' });
    expect(computeExpiry({ birthMonth: 0, birthDay: 0 }, TODAY)).toMatchObject({ ok: false, error: 'bad-birthday' });
  });

  it('rejects a future issue date', () => {
    expect(computeExpiry({ issuedOn: '2026-06-02' }, TODAY)).toEqual({
      ok: false,
      error: 'future-date',
      detail: '2026-06-02',
    });
  });

  it('sends a pre-2026 issue date to the birthday form', () => {
    expect(computeExpiry({ issuedOn: '2025-12-31' }, TODAY)).toEqual({
      ok: false,
      error: 'before-2026',
      detail: '2025-12-31',
    });
  });

  it('takes a known expiry date, but none before 2027 or beyond a year from today', () => {
    expect(computeExpiry({ expiresOn: '2027-03-15' }, TODAY)).toEqual({ ok: true, expiry: '2027-03-15', notes: [] });
    expect(computeExpiry({ expiresOn: '2026-03-15' }, TODAY)).toEqual({
      ok: false,
      error: 'expiry-too-early',
      detail: '2026-03-15',
    });
    expect(computeExpiry({ expiresOn: '2027-12-31' }, TODAY)).toMatchObject({ ok: true }); // a pre-2026 code's birthday
    expect(computeExpiry({ expiresOn: '2028-01-01' }, TODAY)).toMatchObject({ ok: false, error: 'expiry-too-late' });
  });

  it('notes an open renewal window, a passed expiry within the grace period, and refuses a lapsed one', () => {
    expect(computeExpiry({ birthMonth: 7, birthDay: 14 }, '2027-07-01')).toEqual({
      ok: true,
      expiry: '2027-07-14',
      notes: ['window-open'],
    });
    expect(computeExpiry({ birthMonth: 7, birthDay: 14 }, '2027-08-13')).toEqual({
      ok: true,
      expiry: '2027-07-14',
      notes: ['grace'],
    });
    expect(computeExpiry({ birthMonth: 7, birthDay: 14 }, '2027-08-14')).toEqual({
      ok: false,
      error: 'lapsed',
      detail: '2027-07-14',
    });
  });

  it('never throws for odd user input; a malformed `today` is a caller bug', () => {
    expect(computeExpiry({} as never, TODAY)).toMatchObject({ ok: false });
    expect(computeExpiry({ birthMonth: Number.NaN, birthDay: 3 }, TODAY)).toMatchObject({
      ok: false,
      error: 'bad-birthday',
    });
    expect(() => computeExpiry({ issuedOn: '2026-03-15' }, 'today')).toThrow(RangeError);
  });
});

describe('renewal slots', () => {
  it('are −30, −7, 0 and +25 days at 10:00 local by default', () => {
    expect(RENEWAL_OFFSETS_DAYS).toEqual([-30, -7, 0, 25]);
    const slots = renewalSlots('2027-03-15', 'Asia/Seoul');
    expect(slots.map((s) => [s.offset, local(s.at, 'Asia/Seoul')])).toEqual([
      [-30, '2027-02-13 10:00'],
      [-7, '2027-03-08 10:00'],
      [0, '2027-03-15 10:00'],
      [25, '2027-04-09 10:00'],
    ]);
    expect(slots[2]!.at.toISOString()).toBe('2027-03-15T01:00:00.000Z');
  });

  it('count calendar days across a leap day and a DST change', () => {
    const ny = renewalSlots('2028-03-20', 'America/New_York', '09:30');
    expect(ny.map((s) => local(s.at, 'America/New_York'))).toEqual([
      '2028-02-19 09:30',
      '2028-03-13 09:30',
      '2028-03-20 09:30',
      '2028-04-14 09:30',
    ]);
    expect(ny[0]!.at.toISOString()).toBe('2028-02-19T14:30:00.000Z'); // EST
    expect(ny[2]!.at.toISOString()).toBe('2028-03-20T13:30:00.000Z'); // EDT
  });

  it('nextRenewalSlot finds the next one, strictly after, and null when all have passed', () => {
    const after = new Date('2027-03-08T01:00:00Z'); // exactly the −7 slot
    expect(nextRenewalSlot('2027-03-15', 'Asia/Seoul', after)).toMatchObject({ offset: 0 });
    expect(nextRenewalSlot('2027-03-15', 'Asia/Seoul', new Date('2027-01-01T00:00:00Z'))).toMatchObject({
      offset: -30,
    });
    expect(nextRenewalSlot('2027-03-15', 'Asia/Seoul', new Date('2027-04-09T01:00:00Z'))).toBeNull();
  });

  it('after downtime only the newest due renewal slot is sent, once', () => {
    const last = new Date('2027-02-13T01:00:00Z'); // −30 delivered
    const r = dueRenewalSlot('2027-03-15', 'Asia/Seoul', last, new Date('2027-03-20T00:00:00Z'));
    expect(r.due?.offset).toBe(0);
    expect(r.skipped).toBe(1); // the −7 one is folded in
    expect(r.next?.offset).toBe(25);
    // Clock backwards: nothing due, and the next is after the last delivered slot.
    const back = dueRenewalSlot('2027-03-15', 'Asia/Seoul', r.due!.at, new Date('2027-03-01T00:00:00Z'));
    expect(back.due).toBeNull();
    expect(back.next?.offset).toBe(25);
  });

  it('throw a RangeError for a malformed stored value (a caller bug)', () => {
    expect(() => renewalSlots('2027-02-30', 'Asia/Seoul')).toThrow(RangeError);
    expect(() => renewalSlots('2027-03-15', 'Nowhere/City')).toThrow(RangeError);
    expect(() => renewalSlots('2027-03-15', 'Asia/Seoul', '24:00')).toThrow(RangeError);
  });
});
