import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotModule } from '../../src/core/module';
import type { Inbound } from '../../src/core/types';
import { createTestApp, type TestApp } from '../helpers/app';

const user = { platform: 'slack' as const, id: 'U1' };
const cmd = (args: string, extra: Partial<Inbound> = {}): Inbound =>
  ({ kind: 'command', args, user, place: 'channel', ...extra }) as Inbound;

// A module that misbehaves on purpose, to pin down the bot's last line of defence.
const troublemaker: BotModule = {
  name: 'test',
  commands: [
    {
      names: ['boom'],
      run: async () => {
        throw new Error('kaboom P260987654321');
      },
    },
    {
      names: ['leak'],
      run: async (ctx) => [
        ctx.reply('your code is P260987654321', { fields: [{ label: 'code', value: 'P260987654321' }] }),
      ],
    },
  ],
};

describe('bot routing', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp({ modules: () => [troublemaker] });
  });
  afterEach(async () => {
    await app.close();
  });

  it('replies ephemerally in channels and as DMs in a DM', async () => {
    expect((await app.bot.handle(cmd('help'))).replies[0]!.visibility).toBe('ephemeral');
    expect((await app.bot.handle(cmd('help', { place: 'dm' }))).replies[0]!.visibility).toBe('dm');
  });

  it('answers topics by Korean and English word and sends other text to the matcher', async () => {
    expect((await app.bot.handle(cmd('재발급'))).replies[0]!.text).toMatch(/재발급/);
    expect((await app.bot.handle(cmd('reissue', { locale: 'en-US' }))).replies[0]!.text).toMatch(/[Rr]eissue/);
    expect((await app.bot.handle(cmd('통관번호 까먹었어요'))).replies[0]!.text).toMatch(/조회/);
  });

  it('follows the platform locale for commands, the question language for free text, and a per-user override over both', async () => {
    expect((await app.bot.handle(cmd('help', { locale: 'en-GB' }))).lang).toBe('en');
    expect((await app.bot.handle(cmd('help', { locale: 'ko-KR' }))).lang).toBe('ko');
    expect(
      (
        await app.bot.handle({
          kind: 'message',
          text: 'how do I get a customs code',
          user,
          place: 'dm',
          locale: 'ko-KR',
        })
      ).lang,
    ).toBe('en');
    await app.bot.handle(cmd('lang en'));
    expect(
      (await app.bot.handle({ kind: 'message', text: '통관번호 발급', user, place: 'dm', locale: 'ko-KR' })).lang,
    ).toBe('en');
    await app.bot.handle(cmd('lang auto'));
    expect((await app.bot.handle(cmd('help', { locale: 'ko-KR' }))).lang).toBe('ko');
    expect((await app.bot.handle(cmd('lang klingon'))).replies[0]!.text).toMatch(/lang ko \| en \| auto/);
  });

  it('turns an unexpected failure into a kind message that leaks nothing', async () => {
    const out = await app.bot.handle(cmd('boom'));
    expect(out.replies[0]!.text).toMatch(/문제가 생겼어요|something went wrong/);
    expect(app.logs.join('')).not.toContain('P260987654321');
    expect(app.logs.join('')).toContain('handler failed');
  });

  it('masks any code in a non-sensitive reply, even from a buggy module', async () => {
    const out = await app.bot.handle(cmd('leak'));
    expect(JSON.stringify(out)).not.toContain('P260987654321');
    expect(out.replies[0]!.text).toContain('P26*******321');
  });

  it('delivers a pending notice once, the next time the user talks', async () => {
    const u = await app.stores.users.ensure(user);
    await app.stores.users.addNotice(u.id, {
      key: 'text',
      params: { text: 'Your reminders were paused because DMs are closed.' },
    });
    const first = await app.bot.handle(cmd('help'));
    expect(first.replies[0]!.text).toMatch(/paused/);
    expect((await app.bot.handle(cmd('help'))).replies.some((r) => /paused/.test(r.text))).toBe(false);
  });

  it('answers an unknown form or a too-long message kindly', async () => {
    expect(
      (await app.bot.handle({ kind: 'form', formId: 'nope', values: {}, user, place: 'dm' })).replies[0]!.text,
    ).toMatch(/유효하지 않아요/);
    expect(
      (await app.bot.handle({ kind: 'message', text: '가'.repeat(5000), user, place: 'dm' })).replies[0]!.text,
    ).toMatch(/너무 길어요/);
  });

  it('refuses a registration form submitted without consent, storing nothing', async () => {
    const out = await app.bot.handle({
      kind: 'form',
      formId: 'vault.register',
      values: { code: 'P260987654321', pin: '740528', pin2: '740528' },
      user,
      place: 'dm',
    });
    expect(out.formErrors?.code).toMatch(/동의/);
    expect((await app.vault.status(user)).registered).toBe(false);
  });
});
