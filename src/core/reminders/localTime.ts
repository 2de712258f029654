/**
 * Local wall time ↔ instant, with explicit DST rules (luxon alone picks the *second*
 * occurrence of an ambiguous time, and shifts a missing time by the gap's length; we want
 * the first occurrence and the first valid instant after a gap).
 */
import { DateTime, IANAZone } from 'luxon';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The canonical spelling of an IANA zone ('asia/seoul' → 'Asia/Seoul'), or null if unknown. */
const canonicalCache = new Map<string, string | null>();

export function canonicalTimeZone(name: string): string | null {
  if (typeof name !== 'string') return null;
  const hit = canonicalCache.get(name);
  if (hit !== undefined) return hit;
  const found = lookupTimeZone(name);
  // Bounded: input comes from users; only remember a modest number of spellings.
  if (canonicalCache.size < 1000) canonicalCache.set(name, found);
  return found;
}

function lookupTimeZone(name: string): string | null {
  const trimmed = name.trim();
  // Offsets like '+09:00' are valid Intl zones but not IANA names; a reminder needs DST rules.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(trimmed)) return null;
  if (!IANAZone.isValidZone(trimmed)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isValidTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

/** 'HH:MM' (00:00–23:59) → minutes, or null. */
export function parseClock(time: string): { hour: number; minute: number } | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Strict 'YYYY-MM-DD' → date parts, or null for malformed or impossible dates (Feb 30, month 13). */
export function parseIsoDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function formatIsoDate(d: LocalDate): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.year, 4)}-${p(d.month)}-${p(d.day)}`;
}

/** Calendar arithmetic on plain dates (no zone involved). */
export function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + days * DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY);
}

/** ISO weekday (Mon = 1 … Sun = 7) of a plain date. */
export function isoWeekday(d: LocalDate): number {
  const w = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(at: Date, timeZone: string): LocalDate {
  const dt = DateTime.fromMillis(at.getTime(), { zone: timeZone });
  return { year: dt.year, month: dt.month, day: dt.day };
}

export function localIsoDate(at: Date, timeZone: string): string {
  return formatIsoDate(localDateOf(at, timeZone));
}

const zoneCache = new Map<string, IANAZone>();
function zoneOf(timeZone: string): IANAZone {
  let z = zoneCache.get(timeZone);
  if (!z) {
    z = IANAZone.create(timeZone);
    if (!z.isValid) throw new RangeError(`unknown time zone: ${timeZone}`);
    zoneCache.set(timeZone, z);
  }
  return z;
}

/**
 * The instant at which the wall clock in `timeZone` shows date `d` at hour:minute.
 * - Ambiguous (clocks fall back, the time happens twice): the first occurrence.
 * - Missing (clocks spring forward over it): the first valid instant after the gap, i.e.
 *   the transition itself (New York 2026-03-08 02:30 → 03:00 EDT).
 */
export function resolveLocalTime(d: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const zone = zoneOf(timeZone);
  // The wall time read as if it were UTC; the real instant is wall − offset.
  const wall = Date.UTC(d.year, d.month - 1, d.day, hour, minute);
  const offsets = new Set([zone.offset(wall - 2 * DAY), zone.offset(wall), zone.offset(wall + 2 * DAY)]);
  let best: number | null = null;
  for (const o of offsets) {
    const t = wall - o * MINUTE;
    if (zone.offset(t) === o && (best === null || t < best)) best = t;
  }
  if (best !== null) return new Date(best);

  // A gap: the earliest candidate lies before the transition, the latest after it.
  const candidates = [...offsets].map((o) => wall - o * MINUTE);
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  const before = zone.offset(lo);
  // Binary search for the first millisecond whose offset differs from `before`.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** Wall-clock parts of an instant in a zone (for messages and checks). */
export function localParts(at: Date, timeZone: string): DateTime {
  return DateTime.fromMillis(at.getTime(), { zone: timeZone });
}
