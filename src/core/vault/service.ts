// The vault: register, reveal after the PIN (with lockout), change PIN, replace code,
// forget, rotate keys. Storage and time come in as ports.
import type { Clock, Stores, VaultRecord } from '../ports';
import type { UserRef } from '../types';
import type { CustomsCode } from '../code';
import { blindIndex, hashPin, newestKeyVersion, open, seal, verifyPin, type ScryptParams, type VaultKeys, DEFAULT_SCRYPT } from './crypto';
import { lockDurationMs, normalisePin, FREE_ATTEMPTS } from './pin';

/** Consent must have been given this recently for a registration to go through. */
export const CONSENT_WINDOW_MS = 30 * 60 * 1000;

export type RevealResult =
  | { kind: 'ok'; code: CustomsCode }
  | { kind: 'none' }
  | { kind: 'locked'; until: Date }
  | { kind: 'wrong_pin'; remaining: number; lockedUntil?: Date };

export interface VaultStatus {
  registered: boolean;
  code?: CustomsCode; // for masking only; callers never print it whole
  verifiedAt: Date | null;
  lockedUntil: Date | null;
}

export interface VaultHooks {
  /** Called when a user's stored code is replaced by a different one (e.g. to reset renewal reminders). */
  onCodeChanged?(userId: string): Promise<void>;
}

export class VaultService {
  constructor(
    private readonly stores: Stores,
    private readonly keys: VaultKeys,
    private readonly clock: Clock,
    private readonly scryptParams: ScryptParams = DEFAULT_SCRYPT,
    private readonly hooks: VaultHooks = {},
  ) {}

  async giveConsent(ref: UserRef): Promise<void> {
    const user = await this.stores.users.ensure(ref);
    await this.stores.users.setConsent(user.id, this.clock.now());
  }

  async hasRecentConsent(ref: UserRef): Promise<boolean> {
    const user = await this.stores.users.find(ref);
    return Boolean(user?.consentAt && this.clock.now().getTime() - user.consentAt.getTime() <= CONSENT_WINDOW_MS);
  }

  async status(ref: UserRef): Promise<VaultStatus> {
    const user = await this.stores.users.find(ref);
    const row = user && (await this.stores.vault.get(user.id));
    if (!user || !row) return { registered: false, verifiedAt: null, lockedUntil: null };
    const locked = row.lockedUntil && row.lockedUntil > this.clock.now() ? row.lockedUntil : null;
    return { registered: true, code: this.openRow(row), verifiedAt: row.verifiedAt, lockedUntil: locked };
  }

  /** Stores (or replaces) the code with a new PIN. Returns whether other accounts hold the same code. */
  async register(ref: UserRef, code: CustomsCode, pin: string): Promise<{ sharedWithOthers: boolean; replaced: boolean; changed: boolean }> {
    const user = await this.stores.users.ensure(ref);
    const previous = await this.stores.vault.get(user.id);
    const { sealed, keyVersion } = seal(this.keys.keys, user.id, code);
    const bi = blindIndex(this.keys.blindIndexKey, code);
    const pinHash = await hashPin(normalisePin(pin), this.keys.pinPepper, this.scryptParams);
    const owners = await this.stores.vault.ownersOf(bi);
    await this.stores.vault.put({
      userId: user.id,
      codeSealed: sealed,
      keyVersion,
      blindIndex: bi,
      pinHash: pinHash.hash,
      pinSalt: pinHash.salt,
      pinParams: pinHash.params,
      verifiedAt: null,
    });
    await this.stores.users.setConsent(user.id, null);
    await this.stores.audit.record(user.id, previous ? 'code_replaced' : 'registered');
    // A different code starts its own validity year: whatever was scheduled for the old one is void.
    const changed = Boolean(previous) && this.openRow(previous!) !== code;
    if (changed) await this.hooks.onCodeChanged?.(user.id);
    return { sharedWithOthers: owners.some((id) => id !== user.id), replaced: Boolean(previous), changed };
  }

  /** Checks the PIN with lockout. The lock is checked before any hashing so a locked vault gives nothing away. */
  async checkPin(ref: UserRef, pin: string): Promise<{ kind: 'ok'; row: VaultRecord } | Exclude<RevealResult, { kind: 'ok' }>> {
    const user = await this.stores.users.find(ref);
    const row = user && (await this.stores.vault.get(user.id));
    if (!user || !row) return { kind: 'none' };
    const now = this.clock.now();
    if (row.lockedUntil && row.lockedUntil > now) return { kind: 'locked', until: row.lockedUntil };
    const ok = await verifyPin(normalisePin(pin), this.keys.pinPepper, { hash: row.pinHash, salt: row.pinSalt, params: row.pinParams });
    if (ok) {
      if (row.failedAttempts > 0) await this.stores.vault.resetFailures(user.id);
      return { kind: 'ok', row };
    }
    const failures = await this.stores.vault.recordFailure(user.id);
    await this.stores.audit.record(user.id, 'pin_failed', { attempt: failures });
    const lockMs = lockDurationMs(failures);
    if (lockMs > 0) {
      const until = new Date(now.getTime() + lockMs);
      await this.stores.vault.setLockedUntil(user.id, until);
      await this.stores.audit.record(user.id, 'locked', { seconds: Math.round(lockMs / 1000) });
      return { kind: 'wrong_pin', remaining: 0, lockedUntil: until };
    }
    return { kind: 'wrong_pin', remaining: FREE_ATTEMPTS - failures };
  }

  async reveal(ref: UserRef, pin: string): Promise<RevealResult> {
    const checked = await this.checkPin(ref, pin);
    if (checked.kind !== 'ok') return checked;
    const code = this.openRow(checked.row);
    await this.stores.audit.record(checked.row.userId, 'revealed');
    return { kind: 'ok', code };
  }

  async changePin(ref: UserRef, oldPin: string, newPin: string): Promise<Exclude<RevealResult, { kind: 'ok' }> | { kind: 'ok' }> {
    const checked = await this.checkPin(ref, oldPin);
    if (checked.kind !== 'ok') return checked;
    const h = await hashPin(normalisePin(newPin), this.keys.pinPepper, this.scryptParams);
    await this.stores.vault.setPin(checked.row.userId, { pinHash: h.hash, pinSalt: h.salt, pinParams: h.params });
    await this.stores.audit.record(checked.row.userId, 'pin_changed');
    return { kind: 'ok' };
  }

  async forget(ref: UserRef): Promise<boolean> {
    const user = await this.stores.users.find(ref);
    if (!user) return false;
    await this.stores.users.delete(user.id);
    return true;
  }

  async markVerified(ref: UserRef, at: Date | null): Promise<void> {
    const user = await this.stores.users.find(ref);
    if (user) await this.stores.vault.setVerified(user.id, at);
  }

  /** Re-seals every row under the newest key, in small batches; safe to interrupt and run again. */
  async rotateKeys(batchSize = 200): Promise<{ resealed: number; newestVersion: number }> {
    const newest = newestKeyVersion(this.keys.keys);
    let resealed = 0;
    for (;;) {
      const rows = await this.stores.vault.sealedBefore(newest, batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        const code = this.openRow(row);
        const { sealed, keyVersion } = seal(this.keys.keys, row.userId, code);
        if (await this.stores.vault.reseal(row.userId, row.keyVersion, sealed, keyVersion)) resealed++;
      }
    }
    return { resealed, newestVersion: newest };
  }

  private openRow(row: VaultRecord): CustomsCode {
    return open(this.keys.keys, row.userId, row.keyVersion, row.codeSealed) as CustomsCode;
  }
}
