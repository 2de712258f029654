// Free text through the bot: one language per person, follow-ups read in the light of the
// previous answer (kept in the database with a TTL, never with a code in it), "did you
// mean" buttons, and odd input that must never throw nor echo a code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Inbound, Outcome } from '../../src/core/types';
import { FOLLOW_UP_WINDOW_MS } from '../../src/core/bot';
import { createTestApp, ManualClock, type TestApp } from '../helpers/app';
import { DB_KINDS } from '../helpers/db';

// One app per database kind (start-up is the slow part); every test talks as a new user.
let user = { platform: 'slack' as const, id: 'U0' };
let n = 0;
const say = (text: string, extra: Partial<Inbound> = {}): Inbound =>
  ({ kind: 'message', text, user, place: 'dm', locale: 'en-US', ...extra }) as Inbound;
const cmd = (args: string): Inbound => ({ kind: 'command', args, user, place: 'channel', locale: 'en-US' });
const HANGUL = /[가-힣]/;
const all = (o: Outcome) =>
  o.replies
    .map((r) =>
      [r.title ?? '', r.text, ...(r.buttons ?? []).map((b) => b.label), r.form ? JSON.stringify(r.form) : ''].join(
        '\n',
      ),
    )
    .join('\n');

for (const db of DB_KINDS) {
  describe(`conversation (${db})`, () => {
    let app: TestApp;
    let clock: ManualClock;
    beforeAll(async () => {
      clock = new ManualClock();
      app = await createTestApp({ db, clock });
    });
    afterAll(async () => {
      await app.close();
    });
    beforeEach(() => {
      user = { platform: 'slack', id: `U${++n}` };
    });

    it('a Korean question, then /pccc register with an English locale: consent, form and status are all Korean', async () => {
      expect((await app.bot.handle(say('통관번호 까먹었어요'))).lang).toBe('ko');
      const consent = await app.bot.handle(cmd('register'));
      expect(consent.lang).toBe('ko');
      expect(consent.replies[0]!.text).toMatch(HANGUL);
      expect(consent.replies[0]!.buttons?.map((b) => b.label).join(' ')).toMatch(HANGUL);
      const form = await app.bot.handle({
        kind: 'action',
        actionId: 'vault.consent',
        user,
        place: 'channel',
        locale: 'en-US',
      });
      expect(form.lang).toBe('ko');
      expect(form.replies[0]!.form!.title).toMatch(HANGUL);
      expect(form.replies[0]!.form!.fields.map((f) => f.label).join(' ')).toMatch(HANGUL);
      const saved = await app.bot.handle({
        kind: 'form',
        formId: 'vault.register',
        values: { code: 'P260987654321', pin: '740528', pin2: '740528' },
        user,
        place: 'channel',
        locale: 'en-US',
      });
      expect(saved.lang).toBe('ko');
      expect(saved.replies[0]!.text).toMatch(HANGUL);
      const status = await app.bot.handle(cmd('status'));
      expect(status.lang).toBe('ko');
      expect(status.replies[0]!.text).toMatch(HANGUL);
      // The latest free text decides: an English question switches the person to English.
      expect((await app.bot.handle(say('how do I reissue my customs code'))).lang).toBe('en');
      expect((await app.bot.handle(cmd('status'))).lang).toBe('en');
      // An explicit choice beats both.
      await app.bot.handle(cmd('lang ko'));
      expect((await app.bot.handle(say('how do I reissue my customs code'))).lang).toBe('ko');
    });

    it('answers the exact question first and offers the topic card as "more"', async () => {
      const out = await app.bot.handle(say('재발급 몇 번까지 돼요?'));
      const r = out.replies[0]!;
      expect(r.text.split('\n')[0]!.length).toBeGreaterThan(5);
      expect(r.buttons?.some((b) => b.id === 'topic' && b.value === 'reissue')).toBe(true);
    });

    it('reads a follow-up in the light of the previous answer, within the window only', async () => {
      const first = await app.bot.handle(say('통관부호 재발급 어떻게 해요?'));
      expect(first.replies[0]!.buttons?.some((b) => b.value === 'reissue')).toBe(true);
      const follow = await app.bot.handle(say('그거 몇 번까지 돼요?'));
      expect(follow.replies[0]!.text).toMatch(/5/);
      const english = await app.bot.handle(say('and in English?'));
      expect(english.lang).toBe('en');
      expect(english.replies[0]!.text.split('\n')[0]).not.toMatch(HANGUL);
      expect(english.replies[0]!.text).toMatch(/5|five/i);
      clock.advance(FOLLOW_UP_WINDOW_MS + 60_000);
      const late = await app.bot.handle(say('and in English?'));
      expect(late.replies[0]!.buttons?.some((b) => b.id === 'faq' && b.value === 'reissue.limit')).not.toBe(true);
    });

    it('"그럼 외국인은요?" after an issue answer goes to foreigners', async () => {
      await app.bot.handle(say('통관부호 어떻게 발급받아요?'));
      const out = await app.bot.handle(say('그럼 외국인은요?'));
      expect(out.replies[0]!.buttons?.some((b) => b.id === 'topic' && b.value === 'foreigner')).toBe(true);
    });

    it('keeps only an entry id, a topic and a language as context; forget removes it', async () => {
      await app.bot.handle(say('제 통관번호 도용된 것 같아요 모르는 택배가 왔어요'));
      const dump = await app.dumpAllTables();
      const u = (await app.stores.users.find(user))!;
      expect(await app.stores.conversations!.get(u.id, clock.now())).toMatchObject({ topic: 'theft', lang: 'ko' });
      expect(dump).not.toContain('모르는 택배');
      await app.bot.handle(cmd('forget'));
      await app.bot.handle({ kind: 'action', actionId: 'vault.forget', user, place: 'channel' });
      expect(await app.stores.conversations!.get(u.id, clock.now())).toBeUndefined();
      expect(await app.stores.users.find(user)).toBeUndefined();
    });

    it('ignores expired context and sweeps it', async () => {
      const u = await app.stores.users.ensure(user);
      const store = app.stores.conversations!;
      await store.put(
        u.id,
        { faq: 'reissue.limit', topic: 'reissue', lang: 'ko' },
        new Date(clock.now().getTime() + 1000),
      );
      expect(await store.get(u.id, clock.now())).toBeDefined();
      expect(await store.get(u.id, new Date(clock.now().getTime() + 2000))).toBeUndefined();
      expect(await store.sweep(new Date(clock.now().getTime() + 2000))).toBeGreaterThanOrEqual(1);
      expect(await store.get(u.id, clock.now())).toBeUndefined();
    });

    it('a "did you mean" button answers that entry', async () => {
      const out = await app.bot.handle({
        kind: 'action',
        actionId: 'faq',
        value: 'reissue.limit',
        user,
        place: 'dm',
        locale: 'ko-KR',
      });
      expect(out.replies[0]!.text).toMatch(/5/);
      const bad = await app.bot.handle({
        kind: 'action',
        actionId: 'faq',
        value: 'no.such-entry',
        user,
        place: 'dm',
        locale: 'ko-KR',
      });
      expect(bad.replies[0]!.text.length).toBeGreaterThan(0);
    });

    it('in-domain questions without the usual words never get the off-topic refusal', async () => {
      for (const q of [
        '타인의 부호를 사용해도 되나요?',
        '기존 발급자는 언제 갱신해야 하나요?',
        '이미 발급받았는데 번호가 기억 안 난다면?',
        '주문할때 통관번호 잘못 적었어요 어떻게 해요',
        '갱신하면 번호도 바뀌어요?',
        'do i pay tax on a $180 order from the US',
        '개통부호 어디서 받아요',
        'ㅈㅐ발급 하고 싶어요',
      ]) {
        const text = all(await app.bot.handle(say(q)));
        expect(text, q).not.toMatch(/도와드리기 어려워요|outside what I know/);
      }
    });

    it.each([
      ['empty', ''],
      ['10,000 characters', '통관'.repeat(5000)],
      ['emoji only', '🙂🙂🙂'],
      ['control characters', '\u0000\u0007\u001b[31m통관부호\u0008 재발급\u007f'],
      ['a code only', 'P260987654321'],
      ['a PIN only', '1234'],
      ['whitespace', '   \n\t '],
    ])('%s gets a sensible reply and nothing throws', async (_name, text) => {
      const out = await app.bot.handle(say(text));
      expect(out.replies.length).toBeGreaterThan(0);
      expect(out.replies[0]!.text.trim().length).toBeGreaterThan(0);
      expect(all(out)).not.toMatch(/문제가 생겼어요|something went wrong/);
      expect(JSON.stringify(out)).not.toContain('P260987654321');
      expect(JSON.stringify(out)).not.toContain('1234');
    });
  });
}
