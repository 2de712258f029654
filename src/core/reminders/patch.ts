/**
 * Applies a parsed `/pccc remind` change to the user's stored import-check schedule.
 * Separate from parsing because it needs the stored schedule and the clock.
 */
import type { SchedulePatch } from './parse';
import { anchorSchedule, validateSchedule, type ScheduleProblem } from './schedule';
import { DEFAULT_TIME_ZONE, type ImportCheckSchedule } from './types';

export const DEFAULT_CHECK_TIME = '09:00';

export type PatchErrorKind =
  | 'missing-cadence' // only a time / zone given and no schedule yet
  | 'day-needs-monthly'
  | 'weekday-needs-weekly'
  | ScheduleProblem;

export type PatchResult = { ok: true; schedule: ImportCheckSchedule } | { ok: false; error: PatchErrorKind };

/**
 * Merges `patch` into `current` (null = no schedule yet, or turned off).
 * - A weekday alone means weekly, a day of month alone means monthly (when no cadence yet).
 * - Switching between weekly and biweekly keeps the weekday; switching to or from monthly
 *   needs the new day.
 * - A biweekly schedule is (re)anchored to `now`'s week when its cadence or weekday changes,
 *   so the first reminder is the next matching weekday.
 */
export function applySchedulePatch(current: ImportCheckSchedule | null, patch: SchedulePatch, now: Date): PatchResult {
  const cadence =
    patch.cadence ??
    current?.cadence ??
    (patch.weekday !== undefined ? 'weekly' : patch.dayOfMonth !== undefined ? 'monthly' : undefined);
  if (!cadence) return { ok: false, error: 'missing-cadence' };
  const monthly = cadence === 'monthly';
  if (monthly && patch.weekday !== undefined) return { ok: false, error: 'weekday-needs-weekly' };
  if (!monthly && patch.dayOfMonth !== undefined) return { ok: false, error: 'day-needs-monthly' };

  const wasMonthly = current?.cadence === 'monthly';
  const next: ImportCheckSchedule = {
    cadence,
    time: patch.time ?? current?.time ?? DEFAULT_CHECK_TIME,
    timeZone: patch.timeZone ?? current?.timeZone ?? DEFAULT_TIME_ZONE,
  };
  if (monthly) {
    const day = patch.dayOfMonth ?? (wasMonthly ? current?.dayOfMonth : undefined);
    if (day !== undefined) next.dayOfMonth = day;
  } else {
    const weekday = patch.weekday ?? (current && !wasMonthly ? current.weekday : undefined);
    if (weekday !== undefined) next.weekday = weekday;
    const keepAnchor =
      cadence === 'biweekly' && current?.cadence === 'biweekly' && current.weekday === next.weekday && current.anchor;
    if (keepAnchor) next.anchor = current!.anchor;
  }
  const v = validateSchedule(next);
  if (!v.ok) return { ok: false, error: v.problem };
  return { ok: true, schedule: anchorSchedule(v.schedule, now) };
}
