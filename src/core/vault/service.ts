// The vault: register, reveal after the PIN (with lockout), change PIN, replace code,
// forget, rotate keys. Storage and time come in as ports.
import type { Clock, LockPolicy, Stores, UserRecord, VaultRecord } from '../ports';
import { metrics } from '../metrics';
import { PinGate } from './gate';
import { rateWindow } from './limits';
import type { UserRef } from '../types';
import type { CustomsCode } from '../code';
import {
  blindIndex,
  hashPin,
  newestKeyVersion,
  open,
  seal,
  verifyPin,
  type ScryptParams,
  type VaultKeys,
  DEFAULT_SCRYPT,
} from './crypto';
import { normalisePin, FREE_ATTEMPTS, MAX_LOCK_MS } from './pin';

/** Consent must have been given this recently for a registration to go through. */
export const CONSENT_WINDOW_MS = 30 * 60 * 1000;

/** Why a PIN-checked operation did not go ahead. */
export type PinFailure =
  | { kind: 'none' }
  | { kind: 'locked'; until: Date }
  | { kind: 'wrong_pin'; remaining: number; lockedUntil?: Date }
  /** Another PIN operation of this user is in flight, or the server's hashing queue is full. */
  | { kind: 'busy' }
  /** Too many PIN operations lately; try again after `until`. */
  | { kind: 'rate_limited'; until: Date };

export type RevealResult = { kind: 'ok'; code: CustomsCode } | PinFailure;

/** The PIN-checked operations (metrics label). */
export type PinOp = 'reveal' | 'pin_change' | 'replace' | 'register' | 'verify';

export interface VaultLimits {
  /** scrypt operations running at once in this process. */
  maxConcurrentHashes: number;
  /** operations waiting for a hashing slot before new ones are told "busy". */
  maxQueuedHashes: number;
  /** at most one PIN operation per user in flight (per process). */
  onePerUser: boolean;
  /** PIN operations per user per window (durable, shared by every instance). */
  pinOpsPerWindow: number;
  pinWindowMs: number;
}

export const DEFAULT_VAULT_LIMITS: VaultLimits = {
  maxConcurrentHashes: 2,
  maxQueuedHashes: 16,
  onePerUser: true,
  pinOpsPerWindow: 10,
  pinWindowMs: 10 * 60_000,
};

const LOCK_POLICY: LockPolicy = { freeAttempts: FREE_ATTEMPTS, baseLockMs: 60_000, maxLockMs: MAX_LOCK_MS };

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
    limits: Partial<VaultLimits> = {},
  ) {
    this.limits = { ...DEFAULT_VAULT_LIMITS, ...limits };
    this.gate = new PinGate(this.limits.maxConcurrentHashes, this.limits.maxQueuedHashes, this.limits.onePerUser);
  }

  private readonly limits: VaultLimits;
  private readonly gate: PinGate;

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

  /**
   * Stores the code with a new PIN. Over an existing code the current PIN is required
   * (`currentPin`), checked with the same lockout as a reveal. Returns whether other
   * accounts hold the same code.
   */
  async register(
    ref: UserRef,
    code: CustomsCode,
    pin: string,
    currentPin?: string,
  ): Promise<{ kind: 'ok'; sharedWithOthers: boolean; replaced: boolean; changed: boolean } | PinFailure> {
    const user = await this.stores.users.ensure(ref);
    const previous = await this.stores.vault.get(user.id);
    return this.pinOp(user, previous, 'register', previous ? (currentPin ?? '') : null, async () => {
      const pinHash = await hashPin(normalisePin(pin), this.keys.pinPepper, this.scryptParams);
      return this.store(user.id, previous, code, {
        pinHash: pinHash.hash,
        pinSalt: pinHash.salt,
        pinParams: pinHash.params,
      });
    });
  }

  /** Replaces the stored code, keeping the PIN (which must be given). */
  async replace(
    ref: UserRef,
    code: CustomsCode,
    pin: string,
  ): Promise<{ kind: 'ok'; sharedWithOthers: boolean; replaced: boolean; changed: boolean } | PinFailure> {
    const user = await this.stores.users.find(ref);
    const row = user && (await this.stores.vault.get(user.id));
    if (!user || !row) return this.fail('replace', { kind: 'none' });
    return this.pinOp(user, row, 'replace', pin, async (current) =>
      this.store(user.id, current, code, {
        pinHash: current.pinHash,
        pinSalt: current.pinSalt,
        pinParams: current.pinParams,
      }),
    );
  }

  private async store(
    userId: string,
    previous: VaultRecord | undefined,
    code: CustomsCode,
    pin: { pinHash: Buffer; pinSalt: Buffer; pinParams: string },
  ) {
    const { sealed, keyVersion } = seal(this.keys.keys, userId, code);
    const bi = blindIndex(this.keys.blindIndexKey, code);
    const owners = await this.stores.vault.ownersOf(bi);
    await this.stores.vault.put({ userId, codeSealed: sealed, keyVersion, blindIndex: bi, ...pin, verifiedAt: null });
    await this.stores.users.setConsent(userId, null);
    await this.stores.audit.record(userId, previous ? 'code_replaced' : 'registered');
    // A different code starts its own validity year: whatever was scheduled for the old one is void.
    const changed = Boolean(previous) && this.openRow(previous!) !== code;
    if (changed) await this.hooks.onCodeChanged?.(userId);
    return {
      kind: 'ok' as const,
      sharedWithOthers: owners.some((id) => id !== userId),
      replaced: Boolean(previous),
      changed,
    };
  }

  /**
   * Checks the PIN (with lockout, rate limit and the hashing bound) and returns the row.
   * The attempt is reserved in the database before any hashing, so concurrent guesses,
   * from any number of instances, never hash more than the free attempts.
   */
  async checkPin(
    ref: UserRef,
    pin: string,
    op: PinOp = 'reveal',
  ): Promise<{ kind: 'ok'; row: VaultRecord } | PinFailure> {
    const user = await this.stores.users.find(ref);
    const row = user && (await this.stores.vault.get(user.id));
    if (!user || !row) return this.fail(op, { kind: 'none' });
    return this.pinOp(user, row, op, pin, async (current) => ({ kind: 'ok' as const, row: current }));
  }

  /** The blind index of the user's stored code (to count verifications per code across people). */
  codeKey(row: VaultRecord): string {
    return row.blindIndex;
  }

  /**
   * One PIN operation: the user's single slot, a hashing slot, the durable rate limit, then
   * (when `pin` is not null) the atomic attempt reservation and the check. `work` runs with
   * both slots still held, so its own hashing is bounded too.
   */
  private async pinOp<T extends { kind: 'ok' }>(
    user: UserRecord,
    row: VaultRecord | undefined,
    op: PinOp,
    pin: string | null,
    work: (row: VaultRecord) => Promise<T>,
  ): Promise<T | PinFailure> {
    const now = this.clock.now();
    if (pin !== null && !row) return this.fail(op, { kind: 'none' });
    if (pin !== null && row!.lockedUntil && row!.lockedUntil > now)
      return this.fail(op, { kind: 'locked', until: row!.lockedUntil });
    const releaseUser = this.gate.claimUser(user.id);
    if (!releaseUser) return this.fail(op, { kind: 'busy' });
    try {
      const releaseSlot = await this.gate.acquire();
      if (!releaseSlot) return this.fail(op, { kind: 'busy' });
      try {
        const { windowStart, windowEnd } = rateWindow(now, this.limits.pinWindowMs);
        const rate = await this.stores.limits.hit(`pin:${user.id}`, {
          windowStart,
          expiresAt: windowEnd,
          limit: this.limits.pinOpsPerWindow,
          userId: user.id,
        });
        if (!rate.ok) return this.fail(op, { kind: 'rate_limited', until: windowEnd });
        if (pin === null) return this.done(op, await work(row!));
        const reserved = await this.stores.vault.reserveAttempt(user.id, now, LOCK_POLICY);
        if (reserved.kind === 'none') return this.fail(op, { kind: 'none' });
        if (reserved.kind === 'locked') return this.fail(op, { kind: 'locked', until: reserved.until });
        const current = (await this.stores.vault.get(user.id)) ?? row!;
        const ok = await verifyPin(normalisePin(pin), this.keys.pinPepper, {
          hash: current.pinHash,
          salt: current.pinSalt,
          params: current.pinParams,
        });
        if (ok) {
          await this.stores.vault.resetFailures(user.id);
          return this.done(op, await work({ ...current, failedAttempts: 0, lockedUntil: null }));
        }
        await this.stores.audit.record(user.id, 'pin_failed', { attempt: reserved.attempt });
        if (reserved.lockedUntil) {
          await this.stores.audit.record(user.id, 'locked', {
            seconds: Math.round((reserved.lockedUntil.getTime() - now.getTime()) / 1000),
          });
          metrics().lockout();
          return this.fail(op, { kind: 'wrong_pin', remaining: 0, lockedUntil: reserved.lockedUntil });
        }
        return this.fail(op, { kind: 'wrong_pin', remaining: Math.max(0, FREE_ATTEMPTS - reserved.attempt) });
      } finally {
        releaseSlot?.();
      }
    } finally {
      releaseUser();
    }
  }

  private fail<F extends PinFailure>(op: PinOp, f: F): F {
    if (f.kind !== 'none') metrics().pin(op, f.kind);
    return f;
  }

  private done<T>(op: PinOp, v: T): T {
    metrics().pin(op, 'ok');
    return v;
  }

  async reveal(ref: UserRef, pin: string): Promise<RevealResult> {
    const checked = await this.checkPin(ref, pin, 'reveal');
    if (checked.kind !== 'ok') return checked;
    const code = this.openRow(checked.row);
    await this.stores.audit.record(checked.row.userId, 'revealed');
    return { kind: 'ok', code };
  }

  async changePin(ref: UserRef, oldPin: string, newPin: string): Promise<PinFailure | { kind: 'ok' }> {
    const user = await this.stores.users.find(ref);
    const row = user && (await this.stores.vault.get(user.id));
    if (!user || !row) return this.fail('pin_change', { kind: 'none' });
    return this.pinOp(user, row, 'pin_change', oldPin, async () => {
      const h = await hashPin(normalisePin(newPin), this.keys.pinPepper, this.scryptParams);
      await this.stores.vault.setPin(user.id, { pinHash: h.hash, pinSalt: h.salt, pinParams: h.params });
      await this.stores.audit.record(user.id, 'pin_changed');
      return { kind: 'ok' as const };
    });
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
        if (await this.stores.vault.reseal(row.userId, row.keyVersion, sealed, keyVersion, row.codeSealed)) resealed++;
      }
    }
    return { resealed, newestVersion: newest };
  }

  private openRow(row: VaultRecord): CustomsCode {
    return open(this.keys.keys, row.userId, row.keyVersion, row.codeSealed) as CustomsCode;
  }
}
