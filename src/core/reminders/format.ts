/** Human wording of schedules and instants (ko/en), independent of the host's ICU data. */
import { localParts } from './localTime';
import type { ImportCheckSchedule, Lang } from './types';

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const KO_WEEKDAYS = ['월', '화', '수', '목', '금', '토', '일'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function weekdayName(isoWeekday: number, lang: Lang): string {
  return lang === 'ko' ? `${KO_WEEKDAYS[isoWeekday - 1]}요일` : EN_WEEKDAYS[isoWeekday - 1]!;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/**
 * "Every 2 weeks on Friday at 21:30 (Asia/Seoul)" / "격주 금요일 21:30 (Asia/Seoul)".
 * Days 29–31 say plainly what happens in shorter months.
 */
export function describeSchedule(s: ImportCheckSchedule, lang: Lang): string {
  const zone = `(${s.timeZone})`;
  if (s.cadence === 'monthly') {
    const day = s.dayOfMonth ?? 1;
    const short = day >= 29;
    if (lang === 'ko') return `매월 ${day}일${short ? '(그보다 짧은 달은 말일)' : ''} ${s.time} ${zone}`;
    return `Every month on the ${ordinal(day)}${short ? " (or the month's last day when shorter)" : ''} at ${s.time} ${zone}`;
  }
  const wd = weekdayName(s.weekday ?? 1, lang);
  if (lang === 'ko') return `${s.cadence === 'weekly' ? '매주' : '격주'} ${wd} ${s.time} ${zone}`;
  return `${s.cadence === 'weekly' ? 'Every week' : 'Every 2 weeks'} on ${wd} at ${s.time} ${zone}`;
}

/** "Nov 2" / "11월 2일" (with the year when asked). */
export function shortDate(at: Date, timeZone: string, lang: Lang, withYear = false): string {
  const t = localParts(at, timeZone);
  if (lang === 'ko') return `${withYear ? `${t.year}년 ` : ''}${t.month}월 ${t.day}일`;
  return `${EN_MONTHS[t.month - 1]} ${t.day}${withYear ? `, ${t.year}` : ''}`;
}

/** "Mon, Nov 2, 2026, 09:00" / "2026년 11월 2일 (월) 09:00" — local time in the zone. */
export function dateTime(at: Date, timeZone: string, lang: Lang): string {
  const t = localParts(at, timeZone);
  const hm = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  if (lang === 'ko') return `${t.year}년 ${t.month}월 ${t.day}일 (${KO_WEEKDAYS[t.weekday - 1]}) ${hm}`;
  return `${EN_WEEKDAYS[t.weekday - 1]!.slice(0, 3)}, ${EN_MONTHS[t.month - 1]} ${t.day}, ${t.year}, ${hm}`;
}

/** A plain YYYY-MM-DD date for people: "Mar 15, 2027" / "2027년 3월 15일". */
export function isoDateText(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return lang === 'ko' ? `${y}년 ${m}월 ${d}일` : `${EN_MONTHS[m - 1]} ${d}, ${y}`;
}
