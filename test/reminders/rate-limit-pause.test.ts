// A platform that answers "rate limited, retry in an hour" must not hold the sweep for that
// hour: the reminder is retried later, the tick goes on to other work (a revealed code's
// deletion), and stop() ends promptly. Found by the attacker's pass.
import { sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { DeliveryError, type Messenger, type Reply } from '../../src/core/types';
import { startTick } from '../../src/scheduler/tick';
import { createTestApp, type TestApp } from '../helpers/app';

class HourLongRateLimit implements Messenger {
  readonly platform = 'terminal' as const;
  sends = 0;
  deleted: string[] = [];
  async sendDirect(_user: string, _reply: Reply) {
    this.sends++;
    if (this.sends === 1) throw new DeliveryError('rate limited', 'rate_limited', 3_600_000);
    return { ref: `dm-${this.sends}` };
  }
  async deleteDirect(ref: string) {
    this.deleted.push(ref);
  }
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

it('a one-hour Retry-After pauses the platform without stalling the tick or shutdown', async () => {
  app = await createTestApp();
  const messenger = new HourLongRateLimit();
  app.registerMessenger(messenger);
  for (const id of ['a', 'b']) {
    await app.bot.handle({
      kind: 'command',
      args: 'remind weekly mon 09:00',
      user: { platform: 'terminal', id },
      place: 'dm',
      locale: 'en',
    });
  }
  const makeDue = (id: string) =>
    app!.database.rows(
      sql`update reminders set next_due = now() - interval '1 minute', last_slot = now() - interval '8 days' where user_id = (select id from users where platform_user_id = ${id})`,
    );
  const tick = startTick(app, { schedule: '0 0 1 1 *' });

  await makeDue('a');
  await tick.runNow(); // a: 429 with an hour to wait
  expect(messenger.sends).toBe(1);

  await makeDue('b');
  await app.stores.jobs.schedule({
    kind: 'dm.delete',
    runAt: new Date(Date.now() - 1000),
    payload: { platform: 'terminal', ref: 'REVEAL-DM' },
  });
  await tick.runNow(); // returns instead of sleeping an hour; b waits for the pause to end
  expect(messenger.deleted).toContain('REVEAL-DM');
  expect(messenger.sends).toBe(1);
  const [b] = await app.database.rows<{ next_due: string | Date }>(
    sql`select next_due from reminders where user_id = (select id from users where platform_user_id = 'b')`,
  );
  expect(new Date(b!.next_due).getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);

  await tick.stop();
});
