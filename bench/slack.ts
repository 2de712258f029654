// Slack ack latency: 1,000 signed `/pccc status` commands at 50 concurrent over HTTP into the real
// Bolt receiver, the app on the real PostgreSQL server — once as is, once with 2 s of injected
// latency in the core. The ack must not wait for the database: p99 < 100 ms in both.
// In the same run, a bare Bolt app (HTTPReceiver, `/pccc` acked with a fixed text, nothing
// else) takes the same load: our p99 ÷ its p99 is the tail we add over Bolt itself (target ≤ 1.5×).
// `worker` and `worker+2s` repeat `db` and `db+2s` with SLACK_WORKER (the core on a worker thread;
// the profile and CPU figures are then the acknowledging thread's only).
// `BENCH_SLACK_CASES=bare,db,worker` runs only those cases.
//
// Three threads, so that only the bot's own work is on the measured event loop:
//  - main: the app, Bolt's HTTPReceiver, the after-ack work (users.info, the core, response_url);
//  - a worker with the fake Slack Web API and response_url endpoint (it validates every call —
//    harness CPU that the real Slack spends on its own machines, not in our process);
//  - a worker with the load generator (signing + 50 concurrent HTTP clients).
//
// `BENCH_CPU_PROFILE=<dir>`: a V8 CPU profile of the bot's thread covering only the measured run
// of each case, written as `<dir>/slack-<case>-bot.cpuprofile`.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Inbound, Outcome } from '../src/core/types';
import type { TestWorkerHostData } from '../test/fakes/slack/worker-host';

const TOTAL = 1000;
// Same warm-up as bench/discord.ts: with fewer, the measured run still includes unoptimised code.
const WARMUP = 1000;
const CONCURRENCY = 50;
const INJECTED_MS = 2000;
/** `BENCH_SLACK_TEXT=help`: the same load with another command (status = 4 user lookups, help = 1). */
const TEXT = process.env.BENCH_SLACK_TEXT ?? 'status';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const r1 = (n: number) => Math.round(n * 10) / 10;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

/**
 * CPU time (user and system, ms) the calling thread has used, from /proc on Linux; undefined elsewhere.
 * Unlike latency or profile samples it does not grow when other processes take the cores, so it
 * is the figure to compare changes by on a shared machine.
 */
function threadCpuMs(): { user: number; system: number } | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(f[11]) * 10, system: Number(f[12]) * 10 }; // utime, stime in USER_HZ (100/s)
  } catch {
    return undefined;
  }
}

// ---- the fake Slack thread -------------------------------------------------------------------

type ToFake = { id: number; op: 'reset' } | { id: number; op: 'stats' } | { id: number; op: 'close' };
interface FakeStats {
  responseUrlPosts: number;
  calls: number;
  problems: string[];
}
type FromFake = { ready: { apiUrl: string; base: string } } | { id: number; stats?: FakeStats } | { error: string };

async function fakeSide(): Promise<void> {
  const { startFakeSlackApi } = await import('../test/fakes/slack/api');
  const fake = await startFakeSlackApi();
  const stats = (): FakeStats => ({
    responseUrlPosts: fake.responseUrlPosts.length,
    calls: fake.calls.length,
    problems: fake.problems.slice(0, 20),
  });
  parentPort!.on('message', async (m: ToFake) => {
    if (m.op === 'reset') fake.reset();
    if (m.op === 'close') await fake.close();
    parentPort!.postMessage({ id: m.id, stats: stats() } satisfies FromFake);
  });
  parentPort!.postMessage({ ready: { apiUrl: fake.url, base: fake.url.replace(/\/api\/$/, '') } } satisfies FromFake);
}

/** The main thread's handle on the fake Slack worker. */
class FakeSlackWorker {
  private seq = 0;
  private readonly pending = new Map<number, (s: FakeStats) => void>();
  private constructor(
    private readonly worker: Worker,
    readonly apiUrl: string,
    readonly base: string,
  ) {
    worker.on('message', (m: FromFake) => {
      if ('id' in m) this.pending.get(m.id)?.(m.stats!);
    });
  }

  static async start(): Promise<FakeSlackWorker> {
    // Workers do not inherit tsx's loader on Node 20: register it first, then load this file.
    const boot = `(async () => { const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(import.meta.url)}); })();`;
    const worker = new Worker(boot, { eval: true, workerData: { role: 'fake-slack' } });
    const ready = await new Promise<FromFake>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!('ready' in ready))
      throw new Error(`fake Slack did not start: ${'error' in ready ? ready.error : 'no reply'}`);
    return new FakeSlackWorker(worker, ready.ready.apiUrl, ready.ready.base);
  }

  private call(op: ToFake['op']): Promise<FakeStats> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(id, (s) => {
        this.pending.delete(id);
        resolve(s);
      });
      this.worker.postMessage({ id, op } satisfies ToFake);
    });
  }
  stats = () => this.call('stats');
  reset = () => this.call('reset');
  async close(): Promise<void> {
    await this.call('close');
    await this.worker.terminate();
  }
}

// ---- the load generator thread ---------------------------------------------------------------

const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac } = require('node:crypto');
const { url, secret, bodies, concurrency } = workerData;
(async () => {
  const acks = new Array(bodies.length); let non200 = 0; let dropped = 0; let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      const t0 = performance.now();
      // A keep-alive connection the server closed as it was reused (a starved machine can
      // leave one idle past its keep-alive timeout) is sent again and counted; the ack time
      // runs from the first attempt.
      for (let attempt = 1; ; attempt++) {
        const ts = Math.floor(Date.now() / 1000);
        const sig = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + bodies[i]).digest('hex');
        try {
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig }, body: bodies[i] });
          await res.arrayBuffer();
          if (res.status !== 200) non200++;
          break;
        } catch (err) {
          dropped++;
          if (attempt === 3) throw err;
        }
      }
      acks[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  parentPort.postMessage({ acks, non200, dropped });
})();
`;

// ---- the bot thread ----------------------------------------------------------------------------

async function startProfile(): Promise<((name: string) => Promise<void>) | undefined> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async (name) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `slack-${name}-bot.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

interface Bot {
  eventsUrl: string;
  /** Warnings and errors the bot logged since the last call, counted by message. */
  problems?(): Record<string, number>;
  idle(): Promise<void>;
  close(): Promise<void>;
  answers: boolean;
}

/** The baseline: Bolt alone, acking `/pccc` with a fixed text; no database, no after-ack work. */
async function startBare(fake: FakeSlackWorker): Promise<Bot> {
  const { App, HTTPReceiver, LogLevel } = await import('@slack/bolt');
  const { FAKE_BOT_TOKEN } = await import('../test/fakes/slack/api');
  const { FAKE_SIGNING_SECRET } = await import('../test/fakes/slack/wire');
  const receiver = new HTTPReceiver({
    signingSecret: FAKE_SIGNING_SECRET,
    endpoints: '/slack/events',
    processBeforeResponse: false,
    logLevel: LogLevel.ERROR,
  });
  const bare = new App({
    token: FAKE_BOT_TOKEN,
    receiver,
    clientOptions: { slackApiUrl: fake.apiUrl },
    logLevel: LogLevel.ERROR,
    convoStore: false,
  });
  bare.command('/pccc', async ({ ack }) => {
    await ack('ok');
  });
  const server = (await bare.start({ port: 0, host: '127.0.0.1' })) as import('node:http').Server;
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    idle: async () => {},
    close: async () => void (await bare.stop()),
    answers: false,
  };
}

/** The core, with `delayMs` of injected latency before each event. */
function delayed(bot: { handle(e: Inbound): Promise<Outcome> }, delayMs: number) {
  return delayMs
    ? async (e: Inbound): Promise<Outcome> => {
        await new Promise((r) => setTimeout(r, delayMs));
        return bot.handle(e);
      }
    : (e: Inbound) => bot.handle(e);
}

async function botEnv(fake: { apiUrl: string }): Promise<Record<string, string>> {
  const { FAKE_BOT_TOKEN } = await import('../test/fakes/slack/api');
  const { FAKE_SIGNING_SECRET } = await import('../test/fakes/slack/wire');
  return {
    LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
}

async function startBot(fake: FakeSlackWorker, delayMs: number, worker = false): Promise<Bot> {
  const { startSlack } = await import('../src/adapters/slack');
  const { createTestApp } = await import('../test/helpers/app');
  const app = await createTestApp({ db: 'postgres', env: await botEnv(fake) });
  try {
    const data: TestWorkerHostData = { databaseUrl: app.config.databaseUrl!, apiUrl: fake.apiUrl, delayMs };
    const adapter = await startSlack(
      { ...app, bot: { handle: delayed(app.bot, delayMs) } },
      {
        port: 0,
        host: '127.0.0.1',
        ...(worker ? { worker: { hostModule: import.meta.resolve('../test/fakes/slack/worker-host.ts'), data } } : {}),
      },
    );
    return {
      eventsUrl: `${adapter.url}/slack/events`,
      answers: true,
      idle: () => adapter.idle(),
      problems() {
        const out: Record<string, number> = {};
        for (const line of app.logs.splice(0)) {
          const l = JSON.parse(line) as { level: number; msg?: string; err?: unknown };
          if (l.level < 40) continue;
          const k = `${l.msg} ${JSON.stringify(l.err ?? '')}`;
          out[k] = (out[k] ?? 0) + 1;
        }
        return out;
      },
      async close() {
        await adapter.stop();
        await app.close();
      },
    };
  } catch (err) {
    await app.close();
    throw err;
  }
}

async function run(
  bot: Bot,
  fake: FakeSlackWorker,
  total: number,
  from: number,
): Promise<{ acks: number[]; non200: number; dropped: number; answeredMs: number; stats: FakeStats }> {
  const { slashCommand } = await import('../test/fakes/slack/payloads');
  const { FAKE_SIGNING_SECRET } = await import('../test/fakes/slack/wire');
  const bodies = Array.from({ length: total }, (_, i) =>
    new URLSearchParams(
      slashCommand({
        user: `U0BENCH${i % 200}`,
        channel: 'C0BENCH',
        text: TEXT,
        responseUrl: `${fake.base}/response/R${from + i}`,
      }),
    ).toString(),
  );
  const started = performance.now();
  const worker = new Worker(LOAD, {
    eval: true,
    workerData: { url: bot.eventsUrl, secret: FAKE_SIGNING_SECRET, bodies, concurrency: CONCURRENCY },
  });
  const result = await new Promise<{ acks: number[]; non200: number; dropped: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  // Answers keep arriving after the last ack; wait for all of them.
  let stats = await fake.stats();
  while (bot.answers && stats.responseUrlPosts < total && performance.now() - started < 60_000) {
    await bot.idle();
    await new Promise((r) => setTimeout(r, 20));
    stats = await fake.stats();
  }
  return { ...result, answeredMs: performance.now() - started, stats };
}

export async function benchSlack(): Promise<Record<string, number | string>> {
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  const out: Record<string, number | string> = {
    command: `/pccc ${TEXT}`,
    cpus: cpus().length,
    'loadavg before (1/5/15 min)': load(),
  };
  // `BENCH_SLACK_CASES=bare,db`: only these cases (quicker when iterating on one).
  const only = process.env.BENCH_SLACK_CASES?.split(',');
  for (const [label, delay] of (
    [
      ['bare', -1],
      ['db', 0],
      ['db+2s', INJECTED_MS],
      ['worker', 0],
      ['worker+2s', INJECTED_MS],
    ] as const
  ).filter(([l]) => !only || only.includes(l))) {
    const fake = await FakeSlackWorker.start();
    try {
      const bot = delay < 0 ? await startBare(fake) : await startBot(fake, delay, label.startsWith('worker'));
      try {
        await run(bot, fake, WARMUP, 0); // warm-up (JIT, connection pool, auth.test, locale cache); measured below
        await fake.reset();
        bot.problems?.();
        const stopProfile = await startProfile();
        const cpu0 = threadCpuMs();
        const elu0 = performance.eventLoopUtilization();
        const delay = monitorEventLoopDelay({ resolution: 5 });
        delay.enable();
        const r = await run(bot, fake, TOTAL, WARMUP);
        delay.disable();
        const elu = performance.eventLoopUtilization(elu0);
        const cpu1 = threadCpuMs();
        await stopProfile?.(label);
        out[`${label} ack p50 ms`] = r1(pct(r.acks, 50));
        out[`${label} ack p99 ms`] = r1(pct(r.acks, 99));
        out[`${label} ack max ms`] = r1(Math.max(...r.acks));
        if (cpu0 && cpu1) {
          const per = (ms: number) => Math.round((ms / TOTAL) * 100) / 100;
          out[`${label} bot thread CPU per command ms`] =
            `${per(cpu1.user + cpu1.system - cpu0.user - cpu0.system)} (user ${per(cpu1.user - cpu0.user)}, system ${per(cpu1.system - cpu0.system)})`;
        }
        // Busy share of the bot's event loop (wall clock, so it includes waiting for a core) and
        // how late its timers fired: long single tasks (GC, big callbacks) show up in the max.
        out[`${label} bot loop busy`] =
          `${Math.round(elu.utilization * 100)}% of ${Math.round(r.answeredMs)} ms; loop delay p99 ${r1(delay.percentile(99) / 1e6)} ms, max ${r1(delay.max / 1e6)} ms`;
        out[`${label} non-200 acks`] = r.non200;
        if (r.dropped) out[`${label} connections closed under a request (sent again)`] = r.dropped;
        if (bot.answers)
          out[`${label} answered`] = `${r.stats.responseUrlPosts}/${TOTAL} in ${Math.round(r.answeredMs)} ms`;
        out[`${label} invalid API calls`] = r.stats.problems.length
          ? `${r.stats.problems.length}: ${r.stats.problems.slice(0, 3).join('; ')}`
          : 0;
        if (bot.problems) out[`${label} bot warnings`] = JSON.stringify(bot.problems());
        out[`${label} loadavg after (1/5/15 min)`] = load();
      } finally {
        await bot.close();
      }
    } finally {
      await fake.close();
    }
  }
  const ran = Object.keys(out)
    .filter((k) => k.endsWith(' ack p99 ms') && !k.startsWith('bare'))
    .map((k) => [k.slice(0, -' ack p99 ms'.length), out[k] as number] as const);
  out.target = `ack p99 < 100 ms: ${ran.map(([l, p]) => `${l} ${p < 100 ? 'met' : 'MISSED'}`).join(', ')}`;
  const bareP99 = out['bare ack p99 ms'] as number | undefined;
  if (bareP99 !== undefined) {
    const ratio = (p: number) => Math.round((p / Math.max(bareP99, 0.1)) * 100) / 100;
    out['p99 ÷ bare Bolt p99 (target ≤ 1.5×)'] = ran
      .map(([l, p]) => `${l} ${ratio(p)}× ${ratio(p) <= 1.5 ? 'met' : 'MISSED'}`)
      .join(', ');
  }
  return out;
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === 'fake-slack') {
  fakeSide().catch((err: unknown) =>
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies FromFake),
  );
} else if (isMainThread && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchSlack();
  for (const [k, v] of Object.entries(r)) process.stdout.write(`${k}: ${v}\n`);
}
