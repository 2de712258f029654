/**
 * Code validity (KCS notice revised 2025-06-18, see docs/domain.md): codes are valid one
 * year. Issued/renewed in 2026 or later → expiry one year later; issued before 2026 → first
 * expiry on the holder's birthday in 2027. Not renewed within 30 days before/after expiry →
 * cancelled automatically. Only the computed expiry date is stored, never the birthday.
 */
import {
  addDays,
  canonicalTimeZone,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  parseClock,
  parseIsoDate,
  resolveLocalTime,
  type LocalDate,
} from './localTime';

/** First day on which the one-year validity applies to new codes. */
export const VALIDITY_START = '2026-01-01';
/** Pre-2026 codes first expire on the holder's birthday in this year. */
export const LEGACY_EXPIRY_YEAR = 2027;
/** Renewal is accepted this many days before and after expiry; after that the code is cancelled. */
export const RENEWAL_WINDOW_DAYS = 30;

export type ExpiryInput =
  /** The date the code was issued, renewed, reissued or its details changed (2026 or later). */
  | { issuedOn: string }
  /** A code issued before 2026: the holder's month and day of birth. */
  | { birthMonth: number; birthDay: number }
  /** The expiry date itself, if the user already knows it. */
  | { expiresOn: string };

export type ExpiryErrorKind =
  | 'bad-date' // malformed or impossible date (Feb 30, month 13)
  | 'future-date' // an issue date after today
  | 'before-2026' // an issue date before 2026: the birthday form applies
  | 'bad-birthday' // impossible month/day of birth
  | 'expiry-too-early' // no code expires before 2027-01-01 (probably an issue date)
  | 'expiry-too-late' // further away than any code's validity
  | 'lapsed'; // more than 30 days past expiry: likely cancelled already

/**
 * - 'feb29': 29 February has no counterpart next year / in 2027, so the 28th is used.
 * - 'window-open': within 30 days before expiry — renewal is possible now.
 * - 'grace': expiry has passed but renewal is still possible for a few more days.
 */
export type ExpiryNote = 'feb29' | 'window-open' | 'grace';

export type ExpiryResult =
  | { ok: true; expiry: string; notes: ExpiryNote[] }
  | { ok: false; error: ExpiryErrorKind; detail?: string };

function sameDayInYear(year: number, month: number, day: number): { date: LocalDate; shifted: boolean } {
  const dim = daysInMonth(year, month);
  return { date: { year, month, day: Math.min(day, dim) }, shifted: day > dim };
}

/**
 * Computes (and sanity-checks) a code's expiry date. `today` is the user's local date
 * (YYYY-MM-DD), passed in so this stays pure; a malformed `today` is a caller bug (RangeError).
 */
export function computeExpiry(input: ExpiryInput, today: string): ExpiryResult {
  const now = parseIsoDate(today);
  if (!now) throw new RangeError('computeExpiry: today must be YYYY-MM-DD');
  const notes: ExpiryNote[] = [];
  let expiry: LocalDate;

  if (input && 'issuedOn' in input) {
    const issued = typeof input.issuedOn === 'string' ? parseIsoDate(input.issuedOn.trim()) : null;
    if (!issued) return { ok: false, error: 'bad-date', detail: String(input.issuedOn) };
    const iso = formatIsoDate(issued);
    if (iso < VALIDITY_START) return { ok: false, error: 'before-2026', detail: iso };
    if (iso > today) return { ok: false, error: 'future-date', detail: iso };
    const next = sameDayInYear(issued.year + 1, issued.month, issued.day);
    if (next.shifted) notes.push('feb29');
    expiry = next.date;
  } else if (input && 'birthMonth' in input) {
    const { birthMonth: m, birthDay: d } = input;
    // Validate against a leap year so 29 Feb is a real birthday.
    if (!Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > daysInMonth(2024, m)) {
      return { ok: false, error: 'bad-birthday', detail: `${m}/${d}` };
    }
    const next = sameDayInYear(LEGACY_EXPIRY_YEAR, m, d);
    if (next.shifted) notes.push('feb29');
    expiry = next.date;
  } else if (input && 'expiresOn' in input) {
    const e = typeof input.expiresOn === 'string' ? parseIsoDate(input.expiresOn.trim()) : null;
    if (!e) return { ok: false, error: 'bad-date', detail: String(input.expiresOn) };
    const iso = formatIsoDate(e);
    if (iso < `${LEGACY_EXPIRY_YEAR}-01-01`) return { ok: false, error: 'expiry-too-early', detail: iso };
    // Latest possible: a code renewed today (one year), or a pre-2026 code's 2027 birthday.
    const latest = [
      formatIsoDate(sameDayInYear(now.year + 1, now.month, now.day).date),
      `${LEGACY_EXPIRY_YEAR}-12-31`,
    ].sort()[1]!;
    if (iso > latest) return { ok: false, error: 'expiry-too-late', detail: iso };
    expiry = e;
  } else {
    return { ok: false, error: 'bad-date' };
  }

  const untilExpiry = daysBetween(now, expiry);
  if (untilExpiry < -RENEWAL_WINDOW_DAYS) return { ok: false, error: 'lapsed', detail: formatIsoDate(expiry) };
  if (untilExpiry < 0) notes.push('grace');
  else if (untilExpiry <= RENEWAL_WINDOW_DAYS) notes.push('window-open');
  return { ok: true, expiry: formatIsoDate(expiry), notes };
}

/** Renewal reminders: window opens (−30), a week before, the day, last chance before cancellation (+25). */
export const RENEWAL_OFFSETS_DAYS = [-30, -7, 0, 25] as const;
export type RenewalOffset = (typeof RENEWAL_OFFSETS_DAYS)[number];
export const DEFAULT_RENEWAL_TIME = '10:00';

export interface RenewalSlot {
  offset: RenewalOffset;
  at: Date;
}

function checkRenewalArgs(expiry: string, timeZone: string, time: string) {
  const date = parseIsoDate(expiry);
  if (!date) throw new RangeError('renewal: expiry must be YYYY-MM-DD');
  const zone = canonicalTimeZone(timeZone);
  if (!zone) throw new RangeError('renewal: unknown time zone');
  const clock = parseClock(time);
  if (!clock) throw new RangeError('renewal: time must be HH:MM');
  return { date, zone, clock };
}

/** All four renewal reminders for an expiry date, at `time` local time, oldest first. */
export function renewalSlots(expiry: string, timeZone: string, time: string = DEFAULT_RENEWAL_TIME): RenewalSlot[] {
  const { date, zone, clock } = checkRenewalArgs(expiry, timeZone, time);
  return RENEWAL_OFFSETS_DAYS.map((offset) => ({
    offset,
    at: resolveLocalTime(addDays(date, offset), clock.hour, clock.minute, zone),
  }));
}

/** The first renewal reminder strictly after `after`, or null when all four are past. */
export function nextRenewalSlot(
  expiry: string,
  timeZone: string,
  after: Date,
  time: string = DEFAULT_RENEWAL_TIME,
): RenewalSlot | null {
  return renewalSlots(expiry, timeZone, time).find((s) => s.at.getTime() > after.getTime()) ?? null;
}

/**
 * Catch-up for renewal reminders: of the slots in (lastSlot, now], only the newest is due
 * (an older "window opens" is moot once "expires today" applies); `missed` counts the rest.
 * `lastSlot` null = no baseline yet → nothing due. Clock backwards → nothing due.
 */
export function dueRenewalSlot(
  expiry: string,
  timeZone: string,
  lastSlot: Date | null,
  now: Date,
  time: string = DEFAULT_RENEWAL_TIME,
): { due: RenewalSlot | null; skipped: number; next: RenewalSlot | null } {
  const slots = renewalSlots(expiry, timeZone, time);
  const base = lastSlot === null ? now.getTime() : Math.max(lastSlot.getTime(), now.getTime());
  const next = slots.find((s) => s.at.getTime() > base) ?? null;
  if (lastSlot === null) return { due: null, skipped: 0, next };
  const inRange = slots.filter((s) => s.at.getTime() > lastSlot.getTime() && s.at.getTime() <= now.getTime());
  return { due: inRange.at(-1) ?? null, skipped: Math.max(0, inRange.length - 1), next };
}
