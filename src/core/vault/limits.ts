// Fixed windows for the durable rate limits (counted in the database, see RateLimitStore).

export function rateWindow(now: Date, windowMs: number): { windowStart: Date; windowEnd: Date } {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { windowStart: new Date(start), windowEnd: new Date(start + windowMs) };
}

export const DAY_MS = 24 * 3600_000;
