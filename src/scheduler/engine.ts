// The one claim/lease loop both schedulers run on. A queue says how to claim a batch (one
// statement, FOR UPDATE SKIP LOCKED, which leases the rows) and how to work one; the engine
// owns the rest, the same for every queue: one sweep at a time, a time budget, stop, the
// database going away (nothing new is claimed while records are kept in the outbox for it),
// and the capped backoff of a retry.
import { isConnectionError } from '../db/boundary';
import type { Logger } from '../log';
import { bounded, errInfo, Outbox, type OutboxOptions } from './outbox';

export interface Queue<Claimed> {
  /** Claims up to a batch of due rows; `now` replaces the database clock in tests. */
  claim(now: Date | undefined): Promise<Claimed[]>;
  /** Works a claimed batch; what it owes the database goes through the engine's outbox. */
  process(batch: Claimed[], now: Date | undefined): Promise<void>;
}

export type StopReason = 'budget' | 'database' | 'stop';

export interface EngineOptions {
  /** A sweep stops claiming after this long (the tick is every minute; it must not hold it). */
  budgetMs?: number;
  /** The clock the budget is measured on (tests: a fake one). */
  clock?: () => number;
  /** Backoff of the in-memory records while the database is unreachable. */
  outbox?: OutboxOptions;
  /**
   * stop() waits for the batch in hand at most until its deadline (a handler stuck on a call
   * that never answers must not hold shutdown); otherwise it waits for the batch to finish.
   */
  boundedStop?: boolean;
}

/** The wait before retry number `attempts` (1, 2, …): base · 2^attempts, never more than `capMs`. */
export function cappedBackoff(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(2 ** Math.min(Math.max(attempts, 0), 30) * baseMs, capMs);
}

export class LeaseEngine<Claimed> {
  readonly outbox: Outbox;
  readonly clock: () => number;
  private readonly budgetMs: number;
  private stopping = false;
  /** Set when the database failed mid-batch: the rest of the batch is released, not worked. */
  private halted = false;
  private running: Promise<StopReason | undefined> | null = null;

  constructor(
    private readonly name: string,
    private readonly log: Logger,
    private readonly queue: Queue<Claimed>,
    private readonly opts: EngineOptions = {},
  ) {
    this.budgetMs = opts.budgetMs ?? 50_000;
    this.clock = opts.clock ?? Date.now;
    this.outbox = new Outbox(log, name, opts.outbox);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** True once the batch in hand should be given back rather than worked (stop, or the database went away). */
  get shouldRelease(): boolean {
    return this.stopping || this.halted;
  }

  /** The database failed under the batch: release the rest, claim nothing more this sweep. */
  halt(): void {
    this.halted = true;
  }

  /**
   * Claims and works batches until none is due, `maxBatches`, the budget (`until`, epoch ms
   * on the engine's clock; default now + budgetMs), stop(), or the database going away.
   * One sweep at a time: a second call while one runs gets the running one.
   */
  sweep(now: Date | undefined, maxBatches: number, until?: number): Promise<StopReason | undefined> {
    if (this.running) return this.running;
    this.running = this.loop(now, maxBatches, until ?? this.clock() + this.budgetMs).finally(
      () => (this.running = null),
    );
    return this.running;
  }

  /** No new claims; the batch in hand finishes; kept records are written until `deadline` (epoch ms). */
  async stop(deadline = Date.now() + 10_000): Promise<void> {
    this.stopping = true;
    const running = this.running?.catch(() => undefined);
    if (this.opts.boundedStop) {
      // Past the deadline the claim simply expires and the (idempotent) work runs again later.
      const left = Math.max(0, deadline - Date.now());
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, left).unref())]);
    } else {
      await running;
    }
    await this.outbox.drain(deadline);
    this.outbox.close();
  }

  private async loop(now: Date | undefined, maxBatches: number, until: number): Promise<StopReason | undefined> {
    // What was done but not recorded goes first: nothing is claimed while it waits.
    if (!(await this.outbox.flush())) return 'database';
    this.halted = false;
    for (let i = 0; i < maxBatches; i++) {
      if (this.stopping) return 'stop';
      if (this.clock() >= until) return 'budget';
      let batch: Claimed[];
      try {
        batch = await bounded(this.queue.claim(now), this.outbox.timeoutMs);
      } catch (err) {
        if (!isConnectionError(err)) throw err;
        this.log.warn({ err, ...errInfo(err) }, `${this.name}: cannot claim, the database is unreachable; next tick`);
        return 'database';
      }
      if (batch.length === 0) return undefined;
      await this.queue.process(batch, now);
      if (this.outbox.size > 0 || this.halted) return 'database';
    }
    return undefined;
  }
}
