// Slack for many workspaces, end to end over real HTTP: two workspaces install the app through
// Bolt's OAuth flow (the fake Slack API answers oauth.v2.access), each user's DMs go out with
// their own workspace's token, an uninstall stops that workspace's reminders and deletes its
// installation row (and its users), and no token is ever in a log or a table in clear.
// Bad input on the install routes: forged or replayed state, no code, access_denied, an
// unknown code, a workspace that never installed.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../../src/adapters/slack';
import { rotateInstallationKeys, SealedInstallationStore } from '../../../src/adapters/slack/install/store';
import { createInstallationRows } from '../../../src/db/stores-installations';
import { startFakeSlackApi, type FakeSlackApi, type FakeWorkspace } from '../../fakes/slack/api';
import { eventEnvelope, slashCommand } from '../../fakes/slack/payloads';
import { FAKE_SIGNING_SECRET, SlackWire } from '../../fakes/slack/wire';
import { createTestApp, ManualClock, TEST_KEYS, type TestApp } from '../../helpers/app';
import { DB_KINDS, type DbKind } from '../../helpers/db';

const STATE_SECRET = 'state-secret-for-tests-0123456789abcdefghij';

interface Multi {
  app: TestApp;
  fake: FakeSlackApi;
  adapter: SlackAdapter;
  wire: SlackWire;
  clock: ManualClock;
  close(): Promise<void>;
}

async function startMulti(db: DbKind, env: Record<string, string> = {}): Promise<Multi> {
  const fake = await startFakeSlackApi();
  const clock = new ManualClock(new Date('2027-01-15T00:00:00Z'));
  const app = await createTestApp({
    db,
    clock,
    env: {
      SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      SLACK_CLIENT_ID: fake.oauthApp.clientId,
      SLACK_CLIENT_SECRET: fake.oauthApp.clientSecret,
      SLACK_STATE_SECRET: STATE_SECRET,
      DISCORD_APPLICATION_ID: '123456789012345678',
      PRIVACY_CONTACT: 'privacy@example.org',
      ...env,
    },
  });
  const adapter = await startSlack(app, { port: 0, host: '127.0.0.1' });
  return {
    app,
    fake,
    adapter,
    wire: new SlackWire(`${adapter.url}/slack/events`),
    clock,
    async close() {
      await adapter.stop();
      await fake.close();
      await app.close();
    },
  };
}

/** /slack/install → (slack.com approves) → /slack/oauth_redirect, as a browser would. */
async function beginInstall(m: Multi): Promise<{ state: string; cookie: string; location: URL }> {
  const r = await fetch(`${m.adapter.url}/slack/install`, { redirect: 'manual' });
  expect(r.status).toBe(302);
  const location = new URL(r.headers.get('location')!);
  const state = location.searchParams.get('state')!;
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  return { state, cookie, location };
}

async function redirect(m: Multi, query: string, cookie?: string) {
  const r = await fetch(`${m.adapter.url}/slack/oauth_redirect?${query}`, {
    headers: { ...(cookie ? { cookie } : {}), 'accept-language': 'en' },
  });
  return { status: r.status, body: await r.text(), headers: r.headers };
}

async function install(m: Multi, teamId: string, teamName: string): Promise<FakeWorkspace> {
  const { state, cookie } = await beginInstall(m);
  const { code, workspace } = m.fake.grant(teamId, { teamName });
  const done = await redirect(m, `code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, cookie);
  expect(done.status).toBe(200);
  expect(done.body).toContain(`pccc-bot is installed in ${teamName}`);
  expect(done.headers.get('content-security-policy')).toContain("default-src 'none'");
  return workspace;
}

/** Rewrites a payload built for the default fake team into another team's. */
function inTeam<T>(payload: T, team: string): T {
  return JSON.parse(JSON.stringify(payload).replaceAll('TFAKE', team)) as T;
}

async function command(m: Multi, team: string, user: string, text: string) {
  const res = await m.wire.command(
    inTeam(slashCommand({ user, channel: 'C0GENERAL', text, responseUrl: m.fake.responseUrl() }), team),
  );
  await m.adapter.idle();
  return res;
}

async function installations(m: Multi): Promise<Array<{ id: string; sealed: Buffer; key_version: number }>> {
  return m.app.database.rows(sql`select id, sealed, key_version from slack_installations order by id`);
}

async function slackUsers(m: Multi): Promise<string[]> {
  const rows = await m.app.database.rows<{ k: string }>(
    sql`select platform_user_id as k from users where platform = 'slack' order by 1`,
  );
  return rows.map((r) => r.k);
}

describe.each(DB_KINDS)('Slack OAuth, many workspaces (%s)', (db) => {
  let m: Multi | undefined;
  afterEach(async () => {
    await m?.close();
    m = undefined;
  });

  it('two workspaces install; each user is keyed by team and DMed with their own token; an uninstall stops that team', async () => {
    m = await startMulti(db);
    const start = await beginInstall(m);
    expect(start.location.origin + start.location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(start.location.searchParams.get('client_id')).toBe(m.fake.oauthApp.clientId);
    expect(start.location.searchParams.get('scope')).toContain('commands');

    const alpha = await install(m, 'TALPHA', 'Alpha');
    const beta = await install(m, 'TBETA', 'Beta');
    expect((await installations(m)).map((r) => r.id)).toEqual(['TALPHA', 'TBETA']);

    // The same user id in both workspaces (Slack Connect) plus one more in Alpha.
    for (const [team, user] of [
      ['TALPHA', 'U0SAME'],
      ['TBETA', 'U0SAME'],
      ['TALPHA', 'U0ALICE'],
    ] as const) {
      expect((await command(m, team, user, 'remind weekly mon 09:00')).status).toBe(200);
    }
    expect(await slackUsers(m)).toEqual(['TALPHA:U0ALICE', 'TALPHA:U0SAME', 'TBETA:U0SAME']);
    // Every call made while handling an event went out with that event's workspace token.
    const tokenOf = (t: string | undefined) => [...m!.fake.workspaces.values()].find((w) => w.token === t)?.teamId;
    expect(m.fake.problems).toEqual([]);

    // Monday 09:00 KST: the reminders go out, each through its own workspace.
    const from = m.fake.requests.length;
    m.clock.set(new Date('2027-01-18T00:00:05Z'));
    await m.app.reminders.runDue(m.clock.now());
    const posts = m.fake.requests.slice(from).filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => `${tokenOf(c.token)}→${String(c.args.channel)}`).sort()).toEqual([
      'TALPHA→D0ALICE',
      'TALPHA→D0SAME',
      'TBETA→D0SAME',
    ]);
    const opens = m.fake.requests.slice(from).filter((c) => c.method === 'conversations.open');
    expect(opens.every((c) => tokenOf(c.token) === 'TALPHA' || tokenOf(c.token) === 'TBETA')).toBe(true);

    // A private DM (a reveal) and its durable deletion later, outside any event: both with the owner's token.
    const fromReveal = m.fake.requests.length;
    for (const key of ['TALPHA:U0ALICE', 'TBETA:U0SAME']) {
      await m.app.delivery.send('slack', key, {
        visibility: 'dm',
        text: 'only for you',
        sensitive: { deleteAfterSeconds: 60 },
      });
    }
    expect(await m.app.jobs.runDue(new Date(m.clock.now().getTime() + 61_000))).toBeGreaterThanOrEqual(2);
    const reveal = m.fake.requests
      .slice(fromReveal)
      .filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.delete');
    expect(reveal.map((c) => `${c.method} ${tokenOf(c.token)}→${String(c.args.channel)}`).sort()).toEqual([
      'chat.delete TALPHA→D0ALICE',
      'chat.delete TBETA→D0SAME',
      'chat.postMessage TALPHA→D0ALICE',
      'chat.postMessage TBETA→D0SAME',
    ]);

    // Beta removes the app: Slack sends app_uninstalled, then the token stops working.
    const uninstall = await m.wire.event(inTeam(eventEnvelope({ type: 'app_uninstalled', event_ts: '1.1' }), 'TBETA'));
    expect(uninstall.status).toBe(200);
    await m.adapter.idle();
    m.fake.revoke(beta.token);
    expect((await installations(m)).map((r) => r.id)).toEqual(['TALPHA']);
    expect(await slackUsers(m)).toEqual(['TALPHA:U0ALICE', 'TALPHA:U0SAME']);

    const from2 = m.fake.requests.length;
    m.clock.set(new Date('2027-01-25T00:00:05Z'));
    await m.app.reminders.runDue(m.clock.now());
    const later = m.fake.requests.slice(from2);
    expect(later.filter((c) => c.method === 'chat.postMessage').map((c) => tokenOf(c.token))).toEqual([
      'TALPHA',
      'TALPHA',
    ]);
    expect(later.some((c) => c.token === beta.token)).toBe(false);
    expect(m.fake.problems).toEqual([]);

    // Tokens never in clear: not in any table, not in any log line.
    const tables = await m.app.dumpAllTables();
    const logs = m.app.logs.join('\n');
    for (const w of [alpha, beta]) {
      expect(tables).not.toContain(w.token);
      expect(logs).not.toContain(w.token);
    }
    expect(logs).not.toContain(m.fake.oauthApp.clientSecret);
    expect(logs).not.toContain(STATE_SECRET);
  }, 120_000);

  it('an event from a workspace that never installed is refused and stores nothing', async () => {
    m = await startMulti(db);
    await install(m, 'TALPHA', 'Alpha');
    const before = m.fake.requests.length;
    const res = await command(m, 'TSTRANGER', 'U0EVE', 'remind weekly mon 09:00');
    // Bolt acknowledges (so Slack does not retry) and runs no listener.
    expect(res.status).toBe(200);
    expect(m.fake.requests.slice(before)).toEqual([]);
    expect(m.fake.responseUrlPosts).toEqual([]);
    expect(await slackUsers(m)).toEqual([]);
    expect(m.fake.requests.some((c) => c.method === 'chat.postMessage')).toBe(false);
  }, 120_000);

  it('forged, replayed or missing state, a missing code, access_denied and an unknown code: a clear page, nothing stored', async () => {
    m = await startMulti(db);
    const noStack = (body: string) => expect(body).not.toMatch(/at .*\.(ts|js):\d+|Error:|node:internal|xoxb-/);

    // Forged: a well-formed state with a wrong signature (and a matching cookie).
    const forged = `${'A'.repeat(32)}.${'B'.repeat(43)}`;
    const { code } = m.fake.grant('TFORGED');
    let r = await redirect(m, `code=${code}&state=${forged}`, `slack-app-oauth-state=${forged}`);
    expect(r.status).toBe(400);
    expect(r.body).toContain('Installation failed');
    expect(r.body).toContain('Nothing was stored');
    noStack(r.body);

    // A real state without the browser's cookie (started elsewhere).
    const s1 = await beginInstall(m);
    r = await redirect(m, `code=${code}&state=${encodeURIComponent(s1.state)}`);
    expect(r.status).toBe(400);
    noStack(r.body);

    // A state is used once: the callback deletes the browser's state cookie, so the same link
    // followed again from that browser is refused.
    const s2 = await beginInstall(m);
    const g2 = m.fake.grant('TONCE', { teamName: 'Once' });
    const first = await redirect(m, `code=${g2.code}&state=${encodeURIComponent(s2.state)}`, s2.cookie);
    expect(first.status).toBe(200);
    const cleared = first.headers.get('set-cookie')!;
    expect(cleared).toMatch(/slack-app-oauth-state=deleted;.*Expires=Thu, 01 Jan 1970/);
    const g3 = m.fake.grant('TREPLAY');
    r = await redirect(m, `code=${g3.code}&state=${encodeURIComponent(s2.state)}`, cleared.split(';')[0]);
    expect(r.status).toBe(400);
    expect(r.body).toContain('expired or was not started in this browser');

    // No code; the admin said no; a code Slack does not know.
    const s3 = await beginInstall(m);
    r = await redirect(m, `state=${encodeURIComponent(s3.state)}`, s3.cookie);
    expect(r.status).toBe(400);
    expect(r.body).toContain('did not send an install code');
    r = await redirect(m, `error=access_denied&state=${encodeURIComponent(s3.state)}`, s3.cookie);
    expect(r.status).toBe(400);
    expect(r.body).toContain('cancelled');
    const s4 = await beginInstall(m);
    r = await redirect(m, `code=not-a-real-code&state=${encodeURIComponent(s4.state)}`, s4.cookie);
    expect(r.status).toBe(502);
    noStack(r.body);
    // Slack answers with an installation that names no usable workspace: refused, not stored.
    const s5 = await beginInstall(m);
    const g5 = m.fake.grant('not-a-team');
    r = await redirect(m, `code=${g5.code}&state=${encodeURIComponent(s5.state)}`, s5.cookie);
    expect(r.status).toBe(400);
    expect(r.body).toContain('The workspace to install in is unknown');
    noStack(r.body);
    // Garbage: a 10,000-character state.
    r = await redirect(m, `code=x&state=${'s'.repeat(10_000)}`, `slack-app-oauth-state=${'s'.repeat(10_000)}`);
    expect([400, 431]).toContain(r.status);
    noStack(r.body);

    expect((await installations(m)).map((x) => x.id)).toEqual(['TONCE']);
  }, 120_000);

  it('the public pages are served by the Slack receiver, with the install links; unknown paths get the 404 page', async () => {
    m = await startMulti(db);
    const home = await fetch(`${m.adapter.url}/?lang=en`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('href="/slack/install"');
    expect(html).toContain('https://discord.com/oauth2/authorize?client_id=123456789012345678');
    expect(await (await fetch(`${m.adapter.url}/privacy?lang=en`)).text()).toContain('privacy@example.org');
    for (const path of ['/nope', `/${'a'.repeat(10_000)}`, '/privacy/extra']) {
      const r = await fetch(`${m.adapter.url}${path}`, { headers: { 'accept-language': 'en' } });
      expect(r.status).toBe(404);
      expect(await r.text()).toContain('Page not found');
    }
    expect((await fetch(`${m.adapter.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('keys rotate reseals every installation under the newest key; the bot keeps working', async () => {
    m = await startMulti(db);
    const alpha = await install(m, 'TALPHA', 'Alpha');
    const rows = createInstallationRows(m.app.database);
    const keys = new Map(m.app.config.vaultKeys!);
    keys.set(2, Buffer.alloc(32, 9));
    expect(await rotateInstallationKeys(rows, keys)).toBe(1);
    expect(await rotateInstallationKeys(rows, keys)).toBe(0);
    expect((await installations(m))[0]!.key_version).toBe(2);
    const fetched = await new SealedInstallationStore(rows, keys).fetchInstallation({
      teamId: 'TALPHA',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(fetched.bot?.token).toBe(alpha.token);
    // Copied to another row, a sealed installation does not open.
    await m.app.database.rows(
      sql`insert into slack_installations (id, team_id, sealed, key_version) select 'TCOPY', 'TCOPY', sealed, key_version from slack_installations where id = 'TALPHA'`,
    );
    await expect(
      new SealedInstallationStore(rows, keys).fetchInstallation({
        teamId: 'TCOPY',
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      }),
    ).rejects.toThrow();
  }, 120_000);
});

describe('config: Slack OAuth variables', () => {
  it('all three or none, each named', async () => {
    const { loadConfig } = await import('../../../src/config');
    expect(() => loadConfig({ ...TEST_KEYS, SLACK_CLIENT_ID: '1.2', SLACK_SIGNING_SECRET: 'x' })).toThrow(
      /SLACK_CLIENT_SECRET is required when SLACK_CLIENT_ID is set/,
    );
    expect(() => loadConfig({ ...TEST_KEYS, SLACK_CLIENT_ID: '1.2', SLACK_SIGNING_SECRET: 'x' })).toThrow(
      /SLACK_STATE_SECRET is required/,
    );
    expect(() =>
      loadConfig({
        ...TEST_KEYS,
        SLACK_CLIENT_ID: 'abc',
        SLACK_CLIENT_SECRET: 'x'.repeat(20),
        SLACK_STATE_SECRET: 'y'.repeat(40),
        SLACK_SIGNING_SECRET: 'x',
      }),
    ).toThrow(/SLACK_CLIENT_ID must be the app's Client ID/);
    expect(() =>
      loadConfig({
        ...TEST_KEYS,
        SLACK_CLIENT_ID: '1.2',
        SLACK_CLIENT_SECRET: 'x'.repeat(20),
        SLACK_STATE_SECRET: 'short',
        SLACK_SIGNING_SECRET: 'x',
      }),
    ).toThrow(/SLACK_STATE_SECRET must be at least 32/);
    const c = loadConfig({
      ...TEST_KEYS,
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'x'.repeat(20),
      SLACK_STATE_SECRET: 'y'.repeat(40),
      SLACK_SIGNING_SECRET: 'x',
    });
    expect(c.slackClientId).toBe('1.2');
    expect(c.slackBotToken).toBeUndefined();
  });
});
