/**
 * Import-check schedules: validation and next-due computation. Pure: the caller passes the
 * clock (`after`, `now`) — the dispatcher uses the database clock.
 */
import {
  addDays,
  canonicalTimeZone,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  isoWeekday,
  localDateOf,
  localParts,
  parseClock,
  parseIsoDate,
  resolveLocalTime,
  type LocalDate,
} from './localTime';
import type { ImportCheckSchedule, IsoWeekday } from './types';

/** Parity epoch for biweekly schedules without an anchor (a Monday). */
export const BIWEEKLY_EPOCH = '2024-01-01';

/** How many missed slots `missedSlots` lists by default (the count stays exact). */
export const MISSED_SLOTS_CAP = 12;

export type ScheduleProblem =
  | 'bad-cadence'
  | 'missing-weekday'
  | 'bad-weekday'
  | 'missing-day'
  | 'bad-day'
  | 'bad-time'
  | 'unknown-timezone'
  | 'bad-anchor';

export type ScheduleCheck = { ok: true; schedule: ImportCheckSchedule } | { ok: false; problem: ScheduleProblem };

/**
 * Checks a schedule and returns it normalised (canonical zone name, only the fields its
 * cadence uses). Store only schedules that passed this.
 */
export function validateSchedule(s: ImportCheckSchedule): ScheduleCheck {
  if (!s || !['weekly', 'biweekly', 'monthly'].includes(s.cadence)) return { ok: false, problem: 'bad-cadence' };
  if (typeof s.time !== 'string' || !parseClock(s.time)) return { ok: false, problem: 'bad-time' };
  const timeZone = typeof s.timeZone === 'string' ? canonicalTimeZone(s.timeZone) : null;
  if (!timeZone) return { ok: false, problem: 'unknown-timezone' };
  if (s.cadence === 'monthly') {
    if (s.dayOfMonth === undefined) return { ok: false, problem: 'missing-day' };
    if (!Number.isInteger(s.dayOfMonth) || s.dayOfMonth < 1 || s.dayOfMonth > 31)
      return { ok: false, problem: 'bad-day' };
    return { ok: true, schedule: { cadence: 'monthly', dayOfMonth: s.dayOfMonth, time: s.time, timeZone } };
  }
  if (s.weekday === undefined) return { ok: false, problem: 'missing-weekday' };
  if (!Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 7) return { ok: false, problem: 'bad-weekday' };
  if (s.cadence === 'weekly')
    return { ok: true, schedule: { cadence: 'weekly', weekday: s.weekday, time: s.time, timeZone } };
  if (s.anchor !== undefined && !parseIsoDate(s.anchor)) return { ok: false, problem: 'bad-anchor' };
  const out: ImportCheckSchedule = { cadence: 'biweekly', weekday: s.weekday, time: s.time, timeZone };
  if (s.anchor !== undefined) out.anchor = s.anchor;
  return { ok: true, schedule: out };
}

/** Thrown only for a schedule that fails `validateSchedule` or an invalid Date: a caller bug. */
export class InvalidScheduleError extends RangeError {
  constructor(readonly problem: ScheduleProblem | 'bad-instant') {
    super(`invalid import-check schedule: ${problem}`);
    this.name = 'InvalidScheduleError';
  }
}

function checked(s: ImportCheckSchedule): ImportCheckSchedule {
  const v = validateSchedule(s);
  if (!v.ok) throw new InvalidScheduleError(v.problem);
  return v.schedule;
}

function checkInstant(d: Date): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new InvalidScheduleError('bad-instant');
}

/**
 * Fixes the parity of a biweekly schedule to the week of `now` (the user's local date), so
 * "biweekly fri" chosen on a Wednesday first fires that Friday. Other cadences unchanged.
 */
export function anchorSchedule(s: ImportCheckSchedule, now: Date): ImportCheckSchedule {
  if (s.cadence !== 'biweekly' || s.anchor) return s;
  return { ...s, anchor: formatIsoDate(localDateOf(now, s.timeZone)) };
}

/** The local date a biweekly series starts on: the first matching weekday on or after the anchor. */
function biweeklyStart(s: ImportCheckSchedule): LocalDate {
  const anchor = parseIsoDate(s.anchor ?? BIWEEKLY_EPOCH)!;
  return addDays(anchor, (((s.weekday! - isoWeekday(anchor)) % 7) + 7) % 7);
}

/** The slot's local date for each candidate, in order, starting near `from`. */
function* candidateDates(s: ImportCheckSchedule, from: LocalDate): Generator<LocalDate> {
  if (s.cadence === 'monthly') {
    let { year, month } = from;
    for (;;) {
      yield { year, month, day: Math.min(s.dayOfMonth!, daysInMonth(year, month)) };
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
  }
  const step = s.cadence === 'weekly' ? 7 : 14;
  let first: LocalDate;
  if (s.cadence === 'weekly') {
    first = addDays(from, (((s.weekday! - isoWeekday(from)) % 7) + 7) % 7);
  } else {
    const start = biweeklyStart(s);
    const gap = daysBetween(start, from);
    first = gap <= 0 ? start : addDays(start, Math.ceil(gap / 14) * 14);
  }
  for (let d = first; ; d = addDays(d, step)) yield d;
}

/**
 * The first slot strictly after `after`, in the schedule's own time zone.
 * - Monthly on the 29th–31st: the month's last day when the month is shorter (31 → 28 Feb,
 *   or 29 Feb in leap years).
 * - A local time skipped by a DST change: the first valid instant after the gap.
 * - A local time that happens twice: the first occurrence (each date yields one slot).
 * Monotonic in `after`, and never returns the same slot twice for increasing `after`.
 * Throws `InvalidScheduleError` only for a schedule that `validateSchedule` rejects.
 */
export function nextImportCheck(s: ImportCheckSchedule, after: Date): Date {
  const sched = checked(s);
  checkInstant(after);
  return nextSlot(sched, after);
}

/** `nextImportCheck` for an already validated schedule (no re-validation in loops). */
function nextSlot(sched: ImportCheckSchedule, after: Date): Date {
  const { hour, minute } = parseClock(sched.time)!;
  // Start a day early: near midnight a slot on the previous local date can still be ahead.
  const from = addDays(localDateOf(after, sched.timeZone), -1);
  for (const d of candidateDates(sched, from)) {
    const at = resolveLocalTime(d, hour, minute, sched.timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

export interface MissedSlots {
  /** The most recent missed slots, oldest first, at most `cap` of them. */
  slots: Date[];
  /** How many slots were missed in total (may exceed `slots.length`). */
  count: number;
  /** The next slot strictly after both `now` and `lastSlot`. */
  next: Date;
}

/**
 * Catch-up after downtime: every slot in (lastSlot, now]. The dispatcher delivers them as ONE
 * message naming the dates (see `importCheckMessage`), then stores the newest as `lastSlot`
 * and `next` as the next due time.
 * - `lastSlot` null (nothing delivered yet, no baseline): nothing is missed.
 * - Clock went backwards (`now` < `lastSlot`): nothing is missed and `next` is after
 *   `lastSlot`, so a slot already delivered is never delivered again.
 */
export function missedSlots(
  s: ImportCheckSchedule,
  lastSlot: Date | null,
  now: Date,
  cap: number = MISSED_SLOTS_CAP,
): MissedSlots {
  const sched = checked(s);
  checkInstant(now);
  if (lastSlot !== null) checkInstant(lastSlot);
  const keep = Math.max(0, Math.floor(cap));
  if (lastSlot === null || now.getTime() <= lastSlot.getTime()) {
    const base = lastSlot !== null && lastSlot.getTime() > now.getTime() ? lastSlot : now;
    return { slots: [], count: 0, next: nextSlot(sched, base) };
  }
  const slots: Date[] = [];
  let count = 0;
  let t = nextSlot(sched, lastSlot);
  while (t.getTime() <= now.getTime()) {
    count += 1;
    slots.push(t);
    if (slots.length > keep) slots.shift();
    t = nextSlot(sched, t);
  }
  return { slots, count, next: t };
}

/**
 * Same local wall time `days` later (a snooze of a week, the theft follow-up 3 days later),
 * with the same DST rules as the schedules.
 */
export function laterSameLocalTime(at: Date, days: number, timeZone: string): Date {
  checkInstant(at);
  const zone = canonicalTimeZone(timeZone);
  if (!zone) throw new InvalidScheduleError('unknown-timezone');
  const local = localParts(at, zone);
  return resolveLocalTime(
    addDays({ year: local.year, month: local.month, day: local.day }, days),
    local.hour,
    local.minute,
    zone,
  );
}

export const SNOOZE_DAYS = 7;
export const THEFT_FOLLOW_UP_DAYS = 3;

/** When a snoozed import check comes back ("Snooze a week"). */
export function snoozeUntil(now: Date, timeZone: string): Date {
  return laterSameLocalTime(now, SNOOZE_DAYS, timeZone);
}

/** When to ask whether the theft steps are done. */
export function theftFollowUpAt(now: Date, timeZone: string): Date {
  return laterSameLocalTime(now, THEFT_FOLLOW_UP_DAYS, timeZone);
}

export type { IsoWeekday };
