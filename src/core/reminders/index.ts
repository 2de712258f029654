/**
 * Reminders: pure logic (no database, no cron, no platform). The durable dispatcher builds on it:
 *
 * Stored per user: the validated `ImportCheckSchedule` (or null), `lastSlot` (the newest slot
 * already delivered, or the time the schedule was set), `nextDue`; the expiry date (never
 * the birthday or issue date) and the last renewal slot delivered.
 *
 * On each tick, with `now` from the database clock:
 *   const { slots, count, next } = missedSlots(schedule, lastSlot, now)
 *   if (count > 0) send importCheckMessage(lang, { slotsFor: slots, count, timeZone, now })
 *   store lastSlot = slots.at(-1) ?? lastSlot, nextDue = next            // once, coalesced
 *   const r = dueRenewalSlot(expiry, timeZone, lastRenewalSlot, now)
 *   if (r.due) send renewalMessage(lang, { expiry, offset: r.due.offset }); store r.due.at
 * The clock going backwards never re-delivers: `missedSlots` returns nothing and a `next`
 * after `lastSlot`.
 *
 * Buttons: REMINDER_BUTTONS ids. 'remind.snooze' → snoozeUntil(now, tz); 'remind.notmine' →
 * theftGuide + theftFollowUp at theftFollowUpAt(now, tz); 'renewal.done' → ask for the
 * renewal date (computeExpiry({ issuedOn }, today)).
 *
 * `/pccc remind <args>`: parseRemindArgs(args) → 'show' | 'help' | 'off' | 'set' | error.
 *   set.checks → applySchedulePatch(current, patch, now); set.expiry → computeExpiry(input, today)
 *   where today = localIsoDate(now, tz). Errors → remindErrorMessage(kind, lang, detail).
 *   Confirmation → remindSavedMessage(lang, state, now, [...parsed.notes, ...expiry.notes]).
 *
 * Public API (signatures):
 *   validateSchedule(s): { ok: true; schedule } | { ok: false; problem }
 *   nextImportCheck(s, after: Date): Date                        strictly after `after`
 *   missedSlots(s, lastSlot: Date | null, now: Date, cap = 12): { slots; count; next }
 *   anchorSchedule(s, now), snoozeUntil(now, tz), theftFollowUpAt(now, tz), laterSameLocalTime(at, days, tz)
 *   computeExpiry(input: ExpiryInput, today: 'YYYY-MM-DD'): ExpiryResult
 *     ExpiryInput = { issuedOn } | { birthMonth; birthDay } | { expiresOn }   (today added: the
 *     "no future issue date" and "lapsed" checks need a clock, and this module reads none)
 *   RENEWAL_OFFSETS_DAYS = [-30, -7, 0, 25]
 *   renewalSlots(expiry, tz, time = '10:00'): { offset; at }[]
 *   nextRenewalSlot(expiry, tz, after, time = '10:00'): { offset; at } | null
 *   dueRenewalSlot(expiry, tz, lastSlot, now, time = '10:00'): { due; skipped; next }
 *   parseRemindArgs(text): ParsedRemind | RemindParseError          never throws; input holding a
 *     customs code or phone number is refused ('looks-secret') and never echoed in `detail`
 *   applySchedulePatch(current, patch, now): { ok: true; schedule } | { ok: false; error }
 *   describeSchedule(s, lang), remindStatusMessage(lang, state, now), remindHelpMessage(lang),
 *   remindSavedMessage(lang, state, now, notes), noteText(note, lang), remindErrorMessage(kind, lang, detail)
 *   importCheckMessage(lang, { slotsFor; timeZone; count?; now? }), renewalMessage(lang, { expiry; offset }),
 *   theftGuide(lang), theftFollowUp(lang), reminderAck(lang, what, opts)   → ReminderMessage
 * `nextImportCheck`/`missedSlots` throw InvalidScheduleError only for a schedule that
 * `validateSchedule` rejects (store only validated schedules); renewal functions throw
 * RangeError only for a malformed stored expiry/zone/time.
 */
export * from './types';
export {
  canonicalTimeZone,
  isValidTimeZone,
  localIsoDate,
  resolveLocalTime,
} from './localTime';
export * from './schedule';
export * from './expiry';
export * from './parse';
export * from './patch';
export { describeSchedule, dateTime, shortDate, weekdayName, isoDateText } from './format';
export {
  UNIPASS_PERSONAL_URL,
  REMINDER_BUTTONS,
  importCheckMessage,
  renewalMessage,
  theftGuide,
  theftFollowUp,
  reminderAck,
} from './messages';
export * from './errors';
export * from './status';
