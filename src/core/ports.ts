// What the core needs from storage and time. Implemented in src/db (drizzle) — the core
// never sees a SQL driver.
import type { Lang, UserRef } from './types';

export interface UserRecord {
  id: string;
  platform: string;
  platformUserId: string;
  lang: Lang | null;
  /** Language of the user's latest free text; commands, forms and DMs follow it when `lang` is null. */
  detectedLang: Lang | null;
  consentAt: Date | null;
  /** Notices owed to the user (see takeNotices); read here so the bot needs no extra query when there are none. */
  pendingNotices: Notice[];
}

/**
 * Something the bot owes a user the next time they talk to it (a paused reminder, a parcel
 * whose DMs failed). Stored as a catalog key and its parameters, rendered when shown, so it
 * speaks the language of that moment; several wait side by side (see core/notices.ts).
 */
export interface Notice {
  key: string;
  params?: Record<string, string | number>;
}

export interface VaultRecord {
  userId: string;
  codeSealed: Buffer;
  keyVersion: number;
  blindIndex: string;
  pinHash: Buffer;
  pinSalt: Buffer;
  pinParams: string;
  failedAttempts: number;
  lockedUntil: Date | null;
  verifiedAt: Date | null;
  updatedAt: Date;
}

export type AuditKind =
  | 'registered'
  | 'revealed'
  | 'pin_failed'
  | 'locked'
  | 'pin_changed'
  | 'code_replaced'
  | 'rekeyed'
  | 'rate_limited';

export interface UserStore {
  ensure(ref: UserRef): Promise<UserRecord>;
  find(ref: UserRef): Promise<UserRecord | undefined>;
  setLang(userId: string, lang: Lang | null): Promise<void>;
  setDetectedLang(userId: string, lang: Lang): Promise<void>;
  setConsent(userId: string, at: Date | null): Promise<void>;
  /** Returns and clears, in one step, the notices the bot owes the user, oldest first. */
  takeNotices(userId: string): Promise<Notice[]>;
  /** Adds a notice to the user's list (the same key and parameters twice are kept once). */
  addNotice(userId: string, notice: Notice): Promise<void>;
  /** Deletes the user and, by cascade, every row that belongs to them. */
  delete(userId: string): Promise<void>;
}

export interface VaultStore {
  get(userId: string): Promise<VaultRecord | undefined>;
  /** Inserts or replaces the user's code and PIN, resetting failures. */
  put(row: Omit<VaultRecord, 'failedAttempts' | 'lockedUntil' | 'updatedAt'>): Promise<void>;
  /** Other users holding the same code (by blind index). */
  ownersOf(blindIndex: string): Promise<string[]>;
  /** Atomically counts one more failure and returns the new count. */
  recordFailure(userId: string): Promise<number>;
  /**
   * Reserves one PIN attempt before any hashing, in one atomic statement: unless the vault
   * is locked at `now`, counts the attempt as a failure (success resets it) and, when that
   * count reaches `policy.freeAttempts`, locks until now + min(baseLockMs · 2^(count − free), maxLockMs).
   * Concurrent attempts therefore can never hash more than the free attempts.
   */
  reserveAttempt(
    userId: string,
    now: Date,
    policy: LockPolicy,
  ): Promise<
    { kind: 'go'; attempt: number; lockedUntil: Date | null } | { kind: 'locked'; until: Date } | { kind: 'none' }
  >;
  setLockedUntil(userId: string, until: Date | null): Promise<void>;
  resetFailures(userId: string): Promise<void>;
  setPin(userId: string, pin: { pinHash: Buffer; pinSalt: Buffer; pinParams: string }): Promise<void>;
  setVerified(userId: string, at: Date | null): Promise<void>;
  /** Rows sealed under a key older than `version`, oldest first. */
  sealedBefore(version: number, limit: number): Promise<VaultRecord[]>;
  /** Compare-and-set re-seal: only if the row is still at `fromVersion` and still holds `fromSealed`. */
  reseal(userId: string, fromVersion: number, sealed: Buffer, toVersion: number, fromSealed?: Buffer): Promise<boolean>;
}

export interface LockPolicy {
  freeAttempts: number;
  baseLockMs: number;
  maxLockMs: number;
}

/** Durable fixed-window counters shared by every instance. */
export interface RateLimitStore {
  /**
   * Counts one use of `key` in the window starting at `windowStart`, unless `limit` uses are
   * already counted there. Atomic. `ok: false` means the limit was already reached (nothing counted).
   */
  hit(
    key: string,
    opts: { windowStart: Date; expiresAt: Date; limit: number; userId?: string | null },
  ): Promise<{ ok: boolean; count: number }>;
}

export interface AuditStore {
  record(userId: string, kind: AuditKind, detail?: Record<string, string | number | boolean>): Promise<void>;
  list(userId: string): Promise<{ kind: AuditKind; at: Date; detail: Record<string, unknown> | null }[]>;
}

export interface JobStore {
  schedule(job: {
    kind: string;
    runAt: Date;
    payload: Record<string, unknown>;
    userId?: string;
    dedupeKey?: string;
  }): Promise<void>;
  /** Cancels a pending job by its dedupe key; true when one was waiting. */
  cancel(dedupeKey: string): Promise<boolean>;
}

/** What the last answer was about: an entry id, a topic id, a language. Never text, never a code. */
export interface ConversationRecord {
  faq: string | null;
  topic: string;
  lang: Lang;
}

/** Short-lived conversation context for follow-up questions. Expired rows are never returned. */
export interface ConversationStore {
  get(userId: string, now: Date): Promise<ConversationRecord | undefined>;
  put(userId: string, record: ConversationRecord, expiresAt: Date): Promise<void>;
  clear(userId: string): Promise<void>;
  /** Deletes expired rows; returns how many. */
  sweep(now: Date): Promise<number>;
}

export interface Stores {
  users: UserStore;
  /** Optional: without it, follow-ups are read without context. */
  conversations?: ConversationStore;
  vault: VaultStore;
  audit: AuditStore;
  jobs: JobStore;
  limits: RateLimitStore;
  /**
   * Runs one inbound event's work in a scope where repeated reads of the same user row are
   * answered once (every module asks "who is this?"); any write to users clears it.
   */
  eventScope?<T>(work: () => Promise<T>): Promise<T>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Thrown by stores when the database cannot be reached; the bot turns it into "temporarily unavailable". */
export class StorageUnavailable extends Error {
  constructor(cause?: unknown) {
    super('storage unavailable', { cause });
    this.name = 'StorageUnavailable';
  }
}

/**
 * Short-lived state shared by every instance (one PostgreSQL): "has this platform event been
 * handled?" and small definitions a later click needs (labels, never values). Implemented in
 * src/db/ephemeral.ts; adapters fall back to process memory without it.
 */
export interface EphemeralStore {
  /** True for the first claim of `key` in `scope` within `ttlSeconds` (one round trip), false for repeats. */
  claimOnce(scope: string, key: string, ttlSeconds: number): Promise<boolean>;
  put(scope: string, key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** The value if present and not expired. */
  get<T = unknown>(scope: string, key: string): Promise<T | undefined>;
  /** Deletes expired entries (the minute tick calls it); returns how many. */
  sweep(): Promise<number>;
}
