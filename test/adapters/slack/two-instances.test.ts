// Two instances (two apps + two Slack adapters) on one PostgreSQL behind a round-robin proxy:
// every event, Slack retry, "open form" click and form submit is answered exactly once, even
// when the retry or the click lands on the other instance.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../../src/adapters/slack';
import type { Inbound } from '../../../src/core/types';
import { FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack/api';
import { SlackUser, type SeenItem, type SlackHarness } from '../../fakes/slack/harness';
import { FAKE_SIGNING_SECRET, SlackWire } from '../../fakes/slack/wire';
import { createTestApp, type TestApp } from '../../helpers/app';
import { freshPostgresDatabase } from '../../helpers/db';
import { createEphemeralStore } from '../../../src/db/ephemeral';

/** Forwards request n to upstream n mod 2, body and headers untouched (signatures stay valid). */
async function roundRobin(upstreams: string[]): Promise<{ url: string; hits: number[]; close(): Promise<void> }> {
  let n = 0;
  const hits = upstreams.map(() => 0);
  const server: Server = createServer(async (req, res) => {
    const i = n++ % upstreams.length;
    hits[i]! += 1;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    const up = await fetch(`${upstreams[i]}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await up.arrayBuffer());
    res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'text/plain' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const texts = (seen: SeenItem[]) => seen.map((s) => s.text).join('\n---\n');

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('two Slack instances on one PostgreSQL', () => {
  let fake: FakeSlackApi;
  let pg: { url: string; drop(): Promise<void> };
  const apps: TestApp[] = [];
  const adapters: SlackAdapter[] = [];
  const handled: Inbound[] = [];
  let proxy: Awaited<ReturnType<typeof roundRobin>>;
  let h: SlackHarness;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    pg = await freshPostgresDatabase();
    const env = {
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      DATABASE_URL: pg.url,
    };
    for (let i = 0; i < 2; i++) {
      const app = await createTestApp({ env });
      apps.push(app);
      const handle = (e: Inbound) => {
        handled.push(e);
        return app.bot.handle(e);
      };
      adapters.push(await startSlack({ ...app, bot: { handle } }, { port: 0, host: '127.0.0.1' }));
    }
    proxy = await roundRobin(adapters.map((a) => a.url!));
    h = {
      fake,
      wire: new SlackWire(`${proxy.url}/slack/events`),
      adapter: { idle: async () => void (await Promise.all(adapters.map((a) => a.idle()))) },
    } as unknown as SlackHarness;
  });
  afterAll(async () => {
    await proxy?.close();
    for (const a of adapters) await a.stop();
    for (const app of apps) await app.close();
    await fake?.close();
    await pg?.drop();
  });

  it('a retried event that lands on the other instance runs once', async () => {
    const u = new SlackUser(h, 'U0TWOINST1');
    const before = handled.length;
    const hitsBefore = [...proxy.hits];
    const first = await u.dmMessage('유효기간', { eventId: 'Ev0TWOINST1', ts: '1700000400.000100' });
    const retry = await u.dmMessage('유효기간', { eventId: 'Ev0TWOINST1', ts: '1700000400.000100', retryNum: 1 });
    const retry2 = await u.dmMessage('유효기간', { eventId: 'Ev0TWOINST1', ts: '1700000400.000100', retryNum: 2 });
    expect([first.response.status, retry.response.status, retry2.response.status]).toEqual([200, 200, 200]);
    // Both instances saw a copy.
    expect(proxy.hits[0]! - hitsBefore[0]!).toBeGreaterThan(0);
    expect(proxy.hits[1]! - hitsBefore[1]!).toBeGreaterThan(0);
    expect(handled.length - before).toBe(1);
    expect(first.seen.length).toBeGreaterThan(0);
    expect([...retry.seen, ...retry2.seen]).toEqual([]);
  });

  it('every distinct event is answered once, whichever instance takes it', async () => {
    const u = new SlackUser(h, 'U0TWOINST2');
    const before = handled.length;
    for (let i = 0; i < 6; i++) {
      const r = await u.dmMessage('how long is it valid?', { eventId: `Ev0DISTINCT${i}` });
      expect(r.seen.length, `event ${i}`).toBeGreaterThan(0);
    }
    expect(handled.length - before).toBe(6);
  });

  it('an "open form" button posted by one instance opens on the other; the submit is answered once', async () => {
    const u = new SlackUser(h, 'U0TWOINST3');
    const consent = await u.command('register');
    const agree = consent.seen.flatMap((s) => s.buttons).find((b) => /agree|동의/.test(b.label));
    expect(agree, texts(consent.seen)).toBeDefined();
    // The trigger cannot open the modal (expired): the adapter posts an "open form" button instead.
    fake.failNext('views.open', 'expired_trigger_id');
    const offered = await u.press(agree!);
    const open = offered.seen.flatMap((s) => s.buttons).find((b) => b.handle.includes('"actionId":"f:'));
    expect(open, texts(offered.seen)).toBeDefined();
    const opensBefore = fake.callsOf('views.open').length;
    const opened = await u.press(open!);
    expect(fake.callsOf('views.open').length - opensBefore).toBe(1);
    const form = opened.seen.find((s) => s.form)?.form;
    expect(form, texts(opened.seen)).toBeDefined();
    const formsBefore = handled.filter((e) => e.kind === 'form').length;
    const saved = await u.submit(form!, { code: 'P123456789012', pin: '482913', pin2: '482913' });
    expect(handled.filter((e) => e.kind === 'form').length - formsBefore).toBe(1);
    expect(texts(saved.seen)).toMatch(/저장|saved|stored|보관/i);
  });

  it('the shared memory sweeps expired entries', async () => {
    const store = createEphemeralStore(apps[0]!.database);
    expect(await store.claimOnce('test.scope', 'k1', 1)).toBe(true);
    expect(await store.claimOnce('test.scope', 'k1', 1)).toBe(false);
    await store.put('test.scope', 'k2', { a: 1 }, 1);
    expect(await store.get('test.scope', 'k2')).toEqual({ a: 1 });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await store.get('test.scope', 'k2')).toBeUndefined();
    expect(await store.claimOnce('test.scope', 'k1', 60)).toBe(true); // expired: first time again
    expect(await store.sweep()).toBeGreaterThanOrEqual(1);
  });
});
