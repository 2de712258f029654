// DISCORD_SHARD_COUNT=2 split across two "hosts": two apps on one PostgreSQL, each a client
// running one shard ([0] and [1] of 2) on the fake gateway. Every interaction is answered
// exactly once, by the host whose shard Discord routes it to.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDiscord, type DiscordHandle } from '../../../src/adapters/discord';
import { loadConfig } from '../../../src/config';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/harness';
import { shardFor } from '../../fakes/discord/payloads';
import { createTestApp, TEST_KEYS, type TestApp } from '../../helpers/app';
import { freshPostgresDatabase } from '../../helpers/db';

const GUILD_ON_0 = String((1n << 22n) * 1000n);
const GUILD_ON_1 = String((1n << 22n) * 1001n);

let fake: FakeDiscord;
let pg: { url: string; drop(): Promise<void> } | undefined;
const apps: TestApp[] = [];
const handles: DiscordHandle[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord({ shards: 2 });
  pg = process.env.TEST_DATABASE_URL ? await freshPostgresDatabase() : undefined;
  for (const ids of ['0', '1']) {
    const env = {
      ...fake.env,
      DISCORD_SHARD_COUNT: '2',
      DISCORD_SHARD_IDS: ids,
      ...(pg ? { DATABASE_URL: pg.url } : {}),
    };
    const app = await createTestApp({ env });
    apps.push(app);
    expect(app.config.discordShardIds).toEqual([Number(ids)]);
    handles.push(
      await startDiscord(app, { shards: app.config.discordShardIds, shardCount: app.config.discordShardCount }),
    );
  }
  await fake.gateway.waitForShards(2);
}, 120_000);

afterAll(async () => {
  for (const h of handles) await h.stop();
  for (const a of apps) await a.close();
  await fake?.close();
  await pg?.drop();
});

test('each host identifies only its own shard of the shared count', () => {
  expect(fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([
    [0, 2],
    [1, 2],
  ]);
  expect(handles.map((h) => h.ready())).toEqual([true, true]);
});

test('every interaction is answered once, by the host owning its shard', async () => {
  expect([shardFor(GUILD_ON_0, 2), shardFor(GUILD_ON_1, 2)]).toEqual([0, 1]);
  const settledOn = handles.map(() => [] as string[]);
  handles.forEach((h, i) => h.events.on('settled', (id: string) => settledOn[i]!.push(id)));
  const sent: { id: string; token: string; shard: number }[] = [];
  for (let n = 0; n < 4; n++) {
    for (const [guildId, shard] of [
      [GUILD_ON_0, 0],
      [GUILD_ON_1, 1],
    ] as const) {
      const i = fake.command(fake.who(`42000000000000010${n}`, { guildId, locale: 'en-US' }), 'help');
      sent.push({ ...i, shard });
    }
  }
  for (const i of sent) await fake.api.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`, 30_000);
  // "settled" follows the callback once the whole answer is done.
  while (settledOn.flat().length < sent.length) await new Promise((r) => setTimeout(r, 20));
  for (const i of sent) {
    expect(fake.api.requests.filter((r) => r.path === `/interactions/${i.id}/${i.token}/callback`)).toHaveLength(1);
    expect(settledOn[i.shard]).toContain(i.id);
    expect(settledOn[1 - i.shard]).not.toContain(i.id);
  }
});

test('DISCORD_SHARD_COUNT / DISCORD_SHARD_IDS are validated with one line naming the variable', () => {
  const base = {
    ...TEST_KEYS,
    DISCORD_TOKEN: 't',
    DISCORD_APPLICATION_ID: '123456',
    DATABASE_URL: 'postgres://x@127.0.0.1/db',
  };
  const problem = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };
  expect(loadConfig({ ...base, DISCORD_SHARD_COUNT: '16', DISCORD_SHARD_IDS: '0-7' }).discordShardIds).toEqual([
    0, 1, 2, 3, 4, 5, 6, 7,
  ]);
  expect(loadConfig({ ...base, DISCORD_SHARD_COUNT: '16', DISCORD_SHARD_IDS: '8-11,15' }).discordShardIds).toEqual([
    8, 9, 10, 11, 15,
  ]);
  expect(loadConfig({ ...base, DISCORD_SHARD_COUNT: '4' }).discordShardIds).toEqual([0, 1, 2, 3]);
  expect(problem({ DISCORD_SHARD_COUNT: '16', DISCORD_SHARD_IDS: '0-16' })).toMatch(
    /DISCORD_SHARD_IDS lists shard 16, but shard ids run from 0 to 15/,
  );
  expect(problem({ DISCORD_SHARD_COUNT: '16', DISCORD_SHARD_IDS: '7-0' })).toMatch(
    /DISCORD_SHARD_IDS range "7-0" runs backwards/,
  );
  expect(problem({ DISCORD_SHARD_COUNT: '16', DISCORD_SHARD_IDS: 'a-b' })).toMatch(
    /DISCORD_SHARD_IDS part "a-b" is not a shard id/,
  );
  expect(problem({ DISCORD_SHARD_IDS: '0-7' })).toMatch(/DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT/);
  expect(problem({ DISCORD_SHARD_COUNT: '0' })).toMatch(/DISCORD_SHARD_COUNT must be the total number of shards/);
  expect(problem({ DISCORD_SHARD_COUNT: '2', DATABASE_URL: '' })).toMatch(
    /DISCORD_SHARD_COUNT above 1 needs DATABASE_URL/,
  );
  expect(problem({ DISCORD_SHARD_COUNT: '2', DISCORD_SHARDS: '2' })).toMatch(
    /DISCORD_SHARDS cannot be combined with DISCORD_SHARD_COUNT/,
  );
});
