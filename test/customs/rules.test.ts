// Pure rules: new steps, backoff, end of tracking, argument splitting, the B/L year window.
import { describe, expect, it } from 'vitest';
import {
  checkYear,
  FIRST_INTERVAL_MIN,
  MAX_INTERVAL_MIN,
  newSteps,
  nextInterval,
  nextPollAt,
  splitTrackArgs,
  stepKey,
  trackingEnds,
} from '../../src/core/customs';

describe('parcel polling rules', () => {
  const s = (name: string, iso: string) => ({ name, at: new Date(iso) });

  it('new steps are the unseen ones, oldest first; the same name at another time is new', () => {
    const steps = [
      s('반입신고', '2026-11-26T00:00:00Z'),
      s('하기신고 수리', '2026-11-25T00:00:00Z'),
      s('반입신고', '2026-11-24T00:00:00Z'),
    ];
    const seen = [stepKey(steps[2]!)];
    expect(newSteps({ cargMtNo: 'C', steps, released: false }, seen).map((x) => x.at!.toISOString())).toEqual([
      '2026-11-25T00:00:00.000Z',
      '2026-11-26T00:00:00.000Z',
    ]);
    expect(stepKey({ name: '입항보고 제출', atText: 'soon' })).toBe('입항보고제출|soon');
  });

  it('backoff doubles from 15 minutes to 6 hours, and resets on change', () => {
    const seq = [FIRST_INTERVAL_MIN];
    for (let i = 0; i < 7; i++) seq.push(nextInterval(seq.at(-1)!, false));
    expect(seq).toEqual([15, 30, 60, 120, 240, 360, 360, 360]);
    expect(nextInterval(MAX_INTERVAL_MIN, true)).toBe(15);
  });

  it('never schedules past the end of tracking', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    expect(trackingEnds(created).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    const late = new Date(trackingEnds(created).getTime() - 60 * 60_000);
    expect(nextPollAt(late, 360, created)).toEqual(trackingEnds(created));
  });
});

describe('track arguments', () => {
  it.each([
    ['612345678901', { bl: '612345678901', year: '' }],
    ['612345678901 2025', { bl: '612345678901', year: '2025' }],
    ['612345678901 abc', { bl: '612345678901', year: 'abc' }],
    ['6123 4567 8901', { bl: '612345678901', year: '' }],
    ['6123 4567 8901 2025', { bl: '612345678901', year: '2025' }],
  ])('%s', (args, want) => expect(splitTrackArgs(args)).toEqual(want));

  it.each([
    ['', { ok: true, year: 2026, explicit: false }],
    ['2026', { ok: true, year: 2026, explicit: true }],
    ['２０２５년', { ok: true, year: 2025, explicit: true }],
    ['2023', { ok: true, year: 2023, explicit: true }],
    ['2022', { ok: false }],
    ['2027', { ok: false }],
    ['1999', { ok: false }],
    ['26', { ok: false }],
    ['abc', { ok: false }],
  ])('year %j', (text, want) => expect(checkYear(text, 2026)).toEqual(want));
});
