import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CustomsCode } from '../../src/core/code';
import { blindIndex, hashPin, open, seal, verifyPin } from '../../src/core/vault/crypto';
import { checkPin, lockDurationMs } from '../../src/core/vault/pin';
import { VaultService } from '../../src/core/vault/service';
import { createTestApp, ManualClock, TEST_KEYS, type TestApp } from '../helpers/app';
import { DB_KINDS } from '../helpers/db';
import { vaultKeysSchema } from '../../src/config';
import type { UserRef } from '../../src/core/types';

const CODE = 'P260987654321' as CustomsCode;
const alice = { platform: 'slack' as const, id: 'U-ALICE' };
const bob = { platform: 'discord' as const, id: '1234567' };
const key = (b: number) => Buffer.alloc(32, b);

describe('sealing', () => {
  const keys = new Map([[1, key(1)]]);

  it('round-trips and uses a fresh IV each time', () => {
    const a = seal(keys, 'user-1', CODE);
    const b = seal(keys, 'user-1', CODE);
    expect(a.sealed.equals(b.sealed)).toBe(false);
    expect(open(keys, 'user-1', 1, a.sealed)).toBe(CODE);
  });

  it('binds the ciphertext to its owner row and key version', () => {
    const { sealed } = seal(keys, 'user-1', CODE);
    expect(() => open(keys, 'user-2', 1, sealed)).toThrow(/failed authentication/);
    expect(() => open(new Map([[2, key(1)]]), 'user-1', 2, sealed)).toThrow(/failed authentication/);
  });

  it('detects tampering and never puts the plaintext in the error', () => {
    const { sealed } = seal(keys, 'user-1', CODE);
    sealed[sealed.length - 1]! ^= 1;
    expect(() => open(keys, 'user-1', 1, sealed)).toThrow(/failed authentication/);
    try {
      open(keys, 'user-1', 1, sealed);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(CODE);
    }
  });

  it('computes a keyed blind index that differs by key', () => {
    expect(blindIndex(key(3), CODE)).toBe(blindIndex(key(3), CODE));
    expect(blindIndex(key(3), CODE)).not.toBe(blindIndex(key(4), CODE));
    expect(blindIndex(key(3), CODE)).not.toContain('0987654321');
  });
});

describe('PIN', () => {
  it('hashes with scrypt and the pepper', async () => {
    const h = await hashPin('740528', key(2), { N: 1024, r: 8, p: 1, keylen: 32 });
    expect(await verifyPin('740528', key(2), h)).toBe(true);
    expect(await verifyPin('740529', key(2), h)).toBe(false);
    expect(await verifyPin('740528', key(9), h)).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['12ab56', 'not_digits'],
    ['12345', 'wrong_length'],
    ['1234567', 'wrong_length'],
    ['000000', 'trivial'],
    ['123456', 'trivial'],
    ['987654', 'trivial'],
    ['121212', 'trivial'],
    ['123123', 'trivial'],
  ])('refuses %j as %s', (pin, problem) => {
    expect(checkPin(pin)).toBe(problem);
  });

  it('accepts a non-trivial 6-digit PIN, also typed in full-width digits, and checks the confirmation', () => {
    expect(checkPin('740528', '740528')).toBeNull();
    expect(checkPin('７４０５２８', '740528')).toBeNull();
    expect(checkPin('740528', '740582')).toBe('mismatch');
  });

  it('locks with growing delays after five misses', () => {
    expect([4, 5, 6, 7].map(lockDurationMs)).toEqual([0, 60_000, 120_000, 240_000]);
    expect(lockDurationMs(100)).toBe(24 * 3600_000);
  });
});

for (const db of DB_KINDS) {
  describe(`vault service on ${db}`, () => {
    let app: TestApp;
    const clock = new ManualClock();
    beforeEach(async () => {
      app = await createTestApp({ db, clock });
    });
    afterEach(async () => {
      await app.close();
    });

    async function registered(ref: UserRef = alice, code = CODE, pin = '740528') {
      await app.vault.giveConsent(ref);
      return app.vault.register(ref, code, pin);
    }

    it('needs recent consent and stores only ciphertext', async () => {
      expect(await app.vault.hasRecentConsent(alice)).toBe(false);
      await app.vault.giveConsent(alice);
      clock.advance(31 * 60_000);
      expect(await app.vault.hasRecentConsent(alice)).toBe(false);
      await registered();
      const dump = await app.dumpAllTables();
      expect(dump).not.toContain(CODE);
      expect(dump).not.toContain(Buffer.from(CODE).toString('hex'));
      expect((await app.vault.status(alice)).code).toBe(CODE);
    });

    it('reveals after the right PIN and audits without the code', async () => {
      await registered();
      expect(await app.vault.reveal(alice, '111333')).toEqual({ kind: 'wrong_pin', remaining: 4 });
      expect(await app.vault.reveal(alice, '740528')).toEqual({ kind: 'ok', code: CODE });
      const user = await app.stores.users.find(alice);
      const audit = await app.stores.audit.list(user!.id);
      expect(audit.map((a) => a.kind)).toEqual(['registered', 'pin_failed', 'revealed']);
      expect(JSON.stringify(audit)).not.toContain(CODE);
    });

    it('locks per user with growing delays, and unlocks when the time has passed', async () => {
      await registered();
      await registered(bob, 'P250000000017' as CustomsCode);
      for (let i = 0; i < 4; i++) await app.vault.reveal(alice, '000111');
      const fifth = await app.vault.reveal(alice, '000111');
      expect(fifth.kind === 'wrong_pin' && fifth.lockedUntil?.getTime()).toBe(clock.now().getTime() + 60_000);
      expect((await app.vault.reveal(alice, '740528')).kind).toBe('locked');
      expect((await app.vault.reveal(bob, '740528')).kind).toBe('ok');
      clock.advance(61_000);
      const sixth = await app.vault.reveal(alice, '000111');
      expect(sixth.kind === 'wrong_pin' && sixth.lockedUntil!.getTime() - clock.now().getTime()).toBe(120_000);
      clock.advance(121_000);
      expect((await app.vault.reveal(alice, '740528')).kind).toBe('ok');
      expect((await app.vault.status(alice)).lockedUntil).toBeNull();
    });

    it('changes the PIN only with the old one', async () => {
      await registered();
      expect((await app.vault.changePin(alice, '999111', '582914')).kind).toBe('wrong_pin');
      expect((await app.vault.changePin(alice, '740528', '582914')).kind).toBe('ok');
      expect((await app.vault.reveal(alice, '582914')).kind).toBe('ok');
    });

    it('warns when the same code is held by another account (blind index)', async () => {
      expect((await registered()).sharedWithOthers).toBe(false);
      expect((await registered(bob)).sharedWithOthers).toBe(true);
    });

    it('forget deletes every row of the user at once, and nobody else’s', async () => {
      await registered();
      await registered(bob, 'P250000000017' as CustomsCode);
      await app.vault.reveal(alice, '000000');
      const aliceId = (await app.stores.users.find(alice))!.id;
      await app.stores.jobs.schedule({ kind: 'x', runAt: clock.now(), payload: {}, userId: aliceId });
      expect(await app.vault.forget(alice)).toBe(true);
      for (const table of ['users', 'vault', 'audit_events', 'jobs']) {
        const col = table === 'users' ? 'id' : 'user_id';
        const rows = await app.database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table} where ${col} = '${aliceId}'`));
        expect(rows[0]!.n, table).toBe(0);
      }
      expect((await app.vault.status(bob)).registered).toBe(true);
    });

    it('rotates every code to the newest key; safe to interrupt and run again', async () => {
      for (let i = 0; i < 7; i++) await registered({ platform: 'slack', id: `U${i}` }, `P2600000000${String(i).padStart(2, '0')}` as CustomsCode);
      const keys = vaultKeysSchema.parse(`${TEST_KEYS.VAULT_KEYS},2:${key(9).toString('base64')}`);
      const rotated = new VaultService(app.stores, { keys, pinPepper: key(2), blindIndexKey: key(3) }, clock, { N: 1024, r: 8, p: 1, keylen: 32 });
      // "Interrupted" after one small batch: a second run finishes the rest.
      const partial = await app.stores.vault.sealedBefore(2, 3);
      for (const row of partial) {
        const code = open(keys, row.userId, row.keyVersion, row.codeSealed);
        await app.stores.vault.reseal(row.userId, row.keyVersion, seal(keys, row.userId, code).sealed, 2);
      }
      expect((await rotated.rotateKeys(2)).resealed).toBe(4);
      expect((await rotated.rotateKeys(2)).resealed).toBe(0);
      const versions = await app.database.rows<{ v: number }>(sql`select distinct key_version as v from vault`);
      expect(versions).toEqual([{ v: 2 }]);
      expect((await rotated.status({ platform: 'slack', id: 'U3' })).code).toBe('P260000000003');
    });
  });
}
