// The one clock of the bot: a node-cron tick every minute sweeps the durable jobs and the
// due reminders. Everything a sweep needs is in PostgreSQL, so any number of processes may
// tick at once. A sweep has a time budget (it stops claiming past it) so it never holds the
// next tick; records the database could not take are written in the background by the
// runners, which claim nothing new until they are.
import cron from 'node-cron';
import type { Clock } from '../core/ports';
import type { Database } from '../db/client';
import { retentionTick } from '../db/retention';
import type { Logger } from '../log';
import type { JobRunner } from './jobs';
import { errInfo } from './outbox';
import type { ReminderDispatcher } from './reminders';

/** What a sweep needs (the app has it; the scheduler does not know the app). */
export interface Sweepable {
  jobs: Pick<JobRunner, 'runDue' | 'stop'>;
  reminders: Pick<ReminderDispatcher, 'runDue' | 'stop'>;
  log: Logger;
  database?: Database;
  clock?: Clock;
  /** Deletions of revealed codes that could not be scheduled while the database was away. */
  delivery?: { retryUnscheduled(): Promise<void> };
}

export interface TickOptions {
  /** A sweep stops claiming this long after it started (the tick is every minute). */
  budgetMs?: number;
  /** How long stop() may spend writing records kept for an unreachable database. */
  stopFlushMs?: number;
  clock?: () => number;
  /** Cron expression (tests may tick faster). */
  schedule?: string;
}

export async function sweep(app: Sweepable, opts: TickOptions = {}): Promise<void> {
  const clock = opts.clock ?? Date.now;
  const until = clock() + (opts.budgetMs ?? 50_000);
  try {
    // First: a revealed code whose deletion could not be scheduled must not wait for the next reveal.
    await app.delivery?.retryUnscheduled();
  } catch (err) {
    app.log.warn({ err, ...errInfo(err) }, 'held deletions not scheduled yet; will retry next minute');
  }
  try {
    await app.jobs.runDue(undefined, undefined, until);
  } catch (err) {
    app.log.warn({ err, ...errInfo(err) }, 'job sweep failed; will retry next minute');
  }
  try {
    await app.reminders.runDue(undefined, undefined, until);
  } catch (err) {
    app.log.warn({ err, ...errInfo(err) }, 'reminder sweep failed; will retry next minute');
  }
  await retentionTick(app); // at most hourly; never throws
}

export interface Tick {
  /** Runs one sweep now unless one is running (then waits for it). */
  runNow(): Promise<void>;
  /** Stops claiming, finishes or releases the batch in hand, writes kept records (bounded), resolves. */
  stop(): Promise<void>;
}

export function startTick(app: Sweepable, opts: TickOptions = {}): Tick {
  let current: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    if (current) return current;
    current = sweep(app, opts).finally(() => (current = null));
    return current;
  };
  // Overlap is handled here (not by node-cron's noOverlap, whose warning says nothing useful).
  const task = cron.schedule(
    opts.schedule ?? '* * * * *',
    () => {
      if (stopped) return;
      if (current) return void app.log.warn('previous sweep still running; this tick skipped');
      void run();
    },
    { name: 'pccc-sweep' },
  );
  return {
    runNow: () => (stopped ? Promise.resolve() : run()),
    async stop() {
      stopped = true;
      await task.stop();
      const deadline = Date.now() + (opts.stopFlushMs ?? 10_000);
      // Both runners at once: each stops claiming, lets its batch finish (unsent reminders
      // are released), then writes what it kept for the database until the deadline.
      await Promise.all([
        app.jobs.stop(deadline).catch((err) => app.log.warn({ err, ...errInfo(err) }, 'job runner stop failed')),
        app.reminders.stop(deadline).catch((err) => app.log.warn({ err, ...errInfo(err) }, 'reminder stop failed')),
      ]);
      await current?.catch(() => undefined);
    },
  };
}
