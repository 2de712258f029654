// Exactly-once under trouble (issue 11's table, rerun): due reminders swept into local fakes on
// 127.0.0.1 while things go wrong; per row: delivered / missing / duplicates, counted at the
// platform. Bounded: ~3 minutes, loopback only.
//   npx tsx bench/outage.ts      (PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432/test)
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebClient } from '@slack/web-api';
import { openDatabase, type Database } from '../src/db/client';
import { createLogger } from '../src/log';
import { ReminderDispatcher, type DispatcherOptions } from '../src/scheduler/reminders';
import type { Messenger, Reply, SendOptions } from '../src/core/types';
import { DmChannels, SlackMessenger } from '../src/adapters/slack/messenger';
import { FakePlatform, HttpMessenger } from '../test/reminders/fake-platform';
import { openBenchDatabase, seedDue, withFreshDatabase } from './seed';
import { FAKE_BOT_TOKEN, startFakeSlackApi } from '../test/fakes/slack/api';
import { pgProxy } from '../test/db/proxy';

const SLOT = new Date(Date.now() - 120_000);
const log = createLogger({ level: process.env.BENCH_LOG ?? 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  scenario: string;
  due: number;
  delivered: number;
  missing: number;
  duplicates: number;
  seconds: number;
}

function tally(scenario: string, due: number, users: string[], started: number): Row {
  const seen = new Map<string, number>();
  for (const u of users) seen.set(u, (seen.get(u) ?? 0) + 1);
  let duplicates = 0;
  for (const n of seen.values()) duplicates += n - 1;
  return {
    scenario,
    due,
    delivered: seen.size,
    missing: due - seen.size,
    duplicates,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

/** Sweeps every `everyMs` (a compressed tick) until nothing is due and nothing is kept, or `capMs`. */
async function tickUntilDone(
  ds: ReminderDispatcher[],
  database: Database,
  everyMs: number,
  capMs: number,
): Promise<void> {
  const until = Date.now() + capMs;
  while (Date.now() < until) {
    await Promise.all(ds.map((d) => d.runDue().catch(() => undefined)));
    const pending = ds.reduce((n, d) => n + d.pendingRecords, 0);
    const due = await database
      .rows<{ n: string }>(
        (await import('drizzle-orm'))
          .sql`select count(*) as n from reminders where next_due <= now() + interval '10 minutes'`,
      )
      .then((r) => Number(r[0]!.n))
      .catch(() => -1);
    if (pending === 0 && due === 0) return;
    await sleep(everyMs);
  }
}

/** A messenger wrapper that calls `at(n)` after the n-th successful send. */
function counting(m: Messenger, at: (n: number) => void): Messenger {
  let n = 0;
  return {
    platform: m.platform,
    async sendDirect(userId: string, reply: Reply, opts?: SendOptions) {
      const r = await m.sendDirect(userId, reply, opts);
      at(++n);
      return r;
    },
    deleteDirect: (ref) => m.deleteDirect(ref),
  };
}

const withDb = <T>(work: (url: string) => Promise<T>) => withFreshDatabase('pccc_outage', work);
const open = (url: string, migrate = false) => openBenchDatabase(url, { migrate });

const dispatcherFor = (database: Database, m: Messenger, opts: DispatcherOptions = {}) =>
  new ReminderDispatcher(database, (p) => (p === m.platform ? m : undefined), log, { batchSize: 100, ...opts });

async function plain(instances: number, due: number): Promise<Row> {
  return withDb(async (url) => {
    const platform = await new FakePlatform().start();
    const dbs = await Promise.all(Array.from({ length: instances }, (_, i) => open(url, i === 0)));
    await seedDue(dbs[0]!, due, SLOT);
    const started = Date.now();
    const ms = dbs.map(() => new HttpMessenger(platform.url, 'tok'));
    await tickUntilDone(
      dbs.map((db, i) => dispatcherFor(db, ms[i]!)),
      dbs[0]!,
      500,
      120_000,
    );
    const row = tally(
      `${instances} instance${instances > 1 ? 's' : ''}, ${due} due`,
      due,
      platform.received.map((r) => r.user),
      started,
    );
    ms.forEach((m) => m.close());
    await Promise.all(dbs.map((d) => d.close()));
    await platform.stop();
    return row;
  });
}

async function killed(due: number, atShare: number): Promise<Row> {
  return withDb(async (url) => {
    const platform = await new FakePlatform().start();
    const db = await open(url, true);
    await seedDue(db, due, SLOT);
    const started = Date.now();
    const child = fork(fileURLToPath(import.meta.url), ['--child', url, platform.url], {
      execArgv: ['--import', 'tsx'],
      stdio: 'ignore',
    });
    while (platform.received.length < due * atShare) {
      if (child.exitCode !== null) break;
      await sleep(5);
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The restarted instance: the dead one's leases (10 s here) run out, then everything goes.
    const m = new HttpMessenger(platform.url, 'tok');
    await sleep(11_000);
    await tickUntilDone([dispatcherFor(db, m, { leaseSeconds: 10 })], db, 500, 60_000);
    const row = tally(
      `kill -9 at ${Math.round(atShare * 100)}% of ${due}`,
      due,
      platform.received.map((r) => r.user),
      started,
    );
    m.close();
    await db.close();
    await platform.stop();
    return row;
  });
}

async function cut(due: number, atShare: number, cutMs: number): Promise<Row> {
  return withDb(async (url) => {
    const platform = await new FakePlatform().start();
    const proxy = await pgProxy(url);
    const setup = await open(url, true);
    await seedDue(setup, due, SLOT);
    await setup.close();
    const db = await open(proxy.url);
    const started = Date.now();
    let restoreAt = 0;
    const m = counting(new HttpMessenger(platform.url, 'tok'), (n) => {
      if (n === Math.round(due * atShare)) {
        proxy.cut();
        restoreAt = Date.now() + cutMs;
        setTimeout(() => proxy.restore(), cutMs).unref();
      }
    });
    // Ticks every 2 s (compressed minutes); the cut spans several of them.
    const d = dispatcherFor(db, m, { outbox: { minBackoffMs: 200, maxBackoffMs: 2000, timeoutMs: 3000 } });
    const until = Date.now() + cutMs + 90_000;
    while (Date.now() < until) {
      await d.runDue().catch(() => undefined);
      if (restoreAt && Date.now() > restoreAt && d.pendingRecords === 0 && platform.received.length >= due) break;
      await sleep(2000);
    }
    const row = tally(
      `DB cut ${cutMs / 1000} s at ${Math.round(atShare * 100)}% of ${due}`,
      due,
      platform.received.map((r) => r.user),
      started,
    );
    await d.stop(Date.now() + 5000);
    await db.close();
    await proxy.close();
    await platform.stop();
    return row;
  });
}

async function slackBursts(due: number, n429: number, n500: number): Promise<Row> {
  return withDb(async (url) => {
    const slack = await startFakeSlackApi();
    const db = await open(url, true);
    await seedDue(db, due, SLOT, 'slack');
    // The adapter's own client settings (retries on), as in production.
    const client = new WebClient(FAKE_BOT_TOKEN, {
      slackApiUrl: slack.url,
      retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 3000, randomize: true },
    });
    const m = new SlackMessenger(client, new DmChannels(client));
    slack.rateLimit('chat.postMessage', n429, 1);
    // 500s that come after the message was posted: the worst kind ("maybe delivered").
    let armed = false;
    const started = Date.now();
    const d = dispatcherFor(
      db,
      counting(m, () => {
        if (!armed) {
          armed = true;
          slack.failAfter('chat.postMessage', 500, n500);
        }
      }),
      { concurrency: 16 },
    );
    const until = Date.now() + 150_000;
    while (Date.now() < until) {
      await d.runDue(new Date(Date.now() + 3_600_000)).catch(() => undefined); // a later "now": backoffs are over
      const posted = [...slack.messages.values()].reduce((n, b) => n + b.length, 0);
      if (slack.messages.size >= due && posted >= due) {
        const [left] = await db.rows<{ n: string }>(
          (await import('drizzle-orm')).sql`select count(*) as n from reminders where attempts > 0`,
        );
        if (Number(left!.n) === 0) break;
      }
      await sleep(500);
    }
    const users: string[] = [];
    for (const [channel, box] of slack.messages) for (let i = 0; i < box.length; i++) users.push(channel);
    const row = tally(`Slack 429×${n429} then post+500×${n500}, ${due} due`, due, users, started);
    await db.close();
    await slack.close();
    return row;
  });
}

async function child(url: string, platformUrl: string): Promise<void> {
  const db = await openDatabase({ url });
  const m = new HttpMessenger(platformUrl, 'tok');
  const d = dispatcherFor(db, m, { leaseSeconds: 10 });
  for (;;) {
    await d.runDue().catch(() => undefined);
    await sleep(200);
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3]!, process.argv[4]!);
  const only = process.env.BENCH_ONLY;
  const rows: Row[] = [];
  const run = async (name: string, f: () => Promise<Row>) => {
    if (only && !name.includes(only)) return;
    const r = await f();
    rows.push(r);
    process.stderr.write(`${JSON.stringify(r)}\n`);
  };
  await run('one', () => plain(1, 2000));
  await run('two', () => plain(2, 5000));
  await run('kill', () => killed(5000, 0.3));
  await run('cut20', () => cut(2000, 0.3, 20_000));
  await run('cut60', () => cut(2000, 0.3, 60_000));
  await run('slack', () => slackBursts(1000, 400, 200));
  console.log('| scenario | due | delivered | missing | duplicates | s |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(`| ${r.scenario} | ${r.due} | ${r.delivered} | ${r.missing} | ${r.duplicates} | ${r.seconds} |`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
