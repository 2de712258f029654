// ShardingManager with two real shard processes (src/adapters/discord/shard.ts, run with
// `--import tsx`) against the fake gateway, sharing one PostgreSQL database.
import { REST } from 'discord.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import pino from 'pino';
import { DiscordMessenger } from '../../../src/adapters/discord/messenger';
import { startDiscordSharded } from '../../../src/adapters/discord/sharding';
import { startFakeDiscord, TEST_TOKEN, type FakeDiscord } from '../../fakes/discord/harness';
import { shardFor } from '../../fakes/discord/payloads';
import { createTestApp, TEST_KEYS, type TestApp } from '../../helpers/app';

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

let fake: FakeDiscord;
let app: TestApp;
let sharded: Awaited<ReturnType<typeof startDiscordSharded>>;

/** Guild ids that Discord would route to shard 0 and to shard 1 of 2. */
const GUILD_ON_0 = String((1n << 22n) * 1000n);
const GUILD_ON_1 = String((1n << 22n) * 1001n);

beforeAll(async () => {
  fake = await startFakeDiscord({ shards: 2 });
  // This app migrates the shared database and later runs the durable jobs, as a third process would.
  app = await createTestApp({ db: 'postgres' });
  sharded = await startDiscordSharded({
    token: TEST_TOKEN,
    apiUrl: fake.api.url,
    totalShards: 'auto',
    mode: 'process',
    spawnDelayMs: 100,
    env: { ...TEST_KEYS, ...fake.env, DATABASE_URL: app.config.databaseUrl!, LOG_LEVEL: 'silent', REVEAL_TTL: '60' },
    log: pino({ level: 'silent' }),
  });
  await fake.gateway.waitForShards(2);
});

afterAll(async () => {
  await sharded?.stop();
  await app?.close();
  await fake?.close();
});

test('two shard processes identify as [0,2] and [1,2] (count from GET /gateway/bot)', () => {
  expect(shardFor(GUILD_ON_0, 2)).toBe(0);
  expect(shardFor(GUILD_ON_1, 2)).toBe(1);
  expect(fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([
    [0, 2],
    [1, 2],
  ]);
  expect(sharded.manager.shards.size).toBe(2);
});

test('each shard answers the interactions routed to it; DMs arrive on shard 0 and are answered', async () => {
  const a = fake.command(fake.who('420000000000000001', { guildId: GUILD_ON_0, locale: 'en-US' }), 'help');
  const b = fake.command(fake.who('420000000000000002', { guildId: GUILD_ON_1, locale: 'ko' }), 'help');
  const [ca, cb] = await Promise.all(
    [a, b].map((i) => fake.api.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`)),
  );
  expect(ca!.json.type).toBe(4);
  expect(cb!.json.data.content).toMatch(/[가-힣]/);
  const dm = fake.dm('420000000000000003', 'what is a customs code?');
  const answer = await fake.api.waitFor((r) => r.method === 'POST' && r.path === `/channels/${dm.channelId}/messages`);
  expect(answer.json.content.length).toBeGreaterThan(20);
});

test('a reveal on shard 1 is DMed over REST; its deletion job runs in another process', async () => {
  const user = '420000000000000004';
  const w = fake.who(user, { guildId: GUILD_ON_1, locale: 'en-US' });
  const cb = (i: { id: string; token: string }) =>
    fake.api.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
  const settled = (i: { id: string; token: string }) =>
    fake.api.waitFor((r) => r.method === 'PATCH' && r.path.startsWith(`/webhooks/`) && r.path.includes(i.token));

  await cb(fake.command(w, 'register'));
  await cb(fake.button(w, 'pccc:a|vault.consent'));
  const reg = fake.modalSubmit(w, 'pccc:f|vault.register', { code: 'P251234567890', pin: '591730', pin2: '591730' });
  expect((await settled(reg)).json.content).toMatch(/P25(\\\*){7}/);
  const reveal = fake.modalSubmit(w, 'pccc:f|vault.reveal', { pin: '591730' });
  await settled(reveal);
  const channel = fake.api.dmChannelFor(user)!;
  // The code is in the embed's spoiler, never in the notification text (content).
  const dm = [...(fake.api.messages.get(channel)?.values() ?? [])];
  expect(dm.map((m) => m.content).join()).not.toContain('P251234567890');
  expect(JSON.stringify(dm.map((m) => (m as { embeds?: unknown }).embeds))).toContain('P251234567890');

  // No gateway here at all: a REST-only Messenger is enough to run the durable job.
  app.registerMessenger(new DiscordMessenger(new REST({ api: fake.api.url }).setToken(TEST_TOKEN)));
  expect(await app.jobs.runDue(new Date(Date.now() + 120_000))).toBeGreaterThan(0);
  await fake.api.waitFor((r) => r.method === 'DELETE' && r.path.startsWith(`/channels/${channel}/messages/`));
  expect(fake.api.messages.get(channel)?.size).toBe(0);
  expect(fake.api.violations).toEqual([]);
});
