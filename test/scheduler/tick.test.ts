// The minute sweep: held deletions of revealed codes are scheduled first, and a failure there
// does not stop the job and reminder sweeps.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log';
import { sweep } from '../../src/scheduler/tick';

const log = createLogger({ level: 'silent' });

describe('the minute sweep', () => {
  it('schedules held deletions before running jobs and reminders, and goes on when that fails', async () => {
    const order: string[] = [];
    const app = (retry: () => Promise<void>) => ({
      log,
      delivery: { retryUnscheduled: retry },
      jobs: { runDue: async () => void order.push('jobs'), stop: async () => undefined },
      reminders: { runDue: async () => void order.push('reminders'), stop: async () => undefined },
    });
    await sweep(app(async () => void order.push('held deletions')) as never);
    expect(order).toEqual(['held deletions', 'jobs', 'reminders']);
    order.length = 0;
    await sweep(app(async () => Promise.reject(new Error('connect ECONNREFUSED'))) as never);
    expect(order).toEqual(['jobs', 'reminders']);
  });
});
