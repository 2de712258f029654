// Numbers read at /metrics scrape time (one small query; the jobs_due index serves it).
import { sql } from 'drizzle-orm';
import type { Database } from './client';

export async function jobQueueStats(database: Database): Promise<{ depth: number; oldestDueSeconds: number }> {
  const [row] = await database.rows<{ depth: string | number; oldest: string | number | null }>(
    sql`select count(*) as depth, extract(epoch from (now() - min(run_at))) as oldest from jobs where run_at <= now()`,
  );
  return { depth: Number(row?.depth ?? 0), oldestDueSeconds: Math.max(0, Number(row?.oldest ?? 0)) };
}
