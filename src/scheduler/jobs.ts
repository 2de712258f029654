// Durable one-off jobs: claimed from Postgres with FOR UPDATE SKIP LOCKED so any number of
// instances can run them; a claim expires, so a crashed worker's jobs are taken again.
import { sql } from 'drizzle-orm';
import { DeliveryError } from '../core/types';
import type { Database } from '../db/client';
import type { Logger } from '../log';

export type JobHandler = (payload: Record<string, unknown>, job: { id: number; attempts: number }) => Promise<void>;

export interface JobRunnerOptions {
  batchSize?: number;
  claimSeconds?: number;
  maxAttempts?: number;
}

interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly batchSize: number;
  private readonly claimSeconds: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    opts: JobRunnerOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 50;
    this.claimSeconds = opts.claimSeconds ?? 120;
    this.maxAttempts = opts.maxAttempts ?? 8;
  }

  on(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Claims and runs due jobs until none are left (or `maxBatches`). `now` overrides the database clock in tests. */
  async runDue(now?: Date, maxBatches = 20): Promise<number> {
    let done = 0;
    for (let i = 0; i < maxBatches; i++) {
      const batch = await this.claim(now);
      if (batch.length === 0) break;
      for (const job of batch) done += (await this.runOne(job)) ? 1 : 0;
    }
    return done;
  }

  private async claim(now?: Date): Promise<ClaimedJob[]> {
    const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return [];
    const rows = await this.database.rows<{ id: string | number; kind: string; payload: unknown; attempts: number }>(sql`
      update jobs set claimed_until = ${at} + make_interval(secs => ${this.claimSeconds}), attempts = attempts + 1
      where id in (
        select id from jobs
        where run_at <= ${at} and (claimed_until is null or claimed_until < ${at})
          and kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
        order by run_at
        limit ${this.batchSize}
        for update skip locked
      )
      returning id, kind, payload, attempts`);
    return rows.map((r) => ({ id: Number(r.id), kind: r.kind, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>, attempts: r.attempts }));
  }

  private async runOne(job: ClaimedJob): Promise<boolean> {
    const handler = this.handlers.get(job.kind)!;
    try {
      await handler(job.payload, { id: job.id, attempts: job.attempts });
      await this.database.rows(sql`delete from jobs where id = ${job.id}`);
      return true;
    } catch (err) {
      const permanent = err instanceof DeliveryError && err.kind === 'permanent';
      if (permanent || job.attempts >= this.maxAttempts) {
        this.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, err }, 'job dropped');
        await this.database.rows(sql`delete from jobs where id = ${job.id}`);
        return false;
      }
      const retryMs = err instanceof DeliveryError && err.retryAfterMs ? err.retryAfterMs : Math.min(2 ** job.attempts * 1000, 3_600_000);
      this.log.info({ jobId: job.id, kind: job.kind, attempts: job.attempts, retryMs }, 'job will retry');
      await this.database.rows(
        sql`update jobs set claimed_until = null, run_at = now() + make_interval(secs => ${retryMs / 1000}), last_error = ${err instanceof Error ? err.name : 'error'} where id = ${job.id}`,
      );
      return false;
    }
  }
}
