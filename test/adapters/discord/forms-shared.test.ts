// The Discord pending forms written through to the shared store: a key made by one process (host,
// shard, or before a restart) is found by another after load(); expired keys stay expired.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PendingForms } from '../../../src/adapters/discord/forms';
import { buttonInbound } from '../../../src/adapters/discord/inbound';
import { pendingId } from '../../../src/adapters/discord/ids';
import { createEphemeralStore } from '../../../src/db/ephemeral';
import { createTestApp, type TestApp } from '../../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
});
afterAll(async () => {
  await app?.close();
});

test('a form kept pending by one process opens from a click on another', async () => {
  const store = createEphemeralStore(app.database);
  const a = new PendingForms(undefined, undefined, undefined, store);
  const b = new PendingForms(undefined, undefined, undefined, store);
  const form = { id: 'vault.register', title: 'Register', fields: [{ id: 'code', label: 'Code' }] } as never;
  const key = a.put({ kind: 'form', form });
  await a.flush();
  expect(b.get(key)).toBeUndefined();
  await b.load(key);
  expect(b.get(key)).toEqual({ kind: 'form', form });
  const r = buttonInbound({ user: { id: '1' }, guildId: 'g', customId: pendingId(key) }, b);
  expect(r).toEqual({ kind: 'openForm', form });
});

test('an unknown key stays "expired"; a store failure is reported, not thrown', async () => {
  const errors: unknown[] = [];
  const broken = {
    ...createEphemeralStore(app.database),
    get: async () => Promise.reject(new Error('down')),
    put: async () => Promise.reject(new Error('down')),
  };
  const s = new PendingForms(undefined, undefined, undefined, broken, (e) => errors.push(e));
  const key = s.put({ kind: 'action', actionId: 'x' });
  await s.flush();
  expect(s.get(key)).toEqual({ kind: 'action', actionId: 'x' }); // still in local memory
  await s.load('nope');
  expect(buttonInbound({ user: { id: '1' }, guildId: 'g', customId: pendingId('nope') }, s)).toEqual({
    kind: 'expired',
  });
  expect(errors.length).toBe(2);
});
