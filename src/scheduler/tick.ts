// The one clock of the bot: a node-cron tick every minute sweeps the durable jobs and the
// due reminders. `noOverlap` keeps a slow sweep from stacking; everything it needs is in
// PostgreSQL, so any number of processes may tick at once.
import cron from 'node-cron';
import type { App } from '../app';
import { retentionTick } from '../db/retention';

export async function sweep(app: Pick<App, 'jobs' | 'reminders' | 'log'>): Promise<void> {
  try {
    await app.jobs.runDue();
    await app.reminders.runDue();
    await retentionTick(app); // at most hourly; never throws
  } catch (err) {
    app.log.warn({ err }, 'sweep failed; will retry next minute');
  }
}

export function startTick(app: Pick<App, 'jobs' | 'reminders' | 'log'>): { stop(): Promise<void> } {
  const task = cron.schedule('* * * * *', () => sweep(app), { noOverlap: true, name: 'pccc-sweep' });
  return {
    async stop() {
      await task.stop();
      // Finish or release the reminder batch in hand.
      await app.reminders.stop().catch((err) => app.log.warn({ err }, 'reminder stop failed'));
    },
  };
}
