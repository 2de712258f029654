// Private delivery (core/delivery.ts) over a recording Messenger and a deletion port that can
// be made to fail: what is sent, what is scheduled, what is deleted at once.
import { describe, expect, it } from 'vitest';
import { type Deletion, PrivateDelivery } from '../../src/core/delivery';
import { DeliveryError, type Messenger, type Reply } from '../../src/core/types';

const T0 = new Date('2027-03-01T00:00:00Z');
const REVEAL: Reply = { visibility: 'dm', text: 'code', sensitive: { deleteAfterSeconds: 600 } };

function setup(opts: { dm?: 'ok' | 'closed' | 'down'; scheduling?: 'ok' | 'broken' } = {}) {
  const sent: string[] = [];
  const deleted: string[] = [];
  const scheduled: { deletion: Deletion; runAt: Date }[] = [];
  const warnings: string[] = [];
  const messenger: Messenger = {
    platform: 'discord',
    async sendDirect() {
      if (opts.dm === 'closed') throw new DeliveryError('closed', 'permanent');
      if (opts.dm === 'down') throw new DeliveryError('down', 'transient');
      sent.push('c/1');
      return { ref: 'c/1' };
    },
    async deleteDirect(ref) {
      deleted.push(`dm ${ref}`);
    },
    async deleteInteractionReply(ref) {
      deleted.push(`interaction ${ref}`);
    },
  };
  const delivery = new PrivateDelivery({
    messenger: (p) => (p === 'discord' ? messenger : undefined),
    clock: { now: () => T0 },
    log: { warn: (_o, msg) => void warnings.push(String(msg)) },
    revealTtlSeconds: 300,
    async scheduleDeletion(deletion, runAt) {
      if (opts.scheduling === 'broken') throw new Error('database is gone');
      scheduled.push({ deletion, runAt });
    },
  });
  return { delivery, sent, deleted, scheduled, warnings };
}

describe('a reveal', () => {
  it('goes by DM and its deletion is scheduled after the reply’s own TTL', async () => {
    const s = setup();
    expect(await s.delivery.reveal('discord', 'u1', REVEAL)).toBe('sent');
    expect(s.sent).toEqual(['c/1']);
    expect(s.scheduled).toEqual([
      { deletion: { target: 'dm', platform: 'discord', ref: 'c/1' }, runAt: new Date(T0.getTime() + 600_000) },
    ]);
  });

  it('tells the adapter to fall back in place when DMs are closed, and "failed" otherwise', async () => {
    expect(await setup({ dm: 'closed' }).delivery.reveal('discord', 'u1', REVEAL)).toBe('closed');
    const down = setup({ dm: 'down' });
    expect(await down.delivery.reveal('discord', 'u1', REVEAL)).toBe('failed');
    expect(down.warnings).toEqual(['private delivery failed']);
  });

  it('is deleted at once when its deletion cannot be scheduled (fail closed)', async () => {
    const s = setup({ scheduling: 'broken' });
    await expect(s.delivery.send('discord', 'u1', REVEAL)).rejects.toThrow(/gone/);
    expect(s.deleted).toEqual(['dm c/1']);
    expect(await setup({ scheduling: 'broken' }).delivery.reveal('discord', 'u1', REVEAL)).toBe('failed');
  });

  it('on a platform without a messenger is "closed" (permanent), never sent', async () => {
    expect(await setup().delivery.reveal('slack', 'u1', REVEAL)).toBe('closed');
  });
});

describe('the in-place fallback', () => {
  it('is deleted after REVEAL_TTL, or 30 s before its token expires if that is sooner', async () => {
    const s = setup();
    const late = new Date(T0.getTime() + 3_600_000);
    const soon = new Date(T0.getTime() + 120_000);
    await s.delivery.deleteFallbackLater('discord', 'ref-1', late, async () => {});
    await s.delivery.deleteFallbackLater('discord', 'ref-2', soon, async () => {});
    expect(s.scheduled.map((x) => [x.deletion.ref, x.runAt.getTime() - T0.getTime()])).toEqual([
      ['ref-1', 300_000],
      ['ref-2', 90_000],
    ]);
    expect(s.scheduled[0]!.deletion).toMatchObject({ target: 'interaction', expiresAt: late });
  });

  it('is deleted now when that cannot be scheduled, without failing the answer', async () => {
    const s = setup({ scheduling: 'broken' });
    const now: string[] = [];
    await s.delivery.deleteFallbackLater('discord', 'ref-1', new Date(T0.getTime() + 900_000), async () => {
      now.push('deleted');
    });
    expect(now).toEqual(['deleted']);
  });
});

describe('a due deletion', () => {
  it('deletes the DM or the interaction reply through the messenger', async () => {
    const s = setup();
    await s.delivery.runDeletion({ target: 'dm', platform: 'discord', ref: 'c/1' });
    await s.delivery.runDeletion({
      target: 'interaction',
      platform: 'discord',
      ref: () => 'opened',
      expiresAt: new Date(T0.getTime() + 1000),
    });
    expect(s.deleted).toEqual(['dm c/1', 'interaction opened']);
  });

  it('past the token’s life ends without opening the reference or asking the platform', async () => {
    const s = setup();
    await s.delivery.runDeletion({
      target: 'interaction',
      platform: 'discord',
      ref: () => {
        throw new Error('must not be opened');
      },
      expiresAt: T0,
    });
    expect(s.deleted).toEqual([]);
  });

  it('waits (transient) while no process here serves the platform', async () => {
    const err = await setup()
      .delivery.runDeletion({ target: 'dm', platform: 'slack', ref: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).kind).toBe('transient');
  });
});
