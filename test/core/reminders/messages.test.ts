import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  importCheckMessage,
  missedSlots,
  remindErrorMessage,
  remindHelpMessage,
  remindSavedMessage,
  remindStatusMessage,
  renewalMessage,
  theftFollowUp,
  theftGuide,
  type ImportCheckSchedule,
  type ReminderErrorKind,
} from '../../../src/core/reminders';

const ids = (m: { buttons: { id: string }[] }) => m.buttons.map((b) => b.id);

describe('describeSchedule', () => {
  it('reads naturally in both languages', () => {
    const bi: ImportCheckSchedule = { cadence: 'biweekly', weekday: 5, time: '21:30', timeZone: 'Asia/Seoul' };
    expect(describeSchedule(bi, 'en')).toBe('Every 2 weeks on Friday at 21:30 (Asia/Seoul)');
    expect(describeSchedule(bi, 'ko')).toBe('격주 금요일 21:30 (Asia/Seoul)');
    const wk: ImportCheckSchedule = { cadence: 'weekly', weekday: 1, time: '09:00', timeZone: 'America/New_York' };
    expect(describeSchedule(wk, 'en')).toBe('Every week on Monday at 09:00 (America/New_York)');
    expect(describeSchedule(wk, 'ko')).toBe('매주 월요일 09:00 (America/New_York)');
  });

  it('says plainly what day 31 means in shorter months', () => {
    const m31: ImportCheckSchedule = { cadence: 'monthly', dayOfMonth: 31, time: '10:00', timeZone: 'Asia/Seoul' };
    expect(describeSchedule(m31, 'en')).toBe(
      "Every month on the 31st (or the month's last day when shorter) at 10:00 (Asia/Seoul)",
    );
    expect(describeSchedule(m31, 'ko')).toBe('매월 31일(그보다 짧은 달은 말일) 10:00 (Asia/Seoul)');
    expect(describeSchedule({ ...m31, dayOfMonth: 2 }, 'en')).toBe('Every month on the 2nd at 10:00 (Asia/Seoul)');
    expect(describeSchedule({ ...m31, dayOfMonth: 12 }, 'en')).toContain('the 12th');
  });
});

describe('importCheckMessage', () => {
  const seoul = 'Asia/Seoul';

  it('says what to check and where, with the four buttons', () => {
    for (const lang of ['ko', 'en'] as const) {
      const m = importCheckMessage(lang, { slotsFor: [new Date('2026-11-02T00:00:00Z')], timeZone: seoul });
      expect(m.text).toContain('해외직구 통관내역 조회');
      expect(m.text).toContain('국민비서');
      expect(m.text).toContain('전자상거래 물품통관내역');
      expect(m.text).toContain('https://unipass.customs.go.kr/csp/persIndex.do');
      expect(ids(m)).toEqual(['remind.mine', 'remind.notmine', 'remind.snooze', 'remind.stop']);
      expect(m.text.length).toBeLessThan(700); // chat-sized
    }
  });

  it('an on-time reminder does not talk about dates', () => {
    const slot = new Date('2026-11-02T00:00:00Z');
    const m = importCheckMessage('en', { slotsFor: [slot], timeZone: seoul, now: new Date(slot.getTime() + 60_000) });
    expect(m.text).not.toMatch(/missed|late/);
  });

  it('a coalesced catch-up names the dates it was for', () => {
    const slots = [
      new Date('2026-11-02T00:00:00Z'),
      new Date('2026-11-09T00:00:00Z'),
      new Date('2026-11-16T00:00:00Z'),
    ];
    expect(importCheckMessage('en', { slotsFor: slots, timeZone: seoul }).text).toContain(
      'Catch-up for 3 missed checks: Nov 2, Nov 9, Nov 16',
    );
    expect(importCheckMessage('ko', { slotsFor: slots, timeZone: seoul }).text).toContain(
      '놓친 확인 3회를 한 번에 보내 드려요: 11월 2일, 11월 9일, 11월 16일',
    );
  });

  it('a capped catch-up gives the true count', () => {
    const s: ImportCheckSchedule = { cadence: 'weekly', weekday: 1, time: '09:00', timeZone: seoul };
    const r = missedSlots(s, new Date('2026-09-07T00:00:00Z'), new Date('2026-12-07T03:00:00Z'));
    const text = importCheckMessage('en', { slotsFor: r.slots, count: r.count, timeZone: seoul }).text;
    expect(text).toContain('Catch-up for 13 missed checks: Sep 21,');
    expect(text).toContain('(and 1 earlier)');
  });

  it('a single late slot says which date it was for; dates in the user zone, with years across New Year', () => {
    const slot = new Date('2026-11-02T00:00:00Z');
    expect(
      importCheckMessage('en', { slotsFor: [slot], timeZone: seoul, now: new Date('2026-11-03T00:00:00Z') }).text,
    ).toContain('due on Nov 2 (sent late)');
    const ny = [new Date('2026-12-28T14:00:00Z'), new Date('2027-01-04T14:00:00Z')];
    expect(importCheckMessage('en', { slotsFor: ny, timeZone: 'America/New_York' }).text).toContain(
      'Dec 28, 2026, Jan 4, 2027',
    );
  });
});

describe('renewalMessage', () => {
  it('has a fitting headline for each offset and the renewal steps with the official page', () => {
    const heads = [-30, -7, 0, 25].map((offset) => renewalMessage('en', { expiry: '2027-03-15', offset }).title);
    expect(heads).toEqual([
      'You can renew your customs code now',
      'Your customs code expires in 7 days',
      'Your customs code expires today',
      'Last chance to renew your customs code',
    ]);
    const last = renewalMessage('en', { expiry: '2027-03-15', offset: 25 });
    expect(last.text).toContain('renewed by Apr 14, 2027 (5 days left)');
    expect(last.text).toContain('https://unipass.customs.go.kr/csp/persIndex.do');
    expect(last.text).toContain('menu names may differ'); // hedged: the exact menu is not documented
    expect(ids(last)).toEqual(['renewal.done', 'renewal.stop']);
    const ko = renewalMessage('ko', { expiry: '2027-03-15', offset: -30 });
    expect(ko.title).toBe('개인통관고유부호 갱신 기간이 시작됐어요');
    expect(ko.text).toContain('2027년 2월 13일');
    expect(ko.text).toContain('2027년 4월 14일');
  });
});

describe('theft guide and follow-up', () => {
  it('has the five steps: report with the B/L number, 125, reissue, tell sellers/couriers, register the new code', () => {
    for (const lang of ['ko', 'en'] as const) {
      const g = theftGuide(lang);
      const steps = g.text.split('\n').filter((l) => /^\d\. /.test(l));
      expect(steps).toHaveLength(5);
      expect(steps[0]).toContain('개인통관고유부호 도용신고');
      expect(steps[0]).toContain('B/L');
      expect(steps[1]).toContain('125');
      expect(steps[2]).toContain('재발급');
    }
    expect(theftGuide('en').text).toContain('sellers and couriers');
  });

  it('the follow-up asks whether it is done', () => {
    expect(ids(theftFollowUp('en'))).toEqual(['theft.done', 'theft.notyet']);
    expect(ids(theftFollowUp('ko'))).toEqual(['theft.done', 'theft.notyet']);
  });
});

describe('status, help and errors', () => {
  it('shows each kind with its next due time in the user zone', () => {
    const text = remindStatusMessage(
      'en',
      { checks: { cadence: 'weekly', weekday: 1, time: '09:00', timeZone: 'Asia/Seoul' }, expiry: '2027-03-15' },
      new Date('2026-11-04T03:00:00Z'),
    );
    expect(text).toContain('Import checks: Every week on Monday at 09:00 (Asia/Seoul)');
    expect(text).toContain('Next: Mon, Nov 9, 2026, 09:00');
    expect(text).toContain('Renewal: code expires Mar 15, 2027');
    expect(text).toContain('Next: Sat, Feb 13, 2027, 10:00 (renewal window opens)');
  });

  it('shows "off" with how to turn each kind on', () => {
    const text = remindStatusMessage('ko', { checks: null, expiry: null }, new Date('2026-11-04T03:00:00Z'));
    expect(text).toContain('통관내역 확인: 꺼짐');
    expect(text).toContain('갱신 알림: 꺼짐');
  });

  it('the saved message states the month-end fallback plainly', () => {
    const text = remindSavedMessage(
      'en',
      { checks: { cadence: 'monthly', dayOfMonth: 31, time: '10:00', timeZone: 'Asia/Seoul' }, expiry: null },
      new Date('2027-02-01T00:00:00Z'),
      ['day-fallback'],
    );
    expect(text).toContain("on the month's last day");
    expect(text).toContain('Next: Sun, Feb 28, 2027, 10:00');
  });

  it('help lists every form in both languages', () => {
    expect(remindHelpMessage('en')).toContain('biweekly fri 21:30');
    expect(remindHelpMessage('ko')).toContain('생일 7월 14일');
  });

  it('every error kind has a non-empty message in both languages', () => {
    const kinds: ReminderErrorKind[] = [
      'unknown-word',
      'unknown-weekday',
      'bad-day',
      'bad-time',
      'unknown-timezone',
      'bad-date',
      'bad-birthday',
      'missing-value',
      'conflict',
      'too-long',
      'looks-secret',
      'day-needs-monthly',
      'weekday-needs-weekly',
      'missing-cadence',
      'missing-weekday',
      'missing-day',
      'bad-cadence',
      'bad-weekday',
      'bad-anchor',
      'future-date',
      'before-2026',
      'expiry-too-early',
      'expiry-too-late',
      'lapsed',
    ];
    for (const k of kinds) {
      expect(remindErrorMessage(k, 'ko', 'x').length).toBeGreaterThan(10);
      expect(remindErrorMessage(k, 'en', 'x').length).toBeGreaterThan(10);
    }
    expect(remindErrorMessage('expiry-too-early', 'en', '2026-03-15')).toContain('send `issued 2026-03-15`');
    expect(remindErrorMessage('before-2026', 'ko')).toContain('생일');
  });
});
