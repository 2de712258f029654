// The Slack adapter end to end: signed requests into the unmodified Bolt HTTP receiver, a real
// app on a real database behind it, and every outgoing call checked by the fake Slack API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findCodes } from '../../../src/core/code';
import type { Inbound, Outcome } from '../../../src/core/types';
import { startSlackHarness, type SeenItem, type SlackHarness } from '../../fakes/slack/harness';
import { eventEnvelope, messageEvent, slashCommand } from '../../fakes/slack/payloads';
import { sign } from '../../fakes/slack/wire';

const CODE = 'P261122334455';
const PIN = '740528';
const texts = (seen: SeenItem[]) => seen.map((s) => s.text).join('\n');
const button = (seen: SeenItem[], label: RegExp) => {
  const b = seen.flatMap((s) => s.buttons).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label} in: ${JSON.stringify(seen.map((s) => s.buttons.map((x) => x.label)))}`);
  return b;
};
const form = (seen: SeenItem[]) => {
  const f = seen.find((s) => s.form)?.form;
  if (!f) throw new Error(`no form in: ${texts(seen)}`);
  return f;
};
let userSeq = 0;
const newUserId = () => `U0T${String(++userSeq).padStart(4, '0')}`;

describe('slack adapter over HTTP', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    // Every call the adapter made matched @slack/web-api's types and Block Kit limits.
    expect(h.fake.problems).toEqual([]);
  });

  describe('/pccc', () => {
    it.each([
      ['help', /register/],
      ['발급', /unipass\.customs\.go\.kr/i],
      ['issue', /UNI-PASS/],
      ['도용', /125/],
      ['theft', /125/],
      ['status', /not stored|보관 안 함/],
      ['how do I get a PCCC?', /UNI-PASS|unipass/i],
    ])('answers "%s" privately through response_url', async (args, expected) => {
      const u = h.user(newUserId());
      const { response, seen } = await u.command(args);
      expect(response.status).toBe(200);
      expect(response.body).toBe(''); // bare ack: the answer comes later, not in the ack
      expect(seen).toHaveLength(1);
      expect(seen[0]!.via).toBe('response_url');
      expect(seen[0]!.private).toBe(true);
      expect(texts(seen)).toMatch(expected);
      const post = h.fake.responseUrlPosts.at(-1)!;
      expect(post.body.response_type).toBe('ephemeral');
      expect(post.body.replace_original).toBe(false);
    });

    it.each(['register', 'show', 'pin', 'forget', 'remind'])(
      'routes "%s" to the core and delivers its answer',
      async (args) => {
        const u = h.user(newUserId());
        const seen: string[] = [];
        const spy = spyOn(h, (e) => seen.push(e.kind === 'command' ? e.args : e.kind));
        const { seen: shown } = await u.command(args);
        spy.restore();
        expect(seen).toEqual([args]);
        expect(shown.length).toBeGreaterThan(0);
        expect(shown.every((s) => s.private)).toBe(true);
      },
    );

    it('answers as a normal message in the bot DM', async () => {
      const u = h.user(newUserId());
      const { seen } = await u.command('help', 'dm');
      expect(seen[0]!.via).toBe('response_url');
      expect(h.fake.responseUrlPosts.at(-1)!.body.response_type).toBe('in_channel');
    });

    it('keeps answers ephemeral in a DM between two people', async () => {
      const u = h.user(newUserId());
      const other = 'D0SOMEONEELSE';
      const { seen } = await u.act(() =>
        h.wire.command(slashCommand({ user: u.id, channel: other, text: 'help', responseUrl: h.fake.responseUrl() })),
      );
      expect(seen).toHaveLength(1);
      expect(h.fake.responseUrlPosts.at(-1)!.body.response_type).toBe('ephemeral');
    });

    it('passes the Slack locale to the core, looked up once per user', async () => {
      const u = h.user(newUserId());
      h.fake.locales.set(u.id, 'en-US');
      const locales: (string | undefined)[] = [];
      const spy = spyOn(h, (e) => locales.push(e.locale));
      await u.command('발급');
      await u.command('status');
      spy.restore();
      expect(locales).toEqual(['en-US', 'en-US']);
      const lookups = h.fake.callsOf('users.info').filter((c) => c.args.user === u.id);
      expect(lookups).toHaveLength(1);
      expect(lookups[0]!.args.include_locale).toBe(true);
    });

    it('still answers when the locale lookup fails', async () => {
      const u = h.user(newUserId());
      h.fake.failNext('users.info', 'user_not_found');
      const locales: (string | undefined)[] = [];
      const spy = spyOn(h, (e) => locales.push(e.locale));
      const { seen } = await u.command('help');
      spy.restore();
      expect(locales).toEqual([undefined]);
      expect(texts(seen)).toMatch(/register/);
    });
  });

  describe('register, reveal, forget through modals and buttons', () => {
    it('opens the registration modal from the consent button and stores nothing on cancel', async () => {
      const u = h.user(newUserId());
      const consent = await u.command('register');
      const cancelled = await u.press(button(consent.seen, /Cancel|취소/));
      expect(texts(cancelled.seen)).toMatch(/Nothing was stored|저장하지 않았/);
      expect(texts((await u.command('status')).seen)).toMatch(/not stored|보관 안 함/);
    });

    it('shows invalid input inline (response_action: errors) and stores nothing', async () => {
      const u = h.user(newUserId());
      const opened = await u.press(button((await u.command('register')).seen, /agree|동의/));
      const open = h.fake.callsOf('views.open').at(-1)!;
      expect(open.args.trigger_id).toBeTruthy();
      const view = open.args.view as Record<string, any>;
      expect(view.callback_id).toBe('pccc_form');
      expect(JSON.parse(view.private_metadata)).toMatchObject({ f: expect.any(String), p: 'channel', c: u.channel });
      expect(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id)).toEqual([
        'code',
        'pin',
        'pin2',
      ]);

      const bad = await u.submit(form(opened.seen), { code: 'P12345', pin: '123456', pin2: '123456' });
      const ack = bad.response.json();
      expect(ack.response_action).toBe('errors');
      expect(Object.keys(ack.errors).sort()).toEqual(expect.arrayContaining(['code']));
      expect(bad.seen.filter((s) => s.via !== 'ack')).toEqual([]); // nothing posted: the modal shows it
      expect(texts((await u.command('status')).seen)).toMatch(/not stored|보관 안 함/);
    });

    it('stores a valid code, reveals it by DM only after the PIN, deletes it after the TTL, and forgets', async () => {
      const u = h.user(newUserId());
      const opened = await u.press(button((await u.command('register')).seen, /agree|동의/));
      const saved = await u.submit(form(opened.seen), { code: CODE, pin: PIN, pin2: PIN });
      expect(saved.response.body).toBe(''); // ack() closes the modal
      expect(texts(saved.seen)).toContain('P26*******455');
      expect(texts(saved.seen)).not.toContain(CODE);

      const show = await u.command('show');
      expect(show.seen[0]!.via).toBe('views.open'); // the command's trigger_id opened the PIN modal
      const wrong = await u.submit(form(show.seen), { pin: '111333' });
      expect(wrong.response.json().response_action).toBe('errors');

      const right = await u.submit(form((await u.command('show')).seen), { pin: PIN });
      expect(right.response.body).toBe('');
      const dms = h.fake.callsOf('chat.postMessage').filter((c) => String(c.raw).includes(CODE));
      expect(dms).toHaveLength(1);
      expect(String(dms[0]!.args.channel)).toBe(u.dm);
      // The notification text (push / lock-screen preview) is generic: the code is only in the blocks.
      expect(String(dms[0]!.args.text)).not.toContain(CODE);
      expect(String(dms[0]!.args.text)).toMatch(/요청하신 정보를 보냈어요|Here is what you asked for/);
      expect(JSON.stringify(dms[0]!.args.blocks)).toContain(CODE);

      h.clock.advance(11 * 60_000);
      await h.app.jobs.runDue(h.clock.now());
      const del = h.fake.callsOf('chat.delete').at(-1)!;
      expect(del.args).toEqual({ channel: u.dm, ts: (dms[0]!.response as any).ts });

      const forget = await u.command('forget');
      const gone = await u.press(button(forget.seen, /Delete everything|모두 삭제|삭제/));
      expect(texts(gone.seen)).toMatch(/keeps nothing|삭제했/);
      expect(texts((await u.command('status')).seen)).toMatch(/not stored|보관 안 함/);
    });

    it('falls back to an ephemeral reply when the DM cannot be delivered', async () => {
      const u = h.user(newUserId());
      await u.submit(form((await u.press(button((await u.command('register')).seen, /agree|동의/))).seen), {
        code: CODE,
        pin: PIN,
        pin2: PIN,
      });
      const show = await u.command('show');
      h.fake.failNext('chat.postMessage', 'cannot_dm_bot');
      await u.submit(form(show.seen), { pin: PIN });
      const fallback = h.fake.responseUrlPosts.find((p) => p.raw.includes(CODE))!;
      expect(fallback.body.response_type).toBe('ephemeral');
      // The code is in the blocks only: the notification text (push previews) stays generic.
      expect(String(fallback.body.text)).not.toContain(CODE);
    });
  });

  describe('DMs and channel messages', () => {
    it('answers a DM question in its thread', async () => {
      const u = h.user(newUserId());
      const { response, seen } = await u.dmMessage('통관번호 까먹었어요', { ts: '1700000100.000200' });
      expect(response.status).toBe(200);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ via: 'chat.postMessage', channel: u.dm, threadTs: '1700000100.000200' });
      expect(texts(seen)).toMatch(/조회/);
    });

    it('never echoes a code sent by DM and offers private registration', async () => {
      const u = h.user(newUserId());
      const from = [h.fake.requests.length, h.fake.responseUrlPosts.length] as const;
      const { seen } = await u.dmMessage(`제 번호 ${CODE} 맞나요?`);
      expect(texts(seen)).not.toContain(CODE);
      expect(texts(seen)).toContain('P26*******455');
      expect(h.fake.everything(...from)).not.toContain(CODE);
    });

    it('warns privately about a code pasted in a channel, without echoing it, and ignores other chatter', async () => {
      const u = h.user(newUserId());
      const from = [h.fake.requests.length, h.fake.responseUrlPosts.length] as const;
      expect((await u.channelMessage('점심 뭐 먹지')).seen).toEqual([]);
      const { seen } = await u.channelMessage(`제 통관부호 ${CODE.toLowerCase()} 입니다`);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.via).toBe('chat.postEphemeral');
      expect(texts(seen)).not.toMatch(new RegExp(CODE, 'i'));
      expect(findCodes(h.fake.everything(...from))).toEqual([]);
    });

    it.each([
      ['message_changed', { subtype: 'message_changed' }],
      ['bot_message', { subtype: 'bot_message', botId: 'B0OTHER' }],
      ['its own message', { user: 'UFAKEBOT' }],
    ])('ignores %s (no loops)', async (_name, extra) => {
      const u = h.user(newUserId());
      const calls: Inbound[] = [];
      const spy = spyOn(h, (e) => calls.push(e));
      const { seen } = await u.act(() =>
        h.wire.event(
          eventEnvelope(messageEvent({ user: u.id, channel: u.dm, channelType: 'im', text: 'help me', ...extra })),
        ),
      );
      spy.restore();
      expect(calls).toEqual([]);
      expect(seen).toEqual([]);
    });

    it('answers an @mention in the thread of the mention', async () => {
      const u = h.user(newUserId());
      const { seen } = await u.act(() =>
        h.wire.event(
          eventEnvelope({
            type: 'app_mention',
            user: u.id,
            text: '<@UFAKEBOT> 유효기간 언제까지?',
            ts: '1700000200.000100',
            channel: u.channel,
            event_ts: '1700000200.000100',
          }),
        ),
      );
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((s) => s.threadTs === '1700000200.000100' || s.via === 'chat.postEphemeral')).toBe(true);
    });
  });

  describe('App Home', () => {
    it('publishes the status with shortcut buttons, and a shortcut runs its command', async () => {
      const u = h.user(newUserId());
      const { seen } = await u.openHome();
      const publish = h.fake.callsOf('views.publish').at(-1)!;
      expect(publish.args.user_id).toBe(u.id);
      expect((publish.args.view as any).type).toBe('home');
      expect(texts(seen)).toMatch(/not stored|보관 안 함/);
      const labels = seen.flatMap((s) => s.buttons.map((b) => b.label));
      expect(labels.length).toBeGreaterThanOrEqual(5);

      const commands: string[] = [];
      const spy = spyOn(h, (e) => e.kind === 'command' && commands.push(e.args));
      const pressed = await u.press(button(seen, /Help|도움말/));
      spy.restore();
      expect(commands).toEqual(['help', 'status']); // the command, then the refreshed Home
      const dm = pressed.seen.find((s) => s.via === 'chat.postMessage');
      expect(dm?.channel).toBe(u.dm);
      expect(pressed.seen.some((s) => s.via === 'views.publish')).toBe(true);
    });

    it('ignores the Messages tab', async () => {
      const u = h.user(newUserId());
      const { seen } = await u.act(() =>
        h.wire.event(
          eventEnvelope({ type: 'app_home_opened', user: u.id, channel: u.dm, tab: 'messages', event_ts: '1.2' }),
        ),
      );
      expect(seen).toEqual([]);
    });
  });

  describe('request authenticity and retries', () => {
    it('rejects a forged signature with 401 and runs nothing', async () => {
      const u = h.user(newUserId());
      const calls: Inbound[] = [];
      const spy = spyOn(h, (e) => calls.push(e));
      const body = new URLSearchParams(
        slashCommand({ user: u.id, channel: u.channel, text: 'help', responseUrl: h.fake.responseUrl() }),
      ).toString();
      const forged = await h.wire.post(body, 'application/x-www-form-urlencoded', { secret: 'not-the-secret' });
      const tampered = await h.wire.post(body.replace('help', 'forget'), 'application/x-www-form-urlencoded', {
        signature: sign(body, h.wire.secret, Math.floor(Date.now() / 1000)),
      });
      const unsigned = await fetch(h.wire.eventsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      await u.settle();
      spy.restore();
      expect([forged.status, tampered.status, unsigned.status]).toEqual([401, 401, 401]);
      expect(calls).toEqual([]);
    });

    it('rejects a correctly signed but expired request (timestamp older than 5 minutes)', async () => {
      const u = h.user(newUserId());
      const calls: Inbound[] = [];
      const spy = spyOn(h, (e) => calls.push(e));
      const old = Math.floor(Date.now() / 1000) - 6 * 60;
      const res = await h.wire.command(
        slashCommand({ user: u.id, channel: u.channel, text: 'help', responseUrl: h.fake.responseUrl() }),
        { timestamp: old },
      );
      await u.settle();
      spy.restore();
      expect(res.status).toBe(401);
      expect(calls).toEqual([]);
    });

    it('acknowledges a retried event (X-Slack-Retry-Num) without processing it twice', async () => {
      const u = h.user(newUserId());
      const calls: Inbound[] = [];
      const spy = spyOn(h, (e) => calls.push(e));
      const first = await u.dmMessage('유효기간', { eventId: 'Ev0RETRY1', ts: '1700000300.000100' });
      const retry = await u.dmMessage('유효기간', { eventId: 'Ev0RETRY1', ts: '1700000300.000100', retryNum: 1 });
      spy.restore();
      expect([first.response.status, retry.response.status]).toEqual([200, 200]);
      expect(calls).toHaveLength(1);
      expect(retry.seen).toEqual([]);
    });

    it('answers url_verification and serves /healthz and /readyz', async () => {
      const res = await h.wire.event({ type: 'url_verification', challenge: 'abc123', token: 't' });
      expect(res.json()).toEqual({ challenge: 'abc123' });
      const health = await fetch(`${h.adapter.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      const ready = await fetch(`${h.adapter.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ok: true, checks: { database: 'up' } });
      const unknown = await fetch(`${h.adapter.url}/nope`);
      expect(unknown.status).toBe(404);
      // The public pages' 404 page: a way home, never a stack.
      const page = await unknown.text();
      expect(page).toContain('<html');
      expect(page).not.toMatch(/\bat .+\.(ts|js):\d+/);
    });
  });

  describe('rate limits', () => {
    it('waits out a 429 (Retry-After) from the Web API and delivers on the next attempt', async () => {
      const u = h.user(newUserId());
      await u.command('help', 'dm'); // learn the DM channel first
      const before = h.fake.requests.filter((c) => c.method === 'chat.postMessage').length;
      h.fake.rateLimit('chat.postMessage', 1, 1);
      const { seen } = await u.dmMessage('유효기간은요?');
      const attempts = h.fake.requests.filter((c) => c.method === 'chat.postMessage').slice(before);
      expect(attempts.map((a) => a.status)).toEqual([429, 200]);
      expect(seen.filter((s) => s.via === 'chat.postMessage')).toHaveLength(1);
    });
  });
});

describe('slack adapter with a slow or failing core', () => {
  it('acks a command before the core answers', async () => {
    const gate = deferred();
    let entered = 0;
    const h = await startSlackHarness({
      wrapHandle: (handle) => async (e) => {
        entered++;
        await gate.promise;
        return handle(e);
      },
    });
    try {
      const u = h.user(newUserId());
      const res = await h.wire.command(
        slashCommand({ user: u.id, channel: u.channel, text: 'help', responseUrl: h.fake.responseUrl() }),
      );
      expect(res.status).toBe(200); // answered while the core is still blocked
      await waitUntil(() => entered === 1);
      expect(h.fake.responseUrlPosts).toHaveLength(0);
      gate.resolve();
      await u.settle();
      expect(h.fake.responseUrlPosts).toHaveLength(1);
      expect(h.fake.problems).toEqual([]);
    } finally {
      gate.resolve();
      await h.close();
    }
  });

  it('acks a slow modal submission with "still working", then updates the modal and posts the result', async () => {
    let slow = false;
    const gate = deferred();
    const h = await startSlackHarness({
      slack: { submissionDeadlineMs: 150 },
      wrapHandle: (handle) => async (e) => {
        if (slow && e.kind === 'form') await gate.promise;
        return handle(e);
      },
    });
    try {
      const u = h.user(newUserId());
      const opened = await u.press(button((await u.command('register')).seen, /agree|동의/));
      slow = true;
      const pending = u.submit(form(opened.seen), { code: CODE, pin: PIN, pin2: PIN });
      await waitUntil(() => h.fake.requests.length > 0 && false, 300).catch(() => undefined);
      gate.resolve();
      const { response, seen } = await pending;
      expect(response.json().response_action).toBe('update');
      expect(JSON.stringify(response.json().view)).toMatch(/Working|처리 중/);
      const update = h.fake.callsOf('views.update').at(-1)!;
      expect(update.args.view_id).toBe(JSON.parse(form(opened.seen).handle).viewId);
      expect(texts(seen)).toContain('P26*******455');
      expect(h.fake.problems).toEqual([]);
    } finally {
      gate.resolve();
      await h.close();
    }
  });

  it('shows late validation errors by updating the modal', async () => {
    let slow = false;
    const h = await startSlackHarness({
      slack: { submissionDeadlineMs: 100 },
      wrapHandle: (handle) => async (e) => {
        if (slow && e.kind === 'form') await new Promise((r) => setTimeout(r, 300));
        return handle(e);
      },
    });
    try {
      const u = h.user(newUserId());
      const opened = await u.press(button((await u.command('register')).seen, /agree|동의/));
      slow = true;
      const { response } = await u.submit(form(opened.seen), { code: 'P1', pin: '222222', pin2: '222222' });
      expect(response.json().response_action).toBe('update');
      const update = h.fake.callsOf('views.update').at(-1)!;
      const view = update.args.view as Record<string, any>;
      expect(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id)).toEqual([
        'code',
        'pin',
        'pin2',
      ]);
      expect(view.blocks[0].text.text).toMatch(/check|확인/i);
      expect(JSON.stringify(view)).not.toContain('222222'); // values never come back
      expect(texts((await u.command('status')).seen)).toMatch(/not stored|보관 안 함/);
      expect(h.fake.problems).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('tells the user the service is unavailable when the database is down, and /readyz says 503 (/healthz stays 200)', async () => {
    const h = await startSlackHarness({ db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    const close = h.app.database.close.bind(h.app.database);
    try {
      const u = h.user(newUserId());
      await close();
      const { seen } = await u.command('status');
      expect(seen).toHaveLength(1);
      expect(texts(seen)).toMatch(/unavailable|잠시|try again/i);
      const ready = await fetch(`${h.adapter.url}/readyz`);
      expect(ready.status).toBe(503);
      const health = await fetch(`${h.adapter.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      h.app.database.close = async () => {};
      await h.close().catch(() => undefined);
    }
  });
});

// ---- helpers ---------------------------------------------------------------------------
function spyOn(h: SlackHarness, onEvent: (e: Inbound) => unknown) {
  const bot = h.app.bot as { handle(e: Inbound): Promise<Outcome> };
  const original = bot.handle;
  bot.handle = (e: Inbound) => {
    onEvent(e);
    return original.call(bot, e);
  };
  return { restore: () => void (bot.handle = original) };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function waitUntil(cond: () => boolean, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
