/**
 * The `/pccc remind …` argument grammar (Korean and English). Purely syntactic: it checks
 * that values exist (no 30 February, no 25:00, a real IANA zone) but leaves judgements that
 * need today's date or the stored schedule to `computeExpiry` and `applySchedulePatch`.
 *
 * Forms (any order, combinable):  weekly mon 09:00 · 매주 월요일 오전 9시 · biweekly fri 21:30 ·
 * 격주 금 21:30 · monthly 31 10:00 · 매월 31일 10시 · every monday 9am · tz America/New_York ·
 * expiry 2027-03-15 · issued 2026-03-15 · 발급 2026.3.15 · birthday 07-14 · 생일 7월 14일 ·
 * off · off checks · off renewal · 끄기 · 갱신 알림 끄기 · status / (empty) · help
 */
import type { ExpiryInput } from './expiry';
import { canonicalTimeZone, daysInMonth } from './localTime';
import type { Cadence, IsoWeekday } from './types';

export interface SchedulePatch {
  cadence?: Cadence;
  weekday?: IsoWeekday;
  dayOfMonth?: number;
  time?: string;
  timeZone?: string;
}

/** 'day-fallback': a day 29–31 was chosen; shorter months use their last day (tell the user). */
export type RemindNote = 'day-fallback';

export type OffTarget = 'all' | 'checks' | 'renewal';

export type ParsedRemind =
  | { kind: 'show' }
  | { kind: 'help' }
  | { kind: 'off'; target: OffTarget }
  | { kind: 'set'; checks?: SchedulePatch; expiry?: ExpiryInput; notes: RemindNote[] };

export type RemindErrorKind =
  | 'unknown-word'
  | 'unknown-weekday'
  | 'bad-day'
  | 'bad-time'
  | 'unknown-timezone'
  | 'bad-date'
  | 'bad-birthday'
  | 'missing-value'
  | 'conflict'
  | 'day-needs-monthly'
  | 'weekday-needs-weekly'
  | 'too-long'
  | 'looks-secret'; // a customs code or phone number was pasted: refused, not echoed

export interface RemindParseError {
  kind: 'error';
  error: RemindErrorKind;
  /** The offending piece of input (safe to echo: schedules hold no secrets). */
  detail?: string;
}

const MAX_INPUT = 300;

// English words must end at a word boundary; Korean words may carry a particle (에, 마다…).
const EN_END = '(?![a-z])';
const KO_END = '(?=$|[^가-힣]|에|마다|과|와|랑|하고|으로|로)';

const WEEKDAYS: [RegExp, IsoWeekday][] = [
  [/mon(?:day)?s?/, 1],
  [/tue(?:s(?:day)?)?s?/, 2],
  [/wed(?:nesday|s)?s?/, 3],
  [/thu(?:r(?:s(?:day)?)?)?s?/, 4],
  [/fri(?:day)?s?/, 5],
  [/sat(?:urday)?s?/, 6],
  [/sun(?:day)?s?/, 7],
];
const KO_WEEKDAY = '월화수목금토일';
const EN_WEEKDAY_RE = new RegExp(`(?:${WEEKDAYS.map(([r]) => r.source).join('|')})${EN_END}`, 'iy');
const KO_WEEKDAY_RE = new RegExp(`([${KO_WEEKDAY}])(?:요일|욜)${KO_END}|([${KO_WEEKDAY}])${KO_END}`, 'y');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function sticky(source: string): RegExp {
  return new RegExp(source, 'iy');
}

/** A date's label in either language, with an optional ':' or '=' after it ("expires: …", "만료일은 …"). */
function label(en: string, ko: string): RegExp {
  return sticky(`${en}${EN_END}\\s*[:=]?\\s*|${ko}(?:은|는|이|:)?\\s*[:=]?\\s*`);
}

const RE = {
  space: /[\s,;]+/y,
  tz: sticky(`(?:tz|time\\s*zone|timezone|zone|시간대|타임존)(?:${EN_END}|(?=[:=]))\\s*[:=]?\\s*`),
  bareZone: /[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+/y,
  expiry: label('(?:expiry|expires?|expiration|expiring)(?:\\s+(?:date|on))?', '(?:만료일?|유효기간|만기일?)'),
  issued: label('(?:issued|issue|renewed|reissued)(?:\\s+(?:date|on))?', '(?:재발급일?|발급일?|갱신일?)'),
  birthday: label('(?:birthday|birth\\s*date|date\\s+of\\s+birth|dob|born|birth)', '(?:생일|생년월일)'),
  cadence: sticky(
    [
      `(?<bi>bi-?weekly|fortnightly|every\\s+(?:other|2|two|second)\\s+weeks?${EN_END}` +
        '|격주(?:로|마다)?|2\\s*주\\s*(?:마다|에\\s*한\\s*번)|이\\s*주\\s*마다)',
      `(?<wk>weekly${EN_END}|every\\s+week${EN_END}|매주|주마다|매\\s*주|1\\s*주\\s*마다|일주일마다` +
        '|every(?=\\s+(?:mon|tue|wed|thu|fri|sat|sun)))',
      `(?<mo>monthly${EN_END}|every\\s+month${EN_END}|매월|매달|달마다|월마다|한\\s*달\\s*마다|매\\s*월(?![요욜]))`,
    ].join('|'),
  ),
  // Korean clock: [오전|오후|…] 9시 [30분|반]
  koTime: /(?:(오전|오후|아침|낮|저녁|밤|새벽)\s*)?(\d{1,2})\s*시(?:\s*(\d{1,2})\s*분|\s*(반))?/y,
  // 21:30, 9:30pm, 오후 9:30
  colonTime: /(?:(오전|오후|아침|낮|저녁|밤|새벽)\s*)?(\d{1,2})[:：](\d{1,2})(?:\s*([ap])\.?\s*m\.?(?![a-z]))?/iy,
  amPm: /(\d{1,2})\s*([ap])\.?\s*m\.?(?![a-z])/iy,
  namedTime: sticky(`(noon|midday|midnight)${EN_END}|(정오|자정)`),
  dayWord: sticky(`(?:day|on\\s+the|the)${EN_END}\\s*`),
  lastDay: sticky(`(?:last(?:\\s+day)?${EN_END}|말일|마지막\\s*날)`),
  dayNum: /(\d{1,3})\s*(?:(일)|(st|nd|rd|th)(?![a-z]))?(?![\d:시])(?![-./]\d)/iy,
  filler: sticky(
    `(?:on|at|every|each|the|of|in|and|to|set|remind(?:er)?s?|me|please)${EN_END}` +
      '|(?:알림|알려\\s*줘|알려\\s*주세요|설정(?:해\\s*줘|해\\s*주세요)?|해\\s*줘|해\\s*주세요|으로|로|에|마다|요일)(?=$|\\s|,)',
  ),
  word: /\S+/y,
};

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** Hour/minute + a Korean or English part-of-day → 'HH:MM', or null if impossible. */
function clock(hourText: string, minuteText: string | undefined, half: boolean, part?: string): string | null {
  let h = Number(hourText);
  const m = half ? 30 : minuteText === undefined ? 0 : Number(minuteText);
  if (!Number.isInteger(h) || !Number.isInteger(m) || m > 59) return null;
  const p = part?.toLowerCase();
  if (p === 'a' || p === '오전' || p === '새벽' || p === '아침') {
    if (h < 0 || h > 12) return null;
    if (h === 12) h = 0;
  } else if (p === 'p' || p === '오후' || p === '저녁' || p === '밤') {
    if (h === 12) h = p === '밤' ? 0 : 12;
    else if (h >= 1 && h <= 11) h += 12;
    else if (p === 'p' || h === 0 || h > 23) return null; // "13pm"; Koreans do write 오후 13시
  } else if (p === '낮') {
    if (h >= 1 && h <= 5) h += 12;
    else if (h !== 12) return null;
  }
  if (h < 0 || h > 23) return null;
  return `${p2(h)}:${p2(m)}`;
}

function readDate(text: string, pos: number): { iso: string | null; raw: string; end: number } | null {
  const forms: RegExp[] = [
    /(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?/y,
    /(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?/y,
    /(\d{4})(\d{2})(\d{2})(?!\d)/y,
  ];
  for (const re of forms) {
    const m = at(re, text, pos);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ok = mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
    return { iso: ok ? `${y}-${p2(mo)}-${p2(d)}` : null, raw: m[0].trim(), end: re.lastIndex };
  }
  return null;
}

function readMonthDay(text: string, pos: number): { month: number; day: number; raw: string; end: number } | null {
  const full = readDate(text, pos);
  if (full) {
    const m = /^(\d{4})\D+(\d{1,2})\D+(\d{1,2})/.exec(full.raw) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(full.raw);
    if (m) return { month: Number(m[2]), day: Number(m[3]), raw: full.raw, end: full.end };
  }
  const forms: [RegExp, (m: RegExpExecArray) => [number, number]][] = [
    [/(\d{1,2})\s*월\s*(\d{1,2})\s*일?/y, (m) => [Number(m[1]), Number(m[2])]],
    [/(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)\.?/y, (m) => [Number(m[1]), Number(m[2])]],
    [/(\d{2})(\d{2})(?!\d)/y, (m) => [Number(m[1]), Number(m[2])]],
    [
      new RegExp(`(${MONTHS.join('|')})[a-z]*\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)`, 'iy'),
      (m) => [MONTHS.indexOf(m[1]!.toLowerCase()) + 1, Number(m[2])],
    ],
    [
      new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:of\\s+)?(${MONTHS.join('|')})[a-z]*${EN_END}`, 'iy'),
      (m) => [MONTHS.indexOf(m[2]!.toLowerCase()) + 1, Number(m[1])],
    ],
  ];
  for (const [re, pick] of forms) {
    const m = at(re, text, pos);
    if (m) {
      const [month, day] = pick(m);
      return { month, day, raw: m[0].trim(), end: re.lastIndex };
    }
  }
  return null;
}

const TZ_ALIASES: Record<string, string> = {
  kst: 'Asia/Seoul',
  seoul: 'Asia/Seoul',
  korea: 'Asia/Seoul',
  한국: 'Asia/Seoul',
  서울: 'Asia/Seoul',
  utc: 'UTC',
  gmt: 'UTC',
};

function zoneOf(word: string): string | null {
  // Own keys only: `tz constructor` or `tz __proto__` must not find Object's members.
  const alias = word.toLowerCase();
  return (Object.hasOwn(TZ_ALIASES, alias) ? TZ_ALIASES[alias] : undefined) ?? canonicalTimeZone(word);
}

/**
 * Input that could be a customs code (P + digits) or a phone number is never echoed back
 * in an error detail: people paste the wrong thing into commands.
 */
export function mayBeSecret(text: string): boolean {
  const t = text.normalize('NFKC');
  return /p[\s\-:]*\d{3}/i.test(t) || (t.match(/\d/g)?.length ?? 0) >= 9;
}

/** A customs code or a phone number somewhere in the whole input (dates do not qualify). */
function containsSecretShape(text: string): boolean {
  return (
    /(?:^|[^a-z])p[\s\-:]*\d(?:[\s-]?\d){11}(?!\d)/i.test(text) ||
    /01[016789][\s\-.]?\d{3,4}[\s\-.]?\d{4}(?!\d)/.test(text) ||
    /\d(?:[-.]?\d){8,}/.test(text)
  );
}

function err(error: RemindErrorKind, detail?: string): RemindParseError {
  return detail === undefined || mayBeSecret(detail) ? { kind: 'error', error } : { kind: 'error', error, detail };
}

const SHOW = /^(?:status|show|list|schedule|상태|보기|조회|일정|확인)?$/i;
const HELP = /^(?:help|\?|도움말|도움|사용법|usage)$/i;
const OFF_WORD = /^(?:off|stop|disable|cancel|unsubscribe|끄기|꺼|꺼줘|꺼\s*주세요|끔|중지|해제|그만|취소)$/i;
const OFF_CHECKS = /^(?:checks?|imports?|import-checks?|통관내역|통관|확인|점검|수입|직구)$/i;
const OFF_RENEWAL = /^(?:renewals?|renew|expiry|expiration|갱신|만료|유효기간)$/i;
const OFF_FILLER = /^(?:all|reminders?|알림|모든|모두|전부|다|the|import|check|내역)$/i;

function parseOff(words: string[]): ParsedRemind | RemindParseError | null {
  if (!words.some((w) => OFF_WORD.test(w))) return null;
  let target: OffTarget = 'all';
  for (const w of words) {
    if (OFF_WORD.test(w) || OFF_FILLER.test(w)) continue;
    const t: OffTarget | null = OFF_CHECKS.test(w) ? 'checks' : OFF_RENEWAL.test(w) ? 'renewal' : null;
    if (!t) return err('unknown-word', w);
    if (target !== 'all' && target !== t) return err('conflict', w);
    target = t;
  }
  return { kind: 'off', target };
}

/**
 * Parses the text after `/pccc remind`. Never throws: every input yields a parse or an error
 * kind that `remindErrorMessage` explains in Korean or English.
 */
export function parseRemindArgs(input: string): ParsedRemind | RemindParseError {
  let text = String(input ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_INPUT) return err('too-long');
  if (containsSecretShape(text)) return err('looks-secret');
  text = text
    .replace(/^\/?pccc\s*/i, '')
    .replace(/^(?:remind(?:ers?)?|알림)(?=\s|$)\s*/i, '')
    .trim();
  if (SHOW.test(text)) return { kind: 'show' };
  if (HELP.test(text)) return { kind: 'help' };
  const off = parseOff(text.split(/[\s,]+/));
  if (off) return off;

  const checks: SchedulePatch = {};
  let expiry: ExpiryInput | undefined;
  let sawEvery = false;
  const setOnce = <K extends keyof SchedulePatch>(
    key: K,
    value: SchedulePatch[K],
    raw: string,
  ): RemindParseError | null => {
    if (checks[key] !== undefined && checks[key] !== value) return err('conflict', raw);
    checks[key] = value;
    return null;
  };
  const setExpiry = (value: ExpiryInput, raw: string): RemindParseError | null => {
    if (expiry !== undefined) return err('conflict', raw);
    expiry = value;
    return null;
  };

  let pos = 0;
  while (pos < text.length) {
    let m: RegExpExecArray | null;
    if ((m = at(RE.space, text, pos))) {
      pos = RE.space.lastIndex;
      continue;
    }
    if ((m = at(RE.tz, text, pos))) {
      const word = at(/[^\s,;]+/y, text, RE.tz.lastIndex);
      if (!word) return err('missing-value', m[0].trim());
      const zone = zoneOf(word[0]);
      if (!zone) return err('unknown-timezone', word[0]);
      const e = setOnce('timeZone', zone, word[0]);
      if (e) return e;
      pos = RE.tz.lastIndex + word[0].length;
      continue;
    }
    if ((m = at(RE.bareZone, text, pos))) {
      const zone = canonicalTimeZone(m[0]);
      if (!zone) return err('unknown-timezone', m[0]);
      const e = setOnce('timeZone', zone, m[0]);
      if (e) return e;
      pos = RE.bareZone.lastIndex;
      continue;
    }
    const exp = at(RE.expiry, text, pos);
    const iss = exp ? null : at(RE.issued, text, pos);
    const key = exp ?? iss;
    if (key) {
      const start = pos + key[0].length;
      const d = readDate(text, start);
      if (!d) return err('missing-value', key[0].trim());
      if (!d.iso) return err('bad-date', d.raw);
      const e = setExpiry(exp ? { expiresOn: d.iso } : { issuedOn: d.iso }, d.raw);
      if (e) return e;
      pos = d.end;
      continue;
    }
    if ((m = at(RE.birthday, text, pos))) {
      const start = pos + m[0].length;
      const md = readMonthDay(text, start);
      if (!md) return err('missing-value', m[0].trim());
      // A leap year, so 29 February counts as a real birthday.
      if (md.month < 1 || md.month > 12 || md.day < 1 || md.day > daysInMonth(2024, md.month))
        return err('bad-birthday', md.raw);
      const e = setExpiry({ birthMonth: md.month, birthDay: md.day }, md.raw);
      if (e) return e;
      pos = md.end;
      continue;
    }
    if ((m = at(RE.cadence, text, pos))) {
      const g = m.groups ?? {};
      const cadence: Cadence = g.bi ? 'biweekly' : g.wk ? 'weekly' : 'monthly';
      if (/^every$/i.test(m[0])) sawEvery = true;
      const e = setOnce('cadence', cadence, m[0]);
      if (e) return e;
      pos = RE.cadence.lastIndex;
      continue;
    }
    const timeMatch = (m = at(RE.koTime, text, pos))
      ? { m, re: RE.koTime, v: clock(m[2]!, m[3], !!m[4], m[1]) }
      : (m = at(RE.colonTime, text, pos))
        ? { m, re: RE.colonTime, v: m[3]!.length === 2 ? clock(m[2]!, m[3], false, m[4] ?? m[1]) : null }
        : (m = at(RE.amPm, text, pos))
          ? { m, re: RE.amPm, v: clock(m[1]!, undefined, false, m[2]) }
          : (m = at(RE.namedTime, text, pos))
            ? { m, re: RE.namedTime, v: /noon|midday|정오/i.test(m[0]) ? '12:00' : '00:00' }
            : null;
    if (timeMatch) {
      if (!timeMatch.v) return err('bad-time', timeMatch.m[0].trim());
      const e = setOnce('time', timeMatch.v, timeMatch.m[0]);
      if (e) return e;
      pos = timeMatch.re.lastIndex;
      continue;
    }
    if ((m = at(RE.lastDay, text, pos))) {
      const e = setOnce('dayOfMonth', 31, m[0]);
      if (e) return e;
      pos = RE.lastDay.lastIndex;
      continue;
    }
    if ((m = at(RE.dayNum, text, pos))) {
      const day = Number(m[1]);
      if (day < 1 || day > 31) return err('bad-day', m[0].trim());
      const e = setOnce('dayOfMonth', day, m[0]);
      if (e) return e;
      pos = RE.dayNum.lastIndex;
      continue;
    }
    const wd = (m = at(EN_WEEKDAY_RE, text, pos))
      ? { re: EN_WEEKDAY_RE, day: WEEKDAYS.find(([r]) => new RegExp(`^(?:${r.source})$`, 'i').test(m![0]))![1] }
      : (m = at(KO_WEEKDAY_RE, text, pos))
        ? { re: KO_WEEKDAY_RE, day: (KO_WEEKDAY.indexOf((m[1] ?? m[2])!) + 1) as IsoWeekday }
        : null;
    if (wd && m) {
      const e = setOnce('weekday', wd.day, m[0]);
      if (e) return e;
      pos = wd.re.lastIndex;
      continue;
    }
    if ((m = at(RE.dayWord, text, pos)) || (m = at(RE.filler, text, pos))) {
      pos = pos + m[0].length;
      continue;
    }
    const word = at(RE.word, text, pos)![0];
    // After "weekly"/"매주", an unknown word is most likely a misspelt weekday.
    const weekly = checks.cadence === 'weekly' || checks.cadence === 'biweekly' || sawEvery;
    if (weekly && checks.weekday === undefined && /^[a-z가-힣]+$/i.test(word)) return err('unknown-weekday', word);
    return err('unknown-word', word);
  }

  if (checks.cadence === 'monthly' && checks.weekday !== undefined) return err('weekday-needs-weekly');
  if ((checks.cadence === 'weekly' || checks.cadence === 'biweekly') && checks.dayOfMonth !== undefined) {
    return err('day-needs-monthly', String(checks.dayOfMonth));
  }
  const hasChecks = Object.keys(checks).length > 0;
  if (!hasChecks && !expiry) return { kind: 'show' };
  const notes: RemindNote[] = checks.dayOfMonth !== undefined && checks.dayOfMonth >= 29 ? ['day-fallback'] : [];
  const out: ParsedRemind = { kind: 'set', notes };
  if (hasChecks) out.checks = checks;
  if (expiry) out.expiry = expiry;
  return out;
}
