// Fixed windows for the durable rate limits (counted in the database, see RateLimitStore).
import { createHash } from 'node:crypto';
import type { Stores } from '../ports';

export function rateWindow(now: Date, windowMs: number): { windowStart: Date; windowEnd: Date } {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { windowStart: new Date(start), windowEnd: new Date(start + windowMs) };
}

export const DAY_MS = 24 * 3600_000;

/** Counts one use of a daily limit (durable, every instance); false when the limit was already reached. */
export async function dailyLimit(
  stores: Pick<Stores, 'limits'>,
  key: string,
  limit: number,
  now: Date,
  userId: string | null,
): Promise<boolean> {
  const { windowStart, windowEnd } = rateWindow(now, DAY_MS);
  return (await stores.limits.hit(key, { windowStart, expiresAt: windowEnd, limit, userId })).ok;
}

/**
 * A person's rate-limit subject: a hash of the platform identity, so the count survives `forget`
 * (which would otherwise reset a daily limit) while the counter row names nobody in clear and
 * expires with its window.
 */
export function personKey(ref: { platform: string; id: string }): string {
  return createHash('sha256').update(`${ref.platform}\u0000${ref.id}`).digest('base64url').slice(0, 22);
}
