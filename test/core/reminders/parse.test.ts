import { describe, expect, it } from 'vitest';
import { parseRemindArgs, remindErrorMessage } from '../../../src/core/reminders';

const set = (checks?: object, expiry?: object, notes: string[] = []) => ({
  kind: 'set',
  notes,
  ...(checks ? { checks } : {}),
  ...(expiry ? { expiry } : {}),
});

describe('parseRemindArgs: schedules', () => {
  it.each([
    ['weekly mon 09:00', { cadence: 'weekly', weekday: 1, time: '09:00' }],
    ['매주 월요일 오전 9시', { cadence: 'weekly', weekday: 1, time: '09:00' }],
    ['biweekly fri 21:30', { cadence: 'biweekly', weekday: 5, time: '21:30' }],
    ['격주 금 21:30', { cadence: 'biweekly', weekday: 5, time: '21:30' }],
    ['every 2 weeks on Friday at 9:30 pm', { cadence: 'biweekly', weekday: 5, time: '21:30' }],
    ['every monday 9am', { cadence: 'weekly', weekday: 1, time: '09:00' }],
    ['매주 일요일에 오후 9시 반', { cadence: 'weekly', weekday: 7, time: '21:30' }],
    ['Weekly SUNDAY 12am', { cadence: 'weekly', weekday: 7, time: '00:00' }],
    ['매주 수욜 밤 12시', { cadence: 'weekly', weekday: 3, time: '00:00' }],
    ['매주 목요일 저녁 7시 15분', { cadence: 'weekly', weekday: 4, time: '19:15' }],
    ['weekly tue noon', { cadence: 'weekly', weekday: 2, time: '12:00' }],
    ['monthly 15 10:00', { cadence: 'monthly', dayOfMonth: 15, time: '10:00' }],
    ['매월 1일 오후 1시', { cadence: 'monthly', dayOfMonth: 1, time: '13:00' }],
    ['monthly 2nd 07:05', { cadence: 'monthly', dayOfMonth: 2, time: '07:05' }],
    ['ｗｅｅｋｌｙ ｍｏｎ ０９：００', { cadence: 'weekly', weekday: 1, time: '09:00' }], // full-width
  ])('%s', (text, checks) => {
    expect(parseRemindArgs(text)).toEqual(set(checks));
  });

  it('a day 29–31 parses and carries a note that shorter months use their last day', () => {
    expect(parseRemindArgs('monthly 31 10:00')).toEqual(
      set({ cadence: 'monthly', dayOfMonth: 31, time: '10:00' }, undefined, ['day-fallback']),
    );
    expect(parseRemindArgs('매월 31일 10시')).toEqual(
      set({ cadence: 'monthly', dayOfMonth: 31, time: '10:00' }, undefined, ['day-fallback']),
    );
    expect(parseRemindArgs('매월 말일 오전 10시')).toEqual(
      set({ cadence: 'monthly', dayOfMonth: 31, time: '10:00' }, undefined, ['day-fallback']),
    );
  });

  it('partial changes: just a time, a weekday or a time zone', () => {
    expect(parseRemindArgs('21:30')).toEqual(set({ time: '21:30' }));
    expect(parseRemindArgs('fri')).toEqual(set({ weekday: 5 }));
    expect(parseRemindArgs('tz America/New_York')).toEqual(set({ timeZone: 'America/New_York' }));
    expect(parseRemindArgs('tz asia/seoul')).toEqual(set({ timeZone: 'Asia/Seoul' }));
    expect(parseRemindArgs('시간대 KST')).toEqual(set({ timeZone: 'Asia/Seoul' }));
    expect(parseRemindArgs('tz Seoul')).toEqual(set({ timeZone: 'Asia/Seoul' }));
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(parseRemindArgs(`tz ${word}`)).toMatchObject({ kind: 'error', error: 'unknown-timezone' });
    expect(parseRemindArgs('Europe/London')).toEqual(set({ timeZone: 'Europe/London' }));
  });

  it('several settings at once, with the command prefix left in', () => {
    expect(parseRemindArgs('/pccc remind weekly mon 9:00 tz America/New_York issued 2026-03-15')).toEqual(
      set({ cadence: 'weekly', weekday: 1, time: '09:00', timeZone: 'America/New_York' }, { issuedOn: '2026-03-15' }),
    );
  });
});

describe('parseRemindArgs: expiry', () => {
  it.each([
    ['issued 2026-03-15', { issuedOn: '2026-03-15' }],
    ['renewed 2026.3.5', { issuedOn: '2026-03-05' }],
    ['발급일 2026년 3월 15일', { issuedOn: '2026-03-15' }],
    ['갱신 20260315', { issuedOn: '2026-03-15' }],
    ['expiry 2027-03-15', { expiresOn: '2027-03-15' }],
    ['만료일: 2027-03-15', { expiresOn: '2027-03-15' }],
    // Parsed as written; computeExpiry then explains no code expires in 2026 (see expiry tests).
    ['expiry 2026-03-15', { expiresOn: '2026-03-15' }],
    ['birthday 07-14', { birthMonth: 7, birthDay: 14 }],
    ['생일 7월 14일', { birthMonth: 7, birthDay: 14 }],
    ['birthday July 14', { birthMonth: 7, birthDay: 14 }],
    ['birthday 14 Jul', { birthMonth: 7, birthDay: 14 }],
    ['생일 0229', { birthMonth: 2, birthDay: 29 }],
    ['생년월일 1990-07-14', { birthMonth: 7, birthDay: 14 }], // the year is dropped, never stored
  ])('%s', (text, expiry) => {
    expect(parseRemindArgs(text)).toEqual(set(undefined, expiry));
  });
});

describe('parseRemindArgs: show, help, off', () => {
  it.each(['', '   ', 'status', 'STATUS', '상태', '보기', 'remind', '/pccc remind'])(
    '%j shows the schedule',
    (text) => {
      expect(parseRemindArgs(text)).toEqual({ kind: 'show' });
    },
  );

  it.each(['help', '도움말', '?'])('%s shows help', (text) => {
    expect(parseRemindArgs(text)).toEqual({ kind: 'help' });
  });

  it.each([
    ['off', 'all'],
    ['끄기', 'all'],
    ['stop all reminders', 'all'],
    ['off checks', 'checks'],
    ['checks off', 'checks'],
    ['통관 알림 끄기', 'checks'],
    ['off renewal', 'renewal'],
    ['갱신 알림 끄기', 'renewal'],
    ['만료 끄기', 'renewal'],
  ])('%s → off %s', (text, target) => {
    expect(parseRemindArgs(text)).toEqual({ kind: 'off', target });
  });
});

describe('parseRemindArgs: bad input gets a specific error', () => {
  it.each([
    ['weekly funday 09:00', 'unknown-weekday', 'funday'],
    ['매주 금욜일 9시', 'unknown-weekday', '금욜일'],
    ['monthly 0 10:00', 'bad-day', '0'],
    ['monthly 32 10:00', 'bad-day', '32'],
    ['매월 32일', 'bad-day', '32일'],
    ['weekly mon 25:00', 'bad-time', '25:00'],
    ['weekly mon 24:00', 'bad-time', '24:00'],
    ['weekly mon 9:75', 'bad-time', '9:75'],
    ['weekly mon 13pm', 'bad-time', '13pm'],
    ['매주 월요일 오전 13시', 'bad-time', '오전 13시'],
    ['tz Mars/Olympus', 'unknown-timezone', 'Mars/Olympus'],
    ['tz Gotham', 'unknown-timezone', 'Gotham'],
    ['tz', 'missing-value', 'tz'],
    ['issued 2026-02-30', 'bad-date', '2026-02-30'],
    ['issued 2026-13-01', 'bad-date', '2026-13-01'],
    ['issued', 'missing-value', 'issued'],
    ['birthday 13-01', 'bad-birthday', '13-01'],
    ['생일 2월 30일', 'bad-birthday', '2월 30일'],
    ['weekly mon tue', 'conflict', 'tue'],
    ['weekly monthly', 'conflict', 'monthly'],
    ['issued 2026-03-15 birthday 07-14', 'conflict', '07-14'],
    ['off checks renewal', 'conflict', 'renewal'],
    ['off bananas', 'unknown-word', 'bananas'],
    ['sometimes', 'unknown-word', 'sometimes'],
  ])('%s → %s', (text, error, detail) => {
    expect(parseRemindArgs(text)).toEqual({ kind: 'error', error, detail });
  });

  it('a weekday with monthly, or a day with weekly, is refused with the reason', () => {
    expect(parseRemindArgs('monthly fri 10:00')).toMatchObject({ kind: 'error', error: 'weekday-needs-weekly' });
    expect(parseRemindArgs('weekly 15 10:00')).toMatchObject({ kind: 'error', error: 'day-needs-monthly' });
  });

  it('very long input is refused without work', () => {
    expect(parseRemindArgs('weekly '.repeat(100))).toEqual({ kind: 'error', error: 'too-long' });
  });

  it('never throws, whatever it is given', () => {
    for (const junk of [
      null,
      undefined,
      42,
      '\u0000',
      '::::',
      '오후',
      '9시 9시',
      '매',
      '2026-03-15',
      '🙂',
      'tz 🙂',
    ] as unknown[]) {
      expect(() => parseRemindArgs(junk as string)).not.toThrow();
    }
  });

  it('every error kind has a Korean and an English message that names the bad part', () => {
    const r = parseRemindArgs('weekly mon 25:00');
    if (r.kind !== 'error') throw new Error('expected an error');
    expect(remindErrorMessage(r.error, 'en', r.detail)).toContain("'25:00' isn't a valid time");
    expect(remindErrorMessage(r.error, 'ko', r.detail)).toContain("'25:00'");
    expect(remindErrorMessage('unknown-weekday', 'ko', 'funday')).toContain('요일이 아니에요');
  });
});

describe('parseRemindArgs: secrets pasted by mistake are not echoed', () => {
  it.each([
    'P123456789012',
    'p-1234-5678-9012',
    'Ｐ１２３４５６７８９０１２',
    '010-1234-5678',
    'weekly mon 01012345678',
  ])('%s', (text) => {
    const r = parseRemindArgs(text);
    expect(r).toEqual({ kind: 'error', error: 'looks-secret' });
    if (r.kind === 'error') {
      expect(remindErrorMessage(r.error, 'en', r.detail)).not.toMatch(/5678/);
      expect(remindErrorMessage(r.error, 'ko', 'P123456789012')).not.toContain('P123456789012');
    }
  });
});

describe('parseRemindArgs: dates are not mistaken for secrets', () => {
  it('two dates and a time in one command still parse', () => {
    expect(parseRemindArgs('weekly mon 09:00 issued 2026-03-15')).toMatchObject({
      kind: 'set',
      expiry: { issuedOn: '2026-03-15' },
    });
    expect(parseRemindArgs('issued 2026-03-15 expiry 2027-03-15')).toEqual({
      kind: 'error',
      error: 'conflict',
      detail: '2027-03-15',
    });
  });
});
