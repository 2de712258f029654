// SLACK_WORKER counts the events in flight on the worker and answers 503 past a bound, so a
// count that never comes down would refuse every event for good. A request whose body was
// still arriving when the worker died must not be forwarded to the dead worker (where it would
// stay in flight forever, acked and never answered).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHarness, type SlackHarness } from '../../fakes/slack/harness';
import { slashCommand } from '../../fakes/slack/payloads';
import { CRASH_TEXT, STARTS_CHANNEL } from '../../fakes/slack/worker-host-crash';
import { FAKE_SIGNING_SECRET, sign } from '../../fakes/slack/wire';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('SLACK_WORKER: events in flight across a worker crash', () => {
  let h: SlackHarness;
  let starts = 0;
  const channel = new BroadcastChannel(STARTS_CHANNEL);
  channel.onmessage = () => {
    starts++;
  };
  beforeAll(async () => {
    h = await startWorkerHarness(new URL('../../fakes/slack/worker-host-crash.ts', import.meta.url));
  }, 60_000);
  afterAll(async () => {
    channel.close();
    await h?.close();
  });

  it('does not forward a request to a worker that died while its body arrived; the count comes back to 0', async () => {
    const body = new URLSearchParams(
      slashCommand({ user: 'U0SLOW', channel: 'C0GENERAL', text: 'help', responseUrl: h.fake.responseUrl() }),
    ).toString();
    const ts = Math.floor(Date.now() / 1000);
    // Headers now (the route checks the worker is up), the body only after the worker died.
    let status = 0;
    const answered = new Promise<void>((resolve, reject) => {
      const req = request(h.wire.eventsUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(body, FAKE_SIGNING_SECRET, ts),
        },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        res.resume().on('end', () => resolve());
      });
      req.write(body.slice(0, 10));
      void (async () => {
        await sleep(300);
        const crash = await h.wire.command(
          slashCommand({ user: 'U0CRASH', channel: 'C0GENERAL', text: CRASH_TEXT, responseUrl: h.fake.responseUrl() }),
        );
        expect(crash.status).toBe(200);
        await until(() => !h.adapter.ready());
        req.end(body.slice(10));
      })().catch(reject);
    });
    await answered;
    await until(() => h.adapter.ready()); // the new worker
    const settled = await Promise.race([h.adapter.idle().then(() => 'idle'), sleep(5_000).then(() => 'stuck')]);
    expect(settled).toBe('idle');
    // Not acked, so Slack sends it again (to this instance's new worker, or another instance).
    expect(status).toBeGreaterThanOrEqual(500);
  });

  it('starts no new worker when stopped while the crashed one waits to be replaced', async () => {
    await until(() => h.adapter.ready());
    const before = starts;
    const crash = await h.wire.command(
      slashCommand({ user: 'U0CRASH2', channel: 'C0GENERAL', text: CRASH_TEXT, responseUrl: h.fake.responseUrl() }),
    );
    expect(crash.status).toBe(200);
    await until(() => !h.adapter.ready());
    await h.adapter.stop();
    // The replacement is started 0.5-1 s after the crash (growing pause); leave it time to start.
    await sleep(6_000);
    expect(starts).toBe(before);
  });
});
