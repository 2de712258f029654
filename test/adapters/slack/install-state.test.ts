// The OAuth state of /slack/install is stateless: a JWT signed with SLACK_STATE_SECRET that
// carries its own time (10 minutes), accepted only together with the cookie the install step
// set in the same browser. Loading the install page writes nothing to the database.
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../../src/adapters/slack';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack/api';
import { FAKE_SIGNING_SECRET } from '../../fakes/slack/wire';
import { createTestApp, type TestApp } from '../../helpers/app';
import { DB_KINDS } from '../../helpers/db';

const STATE_SECRET = 'state-secret-for-tests-0123456789abcdefghij';

/** An HS256 JWT as @slack/oauth's ClearStateStore makes it, with a chosen secret and time. */
function jwt(secret: string, now: Date): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({ installOptions: { scopes: ['commands'] }, now: now.toJSON(), random: 1 });
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe.each(DB_KINDS)('Slack OAuth state (%s)', (db) => {
  let app: TestApp;
  let fake: FakeSlackApi;
  let adapter: SlackAdapter;
  beforeEach(async () => {
    fake = await startFakeSlackApi();
    app = await createTestApp({
      db,
      env: {
        SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        SLACK_CLIENT_ID: fake.oauthApp.clientId,
        SLACK_CLIENT_SECRET: fake.oauthApp.clientSecret,
        SLACK_STATE_SECRET: STATE_SECRET,
      },
    });
    adapter = await startSlack(app, { port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await adapter.stop();
    await fake.close();
    await app.close();
  });

  const callback = (state: string, cookie: string | undefined, code: string) =>
    fetch(`${adapter.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, {
      headers: { ...(cookie ? { cookie } : {}), 'accept-language': 'en' },
    });

  it('loading /slack/install many times writes no row; each link is bound to its own browser cookie', async () => {
    const states = new Set<string>();
    for (let i = 0; i < 25; i++) {
      const r = await fetch(`${adapter.url}/slack/install`, { redirect: 'manual' });
      expect(r.status).toBe(302);
      const state = new URL(r.headers.get('location')!).searchParams.get('state')!;
      const cookie = r.headers.get('set-cookie')!;
      expect(cookie).toContain(`slack-app-oauth-state=${state};`);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Max-Age=600/);
      states.add(state);
    }
    expect(states.size).toBe(25);
    const rows = await app.database.rows<{ n: number | string }>(sql`select count(*) as n from slack_oauth_states`);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('a state signed with another secret, or older than 10 minutes, is refused even with its cookie', async () => {
    const forged = jwt('some-other-secret-0123456789abcdefghijkl', new Date());
    const { code } = fake.grant('TFORGED');
    let r = await callback(forged, `slack-app-oauth-state=${forged}`, code);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('expired or was not started in this browser');

    const old = jwt(STATE_SECRET, new Date(Date.now() - 11 * 60_000));
    r = await callback(old, `slack-app-oauth-state=${old}`, code);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('expired or was not started in this browser');

    // The same construction, fresh and with the right secret, is accepted: the refusals above
    // are for the signature and the age, not for the shape.
    const fresh = jwt(STATE_SECRET, new Date());
    r = await callback(fresh, `slack-app-oauth-state=${fresh}`, code);
    expect(r.status).toBe(200);
    const ids = await app.database.rows<{ id: string }>(sql`select id from slack_installations`);
    expect(ids.map((x) => x.id)).toEqual(['TFORGED']);
  });
});
