// Slack ack latency: 1,000 signed `/pccc status` commands at 50 concurrent over HTTP into the real
// Bolt receiver, the app on the real PostgreSQL server — once as is, once with 2 s of injected
// latency in the core. The ack must not wait for the database: p99 < 100 ms in both.
import { Worker } from 'node:worker_threads';
import { startSlackHarness, type SlackHarness } from '../test/fakes/slack/harness';
import { slashCommand } from '../test/fakes/slack/payloads';
import { FAKE_SIGNING_SECRET } from '../test/fakes/slack/wire';

const TOTAL = 1000;
const CONCURRENCY = 50;
const INJECTED_MS = 2000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const r1 = (n: number) => Math.round(n * 10) / 10;

// The load generator (signing + 50 concurrent HTTP clients) runs in a worker thread so that its
// own work is not counted as the app's latency; the app, Bolt and the fake Slack API share the
// main thread as they would share a production process (minus the fake).
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac } = require('node:crypto');
const { url, secret, bodies, concurrency } = workerData;
(async () => {
  const acks = new Array(bodies.length); let non200 = 0; let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      const ts = Math.floor(Date.now() / 1000);
      const sig = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + bodies[i]).digest('hex');
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig }, body: bodies[i] });
      await res.arrayBuffer();
      acks[i] = performance.now() - t0;
      if (res.status !== 200) non200++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  parentPort.postMessage({ acks, non200 });
})();
`;

async function run(h: SlackHarness, total: number): Promise<{ acks: number[]; non200: number; answeredMs: number }> {
  const bodies = Array.from({ length: total }, (_, i) =>
    new URLSearchParams(slashCommand({ user: `U0BENCH${i % 200}`, channel: 'C0BENCH', text: 'status', responseUrl: h.fake.responseUrl() })).toString());
  const started = performance.now();
  const worker = new Worker(LOAD, { eval: true, workerData: { url: h.wire.eventsUrl, secret: FAKE_SIGNING_SECRET, bodies, concurrency: CONCURRENCY } });
  const result = await new Promise<{ acks: number[]; non200: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  // Answers keep arriving after the last ack; wait for all of them.
  while (h.fake.responseUrlPosts.length < total && performance.now() - started < 60_000) {
    await h.adapter.idle();
    await new Promise((r) => setTimeout(r, 20));
  }
  return { ...result, answeredMs: performance.now() - started };
}

export async function benchSlack(): Promise<Record<string, number | string>> {
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  const out: Record<string, number | string> = {};
  for (const [label, delay] of [['db', 0], ['db+2s', INJECTED_MS]] as const) {
    const h = await startSlackHarness({
      db: 'postgres',
      env: { LOG_LEVEL: 'info' },
      wrapHandle: (handle) => async (e) => {
        if (delay) await new Promise((r) => setTimeout(r, delay));
        return handle(e);
      },
    });
    try {
      await run(h, 200); // warm-up (JIT, connection pool, auth.test, locale cache); measured below
      h.fake.reset();
      const r = await run(h, TOTAL);
      const answered = h.fake.responseUrlPosts.length;
      out[`${label} ack p50 ms`] = r1(pct(r.acks, 50));
      out[`${label} ack p99 ms`] = r1(pct(r.acks, 99));
      out[`${label} ack max ms`] = r1(Math.max(...r.acks));
      out[`${label} non-200 acks`] = r.non200;
      out[`${label} answered`] = `${answered}/${TOTAL} in ${Math.round(r.answeredMs)} ms`;
      out[`${label} invalid API calls`] = h.fake.problems.length;
    } finally {
      await h.close();
    }
  }
  out['target'] = 'ack p99 < 100 ms in both';
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchSlack();
  for (const [k, v] of Object.entries(r)) process.stdout.write(`${k}: ${v}\n`);
}
