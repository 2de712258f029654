// A request budget shared by every instance through the database (Discord: 50 requests/s
// per bot token, across all processes). Each send reserves the next free moment with one
// atomic UPDATE (tokens may go negative: the caller waits -tokens/rate seconds), so instances
// space their requests evenly without talking to each other. Time is the database's.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';

export interface RateLimiter {
  /** Resolves when one request may be made. */
  take(): Promise<void>;
  /** The platform said 429: push everyone sharing the budget back by `ms`. */
  penalize(ms: number): Promise<void>;
}

export interface BucketOptions {
  /** Sustained requests per second (leave headroom under the platform's limit). */
  ratePerSecond: number;
  /** Requests allowed back to back after a quiet spell. */
  burst?: number;
}

/** The bucket key for a bot token: a hash, so the token itself is never stored. */
export function tokenBucketKey(platform: string, token: string): string {
  return `${platform}:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

export class PgTokenBucket implements RateLimiter {
  private readonly rate: number;
  private readonly burst: number;

  constructor(
    private readonly database: Database,
    private readonly key: string,
    opts: BucketOptions,
  ) {
    this.rate = opts.ratePerSecond;
    this.burst = opts.burst ?? 1;
  }

  async take(): Promise<void> {
    const [row] = await this.database.rows<{ tokens: number | string }>(sql`
      insert into rate_buckets as b (key, tokens, refreshed_at)
        values (${this.key}, ${this.burst - 1}, clock_timestamp())
      on conflict (key) do update set
        tokens = least(
          ${this.burst}::float8,
          b.tokens + extract(epoch from clock_timestamp() - b.refreshed_at)::float8 * ${this.rate}::float8
        ) - 1,
        refreshed_at = clock_timestamp()
      returning tokens`);
    const tokens = Number(row?.tokens ?? 0);
    if (tokens < 0) await sleep((-tokens / this.rate) * 1000);
  }

  async penalize(ms: number): Promise<void> {
    const debt = (ms / 1000) * this.rate;
    await this.database.rows(sql`
      update rate_buckets set
        tokens = least(
          0::float8,
          least(
            ${this.burst}::float8,
            tokens + extract(epoch from clock_timestamp() - refreshed_at)::float8 * ${this.rate}::float8
          )
        ) - ${debt}::float8,
        refreshed_at = clock_timestamp()
      where key = ${this.key}`);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
