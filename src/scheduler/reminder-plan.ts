// What a claimed reminder row needs now: a message for one (coalesced) slot, or only a new
// due time. Pure: `now` is the database clock the claim returned (or a test's fake now).
import {
  dueRenewalSlot,
  importCheckMessage,
  missedSlots,
  renewalMessage,
  validateSchedule,
  type ImportCheckSchedule,
  type ReminderMessage,
} from '../core/reminders';
import type { Lang, Reply } from '../core/types';
import { scrubReply } from '../core/scrub';

export interface ClaimedReminder {
  id: number;
  userId: string;
  kind: 'checks' | 'renewal';
  schedule: ImportCheckSchedule | null;
  expiresOn: string | null;
  timeZone: string;
  lang: Lang;
  lastSlot: Date | null;
  snoozedUntil: Date | null;
  oldDue: Date;
  version: number;
  attempts: number;
  platform: string;
  platformUserId: string;
}

export type Plan =
  | { send: Reply; slot: Date; lastSlot: Date; nextDue: Date | null; clearSnooze: boolean }
  | { send: null; lastSlot: Date; nextDue: Date | null; clearSnooze: boolean }
  | { invalid: string };

export function toReply(m: ReminderMessage): Reply {
  // Reminder DMs skip the bot's last-line scrub, so they get their own.
  return scrubReply({
    visibility: 'dm',
    title: m.title,
    text: `${m.title}\n${m.text}`,
    buttons: m.buttons,
    links: m.links,
  });
}

export function planReminder(r: ClaimedReminder, now: Date): Plan {
  try {
    return r.kind === 'checks' ? planChecks(r, now) : planRenewal(r, now);
  } catch (err) {
    return { invalid: err instanceof Error ? err.name : 'error' };
  }
}

function planChecks(r: ClaimedReminder, now: Date): Plan {
  const v = r.schedule ? validateSchedule(r.schedule) : null;
  if (!v?.ok) return { invalid: v ? v.problem : 'no-schedule' };
  const schedule = v.schedule;
  // A snooze still ahead (the row came back early, e.g. a released claim): wait for it.
  if (r.snoozedUntil && r.snoozedUntil.getTime() > now.getTime()) {
    return { send: null, lastSlot: r.lastSlot ?? now, nextDue: r.snoozedUntil, clearSnooze: false };
  }
  const missed = missedSlots(schedule, r.lastSlot ?? now, now);
  const lastSlot = missed.slots.at(-1) ?? r.lastSlot ?? now;
  if (r.snoozedUntil) {
    // The snoozed check, with any slots that fell inside the snooze folded in.
    const send = toReply(
      importCheckMessage(r.lang, { slotsFor: missed.slots, count: missed.count, timeZone: schedule.timeZone, now }),
    );
    return { send, slot: r.snoozedUntil, lastSlot, nextDue: missed.next, clearSnooze: true };
  }
  if (missed.count === 0) return { send: null, lastSlot, nextDue: missed.next, clearSnooze: false };
  const send = toReply(
    importCheckMessage(r.lang, { slotsFor: missed.slots, count: missed.count, timeZone: schedule.timeZone, now }),
  );
  return { send, slot: lastSlot, lastSlot, nextDue: missed.next, clearSnooze: false };
}

function planRenewal(r: ClaimedReminder, now: Date): Plan {
  if (!r.expiresOn) return { invalid: 'no-expiry' };
  const d = dueRenewalSlot(r.expiresOn, r.timeZone, r.lastSlot ?? now, now);
  const nextDue = d.next?.at ?? null;
  if (!d.due) return { send: null, lastSlot: r.lastSlot ?? now, nextDue, clearSnooze: false };
  const send = toReply(renewalMessage(r.lang, { expiry: r.expiresOn, offset: d.due.offset }));
  return { send, slot: d.due.at, lastSlot: d.due.at, nextDue, clearSnooze: false };
}
