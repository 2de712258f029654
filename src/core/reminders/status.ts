/** `/pccc remind` (show), `help`, and the confirmation after a change. */
import type { ExpiryNote } from './expiry';
import { DEFAULT_RENEWAL_TIME, nextRenewalSlot } from './expiry';
import { dateTime, describeSchedule, isoDateText } from './format';
import { canonicalTimeZone } from './localTime';
import type { RemindNote } from './parse';
import { nextImportCheck } from './schedule';
import { type ReminderTextKey, rt } from './text';
import { DEFAULT_TIME_ZONE, type ImportCheckSchedule, type Lang } from './types';

export interface RemindState {
  /** Active import-check schedule, or null when off. */
  checks: ImportCheckSchedule | null;
  /** Stored expiry (YYYY-MM-DD), or null when renewal reminders are off / unknown. */
  expiry: string | null;
  /** The user's zone for renewal reminders (defaults to the checks' zone, then Asia/Seoul). */
  timeZone?: string;
  /** A pending snooze replaces the next import-check time. */
  snoozedUntil?: Date | null;
}

const OFFSET_LABEL: Record<number, ReminderTextKey> = {
  [-30]: 'offsetOpens',
  [-7]: 'offsetWeek',
  0: 'offsetExpiry',
  25: 'offsetLast',
};

/** The schedule and next due times, as of `now` (the database clock). */
export function remindStatusMessage(lang: Lang, state: RemindState, now: Date): string {
  const zone = canonicalTimeZone(state.timeZone ?? state.checks?.timeZone ?? DEFAULT_TIME_ZONE) ?? DEFAULT_TIME_ZONE;
  const lines = [rt(lang, 'statusTitle')];

  if (state.checks) {
    const next =
      state.snoozedUntil && state.snoozedUntil.getTime() > now.getTime()
        ? state.snoozedUntil
        : nextImportCheck(state.checks, now);
    lines.push(
      rt(lang, 'statusChecksOn', {
        schedule: describeSchedule(state.checks, lang),
        next: dateTime(next, state.checks.timeZone, lang),
      }),
    );
  } else {
    lines.push(rt(lang, 'statusChecksOff'));
  }

  if (state.expiry) {
    const slot = nextRenewalSlot(state.expiry, zone, now, DEFAULT_RENEWAL_TIME);
    const next = slot
      ? `${dateTime(slot.at, zone, lang)} (${rt(lang, OFFSET_LABEL[slot.offset]!)})`
      : rt(lang, 'statusNoneLeft');
    lines.push(rt(lang, 'statusRenewalOn', { expiry: isoDateText(state.expiry, lang), next }));
  } else {
    lines.push(rt(lang, 'statusRenewalOff'));
  }
  lines.push(rt(lang, 'statusChange'));
  return lines.join('\n');
}

const NOTE: Record<RemindNote | ExpiryNote, ReminderTextKey> = {
  'day-fallback': 'noteDayFallback',
  feb29: 'noteFeb29',
  'window-open': 'noteWindowOpen',
  grace: 'noteGrace',
};

/** One plain sentence per note, for the confirmation after a change. */
export function noteText(note: RemindNote | ExpiryNote, lang: Lang): string {
  return rt(lang, NOTE[note]);
}

/** "Saved." + what changed needs saying + the resulting status. */
export function remindSavedMessage(
  lang: Lang,
  state: RemindState,
  now: Date,
  notes: (RemindNote | ExpiryNote)[] = [],
): string {
  return [rt(lang, 'saved'), ...notes.map((n) => noteText(n, lang)), remindStatusMessage(lang, state, now)].join('\n');
}

export function remindHelpMessage(lang: Lang): string {
  return rt(lang, 'help');
}
