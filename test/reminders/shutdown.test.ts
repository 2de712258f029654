// Stopping the tick in the middle of a batch: no new claims, the sends in flight finish and
// are recorded, the unsent rows are released at once, and a restart sends each remaining
// reminder once.
import { sql } from 'drizzle-orm';
import { afterEach, expect, it, vi } from 'vitest';
import type { Messenger, Reply } from '../../src/core/types';
import { ReminderDispatcher } from '../../src/scheduler/reminders';
import { startTick } from '../../src/scheduler/tick';
import { createTestApp, type TestApp } from '../helpers/app';
import { count, seedDue } from './helpers';

// Real servers and a shared, busy machine: generous time, no timed assertions.
vi.setConfig({ testTimeout: 120_000 });

let app: TestApp | undefined;
afterEach(async () => app?.close());

class Gate implements Messenger {
  readonly platform = 'discord' as const;
  readonly sent: string[] = [];
  onSend?: (n: number) => void;
  async sendDirect(userId: string, _r: Reply) {
    await new Promise((r) => setImmediate(r));
    this.sent.push(userId);
    this.onSend?.(this.sent.length);
    return { ref: `c/${this.sent.length}` };
  }
  async deleteDirect() {}
}

it('stop mid-batch: nothing lost, nothing sent twice after a restart', async () => {
  app = await createTestApp({ env: { LOG_LEVEL: 'warn' } });
  const slot = new Date(Date.now() - 60_000);
  await seedDue(app.database, 300, slot);
  const m = new Gate();
  app.registerMessenger(m);
  const tick = startTick(app, { schedule: '0 0 1 1 *' }); // no cron firing during the test
  let stopped: Promise<void> | undefined;
  m.onSend = (n) => {
    if (n === 40) stopped = tick.stop();
  };
  const sweep = tick.runNow();
  await sweep;
  await stopped;
  const first = m.sent.length;
  expect(first).toBeGreaterThanOrEqual(40);
  expect(first).toBeLessThan(300);
  expect(await count(app.database, 'reminder_deliveries')).toBe(first); // every send recorded
  const [held] = await app.database.rows<{ n: string }>(
    sql`select count(*) as n from reminders where claim_token is not null or next_due > now() + interval '1 day'`,
  );
  expect(Number(held!.n)).toBe(first); // sent rows moved a week on; unsent ones released (none left leased)
  const [leased] = await app.database.rows<{ n: string }>(
    sql`select count(*) as n from reminders where claim_token is not null`,
  );
  expect(Number(leased!.n)).toBe(0);

  // The restart: a new dispatcher on the same database sends the rest, once.
  const restarted = new ReminderDispatcher(app.database, (p) => (p === 'discord' ? m : undefined), app.log);
  await restarted.runDue();
  expect(m.sent).toHaveLength(300);
  expect(new Set(m.sent).size).toBe(300);
  expect(await count(app.database, 'reminder_deliveries')).toBe(300);
});
