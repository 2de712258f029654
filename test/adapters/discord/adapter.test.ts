// End to end: the real app (PGlite) behind the Discord adapter, discord.js unmodified,
// talking to the fake gateway and the fake REST API (which checks every body against
// Discord's OpenAPI description).
import { describe, expect, test } from 'vitest';
import { useDiscordBed } from '../../fakes/discord/bed';
import { createDiscordDriver, DRIVER_GUILD, DRIVER_USER } from '../../fakes/discord/driver';
import { createTestApp } from '../../helpers/app';
import { renderMessage } from '../../../src/adapters/discord/render';
import { PendingForms } from '../../../src/adapters/discord/forms';

const CODE = 'P240012345678';
const bed = useDiscordBed({ code: CODE, userPrefix: '41' });
const register = (user: string, values?: Record<string, string>) => bed.register(user, { values });

describe('slash commands (every subcommand)', () => {
  test('each subcommand reaches the core as /pccc <args>, with user, place and locale', async () => {
    const user = bed.nextUser();
    const w = bed.d.fake.who(user, { guildId: DRIVER_GUILD, locale: 'ko' });
    const cases: [string, { name: string; value: string } | undefined, string][] = [
      ['help', undefined, 'help'],
      ['topic', { name: 'id', value: 'theft' }, 'topic theft'],
      ['register', undefined, 'register'],
      ['show', undefined, 'show'],
      ['replace', undefined, 'replace'],
      ['pin', undefined, 'pin'],
      ['forget', undefined, 'forget'],
      ['remind', { name: 'schedule', value: 'monthly' }, 'remind monthly'],
      ['remind', undefined, 'remind'],
      ['verify', undefined, 'verify'],
      ['track', { name: 'bl', value: 'HBL1234567 2026' }, 'track HBL1234567 2026'],
      ['parcels', undefined, 'parcels'],
      ['untrack', { name: 'bl', value: 'HBL1234567' }, 'untrack HBL1234567'],
      ['status', undefined, 'status'],
      ['lang', { name: 'language', value: 'en' }, 'lang en'],
      ['ask', { name: 'question', value: '통관부호 유효기간은?' }, '통관부호 유효기간은?'],
    ];
    for (const [sub, option, args] of cases) {
      const from = bed.inbound.length;
      const i = bed.d.fake.command(w, sub, option);
      await bed.d.fake.api.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
      expect(bed.inbound.slice(from)).toEqual([
        { kind: 'command', args, user: { platform: 'discord', id: user }, place: 'channel', locale: 'ko' },
      ]);
    }
  });

  test('help answers ephemerally in a guild channel, in Korean for a ko client', async () => {
    const user = bed.nextUser();
    const w = bed.d.fake.who(user, { guildId: DRIVER_GUILD, locale: 'ko' });
    const i = bed.d.fake.command(w, 'help');
    const cb = await bed.d.fake.api.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & 64).toBe(64);
    expect(cb.json.data.content).toMatch(/[가-힣]/);
    expect(cb.json.data.allowed_mentions).toEqual({ parse: [] });
  });

  test('help in English for an en-US client', async () => {
    const [r] = await bed.d.send({ user: bed.nextUser(), kind: 'command', args: 'help', locale: 'en-US' });
    expect(r!.ephemeral).toBe(true);
    expect(r!.text).toMatch(/register/i);
    expect(r!.text).not.toMatch(/[가-힣]{4}/);
  });

  test('topic with a choice answers that topic, with follow-up topic buttons', async () => {
    const [r] = await bed.d.send({ user: bed.nextUser(), kind: 'command', args: 'topic validity', locale: 'en-US' });
    expect(r!.text).toMatch(/valid|renew|expir/i);
    const topicButtons = r!.buttons.filter((b) => b.actionId === 'topic');
    expect(topicButtons.length).toBeGreaterThan(0);
    // Pressing one of them answers that topic.
    const [next] = await bed.d.send({
      user: DRIVER_USER,
      kind: 'action',
      actionId: 'topic',
      value: topicButtons[0]!.value,
      locale: 'en-US',
    });
    expect(next!.text.length).toBeGreaterThan(20);
  });

  test('ask passes the question to the core', async () => {
    const [r] = await bed.d.send({
      user: bed.nextUser(),
      kind: 'command',
      args: 'how do I get a customs code',
      locale: 'en-US',
    });
    expect(r!.text).toMatch(/UNI-PASS|unipass/i);
  });

  test('register shows the consent notice with buttons; cancel cancels', async () => {
    const user = bed.nextUser();
    const [r] = await bed.d.send({ user, kind: 'command', args: 'register', locale: 'en-US' });
    expect(r!.buttons.map((b) => b.actionId)).toEqual(['vault.consent', 'vault.cancel']);
    const [c] = await bed.d.send({ user, kind: 'action', actionId: 'vault.cancel', locale: 'en-US' });
    expect(c!.text).toMatch(/cancel/i);
  });

  test('show, pin without a stored code: a clear message and a register button', async () => {
    for (const args of ['show', 'pin']) {
      const [r] = await bed.d.send({ user: bed.nextUser(), kind: 'command', args, locale: 'en-US' });
      expect(r!.text).toMatch(/no code stored/i);
      expect(r!.buttons.some((b) => b.actionId === 'vault.register')).toBe(true);
    }
  });

  test('forget asks for confirmation, then deletes', async () => {
    const user = bed.nextUser();
    await register(user);
    const [r] = await bed.d.send({ user, kind: 'command', args: 'forget', locale: 'en-US' });
    expect(r!.buttons.map((b) => b.actionId)).toContain('vault.forget');
    const [done] = await bed.d.send({ user, kind: 'action', actionId: 'vault.forget', locale: 'en-US' });
    expect(done!.text).toMatch(/nothing about you|keeps nothing/i);
    expect((await bed.app.vault.status({ platform: 'discord', id: user })).registered).toBe(false);
  });

  test('remind passes its option; status lists what is kept (masked)', async () => {
    const user = bed.nextUser();
    const remind = await bed.d.send({ user, kind: 'command', args: 'remind monthly', locale: 'en-US' });
    expect(remind.length).toBeGreaterThan(0);
    await register(user);
    const [s] = await bed.d.send({ user, kind: 'command', args: 'status', locale: 'en-US' });
    expect(s!.text).toContain('P24*');
    expect(s!.text).not.toContain(CODE);
  });

  test('lang sets a per-user language that wins over the Discord locale', async () => {
    const user = bed.nextUser();
    await bed.d.send({ user, kind: 'command', args: 'lang en', locale: 'ko' });
    const [r] = await bed.d.send({ user, kind: 'command', args: 'help', locale: 'ko' });
    expect(r!.text).not.toMatch(/[가-힣]{4}/);
  });

  test('in the bot DM, replies are normal messages (not ephemeral)', async () => {
    const [r] = await bed.d.send({ user: bed.nextUser(), place: 'dm', kind: 'command', args: 'help', locale: 'en-US' });
    expect(r!.ephemeral).toBe(false);
  });
});

describe('modals', () => {
  test('the register form opens as a modal as the first response, secret fields as text inputs', async () => {
    const user = bed.nextUser();
    await bed.d.send({ user, kind: 'command', args: 'register', locale: 'en-US' });
    const w = bed.d.fake.who(user, { guildId: DRIVER_GUILD, locale: 'en-US' });
    const consentButton = [...bed.d.fake.api.requests].reverse().find((r) => r.json?.data?.components)!.json.data
      .components[0].components[0].custom_id;
    const i = bed.d.fake.button(w, consentButton);
    const cb = await bed.d.fake.api.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
    expect(cb.json.type).toBe(9);
    expect(cb.json.data.custom_id).toBe('pccc:f|vault.register');
    const inputs = cb.json.data.components.filter((c: any) => c.type === 18).map((c: any) => c.component);
    expect(inputs.map((c: any) => c.custom_id)).toEqual(['code', 'pin', 'pin2']);
    expect(inputs.every((c: any) => c.type === 4 && c.style === 1)).toBe(true);
    expect(cb.json.data.components.length).toBeLessThanOrEqual(5);
  });

  test('a valid submit stores the code and answers with the masked form only', async () => {
    const user = bed.nextUser();
    const [r] = await register(user);
    expect(r!.ephemeral).toBe(true);
    expect(r!.text).toContain('P24*');
    expect(r!.text).not.toContain(CODE);
    expect((await bed.app.vault.status({ platform: 'discord', id: user })).registered).toBe(true);
  });

  test('an invalid submit lists what to fix, ephemerally, offers to try again, and stores nothing', async () => {
    const user = bed.nextUser();
    const replies = await register(user, { code: 'P12', pin: '1234', pin2: '9999' });
    expect(replies).toHaveLength(1);
    const r = replies[0]!;
    expect(r.ephemeral).toBe(true);
    expect(r.text).toMatch(/Please fix the following\. Nothing was saved\./);
    expect(r.text).toMatch(/Customs code/);
    expect(r.buttons.map((b) => b.label)).toEqual(['Try again']);
    expect((await bed.app.vault.status({ platform: 'discord', id: user })).registered).toBe(false);
    // "Try again" reopens the same modal.
    const w = bed.d.fake.who(user, { guildId: DRIVER_GUILD, locale: 'en-US' });
    const i = bed.d.fake.button(w, r.buttons[0]!.customId!);
    const cb = await bed.d.fake.api.waitFor((q) => q.path === `/interactions/${i.id}/${i.token}/callback`);
    expect(cb.json.type).toBe(9);
    expect(cb.json.data.custom_id).toBe('pccc:f|vault.register');
  });

  test('invalid input in Korean', async () => {
    const user = bed.nextUser();
    await bed.d.send({ user, kind: 'command', args: 'register', locale: 'ko' });
    await bed.d.send({ user, kind: 'action', actionId: 'vault.consent', locale: 'ko' });
    const [r] = await bed.d.send({
      user,
      kind: 'form',
      formId: 'vault.register',
      values: { code: 'X', pin: '1', pin2: '1' },
      locale: 'ko',
    });
    expect(r!.text).toContain('입력한 내용을 확인해 주세요. 아무것도 저장하지 않았어요.');
  });
});

describe('reveal', () => {
  test('the code goes out by DM and that DM is deleted after REVEAL_TTL by the durable job', async () => {
    const user = bed.nextUser();
    await register(user);
    const [open] = await bed.d.send({ user, kind: 'command', args: 'show', locale: 'en-US' });
    expect(open!.form?.id).toBe('vault.reveal');
    const replies = await bed.reveal(user);
    const dm = replies.find((r) => r.dm)!;
    expect(dm.text).toContain(CODE);
    // The notification (push / lock-screen preview) is generic; the code is a spoiler in an embed.
    expect(dm.content).toBe('Here is what you asked for.');
    expect(dm.text).toContain(`||${CODE}||`);
    const inPlace = replies.filter((r) => !r.dm);
    expect(inPlace).toHaveLength(1);
    expect(inPlace[0]!.ephemeral).toBe(true);
    expect(inPlace[0]!.text).toMatch(/Sent to you by DM/);
    expect(inPlace[0]!.text).not.toContain(CODE);

    const channel = bed.d.fake.api.dmChannelFor(user)!;
    expect(bed.d.fake.api.messages.get(channel)?.size).toBe(1);
    expect(await bed.app.jobs.runDue(new Date(Date.now() + 60_000))).toBe(0);
    expect(await bed.app.jobs.runDue(new Date(Date.now() + 301_000))).toBeGreaterThan(0);
    const del = await bed.d.fake.api.waitFor(
      (r) => r.method === 'DELETE' && r.path.startsWith(`/channels/${channel}/messages/`),
    );
    expect(del.status).toBe(204);
    expect(bed.d.fake.api.messages.get(channel)?.size).toBe(0);
  });

  test('closed DMs (50007): an ephemeral fallback that says why; nothing is DMed', async () => {
    const user = bed.nextUser();
    await register(user);
    bed.d.fake.api.closedDms.add(user);
    const replies = await bed.reveal(user);
    expect(replies.filter((r) => r.dm)).toHaveLength(0);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.ephemeral).toBe(true);
    expect(replies[0]!.text).toMatch(/DMs are closed/);
    expect(replies[0]!.text).toMatch(/not stored/);
    expect(replies[0]!.text).toContain(CODE);
    const refused = bed.d.fake.api.requests.filter(
      (r) => r.status === 403 && r.path === `/channels/${bed.d.fake.api.dmChannelFor(user)}/messages`,
    );
    expect(refused).toHaveLength(1);
  });

  test('a 429 with retry_after: discord.js waits and retries (no second queue of ours)', async () => {
    const user = bed.nextUser();
    await register(user);
    bed.d.fake.api.rateLimit('POST', /^\/channels\/\d+\/messages$/, 0.4);
    const replies = await bed.reveal(user);
    expect(replies.some((r) => r.dm && r.text.includes(CODE))).toBe(true);
    const posts = bed.d.fake.api.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${bed.d.fake.api.dmChannelFor(user)}/messages`,
    );
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(400);
  });
});

describe('text from outside is escaped', () => {
  test('markdown in a reply (a shipper-written goods name) stays literal text: no masked link, no bold', () => {
    const msg = renderMessage(
      { visibility: 'dm', text: 'Goods: [Refund here](https://phish.example) **now** ||x|| # Big' },
      { ephemeral: false, lang: 'en', forms: new PendingForms() },
    );
    expect(msg.content).not.toMatch(/(?<!\\)\[Refund here\]\(/);
    expect(msg.content).toContain('\\[Refund here]');
    expect(msg.content).toContain('\\*\\*now\\*\\*');
    expect(msg.content).toContain('\\|\\|x\\|\\|');
  });
});

describe('direct messages', () => {
  test('a free-text question in a DM is answered in that DM', async () => {
    const replies = await bed.d.send({
      user: bed.nextUser(),
      kind: 'message',
      text: '통관부호 재발급은 어떻게 하나요?',
    });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.dm).toBe(true);
    expect(replies[0]!.text).toMatch(/재발급/);
  });

  test('a message containing a code is never echoed back; the answer shows it masked', async () => {
    const user = bed.nextUser();
    const replies = await bed.d.send({ user, kind: 'message', text: `my code is ${CODE} is it ok?` });
    expect(replies[0]!.text).toContain('P24*');
    const sent = bed.d.fake.api.requests.filter(
      (r) => r.path === `/channels/${bed.d.fake.api.dmChannelFor(user)}/messages`,
    );
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) expect(r.raw).not.toContain(CODE);
    // The register button it offers opens the consent flow.
    expect(replies[0]!.buttons.some((b) => b.actionId === 'vault.register')).toBe(true);
  });
});

describe('gateway', () => {
  test('op 7 reconnect: the client RESUMEs its session and gets the event it missed', async () => {
    const before = bed.d.fake.gateway.resumes.length;
    const session = bed.d.fake.gateway.session(0)!;
    const resumed = new Promise((r) => bed.d.fake.gateway.once('resumed', r));
    bed.d.fake.gateway.forceReconnect(0);
    // Sent into the session while the client is away: must arrive through the RESUME replay.
    const user = bed.nextUser();
    const w = bed.d.fake.who(user, { guildId: DRIVER_GUILD, locale: 'en-US' });
    const { commandInteraction } = await import('../../fakes/discord/payloads');
    const payload = commandInteraction(w, 'help');
    bed.d.fake.api.interaction(payload.id, payload.token);
    bed.d.fake.gateway.dispatchWhileAway(session.id, 'INTERACTION_CREATE', payload as never);
    await resumed;
    const resume = bed.d.fake.gateway.resumes[before]!;
    expect(resume.sessionId).toBe(session.id);
    expect(resume.replayed).toBeGreaterThanOrEqual(1);
    const cb = await bed.d.fake.api.waitFor((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`);
    expect(cb.json.type).toBe(4);
    // Only the first connection identified; the reconnect did not start a new session.
    expect(bed.d.fake.gateway.identifies).toHaveLength(1);
  });

  test('identifies with only the Guilds and DirectMessages intents', () => {
    expect(bed.d.fake.gateway.identifies[0]!.intents).toBe((1 << 0) | (1 << 12));
  });
});

describe('canary', () => {
  test('the code never appears in any request except the one DM, nor in logs', async () => {
    const canary = 'P269876543210';
    const user = bed.nextUser();
    const from = bed.d.fake.api.requests.length;
    const logsFrom = bed.app.logs.length;
    await register(user, { code: canary, pin: '735102', pin2: '735102' });
    await bed.d.send({ user, kind: 'command', args: 'show', locale: 'en-US' });
    await bed.d.send({ user, kind: 'form', formId: 'vault.reveal', values: { pin: '735102' }, locale: 'en-US' });
    await bed.d.send({ user, kind: 'command', args: 'status', locale: 'en-US' });
    await bed.d.send({ user, kind: 'command', args: 'forget', locale: 'en-US' });
    await bed.d.send({ user, kind: 'action', actionId: 'vault.forget', locale: 'en-US' });
    await bed.app.jobs.runDue(new Date(Date.now() + 3_600_000));
    const carrying = bed.d.fake.api.requests
      .slice(from)
      .filter((r) => r.raw.includes(canary) || decodeURIComponent(r.path).includes(canary));
    expect(carrying).toHaveLength(1);
    expect(carrying[0]!.method).toBe('POST');
    expect(fakeIsDm(carrying[0]!.path, user)).toBe(true);
    expect(bed.app.logs.slice(logsFrom).join('\n')).not.toContain(canary);
  });
});

function fakeIsDm(path: string, user: string): boolean {
  const m = /^\/channels\/(\d+)\/messages$/.exec(path);
  return !!m && bed.d.fake.api.dmChannels.get(m[1]!) === user;
}

describe('storage down', () => {
  test('a clear "temporarily unavailable" reply', async () => {
    const broken = await createTestApp();
    const bd = await createDiscordDriver(broken);
    try {
      await broken.database.close();
      const [r] = await bd.send({ user: bed.nextUser(), kind: 'command', args: 'status', locale: 'en-US' });
      expect(r!.text).toMatch(/right now|temporarily|try again/i);
      expect(r!.ephemeral).toBe(true);
      expect(bd.fake.api.violations).toEqual([]);
    } finally {
      await bd.close();
    }
  });
});
