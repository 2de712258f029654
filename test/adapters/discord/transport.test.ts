// The adapter over the wire with a stand-in bot: translation, timing (defer vs. direct
// answer) and transport, without the app.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import pino from 'pino';
import { startDiscord, type DiscordHandle } from '../../../src/adapters/discord';
import type { Form, Inbound, Outcome } from '../../../src/core/types';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/harness';

let fake: FakeDiscord;
let handle: DiscordHandle;
const seen: Inbound[] = [];
/** What the stand-in core answers next, and after how long. */
let next: { delayMs: number; outcome: (e: Inbound) => Outcome } = {
  delayMs: 0,
  outcome: (e) => ({ lang: 'en', replies: [{ visibility: 'ephemeral', text: `ok ${e.kind}` }] }),
};
const defaultNext = next;

const form: Form = {
  id: 'demo.form',
  title: 'Demo',
  submitLabel: 'Save',
  fields: [{ id: 'x', label: 'X', kind: 'secret' }],
};

beforeAll(async () => {
  fake = await startFakeDiscord();
  handle = await startDiscord(
    {
      bot: {
        async handle(e: Inbound): Promise<Outcome> {
          seen.push(e);
          const { delayMs, outcome } = next;
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
          return outcome(e);
        },
      },
      config: {
        discordToken: fake.env.DISCORD_TOKEN,
        discordApplicationId: fake.env.DISCORD_APPLICATION_ID,
        discordApiUrl: fake.env.DISCORD_API_URL,
      },
      log: pino({ level: 'silent' }),
      registerMessenger() {},
      delivery: { reveal: async () => 'sent', async deleteFallbackLater() {} },
    },
    { budgetMs: 100 },
  );
});
afterAll(async () => {
  await handle?.stop();
  await fake?.close();
});
afterEach(() => {
  next = defaultNext;
  expect(fake.api.violations).toEqual([]);
});

const guildUser = () => fake.who('222222222222222222', { guildId: '333333333333333333' });
const callback = (i: { id: string; token: string }) =>
  fake.api.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
const edit = (i: { token: string }) =>
  fake.api.waitFor(
    (r) =>
      r.method === 'PATCH' && r.path === `/webhooks/${fake.env.DISCORD_APPLICATION_ID}/${i.token}/messages/@original`,
  );

test("a guild command is answered ephemerally with the core's text; a DM is answered in the DM channel", async () => {
  const i = fake.command(guildUser(), 'help');
  expect((await callback(i)).json).toMatchObject({ type: 4, data: { content: 'ok command', flags: 64 } });
  expect(seen.at(-1)).toMatchObject({ kind: 'command', args: 'help', place: 'channel' });
  const d = fake.dm('222222222222222222', 'hello');
  const m = await fake.api.waitFor((r) => r.path === `/channels/${d.channelId}/messages`);
  expect(m.json.content).toBe('ok message');
  expect(seen.at(-1)).toMatchObject({ kind: 'message', text: 'hello', place: 'dm' });
});

test('a slow core: the interaction is deferred (ephemeral) within the budget, then the reply is edited in', async () => {
  next = {
    delayMs: 400,
    outcome: () => ({
      lang: 'en',
      replies: [
        { visibility: 'ephemeral', text: 'slow answer' },
        { visibility: 'ephemeral', text: 'second' },
      ],
    }),
  };
  const i = fake.command(guildUser(), 'status');
  const cb = await callback(i);
  expect(cb.json).toEqual({ type: 5, data: { flags: 64 } });
  expect((await edit(i)).json.content).toBe('slow answer');
  const follow = await fake.api.waitFor(
    (r) => r.method === 'POST' && r.path === `/webhooks/${fake.env.DISCORD_APPLICATION_ID}/${i.token}`,
  );
  expect(follow.json).toMatchObject({ content: 'second', flags: 64 });
});

test('a slow form: deferred, offered as an "Open the form" button, which opens the modal', async () => {
  next = {
    delayMs: 300,
    outcome: () => ({ lang: 'en', replies: [{ visibility: 'ephemeral', text: 'Fill this in', form }] }),
  };
  const i = fake.command(guildUser(), 'register');
  expect((await callback(i)).json.type).toBe(5);
  const edited = await edit(i);
  const button = edited.json.components[0].components[0];
  expect(button.label).toBe('Open the form');
  next = defaultNext;
  const b = fake.button(guildUser(), button.custom_id);
  const modal = await callback(b);
  expect(modal.json).toMatchObject({ type: 9, data: { custom_id: 'pccc:f|demo.form', title: 'Demo' } });
});

test('a quick form opens the modal as the first response', async () => {
  next = {
    delayMs: 0,
    outcome: () => ({ lang: 'en', replies: [{ visibility: 'ephemeral', text: 'Fill this in', form }] }),
  };
  const i = fake.command(guildUser(), 'register');
  expect((await callback(i)).json.type).toBe(9);
});

test('a modal submit is deferred at once and its values reach the core keyed by field id', async () => {
  const i = fake.modalSubmit(guildUser(), 'pccc:f|demo.form', { x: 'secret-value' });
  expect((await callback(i)).json).toEqual({ type: 5, data: { flags: 64 } });
  expect((await edit(i)).json.content).toBe('ok form');
  expect(seen.at(-1)).toMatchObject({ kind: 'form', formId: 'demo.form', values: { x: 'secret-value' } });
});

test('an expired pending button gets a kind explanation, not silence', async () => {
  const i = fake.button(guildUser(), 'pccc:s|no-such-key');
  const cb = await callback(i);
  expect(cb.json).toMatchObject({ type: 4, data: { flags: 64 } });
  expect(cb.json.data.content).toMatch(/expired/);
});
