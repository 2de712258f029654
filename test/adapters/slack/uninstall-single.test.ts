// Found by the attacker's pass: in single-workspace mode (SLACK_BOT_TOKEN, no OAuth) an
// uninstall kept every user, though the privacy page promises their data goes with it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../../src/adapters/slack';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack/api';
import { eventEnvelope, slashCommand } from '../../fakes/slack/payloads';
import { FAKE_SIGNING_SECRET, SlackWire } from '../../fakes/slack/wire';
import { createTestApp, ManualClock, type TestApp } from '../../helpers/app';

let fake: FakeSlackApi;
let app: TestApp;
let adapter: SlackAdapter;
let wire: SlackWire;

beforeAll(async () => {
  fake = await startFakeSlackApi();
  app = await createTestApp({
    db: 'pglite',
    clock: new ManualClock(new Date('2027-01-15T00:00:00Z')),
    env: { SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET, SLACK_API_URL: fake.url, SLACK_BOT_TOKEN: 'xoxb-fake-bot-token' },
  });
  adapter = await startSlack(app, { port: 0, host: '127.0.0.1' });
  wire = new SlackWire(`${adapter.url}/slack/events`);
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await app?.close();
});

const count = async (table: 'users' | 'reminders') =>
  Number((await app.database.rows<{ n: number | string }>(sql`select count(*) as n from ${sql.raw(table)}`))[0]!.n);

it('single-workspace: app_uninstalled deletes the workspace users and their reminders', async () => {
  await wire.command(
    slashCommand({
      user: 'U0ALICE',
      channel: 'C0GENERAL',
      text: 'remind weekly mon 09:00',
      responseUrl: fake.responseUrl(),
    }),
  );
  await adapter.idle();
  expect(await count('users')).toBe(1);
  expect(await count('reminders')).toBe(1);
  await wire.event(eventEnvelope({ type: 'app_uninstalled', event_ts: '1.1' }));
  await adapter.idle();
  expect(await count('users')).toBe(0);
  expect(await count('reminders')).toBe(0);
});
