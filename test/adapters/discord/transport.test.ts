// The adapter over the wire with a stand-in bot: only translation and transport, no app.
import { afterAll, beforeAll, expect, test } from 'vitest';
import pino from 'pino';
import { startDiscord, type DiscordHandle } from '../../../src/adapters/discord';
import type { Inbound, Outcome } from '../../../src/core/types';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/harness';

let fake: FakeDiscord;
let handle: DiscordHandle;
const seen: Inbound[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
  handle = await startDiscord({
    bot: { async handle(e: Inbound): Promise<Outcome> { seen.push(e); return { lang: 'en', replies: [{ visibility: 'ephemeral', text: `ok ${e.kind}` }] }; } },
    config: { discordToken: fake.env.DISCORD_TOKEN, discordApplicationId: fake.env.DISCORD_APPLICATION_ID, discordApiUrl: fake.env.DISCORD_API_URL, revealTtlSeconds: 600 },
    log: pino({ level: 'silent' }),
    registerMessenger() {},
    async deliverPrivately() {},
  });
});
afterAll(async () => { await handle?.stop(); await fake?.close(); });

test('a guild command is answered ephemerally with the core\'s text; a DM is answered in the DM channel', async () => {
  const i = fake.command(fake.who('222222222222222222', { guildId: '333333333333333333' }), 'help');
  const cb = await fake.api.waitFor((r) => r.path.includes(`/interactions/${i.id}/`));
  expect(cb.json).toMatchObject({ type: 4, data: { content: 'ok command', flags: 64 } });
  expect(seen[0]).toMatchObject({ kind: 'command', args: 'help', place: 'channel' });
  const d = fake.dm('222222222222222222', 'hello');
  const m = await fake.api.waitFor((r) => r.path === `/channels/${d.channelId}/messages`);
  expect(m.json.content).toBe('ok message');
  expect(fake.api.violations).toEqual([]);
});
