// The parcel store on every database: one row per shipment, compare-and-set polls, removal
// takes the pending poll with it, and deleting the user removes everything.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewParcel } from '../../src/core/customs';
import { createParcelStore } from '../../src/db/stores-parcels';
import { createTestApp, type TestApp } from '../helpers/app';
import { DB_KINDS } from '../helpers/db';

describe.each(DB_KINDS)('parcel store on %s', (db) => {
  let app: TestApp;
  afterEach(() => app?.close());

  async function setup() {
    app = await createTestApp({ db });
    const store = createParcelStore(app.database);
    const user = await app.stores.users.ensure({ platform: 'slack', id: 'U1' });
    const now = new Date('2026-11-25T01:00:00Z');
    const parcel = (over: Partial<NewParcel> = {}): NewParcel => ({
      userId: user.id,
      label: 'HBL1',
      query: { by: 'hbl', blNo: 'HBL1', year: 2026 },
      cargMtNo: null,
      goods: null,
      lastStep: null,
      lastStepAt: null,
      seenSteps: [],
      lang: 'en',
      intervalMinutes: 15,
      createdAt: now,
      nextPollAt: new Date(now.getTime() + 15 * 60_000),
      ...over,
    });
    const jobs = () =>
      app.database.rows<{ dedupe_key: string; payload: { parcelId: string; pollNo: number } }>(
        sql`select dedupe_key, payload from jobs where kind = 'parcel.poll' order by id`,
      );
    return { store, user, parcel, jobs, now };
  }

  it('adds once per shipment, with its first poll, and round-trips every field', async () => {
    const { store, user, parcel, jobs } = await setup();
    const a = await store.add(
      parcel({
        cargMtNo: 'C1',
        seenSteps: ['반입신고|2026-11-24T01:00:00.000Z'],
        lastStep: '반입신고',
        lastStepAt: new Date('2026-11-24T01:00:00Z'),
        goods: 'SHOES',
      }),
    );
    expect(a).toMatchObject({
      label: 'HBL1',
      cargMtNo: 'C1',
      state: 'active',
      pollNo: 0,
      lang: 'en',
      seenSteps: ['반입신고|2026-11-24T01:00:00.000Z'],
      query: { by: 'hbl', blNo: 'HBL1', year: 2026 },
    });
    expect(await store.add(parcel({ cargMtNo: 'C1' }))).toBeUndefined();
    expect(await store.add(parcel({ cargMtNo: 'C2' }))).toBeDefined();
    expect((await store.list(user.id)).map((p) => p.cargMtNo)).toEqual(['C1', 'C2']);
    expect((await jobs()).map((j) => j.payload)).toEqual([
      { parcelId: a!.id, pollNo: 0 },
      { parcelId: expect.any(String), pollNo: 0 },
    ]);
    const polled = await store.forPoll(a!.id);
    expect(polled?.owner).toEqual({ platform: 'slack', platformUserId: 'U1', lang: null });
  });

  it('advance is compare-and-set: only the first of two runs of the same poll counts', async () => {
    const { store, parcel, jobs } = await setup();
    const a = (await store.add(parcel()))!;
    const next = new Date('2026-11-25T02:00:00Z');
    expect(await store.advance(a.id, 0, { intervalMinutes: 30 }, next)).toBe(true);
    expect(await store.advance(a.id, 0, { intervalMinutes: 60 }, next)).toBe(false);
    const after = (await store.forPoll(a.id))!.parcel;
    expect(after).toMatchObject({ pollNo: 1, intervalMinutes: 30, nextPollAt: next });
    expect((await jobs()).map((j) => j.dedupe_key)).toEqual([`parcel.poll:${a.id}:0`, `parcel.poll:${a.id}:1`]);
    // Finishing schedules nothing.
    expect(await store.advance(a.id, 1, { state: 'released' }, null)).toBe(true);
    expect((await jobs()).length).toBe(2);
  });

  it('remove matches the label or the cargo number and takes pending polls along; deleting the user removes the rest', async () => {
    const { store, user, parcel, jobs } = await setup();
    await store.add(parcel({ cargMtNo: 'C1' }));
    await store.add(parcel({ label: 'HBL2', cargMtNo: 'C2', query: { by: 'hbl', blNo: 'HBL2', year: 2026 } }));
    await store.add(parcel({ label: 'HBL3', query: { by: 'mbl', blNo: 'HBL3', year: 2025 } }));
    expect(await store.remove(user.id, 'HBL1')).toBe(1);
    expect(await store.remove(user.id, 'C2')).toBe(1);
    expect(await store.remove(user.id, 'nope')).toBe(0);
    expect((await store.list(user.id)).map((p) => p.label)).toEqual(['HBL3']);
    expect((await jobs()).length).toBe(1);
    await app.stores.users.delete(user.id);
    expect(await store.list(user.id)).toEqual([]);
    expect((await jobs()).length).toBe(0);
  });
});
