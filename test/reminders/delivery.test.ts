// Delivery guarantees: a killed dispatcher loses nothing, 429/5xx from a real local HTTP
// platform are backed off, and two dispatchers on one PostgreSQL deliver every slot once.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { createLogger } from '../../src/log';
import { ReminderDispatcher } from '../../src/scheduler/reminders';
import { PgTokenBucket } from '../../src/scheduler/rate-limit';
import type { Messenger } from '../../src/core/types';
import { DB_KINDS, freshPostgresDatabase } from '../helpers/db';
import { FakePlatform, HttpMessenger, RecordingMessenger } from './fake-platform';
import { count, seedDue } from './helpers';

const log = createLogger({ level: 'silent' });
const SLOT = new Date('2027-01-18T00:00:00Z'); // Monday 09:00 KST
const after = (ms: number) => new Date(SLOT.getTime() + ms);

async function open(kind: 'pglite' | 'postgres'): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({ memory: true });
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const pg = await freshPostgresDatabase();
  const database = await openDatabase({ url: pg.url });
  await database.migrate();
  return {
    database,
    drop: async () => {
      await database.close();
      await pg.drop();
    },
  };
}

const dispatcher = (database: Database, m: Messenger, opts: ConstructorParameters<typeof ReminderDispatcher>[3] = {}) =>
  new ReminderDispatcher(database, (p) => (p === m.platform ? m : undefined), log, opts);

describe.each(DB_KINDS)('reminder delivery (%s)', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('a dispatcher killed mid-batch (its sends hang) loses nothing: the lease runs out and a restart delivers all', async () => {
    const { database, drop } = await open(kind);
    cleanups.push(drop);
    await seedDue(database, 40, SLOT);
    const hung = new RecordingMessenger('discord');
    hung.behaviour = () => 'hang';
    const first = dispatcher(database, hung, { leaseSeconds: 60, batchSize: 10, sendTimeoutMs: 3_600_000 });
    void first.runDue(after(1000), 1); // never finishes: the process "died" holding 10 claims
    await new Promise((r) => setTimeout(r, 300));
    const good = new RecordingMessenger('discord');
    const restarted = dispatcher(database, good, { leaseSeconds: 60 });
    const early = await restarted.runDue(after(30_000));
    expect(early.delivered).toBe(30); // the claimed ten are still leased
    const later = await restarted.runDue(after(62_000));
    expect(later.delivered).toBe(10);
    expect(new Set(good.sent.map((s) => s.userId)).size).toBe(40);
    expect(await count(database, 'reminder_deliveries')).toBe(40);
  });

  it('429 with retry_after and 5xx from a real HTTP platform: backed off, then all delivered once', async () => {
    const { database, drop } = await open(kind);
    cleanups.push(drop);
    const platform = await new FakePlatform().start();
    cleanups.push(() => platform.stop());
    await seedDue(database, 20, SLOT);
    platform.failures.push(429, 429, 503, 502);
    const m = new HttpMessenger(platform.url, 'token-a');
    cleanups.push(async () => m.close());
    const d = dispatcher(database, m, { concurrency: 1 });
    const first = await d.runDue(after(1000));
    expect(first.rateLimited).toBe(2);
    expect(first.retried).toBe(2); // the two 5xx wait for a later sweep
    expect(first.delivered).toBe(18);
    const none = await d.runDue(after(5_000));
    expect(none.delivered).toBe(0); // backoff not over yet
    const second = await d.runDue(after(120_000));
    expect(second.delivered).toBe(2);
    expect(platform.received).toHaveLength(20);
    expect(new Set(platform.received.map((r) => r.user)).size).toBe(20);
    const [row] = await database.rows<{ n: string | number }>(
      sql`select count(*) as n from reminders where attempts > 0 or claim_token is not null`,
    );
    expect(Number(row!.n)).toBe(0);
  });

  it('a shared budget across two dispatchers keeps a 50/s platform free of 429s', async () => {
    const { database, drop } = await open(kind);
    cleanups.push(drop);
    const platform = await new FakePlatform({ limitPerSecond: 50 }).start();
    cleanups.push(() => platform.stop());
    await seedDue(database, 120, SLOT);
    const ms = [new HttpMessenger(platform.url, 'shared'), new HttpMessenger(platform.url, 'shared')];
    cleanups.push(async () => ms.forEach((m) => m.close()));
    const ds = ms.map((m) =>
      dispatcher(database, m, {
        batchSize: 20,
        limiters: { discord: new PgTokenBucket(database, 'discord:test', { ratePerSecond: 48 }) },
      }),
    );
    // A sweep may stop at its time budget on a loaded machine; the next sweeps go on from there.
    for (let sweep = 0; sweep < 30 && platform.stats.ok < 120; sweep++)
      await Promise.all(ds.map((d) => d.runDue(after(1000))));
    expect(platform.stats.ok).toBe(120);
    // A token bucket bounds the long-run rate, not every one-second window: on a loaded machine a
    // delayed batch can bunch up and meet a few 429s (retried, nothing lost). Two unshared
    // buckets (96/s against 50/s) meet dozens.
    expect(platform.stats.tooMany).toBeLessThanOrEqual(12);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('two dispatchers on PostgreSQL', () => {
  it('over 10,000 due reminders deliver every slot exactly once', async () => {
    const pg = await freshPostgresDatabase();
    const a = await openDatabase({ url: pg.url });
    const b = await openDatabase({ url: pg.url });
    try {
      await a.migrate();
      await seedDue(a, 10_000, SLOT);
      const ma = new RecordingMessenger('discord');
      const mb = new RecordingMessenger('discord');
      const [ra, rb] = await Promise.all([
        dispatcher(a, ma, { batchSize: 200 }).runDue(after(1000)),
        dispatcher(b, mb, { batchSize: 200 }).runDue(after(1000)),
      ]);
      const all = [...ma.sent, ...mb.sent].map((s) => s.userId);
      expect(all).toHaveLength(10_000);
      expect(new Set(all).size).toBe(10_000);
      expect(ra.delivered + rb.delivered).toBe(10_000);
      expect(ra.delivered).toBeGreaterThan(0);
      expect(rb.delivered).toBeGreaterThan(0);
      expect(await count(a, 'reminder_deliveries')).toBe(10_000);
      // A third sweep right after finds nothing.
      expect((await dispatcher(a, ma).runDue(after(2000))).claimed).toBe(0);
    } finally {
      await a.close();
      await b.close();
      await pg.drop();
    }
  });
});
