// Issue 15 item 3: deleting a revealed code never gives up, and a process only claims the
// deletions of platforms it serves.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryError, type Messenger } from '../../src/core/types';
import { createTestApp, type TestApp } from '../helpers/app';

// Real servers and a shared, busy machine: generous time, no timed assertions.
vi.setConfig({ testTimeout: 120_000 });

const FAR = new Date('2030-01-01T00:00:00Z'); // later than any backoff: every retry is due

function flaky(
  platform: Messenger['platform'],
  failures: number,
  error: () => Error,
): Messenger & { deleted: string[]; tries: number } {
  const m = {
    platform,
    deleted: [] as string[],
    tries: 0,
    async sendDirect() {
      return { ref: 'x' };
    },
    async deleteDirect(ref: string) {
      m.tries += 1;
      if (m.tries <= failures) throw error();
      m.deleted.push(ref);
    },
  };
  return m;
}

describe('dm.delete', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  for (const [label, error] of [
    ['a long platform outage (5xx)', () => new DeliveryError('Discord HTTP 503', 'transient')],
    ['a permanent-looking error (revoked token)', () => new DeliveryError('Discord HTTP 401', 'permanent')],
  ] as const) {
    it(`is retried past ${label} until it succeeds, with backoff capped at 15 min and one error line`, async () => {
      app = await createTestApp();
      const m = flaky('discord', 20, error);
      app.registerMessenger(m);
      await app.stores.jobs.schedule({
        kind: 'dm.delete',
        runAt: new Date('2029-01-01T00:00:00Z'),
        payload: { platform: 'discord', ref: 'c/1' },
      });
      let maxWaitS = 0;
      for (let i = 0; i < 25 && m.deleted.length === 0; i++) {
        await app.jobs.runDue(FAR);
        const [row] = await app.database.rows<{ wait: number | string | null }>(
          sql`select extract(epoch from run_at - now()) as wait from jobs`,
        );
        if (row) maxWaitS = Math.max(maxWaitS, Number(row.wait));
      }
      expect(m.deleted).toEqual(['c/1']);
      expect(m.tries).toBe(21);
      expect(maxWaitS).toBeGreaterThan(14 * 60);
      expect(maxWaitS).toBeLessThanOrEqual(15 * 60 + 5);
      const [left] = await app.database.rows<{ n: string }>(sql`select count(*) as n from jobs`);
      expect(Number(left!.n)).toBe(0);
      const logs = app.logs.map((l) => JSON.parse(l) as { level: number; msg: string });
      expect(logs.filter((l) => /job dropped/.test(l.msg))).toHaveLength(0);
      expect(logs.filter((l) => l.level >= 50 && /keeps failing/.test(l.msg))).toHaveLength(1);
    });
  }

  it("is claimed only by a process serving the deletion's platform", async () => {
    app = await createTestApp();
    const terminal = flaky('terminal', 0, () => new Error('never'));
    app.registerMessenger(terminal);
    const runAt = new Date('2029-01-01T00:00:00Z');
    await app.stores.jobs.schedule({ kind: 'dm.delete', runAt, payload: { platform: 'discord', ref: 'd/1' } });
    await app.stores.jobs.schedule({ kind: 'dm.delete', runAt, payload: { platform: 'terminal', ref: 't/1' } });
    for (let i = 0; i < 3; i++) await app.jobs.runDue(FAR);
    expect(terminal.deleted).toEqual(['t/1']);
    const rows = await app.database.rows<{ payload: unknown; attempts: number }>(
      sql`select payload, attempts from jobs`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBe(0); // untouched: its attempts are not burnt
    // The process that serves Discord takes it.
    const discord = flaky('discord', 0, () => new Error('never'));
    app.registerMessenger(discord);
    await app.jobs.runDue(FAR);
    expect(discord.deleted).toEqual(['d/1']);
  });
});
