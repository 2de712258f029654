// Durable one-off jobs: claimed from Postgres with FOR UPDATE SKIP LOCKED so any number of
// instances can run them; a claim expires, so a crashed worker's jobs are taken again.
// A job done while the database is unreachable is remembered (its completion kept in memory
// and written when the database answers), so it is not run again on recovery.
import { sql, type SQL } from 'drizzle-orm';
import { metrics } from '../core/metrics';
import { DeliveryError } from '../core/types';
import type { Database } from '../db/client';
import { isConnectionError } from '../db/boundary';
import type { Logger } from '../log';
import { cappedBackoff, LeaseEngine } from './engine';
import { errInfo, type OutboxOptions } from './outbox';

export interface JobContext {
  id: number;
  attempts: number;
  /**
   * A database write that completes the job's work (e.g. a parcel poll's compare-and-set).
   * It runs after the handler returns, together with the job's own completion; while the
   * database is unreachable both are kept in memory and written later. Must be idempotent.
   */
  record(write: () => Promise<unknown>): void;
}

export type JobHandler = (payload: Record<string, unknown>, job: JobContext) => Promise<void>;

export interface JobKindOptions {
  /** Never drop the job (deleting a revealed code): retry with capped backoff, whatever the error. */
  neverDrop?: boolean;
  /** Longest wait between retries. */
  maxBackoffMs?: number;
}

export interface JobRunnerOptions {
  batchSize?: number;
  claimSeconds?: number;
  maxAttempts?: number;
  /** A run stops claiming after this long. */
  budgetMs?: number;
  clock?: () => number;
  outbox?: OutboxOptions;
  /**
   * The platforms this process serves: a job whose payload names another platform is left
   * to the process that serves it (unset: every job).
   */
  platforms?: () => readonly string[];
}

interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

const DEFAULT_MAX_BACKOFF_MS = 3_600_000;
/** A job that keeps failing says so at error level at most this often. */
const ALERT_EVERY_MS = 3_600_000;

export class JobRunner {
  private readonly handlers = new Map<string, { handler: JobHandler; opts: JobKindOptions }>();
  private readonly batchSize: number;
  private readonly claimSeconds: number;
  private readonly maxAttempts: number;
  private readonly engine: LeaseEngine<ClaimedJob>;
  private readonly alerted = new Map<number, number>();
  private running: Promise<number> | null = null;
  /** Jobs done in the sweep under way. */
  private done = 0;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    private readonly opts: JobRunnerOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 50;
    this.claimSeconds = opts.claimSeconds ?? 120;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.engine = new LeaseEngine(
      'jobs',
      log,
      { claim: (now) => this.claim(now), process: (batch) => this.process(batch) },
      { budgetMs: opts.budgetMs, clock: opts.clock, outbox: opts.outbox, boundedStop: true },
    );
  }

  private get outbox() {
    return this.engine.outbox;
  }

  on(kind: string, handler: JobHandler, opts: JobKindOptions = {}): void {
    this.handlers.set(kind, { handler, opts });
  }

  /** Completions waiting in memory for the database. */
  get pendingRecords(): number {
    return this.outbox.size;
  }

  /**
   * Claims and runs due jobs until none are left, `maxBatches`, or `until` (epoch ms on the
   * runner's clock). `now` overrides the database clock in tests.
   */
  runDue(now?: Date, maxBatches = 20, until?: number): Promise<number> {
    if (this.running) return this.running;
    this.done = 0;
    this.running = this.engine
      .sweep(now, maxBatches, until)
      .then(() => this.done)
      .finally(() => (this.running = null));
    return this.running;
  }

  /**
   * No new claims; the job in hand finishes (bounded by `deadline`), the rest of its batch is released; kept
   * completions are written until `deadline`.
   */
  stop(deadline = Date.now() + 10_000): Promise<void> {
    return this.engine.stop(deadline);
  }

  private async process(batch: ClaimedJob[]): Promise<void> {
    const unrun: number[] = [];
    for (const job of batch) {
      if (this.engine.shouldRelease) unrun.push(job.id);
      else this.done += (await this.runOne(job)) ? 1 : 0;
    }
    if (unrun.length === 0) return;
    // Give back what was claimed but not run (the attempt was not used).
    const ids = sql.join(
      unrun.map((id) => sql`${id}`),
      sql`, `,
    );
    await this.outbox.write(`jobs: ${unrun.length} released`, () =>
      this.database.rows(
        sql`update jobs set claimed_until = null, attempts = greatest(attempts - 1, 0) where id in (${ids})`,
      ),
    );
  }

  private at(now?: Date): SQL {
    return now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  }

  private platformFilter(): SQL {
    const served = this.opts.platforms?.();
    if (!served) return sql``;
    if (served.length === 0) return sql` and payload->>'platform' is null`;
    return sql` and (payload->>'platform' is null or payload->>'platform' in (${sql.join(
      served.map((p) => sql`${p}`),
      sql`, `,
    )}))`;
  }

  private async claim(now?: Date): Promise<ClaimedJob[]> {
    const at = this.at(now);
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return [];
    const rows = await this.database.rows<{
      id: string | number;
      kind: string;
      payload: unknown;
      attempts: number;
    }>(sql`
      update jobs set claimed_until = ${at} + make_interval(secs => ${this.claimSeconds}), attempts = attempts + 1
      where id in (
        select id from jobs
        where run_at <= ${at} and (claimed_until is null or claimed_until < ${at})
          and kind in (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )})${this.platformFilter()}
        order by run_at
        limit ${this.batchSize}
        for update skip locked
      )
      returning id, kind, payload, attempts`);
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
      attempts: r.attempts,
    }));
  }

  private async runOne(job: ClaimedJob): Promise<boolean> {
    const { handler, opts } = this.handlers.get(job.kind)!;
    const records: (() => Promise<unknown>)[] = [];
    try {
      await handler(job.payload, { id: job.id, attempts: job.attempts, record: (w) => void records.push(w) });
    } catch (err) {
      await this.failed(job, opts, err);
      return false;
    }
    // Done: the job's own writes and its completion, in order; kept in memory if the database is gone.
    this.alerted.delete(job.id);
    metrics().job(job.kind, 'done');
    try {
      const written = await this.outbox.write(`job ${job.id} (${job.kind}) done`, async () => {
        for (const w of records) await w();
        await this.database.rows(sql`delete from jobs where id = ${job.id}`);
      });
      if (!written) this.engine.halt();
    } catch (err) {
      this.log.error(
        { err, ...errInfo(err), jobId: job.id, kind: job.kind },
        'job done but its completion could not be recorded',
      );
    }
    return true;
  }

  private async failed(job: ClaimedJob, opts: JobKindOptions, err: unknown): Promise<void> {
    if (isConnectionError(err)) {
      // The database went away under the handler: nothing was done; stop this batch.
      this.engine.halt();
      metrics().job(job.kind, 'retry');
      this.log.warn({ jobId: job.id, kind: job.kind, ...errInfo(err) }, 'job interrupted: the database is unreachable');
      await this.outbox.write(`job ${job.id} released`, () =>
        this.database.rows(
          sql`update jobs set claimed_until = null, attempts = greatest(attempts - 1, 0) where id = ${job.id}`,
        ),
      );
      return;
    }
    const permanent = err instanceof DeliveryError && err.kind === 'permanent';
    if (!opts.neverDrop && (permanent || job.attempts >= this.maxAttempts)) {
      metrics().job(job.kind, 'failed');
      this.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, err, ...errInfo(err) }, 'job dropped');
      await this.outbox.write(`job ${job.id} dropped`, () =>
        this.database.rows(sql`delete from jobs where id = ${job.id}`),
      );
      return;
    }
    metrics().job(job.kind, 'retry');
    const cap = opts.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    const retryMs =
      err instanceof DeliveryError && err.retryAfterMs
        ? Math.min(err.retryAfterMs, cap)
        : cappedBackoff(job.attempts, 1000, cap);
    const info = { jobId: job.id, kind: job.kind, attempts: job.attempts, retryMs, ...errInfo(err) };
    if (
      opts.neverDrop &&
      job.attempts >= 3 &&
      this.engine.clock() - (this.alerted.get(job.id) ?? -Infinity) >= ALERT_EVERY_MS
    ) {
      this.alerted.set(job.id, this.engine.clock());
      if (this.alerted.size > 10_000) this.alerted.delete(this.alerted.keys().next().value as number);
      this.log.error(info, 'job keeps failing; it will be retried until it succeeds');
    } else {
      this.log.info(info, 'job will retry');
    }
    const lastError = err instanceof Error ? err.name : 'error';
    await this.outbox.write(`job ${job.id} retry`, () =>
      this.database.rows(
        sql`update jobs set claimed_until = null, run_at = now() + make_interval(secs => ${retryMs / 1000}),
          last_error = ${lastError} where id = ${job.id}`,
      ),
    );
  }
}
