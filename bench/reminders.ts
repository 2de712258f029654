// Reminders benchmark: due reminders swept through the dispatcher into a local fake platform
// (HTTP on 127.0.0.1), side by side with pg-boss 10 doing the same sends on the same server.
//   npx tsx bench/reminders.ts          (needs PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432/test)
import { pathToFileURL } from 'node:url';
import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/db/client';
import { createLogger } from '../src/log';
import { ReminderDispatcher } from '../src/scheduler/reminders';
import { PgTokenBucket } from '../src/scheduler/rate-limit';
import type { Messenger, Reply } from '../src/core/types';
import { FakePlatform, HttpMessenger } from '../test/reminders/fake-platform';
import { freshDatabase, seedDue, seedNotDue } from './seed';

const N_FAST = Number(process.env.BENCH_REMINDERS ?? 100_000);
const N_LIMITED = Number(process.env.BENCH_LIMITED ?? 3_000);
const N_LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const BATCH = 500;
const CONCURRENCY = 32;
const SLOT = new Date('2027-01-18T00:00:00Z');
const NOW = new Date(SLOT.getTime() + 60_000);
const log = createLogger({ level: 'silent' });

/** Peak resident set size while `run` runs. */
async function withPeakRss<T>(run: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  try {
    const value = await run();
    return { value, peakMb: Math.round((Math.max(peak, process.memoryUsage().rss) / 1048576) * 10) / 10 };
  } finally {
    clearInterval(timer);
  }
}

const reply: Reply = { visibility: 'dm', text: 'Time to check your recent imports' };

async function pool<T>(items: T[], n: number, run: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) await run(items[i++]!);
    }),
  );
}

async function ours(database: Database, platform: FakePlatform): Promise<{ perSecond: number; peakMb: number }> {
  await seedDue(database, N_FAST, SLOT);
  const m = new HttpMessenger(platform.url, 'fast');
  const d = new ReminderDispatcher(database, () => m, log, { batchSize: BATCH, concurrency: CONCURRENCY });
  const t0 = performance.now();
  const { value, peakMb } = await withPeakRss(() => d.runDue(NOW));
  const secs = (performance.now() - t0) / 1000;
  m.close();
  if (value.delivered !== N_FAST) throw new Error(`ours delivered ${value.delivered} of ${N_FAST}`);
  return { perSecond: Math.round(N_FAST / secs), peakMb };
}

async function pgBoss(url: string, platform: FakePlatform): Promise<{ perSecond: number; peakMb: number }> {
  const boss = new PgBoss({ connectionString: url, max: 10, supervise: false, schedule: false });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue('reminder-send');
  for (let from = 0; from < N_FAST; from += 10_000) {
    const jobs = Array.from({ length: Math.min(10_000, N_FAST - from) }, (_, i) => ({
      name: 'reminder-send',
      data: { user: `u${from + i + 1}` },
    }));
    await boss.insert(jobs);
  }
  const m = new HttpMessenger(platform.url, 'boss');
  const before = platform.stats.ok;
  const t0 = performance.now();
  const { peakMb } = await withPeakRss(async () => {
    await new Promise<void>((resolve, reject) => {
      void boss
        .work<{ user: string }>('reminder-send', { batchSize: BATCH, pollingIntervalSeconds: 0.5 }, async (jobs) => {
          await pool(jobs, CONCURRENCY, async (j) => void (await m.sendDirect(j.data.user, reply)));
          if (platform.stats.ok - before >= N_FAST) setImmediate(resolve);
        })
        .catch(reject);
    });
    // The last batch is completed after the handler returns.
    for (let i = 0; i < 200 && (await boss.getQueueSize('reminder-send', { before: 'completed' })) > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
  });
  const secs = (performance.now() - t0) / 1000;
  m.close();
  await boss.stop({ graceful: false, wait: true, timeout: 2000 }).catch(() => undefined);
  return { perSecond: Math.round(N_FAST / secs), peakMb };
}

async function limited(url: string): Promise<{ perSecond: number; percentOfLimit: number; tooMany: number }> {
  const platform = await new FakePlatform({ limitPerSecond: 50 }).start();
  platform.record = false;
  const a = await openDatabase({ url });
  const b = await openDatabase({ url });
  await a.rows(sql`truncate users cascade`);
  await seedDue(a, N_LIMITED, SLOT);
  const ms = [new HttpMessenger(platform.url, 'shared-token'), new HttpMessenger(platform.url, 'shared-token')];
  const ds = [a, b].map(
    (db, i) =>
      new ReminderDispatcher(db, () => ms[i], log, {
        batchSize: 100,
        limiters: { discord: new PgTokenBucket(db, 'discord:bench', { ratePerSecond: 48 }) },
      }),
  );
  const t0 = performance.now();
  const results = await Promise.all(ds.map((d) => d.runDue(NOW)));
  const secs = (performance.now() - t0) / 1000;
  const delivered = results.reduce((n, r) => n + r.delivered, 0);
  ms.forEach((m) => m.close());
  await a.close();
  await b.close();
  await platform.stop();
  if (delivered !== N_LIMITED) throw new Error(`limited run delivered ${delivered} of ${N_LIMITED}`);
  const perSecond = Math.round((N_LIMITED / secs) * 10) / 10;
  return { perSecond, percentOfLimit: Math.round((perSecond / 50) * 1000) / 10, tooMany: platform.stats.tooMany };
}

const noop: Messenger = {
  platform: 'discord',
  sendDirect: async () => ({ ref: 'x' }),
  deleteDirect: async () => undefined,
};

/** Grows the table with not-yet-due rows and times batches of due ones at each size. */
async function scaling(database: Database): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  await database.rows(sql`truncate users cascade`);
  const sizes = [10_000, 100_000, N_LARGE];
  let have = 0;
  for (const size of sizes) {
    // Not due: spread over the coming week, like a real population.
    await seedNotDue(database, have + 1, size, SLOT, NOW);
    have = size;
    await database.rows(sql`analyze reminders`);
    await database.rows(sql`delete from users where platform = 'discord' and platform_user_id like 'u%'`);
    await seedDue(database, 5 * BATCH, SLOT);
    // The claim's own query, with due rows present at the largest size.
    const plan = await database.rows<{ 'QUERY PLAN': string }>(sql`
      explain (analyze, costs off, timing off, summary off)
      select id from reminders where status = 'active' and next_due is not null and next_due <= ${NOW.toISOString()}::timestamptz
      order by next_due limit ${BATCH} for update skip locked`);
    if (size === sizes.at(-1)) out[`claim_plan_at_${size}`] = plan.map((p) => p['QUERY PLAN'].trim()).join(' | ');
    const d = new ReminderDispatcher(database, () => noop, log, { batchSize: BATCH, concurrency: CONCURRENCY });
    const t0 = performance.now();
    const r = await d.runDue(NOW);
    const ms = (performance.now() - t0) / Math.ceil(r.claimed / BATCH);
    out[`ms_per_batch_at_${size}`] = Math.round(ms * 10) / 10;
  }
  return out;
}

export async function benchReminders(): Promise<Record<string, number | string>> {
  const fresh = await freshDatabase();
  const platform = await new FakePlatform().start();
  platform.record = false;
  const database = await openDatabase({ url: fresh.url, max: 10 });
  try {
    await database.migrate();
    const a = await ours(database, platform);
    const boss = await pgBoss(fresh.url, platform);
    const b = await limited(fresh.url);
    const s = await scaling(database);
    return {
      reminders_per_s_unlimited: a.perSecond,
      peak_rss_mb_unlimited: a.peakMb,
      pgboss_per_s_same_sends: boss.perSecond,
      pgboss_peak_rss_mb: boss.peakMb,
      ratio_vs_pgboss: Math.round((a.perSecond / boss.perSecond) * 100) / 100,
      limited_reminders_per_s: b.perSecond,
      limited_percent_of_50_per_s: b.percentOfLimit,
      limited_429s: b.tooMany,
      ...s,
    };
  } finally {
    await database.close();
    await platform.stop();
    await fresh.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchReminders().then(
    (r) => {
      for (const [k, v] of Object.entries(r)) process.stdout.write(`${k.padEnd(32)} ${v}\n`);
      process.exit(0);
    },
    (err) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
