// Issue 11: the database connection is cut in the middle of a 2,000-reminder sweep and stays
// cut across several ticks ("20 s" ≈ one tick, "60 s" ≈ three). Every user still gets exactly
// one reminder, no sweep runs into the next tick, and the log names the failure. The same for
// reveal deletions due during a cut. Time is a fake clock advanced by each send; the only
// real waiting is the outbox's short backoff.
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Messenger, Reply } from '../../src/core/types';
import { freshPostgresDatabase } from '../helpers/db';
import { TEST_KEYS } from '../helpers/app';
import { pgProxy, type PgProxy } from '../db/proxy';
import { count, seedDue } from './helpers';

const SLOT = new Date('2027-01-18T00:00:00Z');
const TICK_MS = 60_000;
const DRIVER_CODES =
  /ECONNRESET|ECONNREFUSED|EPIPE|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED|CONNECT_TIMEOUT/;

/** A fake clock in ms since the slot; each send costs `perSendMs` of it. */
class FakeTime {
  t = 0;
  now = () => this.t;
  date = () => new Date(SLOT.getTime() + 1000 + this.t);
}

class CountingMessenger implements Messenger {
  readonly platform = 'discord' as const;
  readonly sent: string[] = [];
  readonly deleted: string[] = [];
  onSend?: (n: number) => void;
  onDelete?: (n: number) => void;
  constructor(
    private readonly time: FakeTime,
    private readonly perSendMs: number,
  ) {}
  async sendDirect(userId: string, _reply: Reply) {
    this.sent.push(userId);
    this.time.t += this.perSendMs;
    this.onSend?.(this.sent.length);
    return { ref: `c/${this.sent.length}` };
  }
  async deleteDirect(ref: string) {
    this.deleted.push(ref);
    this.time.t += this.perSendMs;
    this.onDelete?.(this.deleted.length);
  }
}

interface Rig {
  app: App;
  proxy: PgProxy;
  time: FakeTime;
  m: CountingMessenger;
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

async function rig(perSendMs: number): Promise<Rig> {
  const pg = await freshPostgresDatabase();
  const proxy = await pgProxy(pg.url);
  const time = new FakeTime();
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _e, cb) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  const tuning = {
    clock: time.now,
    budgetMs: 50_000,
    outbox: { minBackoffMs: 20, maxBackoffMs: 100, timeoutMs: 1500 },
  };
  const app = await createApp({
    config: loadConfig({ ...TEST_KEYS, DATABASE_URL: proxy.url, LOG_LEVEL: 'info' }),
    logDestination: destination,
    scrypt: { N: 1024, r: 8, p: 1, keylen: 32 },
    scheduler: { reminders: { ...tuning, batchSize: 100, concurrency: 8 }, jobs: { ...tuning, batchSize: 25 } },
  });
  const m = new CountingMessenger(time, perSendMs);
  app.registerMessenger(m);
  return {
    app,
    proxy,
    time,
    m,
    logs,
    async close() {
      proxy.restore();
      await app.close().catch(() => undefined);
      await proxy.close();
      await pg.drop();
    },
  };
}

/**
 * Ticks every fake minute until `done()`; the cut starts when the messenger says so and ends
 * after `cutTicks` ticks have run while cut. Returns each sweep's fake duration.
 */
async function tickUntil(
  r: Rig,
  run: () => Promise<unknown>,
  cutTicks: number,
  done: () => Promise<boolean>,
): Promise<number[]> {
  const durations: number[] = [];
  let cutFor = 0;
  for (let tick = 0; tick < 40; tick++) {
    r.time.t = Math.max(r.time.t, tick * TICK_MS);
    const start = r.time.t;
    await run();
    durations.push(r.time.t - start);
    if (!r.proxy.up && ++cutFor >= cutTicks) r.proxy.restore();
    if (r.proxy.up && (await done())) return durations;
  }
  throw new Error('never finished');
}

function failureNamed(logs: Record<string, unknown>[]): boolean {
  return logs.some(
    (l) =>
      typeof l.errClass === 'string' &&
      DRIVER_CODES.test(String(l.errCode ?? '')) &&
      /database unreachable/.test(String(l.msg)),
  );
}

describe.runIf(process.env.TEST_DATABASE_URL)(
  'a database outage in the middle of a sweep (PostgreSQL through a TCP proxy)',
  { timeout: 180_000 },
  () => {
    let r: Rig | undefined;
    afterEach(async () => {
      await r?.close();
      r = undefined;
    });

    for (const [label, cutTicks] of [
      ['20 s', 1],
      ['60 s', 3],
    ] as const) {
      it(`a ${label} cut at 30% of 2,000 due reminders: every user exactly once, no sweep over its tick, the failure named`, async () => {
        r = await rig(40); // 2,000 sends = 80 s of fake time: the sweep must span ticks
        await seedDue(r.app.database, 2000, SLOT);
        let kept = 0;
        r.m.onSend = (n) => n === 600 && r!.proxy.cut();
        const durations = await tickUntil(
          r,
          async () => {
            const res = await r!.app.reminders.runDue(r!.time.date());
            kept = Math.max(kept, res.kept);
          },
          cutTicks,
          async () =>
            r!.app.reminders.pendingRecords === 0 && (await count(r!.app.database, 'reminder_deliveries')) === 2000,
        );
        expect(kept).toBeGreaterThan(0); // the records of the batch in flight waited in memory
        expect(r.m.sent).toHaveLength(2000);
        expect(new Set(r.m.sent).size).toBe(2000);
        expect(await count(r.app.database, 'reminder_deliveries')).toBe(2000);
        // Budget 50 s + at most one batch in hand (100 × 40 ms): never into the next tick.
        for (const d of durations) expect(d).toBeLessThan(TICK_MS);
        expect(failureNamed(r.logs)).toBe(true);
        const [left] = await r.app.database.rows<{ n: string }>(
          sql`select count(*) as n from reminders where claim_token is not null`,
        );
        expect(Number(left!.n)).toBe(0);
      });
    }

    it('reveal deletions due during a cut: each deleted once, none dropped', async () => {
      r = await rig(100);
      const runAt = new Date(SLOT.getTime() - 60_000);
      for (let i = 1; i <= 300; i++)
        await r.app.stores.jobs.schedule({ kind: 'dm.delete', runAt, payload: { platform: 'discord', ref: `c/${i}` } });
      r.m.onDelete = (n) => n === 90 && r!.proxy.cut();
      const durations = await tickUntil(
        r,
        () => r!.app.jobs.runDue(r!.time.date()),
        3,
        async () => r!.app.jobs.pendingRecords === 0 && (await count(r!.app.database, 'jobs')) === 0,
      );
      expect(r.m.deleted).toHaveLength(300);
      expect(new Set(r.m.deleted).size).toBe(300);
      for (const d of durations) expect(d).toBeLessThan(TICK_MS);
      expect(failureNamed(r.logs)).toBe(true);
      expect(r.logs.some((l) => /job dropped/.test(String(l.msg)))).toBe(false);
    });
  },
);
