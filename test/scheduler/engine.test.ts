// The one claim/lease loop under both schedulers: how a sweep ends (nothing due, budget,
// stop, database gone), one sweep at a time, nothing claimed while a record waits for the
// database, and the capped backoff every retry uses.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log';
import { cappedBackoff, LeaseEngine, type Queue } from '../../src/scheduler/engine';

const log = createLogger({ level: 'silent' });
const connectionLost = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A queue over an in-memory list: each claim takes up to `batch` items. */
function listQueue(items: number[], batch = 2) {
  const worked: number[] = [];
  let claims = 0;
  const queue: Queue<number> & { worked: number[]; claims(): number } = {
    worked,
    claims: () => claims,
    async claim() {
      claims++;
      return items.splice(0, batch);
    },
    async process(rows) {
      worked.push(...rows);
    },
  };
  return queue;
}

describe('cappedBackoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3].map((n) => cappedBackoff(n, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000]);
    expect(cappedBackoff(10, 1000, 60_000)).toBe(60_000);
    expect(cappedBackoff(10_000, 30_000, 3_600_000)).toBe(3_600_000);
  });
});

describe('LeaseEngine', () => {
  it('works batches until nothing is due, and a second call joins the sweep under way', async () => {
    const q = listQueue([1, 2, 3, 4, 5]);
    const engine = new LeaseEngine('test', log, q);
    const [a, b] = await Promise.all([engine.sweep(undefined, Infinity), engine.sweep(undefined, Infinity)]);
    expect(a).toBeUndefined();
    expect(b).toBeUndefined();
    expect(q.worked).toEqual([1, 2, 3, 4, 5]);
    expect(q.claims()).toBe(4); // three batches, then an empty claim
  });

  it('stops claiming at maxBatches and at the time budget', async () => {
    const q = listQueue([1, 2, 3, 4, 5, 6]);
    let now = 0;
    const engine = new LeaseEngine(
      'test',
      log,
      {
        claim: q.claim,
        async process(rows) {
          now += 10; // each batch takes 10 ms of the engine's clock
          await q.process(rows, undefined);
        },
      },
      { clock: () => now, budgetMs: 15 },
    );
    expect(await engine.sweep(undefined, 1)).toBeUndefined();
    expect(q.worked).toEqual([1, 2]);
    expect(await engine.sweep(undefined, Infinity)).toBe('budget');
    expect(q.worked).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ends the sweep when the claim cannot reach the database, and rethrows anything else', async () => {
    const lost = new LeaseEngine('test', log, {
      claim: async () => Promise.reject(connectionLost()),
      process: async () => expect.unreachable('nothing was claimed'),
    });
    expect(await lost.sweep(undefined, Infinity)).toBe('database');
    const broken = new LeaseEngine('test', log, {
      claim: async () => Promise.reject(new Error('syntax error at or near "form"')),
      process: async () => undefined,
    });
    await expect(broken.sweep(undefined, Infinity)).rejects.toThrow(/syntax error/);
  });

  it('claims nothing new while a record waits for the database, and writes it first next time', async () => {
    const q = listQueue([1, 2, 3, 4]);
    let up = false;
    const written: string[] = [];
    const engine: LeaseEngine<number> = new LeaseEngine(
      'test',
      log,
      {
        claim: q.claim,
        async process(rows) {
          await q.process(rows, undefined);
          await engine.outbox.write(`done ${rows.join(',')}`, async () => {
            if (!up) throw connectionLost();
            written.push(rows.join(','));
          });
        },
      },
      { outbox: { minBackoffMs: 60_000 } },
    );
    expect(await engine.sweep(undefined, Infinity)).toBe('database');
    expect(q.worked).toEqual([1, 2]);
    expect(await engine.sweep(undefined, Infinity)).toBe('database'); // still down: no claim at all
    expect(q.claims()).toBe(1);
    up = true;
    expect(await engine.sweep(undefined, Infinity)).toBeUndefined();
    expect(written).toEqual(['1,2', '3,4']);
    await engine.stop(Date.now());
  });

  it('after stop() releases the batch in hand and claims nothing more', async () => {
    const q = listQueue([1, 2, 3, 4]);
    const released: number[] = [];
    let stopped: Promise<void> | undefined;
    const engine: LeaseEngine<number> = new LeaseEngine('test', log, {
      claim: q.claim,
      async process(rows) {
        for (const r of rows) {
          if (engine.shouldRelease) released.push(r);
          else {
            q.worked.push(r);
            stopped = engine.stop(Date.now() + 1000); // sets stopping at once; resolves after the sweep
          }
        }
      },
    });
    expect(await engine.sweep(undefined, Infinity)).toBe('stop');
    await stopped;
    expect(q.worked).toEqual([1]);
    expect(released).toEqual([2]);
    expect(q.claims()).toBe(1);
  });
});
