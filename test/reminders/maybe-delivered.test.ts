// A 5xx (or a timeout) after the request went out may have posted: the retry must recognise
// it. Slack: the reminder carries its delivery key in message metadata and a retry looks at
// the DM's recent history first. Discord: nonce + enforce_nonce, so the platform answers a
// repeat with the message it already made.
import { WebClient } from '@slack/web-api';
import { REST } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DmChannels, SlackMessenger } from '../../src/adapters/slack/messenger';
import { DiscordMessenger } from '../../src/adapters/discord/messenger';
import { openDatabase, type Database } from '../../src/db/client';
import { createLogger } from '../../src/log';
import { ReminderDispatcher } from '../../src/scheduler/reminders';
import type { Messenger } from '../../src/core/types';
import { FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from '../fakes/slack/api';
import { FakeDiscordApi } from '../fakes/discord/api';
import { count, seedDue } from './helpers';

// Real servers and a shared, busy machine: generous time, no timed assertions.
vi.setConfig({ testTimeout: 120_000 });

const log = createLogger({ level: 'silent' });
const SLOT = new Date('2027-01-18T00:00:00Z');
const after = (ms: number) => new Date(SLOT.getTime() + ms);

describe('a reminder whose answer was lost (maybe delivered)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c().catch(() => undefined);
  });

  async function db(): Promise<Database> {
    const database = await openDatabase({ memory: true });
    await database.migrate();
    cleanups.push(() => database.close());
    return database;
  }
  const dispatcher = (database: Database, m: Messenger) =>
    new ReminderDispatcher(database, (p) => (p === m.platform ? m : undefined), log, { concurrency: 1 });

  it('Slack: 500 after posting → retried later, found in the DM history, not posted again', async () => {
    const slack: FakeSlackApi = await startFakeSlackApi();
    cleanups.push(() => slack.close());
    const database = await db();
    await seedDue(database, 6, SLOT, 'slack');
    // Retries like the adapter's client: a keyed send must still not be re-posted blindly by it.
    const client = new WebClient(FAKE_BOT_TOKEN, {
      slackApiUrl: slack.url,
      retryConfig: { retries: 3, minTimeout: 10, maxTimeout: 20 },
    });
    const m = new SlackMessenger(client, new DmChannels(client));
    slack.failAfter('chat.postMessage', 500, 2);
    const first = await dispatcher(database, m).runDue(after(1000));
    expect(first.delivered).toBe(4);
    expect(first.retried).toBe(2);
    const second = await dispatcher(database, m).runDue(after(600_000));
    expect(second.delivered).toBe(2);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(6); // no second post for the two
    expect(slack.callsOf('conversations.history')).toHaveLength(2);
    for (const box of slack.messages.values()) expect(box).toHaveLength(1); // each user: one DM
    expect(slack.messages.size).toBe(6);
    expect(await count(database, 'reminder_deliveries')).toBe(6);
    expect(slack.problems).toEqual([]);
  });

  it('Slack: a 500 that did not post → the retry posts it (once)', async () => {
    const slack = await startFakeSlackApi();
    cleanups.push(() => slack.close());
    const database = await db();
    await seedDue(database, 3, SLOT, 'slack');
    const client = new WebClient(FAKE_BOT_TOKEN, { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
    const m = new SlackMessenger(client, new DmChannels(client));
    slack.failNext('chat.postMessage', 'internal_error');
    await dispatcher(database, m).runDue(after(1000));
    await dispatcher(database, m).runDue(after(600_000));
    expect(slack.messages.size).toBe(3);
    for (const box of slack.messages.values()) expect(box).toHaveLength(1);
    expect(await count(database, 'reminder_deliveries')).toBe(3);
  });

  it('Discord: 500 after creating → the retry carries the same nonce and gets the same message back', async () => {
    const api = await FakeDiscordApi.start({
      applicationId: '1',
      token: 't',
      gateway: () => ({ url: 'ws://127.0.0.1:1', shards: 1 }),
    });
    cleanups.push(() => api.close());
    const database = await db();
    await seedDue(database, 4, SLOT, 'discord');
    await database.rows(
      (await import('drizzle-orm'))
        .sql`update users set platform_user_id = (400000000000000000 + substr(platform_user_id, 2)::bigint)::text`,
    );
    const m = new DiscordMessenger(new REST({ api: api.url, retries: 0 }).setToken('t'));
    api.failAfterCreate.times = 2;
    await dispatcher(database, m).runDue(after(1000));
    await dispatcher(database, m).runDue(after(600_000));
    const creates = api.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
    expect(creates).toHaveLength(6);
    for (const c of creates) expect(c.json.enforce_nonce).toBe(true);
    expect(api.messages.size).toBe(4);
    for (const box of api.messages.values()) expect(box.size).toBe(1);
    expect(await count(database, 'reminder_deliveries')).toBe(4);
    expect(api.violations).toEqual([]);
  });
});
