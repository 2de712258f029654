/**
 * Human wording of schedules and instants (ko/en), independent of the host's ICU data. The
 * sentences are in text.json; what is grammar rather than text (weekday and month names, the
 * order of a date's parts, ordinals, "1 day"/"2 days") is one calendar per language here.
 */
import { localParts } from './localTime';
import { rt } from './text';
import type { ImportCheckSchedule, Lang } from './types';

interface Calendar {
  weekday(isoWeekday: number): string;
  /** The day of a month in a sentence: "15일" / "15th". */
  dayOfMonth(n: number): string;
  /** A number of days: "3일" / "3 days". */
  days(n: number): string;
  shortDate(year: number, month: number, day: number, withYear: boolean): string;
  dateTime(t: { year: number; month: number; day: number; weekday: number }, hm: string): string;
}

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const KO_WEEKDAYS = ['월', '화', '수', '목', '금', '토', '일'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const CALENDAR: Record<Lang, Calendar> = {
  ko: {
    weekday: (w) => `${KO_WEEKDAYS[w - 1]}요일`,
    dayOfMonth: (n) => `${n}일`,
    days: (n) => `${n}일`,
    shortDate: (y, m, d, withYear) => `${withYear ? `${y}년 ` : ''}${m}월 ${d}일`,
    dateTime: (t, hm) => `${t.year}년 ${t.month}월 ${t.day}일 (${KO_WEEKDAYS[t.weekday - 1]}) ${hm}`,
  },
  en: {
    weekday: (w) => EN_WEEKDAYS[w - 1]!,
    dayOfMonth: ordinal,
    days: (n) => `${n} day${n === 1 ? '' : 's'}`,
    shortDate: (y, m, d, withYear) => `${EN_MONTHS[m - 1]} ${d}${withYear ? `, ${y}` : ''}`,
    dateTime: (t, hm) =>
      `${EN_WEEKDAYS[t.weekday - 1]!.slice(0, 3)}, ${EN_MONTHS[t.month - 1]} ${t.day}, ${t.year}, ${hm}`,
  },
};

export function weekdayName(isoWeekday: number, lang: Lang): string {
  return CALENDAR[lang].weekday(isoWeekday);
}

/** "3 days" / "3일". */
export function dayCount(n: number, lang: Lang): string {
  return CALENDAR[lang].days(n);
}

/**
 * "Every 2 weeks on Friday at 21:30 (Asia/Seoul)" / "격주 금요일 21:30 (Asia/Seoul)".
 * Days 29–31 say plainly what happens in shorter months.
 */
export function describeSchedule(s: ImportCheckSchedule, lang: Lang): string {
  const common = { time: s.time, zone: `(${s.timeZone})` };
  if (s.cadence === 'monthly') {
    const day = s.dayOfMonth ?? 1;
    const short = day >= 29 ? rt(lang, 'monthlyShorter') : '';
    return rt(lang, 'scheduleMonthly', { ...common, day: CALENDAR[lang].dayOfMonth(day), short });
  }
  const weekday = weekdayName(s.weekday ?? 1, lang);
  return rt(lang, s.cadence === 'weekly' ? 'scheduleWeekly' : 'scheduleBiweekly', { ...common, weekday });
}

/** "Nov 2" / "11월 2일" (with the year when asked). */
export function shortDate(at: Date, timeZone: string, lang: Lang, withYear = false): string {
  const t = localParts(at, timeZone);
  return CALENDAR[lang].shortDate(t.year, t.month, t.day, withYear);
}

/** "Mon, Nov 2, 2026, 09:00" / "2026년 11월 2일 (월) 09:00" — local time in the zone. */
export function dateTime(at: Date, timeZone: string, lang: Lang): string {
  const t = localParts(at, timeZone);
  const hm = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  return CALENDAR[lang].dateTime(t, hm);
}

/** A plain YYYY-MM-DD date for people: "Mar 15, 2027" / "2027년 3월 15일". */
export function isoDateText(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return CALENDAR[lang].shortDate(y, m, d, true);
}
