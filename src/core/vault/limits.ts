import type { Stores } from '../ports';
// Fixed windows for the durable rate limits (counted in the database, see RateLimitStore).

export function rateWindow(now: Date, windowMs: number): { windowStart: Date; windowEnd: Date } {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { windowStart: new Date(start), windowEnd: new Date(start + windowMs) };
}

export const DAY_MS = 24 * 3600_000;

/** Counts one use of a daily limit (durable, every instance); false when the limit was already reached. */
export async function dailyLimit(stores: Pick<Stores, 'limits'>, key: string, limit: number, now: Date, userId: string | null): Promise<boolean> {
  const { windowStart, windowEnd } = rateWindow(now, DAY_MS);
  return (await stores.limits.hit(key, { windowStart, expiresAt: windowEnd, limit, userId })).ok;
}
