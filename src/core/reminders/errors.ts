/** Kind, specific error messages for `/pccc remind` input (ko/en), with a working example. */
import type { ExpiryErrorKind } from './expiry';
import { isoDateText } from './format';
import { mayBeSecret, type RemindErrorKind } from './parse';
import type { PatchErrorKind } from './patch';
import type { Lang } from './types';

export type ReminderErrorKind = RemindErrorKind | PatchErrorKind | ExpiryErrorKind;

type Texts = { ko: (d: string) => string; en: (d: string) => string };

const q = (d: string) => (d ? `'${d}'` : '');

const MESSAGES: Record<ReminderErrorKind, Texts> = {
  'unknown-word': {
    ko: (d) =>
      `${q(d)}는 알아듣지 못했어요. 예: \`매주 월요일 오전 9시\`, \`매월 15일 10시\`, \`발급 2026-03-15\`, \`끄기\`. 도움말: \`/pccc remind 도움말\``,
    en: (d) =>
      `I didn't understand ${q(d)}. Try \`weekly mon 09:00\`, \`monthly 15 10:00\`, \`issued 2026-03-15\` or \`off\`. More: \`/pccc remind help\``,
  },
  'unknown-weekday': {
    ko: (d) => `${q(d)}는 요일이 아니에요. 월·화·수·목·금·토·일 중에서 골라 주세요. 예: \`매주 금요일 21:30\``,
    en: (d) => `${q(d)} isn't a weekday. Use mon, tue, wed, thu, fri, sat or sun, e.g. \`weekly fri 21:30\`.`,
  },
  'bad-day': {
    ko: (d) => `날짜 ${q(d)}는 쓸 수 없어요. 1일부터 31일까지 골라 주세요 (31일은 짧은 달에 말일로 바뀌어요).`,
    en: (d) => `Day ${q(d)} doesn't work: choose 1 to 31 (the 31st becomes the last day in shorter months).`,
  },
  'bad-time': {
    ko: (d) => `시간 ${q(d)}는 없는 시각이에요. 00:00부터 23:59 사이로 적어 주세요. 예: \`21:30\`, \`오후 9시 30분\``,
    en: (d) => `${q(d)} isn't a valid time. Use 00:00 to 23:59, e.g. \`21:30\` or \`9:30pm\`.`,
  },
  'unknown-timezone': {
    ko: (d) =>
      `시간대 ${q(d)}를 찾지 못했어요. \`tz Asia/Seoul\`, \`tz America/New_York\`처럼 IANA 이름으로 적어 주세요.`,
    en: (d) =>
      `I don't know the time zone ${q(d)}. Use an IANA name such as \`tz Asia/Seoul\` or \`tz America/New_York\`.`,
  },
  'bad-date': {
    ko: (d) => `${q(d)}는 달력에 없는 날짜예요. YYYY-MM-DD 형식으로 적어 주세요. 예: \`발급 2026-03-15\``,
    en: (d) => `${q(d)} isn't a real date. Write it as YYYY-MM-DD, e.g. \`issued 2026-03-15\`.`,
  },
  'bad-birthday': {
    ko: (d) => `생일 ${q(d)}는 있을 수 없는 날짜예요. 예: \`생일 7월 14일\``,
    en: (d) => `${q(d)} can't be a birthday. Try e.g. \`birthday 07-14\`.`,
  },
  'missing-value': {
    ko: (d) => `${q(d)} 뒤에 값이 필요해요. 예: \`tz Asia/Seoul\`, \`발급 2026-03-15\`, \`생일 7월 14일\``,
    en: (d) => `${q(d)} needs a value after it, e.g. \`tz Asia/Seoul\`, \`issued 2026-03-15\`, \`birthday 07-14\`.`,
  },
  conflict: {
    ko: (d) => `같은 항목이 두 번 다르게 들어왔어요 (${q(d)}). 하나만 적어 주세요.`,
    en: (d) => `That sets the same thing twice in different ways (${q(d)}). Please give just one.`,
  },
  'too-long': {
    ko: () => '입력이 너무 길어요. 예: `매주 월요일 오전 9시`',
    en: () => 'That is too long. Try e.g. `weekly mon 09:00`.',
  },
  'looks-secret': {
    ko: () =>
      '개인통관고유부호나 전화번호처럼 보이는 내용이 있어서 처리하지 않았어요. 이 명령에는 알림 일정만 적어 주세요. 예: `매주 월요일 9시`',
    en: () =>
      'That looks like a customs code or phone number, so I ignored it. This command only takes reminder settings, e.g. `weekly mon 09:00`.',
  },
  'day-needs-monthly': {
    ko: () =>
      '날짜(예: 15일)는 매월 알림에만 쓸 수 있어요. 매주·격주라면 요일을 적어 주세요. 예: `매월 15일 10시` 또는 `매주 월요일 9시`',
    en: () =>
      'A day of the month only fits a monthly schedule; weekly and biweekly take a weekday. E.g. `monthly 15 10:00` or `weekly mon 09:00`.',
  },
  'weekday-needs-weekly': {
    ko: () => '요일은 매주·격주 알림에만 쓸 수 있어요. 매월이라면 날짜를 적어 주세요. 예: `매월 15일 10시`',
    en: () => 'A weekday only fits weekly or biweekly; monthly takes a day of the month, e.g. `monthly 15 10:00`.',
  },
  'missing-cadence': {
    ko: () => '먼저 얼마나 자주 알릴지 정해 주세요. 예: `매주 월요일 9시`, `격주 금 21:30`, `매월 15일 10시`',
    en: () => 'First choose how often: e.g. `weekly mon 09:00`, `biweekly fri 21:30` or `monthly 15 10:00`.',
  },
  'missing-weekday': {
    ko: () => '요일도 알려 주세요. 예: `매주 월요일 9시`',
    en: () => 'Which weekday? E.g. `weekly mon 09:00`.',
  },
  'missing-day': {
    ko: () => '매월 며칠에 알릴지 알려 주세요. 예: `매월 15일 10시`',
    en: () => 'Which day of the month? E.g. `monthly 15 10:00`.',
  },
  'bad-cadence': {
    ko: () => '주기는 매주, 격주, 매월 중에서 골라 주세요.',
    en: () => 'Choose weekly, biweekly or monthly.',
  },
  'bad-weekday': {
    ko: () => '요일은 월요일부터 일요일 중에서 골라 주세요.',
    en: () => 'Choose a weekday from Monday to Sunday.',
  },
  'bad-anchor': {
    ko: () => '격주 일정의 기준 날짜가 잘못됐어요. 격주 일정을 다시 설정해 주세요.',
    en: () => 'The biweekly schedule has a broken start date; please set it again.',
  },
  'future-date': {
    ko: (d) => `발급(갱신)일 ${q(d)}가 아직 오지 않았어요. 이미 발급받은 날짜를 적어 주세요.`,
    en: (d) => `${q(d)} is in the future. Give the date your code was actually issued or renewed.`,
  },
  'before-2026': {
    ko: () =>
      '2026년 전에 발급된 부호는 2027년 생일에 처음 만료돼요. `생일 7월 14일`처럼 생일(월·일)을 알려 주세요. 생일은 저장하지 않고 만료일만 저장해요.',
    en: () =>
      'Codes issued before 2026 first expire on your birthday in 2027. Send your birthday instead, e.g. `birthday 07-14`; I store only the expiry date, not the birthday.',
  },
  'expiry-too-early': {
    ko: (d) => `2027년 1월 1일 전에 만료되는 부호는 없어요. ${q(d)}가 발급(갱신)일이라면 \`발급 ${d}\`로 보내 주세요.`,
    en: (d) =>
      `No code expires before Jan 1, 2027. If ${q(d)} is when your code was issued or renewed, send \`issued ${d}\`.`,
  },
  'expiry-too-late': {
    ko: (d) => `${q(d)}는 유효기간(1년)보다 멀어요. UNI-PASS에 나온 만료일이나 발급(갱신)일을 확인해 주세요.`,
    en: (d) =>
      `${q(d)} is further away than a code's one-year validity. Check the expiry or issue date shown on UNI-PASS.`,
  },
  lapsed: {
    ko: (d) =>
      `그렇다면 만료일(${d ? isoDateText(d, 'ko') : ''})에서 30일이 지나 부호가 자동 말소됐을 수 있어요. UNI-PASS에서 확인하고, 그 뒤 갱신했다면 \`갱신 YYYY-MM-DD\`로, 새로 발급받았다면 \`발급 YYYY-MM-DD\`로 알려 주세요.`,
    en: (d) =>
      `Then it expired on ${d ? isoDateText(d, 'en') : 'a date'} more than 30 days ago and may have been cancelled automatically. Check on UNI-PASS; if you renewed or got a new code since, send \`issued YYYY-MM-DD\` with that date.`,
  },
};

/** The user-facing message for any reminders input error. A detail that may be a code or phone is dropped. */
export function remindErrorMessage(kind: ReminderErrorKind, lang: Lang, detail = ''): string {
  const texts = MESSAGES[kind] ?? MESSAGES['unknown-word'];
  return texts[lang](mayBeSecret(detail) ? '' : detail);
}
