import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CustomsCode } from '../../src/core/code';
import { blindIndex, hashPin, open, seal, verifyPin } from '../../src/core/vault/crypto';
import { checkPin, lockDurationMs } from '../../src/core/vault/pin';
import { VaultService, type VaultLimits } from '../../src/core/vault/service';
import { PinGate } from '../../src/core/vault/gate';
import { freshPostgresDatabase } from '../helpers/db';
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
      const r = await app.vault.register(ref, code, pin);
      if (r.kind !== 'ok') throw new Error(`register: ${r.kind}`);
      return r;
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
        const rows = await app.database.rows<{ n: number }>(
          sql.raw(`select count(*)::int as n from ${table} where ${col} = '${aliceId}'`),
        );
        expect(rows[0]!.n, table).toBe(0);
      }
      expect((await app.vault.status(bob)).registered).toBe(true);
    });

    it('rotates every code to the newest key; safe to interrupt and run again', async () => {
      for (let i = 0; i < 7; i++)
        await registered({ platform: 'slack', id: `U${i}` }, `P2600000000${String(i).padStart(2, '0')}` as CustomsCode);
      const keys = vaultKeysSchema.parse(`${TEST_KEYS.VAULT_KEYS},2:${key(9).toString('base64')}`);
      const rotated = new VaultService(app.stores, { keys, pinPepper: key(2), blindIndexKey: key(3) }, clock, {
        N: 1024,
        r: 8,
        p: 1,
        keylen: 32,
      });
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

describe('PIN gate (scrypt bound)', () => {
  it('lets one operation per user through at a time', () => {
    const gate = new PinGate();
    const release = gate.claimUser('u1');
    expect(release).toBeDefined();
    expect(gate.claimUser('u1')).toBeUndefined();
    expect(gate.claimUser('u2')).toBeDefined();
    release!();
    expect(gate.claimUser('u1')).toBeDefined();
  });

  it('runs at most maxConcurrent hashes, queues maxQueued, and says busy past that', async () => {
    const gate = new PinGate(2, 2);
    const a = await gate.acquire();
    const b = await gate.acquire();
    let cRelease: (() => void) | undefined;
    const c = gate.acquire().then((r) => (cRelease = r));
    const d = gate.acquire();
    expect(await gate.acquire()).toBeUndefined(); // queue full: busy at once
    expect(cRelease).toBeUndefined();
    a!();
    await c;
    expect(cRelease).toBeDefined();
    b!();
    cRelease!();
    (await d)!();
    const e = await gate.acquire();
    const f = await gate.acquire();
    expect(e && f).toBeDefined();
  });
});

const SMALL_SCRYPT = { N: 1024, r: 8, p: 1, keylen: 32 };
const testKeys = () => ({
  keys: vaultKeysSchema.parse(TEST_KEYS.VAULT_KEYS),
  pinPepper: key(2),
  blindIndexKey: key(3),
});
/** The database alone must hold the line: no per-user slot, room for every request to hash. */
const OPEN_GATE: Partial<VaultLimits> = {
  onePerUser: false,
  maxConcurrentHashes: 64,
  maxQueuedHashes: 64,
  pinOpsPerWindow: 1000,
};

/** Counts scrypt verifications that actually ran. */
function countingVault(app: TestApp, clock: ManualClock, limits: Partial<VaultLimits>) {
  const vault = new VaultService(app.stores, testKeys(), clock, SMALL_SCRYPT, {}, limits);
  return vault;
}

for (const db of DB_KINDS) {
  describe(`concurrent PIN guesses on ${db}`, () => {
    let app: TestApp;
    const clock = new ManualClock();
    beforeEach(async () => {
      app = await createTestApp({ db, clock });
      await app.vault.giveConsent(alice);
      await app.vault.register(alice, CODE, '740528');
    });
    afterEach(async () => {
      await app.close();
    });

    it('40 concurrent wrong PINs (the right one among them): at most 5 are hashed, the rest are told to wait', async () => {
      const vault = countingVault(app, clock, OPEN_GATE);
      const attempts = Array.from({ length: 40 }, (_, i) => (i === 30 ? '740528' : String(500000 + i)));
      const results = await Promise.all(attempts.map((pin) => vault.reveal(alice, pin)));
      const kinds = results.map((r) => r.kind);
      const hashed = kinds.filter((k) => k === 'wrong_pin' || k === 'ok').length;
      expect(hashed).toBeLessThanOrEqual(5);
      expect(kinds.filter((k) => k === 'locked').length).toBeGreaterThanOrEqual(35);
      const user = await app.stores.users.find(alice);
      const failed = (await app.stores.audit.list(user!.id)).filter((a) => a.kind === 'pin_failed').length;
      expect(failed).toBeLessThanOrEqual(5);
    });

    it('rate-limits PIN operations per user (10 per 10 min), durably in the database', async () => {
      // Registering was the first PIN operation of the window.
      for (let i = 0; i < 8; i++) expect((await app.vault.reveal(alice, '740528')).kind).toBe('ok');
      // Another instance (a new service on the same stores) sees the same count.
      const other = new VaultService(app.stores, testKeys(), clock, SMALL_SCRYPT);
      expect((await other.reveal(alice, '740528')).kind).toBe('ok');
      const limited = await other.reveal(alice, '740528');
      expect(limited.kind).toBe('rate_limited');
      clock.advance(10 * 60_000);
      expect((await app.vault.reveal(alice, '740528')).kind).toBe('ok');
    });

    it('register over an existing code needs the current PIN and keeps the lockout counters', async () => {
      for (let i = 0; i < 4; i++) await app.vault.reveal(alice, '000111');
      await app.vault.giveConsent(alice);
      expect((await app.vault.register(alice, 'P250000000017' as CustomsCode, '582914')).kind).toBe('wrong_pin');
      // The fifth miss locked it: registering again did not reset the counter.
      expect((await app.vault.register(alice, 'P250000000017' as CustomsCode, '582914', '740528')).kind).toBe('locked');
      expect((await app.vault.status(alice)).code).toBe(CODE);
      clock.advance(61_000);
      expect((await app.vault.register(alice, 'P250000000017' as CustomsCode, '582914', '740528')).kind).toBe('ok');
      expect((await app.vault.reveal(alice, '582914')).kind).toBe('ok');
    });

    it('the register form over a stored code asks the current PIN, and a wrong one changes nothing', async () => {
      const consent = await app.bot.handle({ kind: 'action', actionId: 'vault.consent', user: alice, place: 'dm' });
      expect(consent.replies[0]!.form!.fields.map((f) => f.id)).toContain('currentPin');
      const values = { code: 'P250000000017', pin: '582914', pin2: '582914' };
      const missing = await app.bot.handle({
        kind: 'form',
        formId: 'vault.register',
        values,
        user: alice,
        place: 'dm',
      });
      expect(missing.formErrors?.currentPin).toBeTruthy();
      const wrong = await app.bot.handle({
        kind: 'form',
        formId: 'vault.register',
        values: { ...values, currentPin: '000111' },
        user: alice,
        place: 'dm',
      });
      expect(wrong.formErrors?.currentPin).toMatch(/PIN/);
      expect((await app.vault.status(alice)).code).toBe(CODE);
      const right = await app.bot.handle({
        kind: 'form',
        formId: 'vault.register',
        values: { ...values, currentPin: '740528' },
        user: alice,
        place: 'dm',
      });
      expect(right.formErrors).toBeUndefined();
      expect((await app.vault.status(alice)).code).toBe('P250000000017');
    });

    it('key rotation’s compare-and-set also checks the ciphertext it read', async () => {
      const user = await app.stores.users.find(alice);
      const row = (await app.stores.vault.get(user!.id))!;
      const keys = testKeys().keys;
      // The code was replaced (same key version) between the read and the write: the stale re-seal must not win.
      await app.vault.replace(alice, 'P250000000017' as CustomsCode, '740528');
      const stale = seal(keys, row.userId, open(keys, row.userId, row.keyVersion, row.codeSealed));
      expect(await app.stores.vault.reseal(row.userId, row.keyVersion, stale.sealed, 2, row.codeSealed)).toBe(false);
      expect((await app.vault.status(alice)).code).toBe('P250000000017');
    });

    it('replace and PIN change share the lockout with reveal', async () => {
      for (let i = 0; i < 3; i++) await app.vault.reveal(alice, '000111');
      expect((await app.vault.changePin(alice, '000112', '582914')).kind).toBe('wrong_pin');
      const fifth = await app.vault.replace(alice, 'P250000000017' as CustomsCode, '000113');
      expect(fifth.kind === 'wrong_pin' && fifth.lockedUntil).toBeTruthy();
      expect((await app.vault.reveal(alice, '740528')).kind).toBe('locked');
    });
  });
}

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'concurrent PIN guesses across two app instances on one PostgreSQL',
  () => {
    it('40 wrong PINs split over two instances: at most 5 hashed', async () => {
      const pg = await freshPostgresDatabase();
      const clock = new ManualClock();
      const a = await createTestApp({ clock, env: { DATABASE_URL: pg.url } });
      const b = await createTestApp({ clock, env: { DATABASE_URL: pg.url } });
      try {
        await a.vault.giveConsent(alice);
        await a.vault.register(alice, CODE, '740528');
        const va = countingVault(a, clock, OPEN_GATE);
        const vb = countingVault(b, clock, OPEN_GATE);
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) => (i % 2 ? va : vb).reveal(alice, String(700000 + i))),
        );
        expect(results.filter((r) => r.kind === 'wrong_pin').length).toBeLessThanOrEqual(5);
        expect(results.filter((r) => r.kind === 'locked').length).toBeGreaterThanOrEqual(35);
        // And with the ordinary per-instance gates too.
        clock.advance(25 * 3600_000);
        const mixed = await Promise.all(
          Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).vault.reveal(alice, String(710000 + i))),
        );
        expect(mixed.filter((r) => r.kind === 'wrong_pin').length).toBeLessThanOrEqual(5);
      } finally {
        await a.close();
        await b.close();
        await pg.drop();
      }
    });
  },
);
