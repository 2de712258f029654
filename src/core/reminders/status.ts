/** `/pccc remind` (show), `help`, and the confirmation after a change. */
import type { ExpiryNote } from './expiry';
import { DEFAULT_RENEWAL_TIME, nextRenewalSlot } from './expiry';
import { dateTime, describeSchedule, isoDateText } from './format';
import { canonicalTimeZone } from './localTime';
import type { RemindNote } from './parse';
import { nextImportCheck } from './schedule';
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

const OFFSET_LABEL: Record<number, { ko: string; en: string }> = {
  [-30]: { ko: '갱신 기간 시작', en: 'renewal window opens' },
  [-7]: { ko: '만료 7일 전', en: 'a week before expiry' },
  0: { ko: '만료일', en: 'expiry day' },
  25: { ko: '말소 전 마지막 안내', en: 'last chance before cancellation' },
};

/** The schedule and next due times, as of `now` (the database clock). */
export function remindStatusMessage(lang: Lang, state: RemindState, now: Date): string {
  const ko = lang === 'ko';
  const zone = canonicalTimeZone(state.timeZone ?? state.checks?.timeZone ?? DEFAULT_TIME_ZONE) ?? DEFAULT_TIME_ZONE;
  const lines = [ko ? '내 알림 설정' : 'Your reminders'];

  if (state.checks) {
    const next =
      state.snoozedUntil && state.snoozedUntil.getTime() > now.getTime()
        ? state.snoozedUntil
        : nextImportCheck(state.checks, now);
    lines.push(
      ko
        ? `• 통관내역 확인: ${describeSchedule(state.checks, lang)}\n  다음 알림: ${dateTime(next, state.checks.timeZone, lang)}`
        : `• Import checks: ${describeSchedule(state.checks, lang)}\n  Next: ${dateTime(next, state.checks.timeZone, lang)}`,
    );
  } else {
    lines.push(
      ko
        ? '• 통관내역 확인: 꺼짐 (켜기: `/pccc remind 매주 월요일 9시`)'
        : '• Import checks: off (turn on: `/pccc remind weekly mon 09:00`)',
    );
  }

  if (state.expiry) {
    const slot = nextRenewalSlot(state.expiry, zone, now, DEFAULT_RENEWAL_TIME);
    const exp = isoDateText(state.expiry, lang);
    const nextText = slot
      ? `${dateTime(slot.at, zone, lang)} (${OFFSET_LABEL[slot.offset]![lang]})`
      : ko
        ? '남은 알림 없음'
        : 'none left';
    lines.push(
      ko
        ? `• 갱신 알림: 만료일 ${exp}\n  다음 알림: ${nextText}`
        : `• Renewal: code expires ${exp}\n  Next: ${nextText}`,
    );
  } else {
    lines.push(
      ko
        ? '• 갱신 알림: 꺼짐 (켜기: `/pccc remind 발급 YYYY-MM-DD`, 2026년 전 발급이면 `생일 7월 14일`)'
        : '• Renewal: off (turn on: `/pccc remind issued YYYY-MM-DD`, or `birthday MM-DD` for a code issued before 2026)',
    );
  }
  lines.push(ko ? '바꾸기: `/pccc remind 도움말`' : 'Change: `/pccc remind help`');
  return lines.join('\n');
}

/** One plain sentence per note, for the confirmation after a change. */
export function noteText(note: RemindNote | ExpiryNote, lang: Lang): string {
  const ko = lang === 'ko';
  switch (note) {
    case 'day-fallback':
      return ko
        ? '그 날짜가 없는 달(예: 2월)에는 그 달의 마지막 날에 알려 드려요.'
        : "In months without that day (February, for one) I'll remind you on the month's last day.";
    case 'feb29':
      return ko
        ? '2월 29일이 없는 해라서 만료일을 2월 28일로 잡았어요. UNI-PASS에서 정확한 날짜를 확인해 주세요.'
        : "That year has no 29 February, so I've used 28 February. Check the exact date on UNI-PASS.";
    case 'window-open':
      return ko ? '지금 바로 갱신할 수 있는 기간이에요.' : 'The renewal window is already open: you can renew now.';
    case 'grace':
      return ko
        ? '이미 만료일이 지났어요. 만료 후 30일 안에 갱신하지 않으면 자동 말소되니 서둘러 주세요.'
        : 'The expiry date has passed. Renew soon: 30 days after expiry the code is cancelled automatically.';
  }
}

/** "Saved." + what changed needs saying + the resulting status. */
export function remindSavedMessage(
  lang: Lang,
  state: RemindState,
  now: Date,
  notes: (RemindNote | ExpiryNote)[] = [],
): string {
  const head = lang === 'ko' ? '저장했어요.' : 'Saved.';
  return [head, ...notes.map((n) => noteText(n, lang)), remindStatusMessage(lang, state, now)].join('\n');
}

export function remindHelpMessage(lang: Lang): string {
  return lang === 'ko'
    ? [
        '`/pccc remind` 사용법',
        '• 통관내역 확인 주기: `매주 월요일 오전 9시`, `격주 금 21:30`, `매월 31일 10시`',
        '• 시간대: `tz America/New_York` (기본 Asia/Seoul)',
        '• 갱신 알림: `발급 2026-03-15` (발급·갱신일), `만료 2027-03-15`, 2026년 전 발급이면 `생일 7월 14일`',
        '• 끄기: `끄기`, `통관 끄기`, `갱신 끄기`',
        '• 지금 설정 보기: `/pccc remind`',
      ].join('\n')
    : [
        '`/pccc remind` usage',
        '• Import checks: `weekly mon 09:00`, `biweekly fri 21:30`, `monthly 31 10:00`',
        '• Time zone: `tz America/New_York` (default Asia/Seoul)',
        '• Renewal: `issued 2026-03-15` (issue or renewal date), `expiry 2027-03-15`, or `birthday 07-14` for a code issued before 2026',
        '• Turn off: `off`, `off checks`, `off renewal`',
        '• Show settings: `/pccc remind`',
      ].join('\n');
}
