// A Slack user is keyed by workspace and user (`T…:U…`): Slack Connect and multi-workspace
// installs can show the same `U…` in two teams. Rows stored before (`U…`) are re-keyed once at
// start, to the workspace of SLACK_BOT_TOKEN, and keep everything they had.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../../src/adapters/slack';
import { splitUserKey, userKey } from '../../../src/adapters/slack/install/teams';
import { decodeRef, encodeRef } from '../../../src/adapters/slack/messenger';
import { FAKE_BOT_TOKEN, FAKE_TEAM_ID, startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack/api';
import { slashCommand } from '../../fakes/slack/payloads';
import { FAKE_SIGNING_SECRET, SlackWire } from '../../fakes/slack/wire';
import { createTestApp, ManualClock, type TestApp } from '../../helpers/app';
import { DB_KINDS } from '../../helpers/db';

async function slackKeys(app: TestApp): Promise<string[]> {
  const rows = await app.database.rows<{ k: string }>(
    sql`select platform_user_id as k from users where platform = 'slack' order by 1`,
  );
  return rows.map((r) => r.k);
}

describe('user keys', () => {
  it('encode and split team and user; refs carry the team when there is one', () => {
    expect(userKey('U1', 'T9')).toBe('T9:U1');
    expect(userKey('U1', undefined)).toBe('U1');
    expect(splitUserKey('T9:U1')).toEqual({ team: 'T9', user: 'U1' });
    expect(splitUserKey('U1')).toEqual({ user: 'U1' });
    expect(decodeRef(encodeRef('D1', '1.000001', 'T9'))).toEqual({ team: 'T9', channel: 'D1', ts: '1.000001' });
    expect(decodeRef('D1:1.000001')).toEqual({ channel: 'D1', ts: '1.000001' }); // refs from before still delete
    expect(decodeRef('nonsense')).toBeUndefined();
  });
});

describe.each(DB_KINDS)('legacy Slack users are re-keyed by workspace (%s)', (db) => {
  let fake: FakeSlackApi | undefined;
  let app: TestApp | undefined;
  let adapter: SlackAdapter | undefined;
  afterEach(async () => {
    await adapter?.stop();
    await fake?.close();
    await app?.close();
    adapter = undefined;
    fake = undefined;
    app = undefined;
  });

  async function legacyApp(env: Record<string, string> = {}) {
    fake = await startFakeSlackApi();
    app = await createTestApp({
      db,
      clock: new ManualClock(new Date('2027-01-15T00:00:00Z')),
      env: { SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET, SLACK_API_URL: fake.url, ...env },
    });
    // Rows as the bot stored them before workspace keys: a reminder for U0OLD, and a user who
    // somehow exists both ways (left alone rather than merged).
    for (const id of ['U0OLD', 'U0DUP', `${FAKE_TEAM_ID}:U0DUP`]) {
      await app.bot.handle({
        kind: 'command',
        args: 'remind weekly mon 09:00',
        user: { platform: 'slack', id },
        place: 'dm',
        locale: 'en',
      });
    }
    await app.bot.handle({
      kind: 'command',
      args: 'remind weekly mon 09:00',
      user: { platform: 'discord', id: '1234567' },
      place: 'dm',
      locale: 'en',
    });
    return app;
  }

  it('single workspace: at start, U… becomes T…:U… with its reminders; the next command finds it', async () => {
    const a = await legacyApp({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN });
    const before = await a.database.rows<{ id: string }>(sql`select id from users where platform_user_id = 'U0OLD'`);
    adapter = await startSlack(a, { port: 0, host: '127.0.0.1' });
    expect(await slackKeys(a)).toEqual(['TFAKE:U0DUP', 'TFAKE:U0OLD', 'U0DUP']);
    const after = await a.database.rows<{ id: string }>(
      sql`select id from users where platform_user_id = 'TFAKE:U0OLD'`,
    );
    expect(after[0]!.id).toBe(before[0]!.id); // the same row: vault, reminders, parcels stay attached
    const discord = await a.database.rows<{ k: string }>(
      sql`select platform_user_id as k from users where platform = 'discord'`,
    );
    expect(discord.map((r) => r.k)).toEqual(['1234567']);

    // The user's next command is the same user: their reminder is there.
    const wire = new SlackWire(`${adapter.url}/slack/events`);
    const responseUrl = fake!.responseUrl();
    expect(
      (await wire.command(slashCommand({ user: 'U0OLD', channel: 'C0GENERAL', text: 'remind', responseUrl }))).status,
    ).toBe(200);
    await adapter.idle();
    const answer = fake!.responseUrlPosts.map((p) => String(p.body.text)).join('\n');
    expect(answer).toMatch(/Mon|월/);
    expect(await slackKeys(a)).toEqual(['TFAKE:U0DUP', 'TFAKE:U0OLD', 'U0DUP']); // no new row
    expect(fake!.problems).toEqual([]);

    // Starting again changes nothing (idempotent).
    await adapter.stop();
    adapter = await startSlack(a, { port: 0, host: '127.0.0.1' });
    expect(await slackKeys(a)).toEqual(['TFAKE:U0DUP', 'TFAKE:U0OLD', 'U0DUP']);
  }, 120_000);

  it('moving to OAuth with SLACK_BOT_TOKEN still set: that workspace becomes an installation and keeps its users', async () => {
    const secretEnv = {
      SLACK_CLIENT_ID: '1111111111.2222222222',
      SLACK_CLIENT_SECRET: 'fake-client-secret-0123456789',
      SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789abcdefghij',
    };
    const a = await legacyApp({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, ...secretEnv });
    adapter = await startSlack(a, { port: 0, host: '127.0.0.1' });
    const rows = await a.database.rows<{ id: string }>(sql`select id from slack_installations`);
    expect(rows.map((r) => r.id)).toEqual([FAKE_TEAM_ID]);
    expect(await slackKeys(a)).toEqual(['TFAKE:U0DUP', 'TFAKE:U0OLD', 'U0DUP']);
    expect(await a.dumpAllTables()).not.toContain(FAKE_BOT_TOKEN);
    // Events from that workspace are authorized from the installation row.
    const wire = new SlackWire(`${adapter.url}/slack/events`);
    expect(
      (
        await wire.command(
          slashCommand({ user: 'U0OLD', channel: 'C0GENERAL', text: 'remind', responseUrl: fake!.responseUrl() }),
        )
      ).status,
    ).toBe(200);
    await adapter.idle();
    expect(fake!.responseUrlPosts.length).toBe(1);
    expect(fake!.problems).toEqual([]);
  }, 120_000);
});
