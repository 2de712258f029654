// Attack pass on core/delivery.ts: a database outage (the deletion cannot be scheduled) while the
// platform also refuses the immediate deletion must not leave a revealed code in a DM for good.
import { describe, expect, it } from 'vitest';
import { type Deletion, PrivateDelivery } from '../../src/core/delivery';
import { DeliveryError, type Messenger, type Reply } from '../../src/core/types';

const T0 = new Date('2027-03-01T00:00:00Z');
const REVEAL: Reply = { visibility: 'dm', text: 'code', sensitive: { deleteAfterSeconds: 600 } };

describe('a reveal during a database outage whose immediate deletion also fails', () => {
  it('is scheduled for deletion as soon as the store takes deletions again', async () => {
    let dbUp = false;
    let platformUp = false;
    let n = 0;
    const scheduled: { deletion: Deletion; runAt: Date }[] = [];
    const deleted: string[] = [];
    const messenger: Messenger = {
      platform: 'discord',
      async sendDirect() {
        return { ref: `c/${++n}` };
      },
      async deleteDirect(ref) {
        if (!platformUp) throw new DeliveryError('rate limited', 'rate_limited', 1000);
        deleted.push(ref);
      },
    };
    const delivery = new PrivateDelivery({
      messenger: () => messenger,
      clock: { now: () => T0 },
      log: { warn: () => {} },
      revealTtlSeconds: 300,
      async scheduleDeletion(deletion, runAt) {
        if (!dbUp) throw new Error('database is gone');
        scheduled.push({ deletion, runAt });
      },
    });

    expect(await delivery.reveal('discord', 'u1', REVEAL)).toBe('failed');
    expect(deleted).toEqual([]); // c/1 is still in the DM: nothing may forget it
    dbUp = true;
    platformUp = true;
    expect(await delivery.reveal('discord', 'u1', REVEAL)).toBe('sent');

    const first = scheduled.find((s) => s.deletion.ref === 'c/1');
    expect(first?.deletion).toEqual({ target: 'dm', platform: 'discord', ref: 'c/1' });
    expect(first!.runAt.getTime()).toBeLessThanOrEqual(T0.getTime());
  });
});
