/**
 * The reminder messages, put together from text.json (Korean and English side by side). Facts
 * only from docs/domain.md; where the exact renewal menu is not documented, the text says so and
 * points to the official page.
 */
import { RENEWAL_WINDOW_DAYS } from './expiry';
import { dayCount, isoDateText, shortDate } from './format';
import { addDays, formatIsoDate, parseIsoDate } from './localTime';
import { rt } from './text';
import type { Lang, ReminderMessage } from './types';

export const UNIPASS_PERSONAL_URL = 'https://unipass.customs.go.kr/csp/persIndex.do';

/** Button ids the adapters send back; the dispatcher/bot routes on them. */
export const REMINDER_BUTTONS = {
  mine: 'remind.mine',
  notMine: 'remind.notmine',
  snooze: 'remind.snooze',
  stop: 'remind.stop',
  renewalDone: 'renewal.done',
  renewalStop: 'renewal.stop',
  theftDone: 'theft.done',
  theftNotYet: 'theft.notyet',
} as const;

const UNIPASS_LINK = (lang: Lang) => ({ label: rt(lang, 'unipassLink'), url: UNIPASS_PERSONAL_URL });

/** What the step lists need: the official page and the call centre line (one wording for all). */
const common = (lang: Lang) => ({ url: UNIPASS_PERSONAL_URL, callCentre: rt(lang, 'callCentre') });

/** A coalesced catch-up, or a single late slot, gets a line naming the date(s) it was for. */
function catchUpLine(lang: Lang, slots: Date[], timeZone: string, count: number, now?: Date): string | null {
  if (slots.length === 0) return null;
  const first = slots[0]!;
  const last = slots[slots.length - 1]!;
  const spansYears =
    shortDate(first, timeZone, 'en', true).slice(-4) !== shortDate(last, timeZone, 'en', true).slice(-4);
  const dates = slots.map((s) => shortDate(s, timeZone, lang, spansYears)).join(', ');
  const total = Math.max(count, slots.length);
  if (total > 1) {
    const more = total - slots.length;
    return rt(lang, 'catchUpMany', {
      total,
      dates,
      more: more > 0 ? rt(lang, 'catchUpMore', { n: more }) : '',
      first: shortDate(first, timeZone, lang, spansYears),
    });
  }
  // One slot: name it only when it is noticeably late (the bot was down).
  if (now && now.getTime() - first.getTime() > 60 * 60_000) {
    return rt(lang, 'catchUpLate', { date: shortDate(first, timeZone, lang) });
  }
  return null;
}

/**
 * The import-check reminder. `slotsFor`: the slot(s) it is for (a capped list from
 * `missedSlots`), `count`: how many were missed in total, `now`: to mark a single late slot.
 */
export function importCheckMessage(
  lang: Lang,
  opts: { slotsFor: Date[]; timeZone: string; count?: number; now?: Date },
): ReminderMessage {
  const catchUp = catchUpLine(lang, opts.slotsFor, opts.timeZone, opts.count ?? opts.slotsFor.length, opts.now);
  return {
    title: rt(lang, 'importCheckTitle'),
    text: [...(catchUp ? [catchUp] : []), rt(lang, 'importCheckSteps', common(lang))].join('\n'),
    buttons: [
      { id: REMINDER_BUTTONS.mine, label: rt(lang, 'buttonMine'), style: 'primary' },
      { id: REMINDER_BUTTONS.notMine, label: rt(lang, 'buttonNotMine'), style: 'danger' },
      { id: REMINDER_BUTTONS.snooze, label: rt(lang, 'buttonSnooze') },
      { id: REMINDER_BUTTONS.stop, label: rt(lang, 'buttonStop') },
    ],
    links: [UNIPASS_LINK(lang)],
  };
}

/** The title and first line of a renewal reminder, by where `offset` falls. */
function renewalLead(
  lang: Lang,
  o: number,
  dates: { expiry: string; opens: string; cutoff: string },
): { title: string; lead: string } {
  if (o < 0) {
    const days = -o;
    return {
      title:
        days >= RENEWAL_WINDOW_DAYS
          ? rt(lang, 'renewalOpenTitle')
          : rt(lang, 'renewalSoonTitle', { days: dayCount(days, lang) }),
      lead: rt(lang, 'renewalSoonLead', dates),
    };
  }
  if (o === 0) return { title: rt(lang, 'renewalTodayTitle'), lead: rt(lang, 'renewalTodayLead', dates) };
  const left = RENEWAL_WINDOW_DAYS - o;
  return {
    title: rt(lang, 'renewalLastTitle'),
    lead:
      left > 0
        ? rt(lang, 'renewalGraceLead', { ...dates, left: dayCount(left, lang) })
        : rt(lang, 'renewalLapsedLead', dates),
  };
}

/** A renewal reminder for `offset` days relative to `expiry` (−30, −7, 0, +25; others worded generically). */
export function renewalMessage(lang: Lang, opts: { expiry: string; offset: number }): ReminderMessage {
  const exp = parseIsoDate(opts.expiry);
  const expText = exp ? isoDateText(opts.expiry, lang) : opts.expiry;
  const cutoffIso = exp ? formatIsoDate(addDays(exp, RENEWAL_WINDOW_DAYS)) : null;
  const opensIso = exp ? formatIsoDate(addDays(exp, -RENEWAL_WINDOW_DAYS)) : null;
  const dates = {
    expiry: expText,
    cutoff: cutoffIso ? isoDateText(cutoffIso, lang) : '',
    opens: opensIso ? isoDateText(opensIso, lang) : '',
  };
  const { title, lead } = renewalLead(lang, opts.offset, dates);
  return {
    title,
    text: [lead, rt(lang, 'renewalSteps', common(lang))].join('\n'),
    buttons: [
      { id: REMINDER_BUTTONS.renewalDone, label: rt(lang, 'buttonRenewed'), style: 'primary' },
      { id: REMINDER_BUTTONS.renewalStop, label: rt(lang, 'buttonRenewalStop') },
    ],
    links: [UNIPASS_LINK(lang)],
  };
}

/** The five steps after "Something I didn't order". The dispatcher schedules `theftFollowUp` 3 days later. */
export function theftGuide(lang: Lang): ReminderMessage {
  return {
    title: rt(lang, 'theftTitle'),
    text: rt(lang, 'theftSteps', common(lang)),
    buttons: [{ id: REMINDER_BUTTONS.theftDone, label: rt(lang, 'buttonTheftAllDone') }],
    links: [UNIPASS_LINK(lang)],
  };
}

/** Sent 3 days after the theft guide. */
export function theftFollowUp(lang: Lang): ReminderMessage {
  return {
    title: rt(lang, 'followUpTitle'),
    text: rt(lang, 'followUpText'),
    buttons: [
      { id: REMINDER_BUTTONS.theftDone, label: rt(lang, 'buttonFollowUpDone'), style: 'primary' },
      { id: REMINDER_BUTTONS.theftNotYet, label: rt(lang, 'buttonFollowUpNotYet') },
    ],
    links: [UNIPASS_LINK(lang)],
  };
}

const ACK = {
  mine: 'ackMine',
  stopped: 'ackStopped',
  'renewal-stopped': 'ackRenewalStopped',
  'theft-done': 'ackTheftDone',
} as const;

/** Short replies to the reminder buttons (the dispatcher has done the state change). */
export function reminderAck(
  lang: Lang,
  what: 'mine' | 'snoozed' | 'stopped' | 'renewal-stopped' | 'theft-done',
  opts: { until?: Date; timeZone?: string } = {},
): string {
  if (what !== 'snoozed') return rt(lang, ACK[what]);
  const when = opts.until && opts.timeZone ? shortDate(opts.until, opts.timeZone, lang) : null;
  return when ? rt(lang, 'ackSnoozedOn', { when }) : rt(lang, 'ackSnoozedWeek');
}
