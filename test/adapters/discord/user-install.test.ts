// Discord user install: /pccc installable to a person's account as well as a server, usable in
// any DM or group DM. Outside the bot's own DM every answer is ephemeral; a reveal goes by DM,
// or — when the bot cannot DM the person — as the existing ephemeral fallback.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { registerCommands } from '../../../src/adapters/discord/register';
import { commandDefinitions } from '../../../src/adapters/discord/definitions';
import { placeOf } from '../../../src/adapters/discord/inbound';
import type { Inbound } from '../../../src/core/types';
import { createDiscordDriver, DRIVER_OTHER_USER, type DiscordDriver } from '../../fakes/discord/driver';
import { TEST_APP_ID, TEST_TOKEN } from '../../fakes/discord/harness';
import { createTestApp, type TestApp } from '../../helpers/app';

const CODE = 'P240087654321';
let app: TestApp;
let d: DiscordDriver;
let n = 0;
const inbound: Inbound[] = [];
const nextUser = () => `4200000000000${String(++n).padStart(5, '0')}`;

beforeAll(async () => {
  app = await createTestApp({ env: { REVEAL_TTL: '300' } });
  const real = app.bot.handle.bind(app.bot);
  app.bot.handle = async (e) => {
    inbound.push(e);
    return real(e);
  };
  d = await createDiscordDriver(app);
}, 120_000);
afterAll(async () => {
  await d?.close();
  await app?.close();
});
afterEach(() => {
  expect(d.fake.api.violations).toEqual([]);
});

describe('command layout', () => {
  test('guild and user install; guild, bot DM and private channels', () => {
    const [pccc] = commandDefinitions() as Array<{ contexts: number[]; integration_types: number[] }>;
    expect(pccc!.integration_types).toEqual([0, 1]);
    expect(pccc!.contexts).toEqual([0, 1, 2]);
  });

  test('register-commands sees the new fields as a change, writes them once', async () => {
    const log = { info: () => {}, warn: () => {} } as never;
    // What a server-only registration left on Discord.
    d.fake.api.commands.global = [
      {
        ...(commandDefinitions()[0] as object),
        id: '1',
        version: '1',
        application_id: TEST_APP_ID,
        contexts: [0, 1],
        integration_types: [0],
      },
    ];
    const r = await registerCommands({ token: TEST_TOKEN, applicationId: TEST_APP_ID, apiUrl: d.fake.api.url, log });
    expect(r.changed).toBe(true);
    expect(r.diff).toEqual(['~ /pccc.contexts: [0,1] → [0,1,2]', '~ /pccc.integration_types: [0] → [0,1]']);
    expect(d.fake.api.commands.global[0].integration_types).toEqual([0, 1]);
    expect(d.fake.api.commands.global[0].contexts).toEqual([0, 1, 2]);
    expect(
      (await registerCommands({ token: TEST_TOKEN, applicationId: TEST_APP_ID, apiUrl: d.fake.api.url, log })).changed,
    ).toBe(false);
  });

  test('place: only the bot DM is "dm"', () => {
    expect(placeOf({ guildId: null, context: 1 })).toBe('dm');
    expect(placeOf({ guildId: null, context: 2 })).toBe('channel');
    expect(placeOf({ guildId: '5', context: 0 })).toBe('channel');
    expect(placeOf({ guildId: null })).toBe('dm'); // no context field (old payloads): as before
  });
});

describe('used from a user install', () => {
  test('in a DM between two people (context 2, owner = the user): the answer is ephemeral and the core is told "channel"', async () => {
    const user = nextUser();
    const replies = await d.send({ user, place: 'private', kind: 'command', args: 'help', locale: 'en-US' });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.ephemeral && !r.dm)).toBe(true);
    const event = inbound.filter((e) => e.user.id === user).at(-1)!;
    expect(event.place).toBe('channel');
    // Nothing was posted into that channel by the bot itself.
    expect(
      d.fake.api.requests.some(
        (r) =>
          r.method === 'POST' &&
          /^\/channels\/\d+\/messages$/.test(r.path) &&
          !d.fake.api.dmChannels.has(r.path.split('/')[2]!),
      ),
    ).toBe(false);
  });

  test('in a server the bot is not in: ephemeral', async () => {
    const replies = await d.send({
      user: nextUser(),
      place: 'user-guild',
      kind: 'command',
      args: 'status',
      locale: 'ko',
    });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.ephemeral)).toBe(true);
  });

  test('in the bot DM the answer is a normal message (unchanged)', async () => {
    const replies = await d.send({ user: nextUser(), place: 'dm', kind: 'command', args: 'help', locale: 'en-US' });
    expect(replies.some((r) => !r.ephemeral)).toBe(true);
  });

  async function registerIn(user: string) {
    await d.send({ user, place: 'private', kind: 'command', args: 'register', locale: 'en-US' });
    const consent = await d.send({
      user,
      place: 'private',
      kind: 'action',
      actionId: 'vault.consent',
      locale: 'en-US',
    });
    expect(consent[0]!.form?.id).toBe('vault.register');
    const done = await d.send({
      user,
      place: 'private',
      kind: 'form',
      formId: 'vault.register',
      values: { code: CODE, pin: '482916', pin2: '482916' },
      locale: 'en-US',
    });
    expect(done.every((r) => r.ephemeral || r.dm)).toBe(true);
    expect(done.map((r) => r.text).join('\n')).not.toContain(CODE);
  }

  test('a reveal from a DM with someone else goes to the bot DM, never into that conversation', async () => {
    const user = nextUser();
    await registerIn(user);
    const [open] = await d.send({ user, place: 'private', kind: 'command', args: 'show', locale: 'en-US' });
    expect(open!.form?.id).toBe('vault.reveal');
    const replies = await d.send({
      user,
      place: 'private',
      kind: 'form',
      formId: 'vault.reveal',
      values: { pin: '482916' },
      locale: 'en-US',
    });
    const dm = replies.filter((r) => r.dm);
    expect(dm).toHaveLength(1);
    expect(dm[0]!.text).toContain(CODE);
    for (const r of replies.filter((x) => !x.dm)) {
      expect(r.ephemeral).toBe(true);
      expect(r.text).not.toContain(CODE);
    }
    // The DM went to the user's own DM channel, not to the other person.
    expect(d.fake.api.dmChannelFor(user)).toBeDefined();
    expect(d.fake.api.dmChannelFor(DRIVER_OTHER_USER)).toBeUndefined();
  });

  test('where the bot cannot DM the person: the ephemeral fallback, visible only to them', async () => {
    const user = nextUser();
    await registerIn(user);
    d.fake.api.closedDms.add(user);
    const replies = await d.send({
      user,
      place: 'private',
      kind: 'form',
      formId: 'vault.reveal',
      values: { pin: '482916' },
      locale: 'en-US',
    });
    expect(replies.filter((r) => r.dm)).toHaveLength(0);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.ephemeral).toBe(true);
    expect(replies[0]!.text).toContain(CODE);
    expect(replies[0]!.text).toMatch(/DMs are closed/);
  });
});
