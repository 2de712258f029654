// drizzle schema. Every row that belongs to a user references users(id) with ON DELETE
// CASCADE, so `forget` is one DELETE of the user row.
import {
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
  toDriver: (v) => v,
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platform: text('platform').notNull(),
    platformUserId: text('platform_user_id').notNull(),
    /** Per-user language override ('ko' | 'en'); null → platform locale / message language. */
    lang: text('lang'),
    /** Language of the user's latest free text ('ko' | 'en'): commands, forms and DMs follow it when no override is set. */
    detectedLang: text('detected_lang'),
    /** When the user last accepted the consent notice (registration needs a recent one). */
    consentAt: timestamp('consent_at', { withTimezone: true }),
    /** A notice the bot owes the user the next time they talk to it (e.g. a paused reminder). */
    pendingNotice: text('pending_notice'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_platform_user').on(t.platform, t.platformUserId)],
);

export const vault = pgTable(
  'vault',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** AES-256-GCM: iv (12) ‖ tag (16) ‖ ciphertext. Associated data binds user id and key version. */
    codeSealed: bytea('code_sealed').notNull(),
    keyVersion: integer('key_version').notNull(),
    /** HMAC-SHA256 of the code under its own key: finds duplicates without decrypting. */
    blindIndex: text('blind_index').notNull(),
    /** scrypt(PIN ‖ pepper, salt). */
    pinHash: bytea('pin_hash').notNull(),
    pinSalt: bytea('pin_salt').notNull(),
    pinParams: text('pin_params').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vault_blind_index').on(t.blindIndex), index('vault_key_version').on(t.keyVersion)],
);

/** Reveals, failed PINs, lockouts, changes. Never holds the code or the PIN. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    detail: jsonb('detail').$type<Record<string, string | number | boolean>>(),
  },
  (t) => [index('audit_user_at').on(t.userId, t.at)],
);

/**
 * Durable one-off jobs (DM deletion after a reveal, theft follow-ups…). Claimed with
 * FOR UPDATE SKIP LOCKED; a claim expires so a crashed worker's jobs are taken again.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Optional idempotency key: scheduling the same key twice keeps one job. */
    dedupeKey: text('dedupe_key'),
    attempts: integer('attempts').notNull().default(0),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jobs_dedupe').on(t.dedupeKey), index('jobs_due').on(t.runAt)],
);

/**
 * Short-lived state shared by every instance behind a load balancer: Slack event ids already
 * handled (a retry may land on another instance), open-form buttons (Slack) and stashed
 * button meanings (Discord). Never a code, PIN or other private value. Expired rows are
 * ignored on read and deleted by the minute tick.
 */
export const ephemeral = pgTable(
  'ephemeral',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    value: jsonb('value'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('ephemeral_expires').on(t.expiresAt)],
);

/**
 * What the last answer was about, so a follow-up ("그럼 외국인은요?", "and in English?") can be
 * read in its light. One row per user, short-lived (expires_at); never the question text,
 * never a code: an entry id, a topic id and a language only.
 */
export const conversationContext = pgTable(
  'conversation_context',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    faq: text('faq'),
    topic: text('topic').notNull(),
    lang: text('lang').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('conversation_context_expires').on(t.expiresAt)],
);

/**
 * Fixed-window counters for rate limits (PIN operations, verifications, tracking), shared by
 * every instance. `key` names the limit and its subject (a user id, or a code's blind index);
 * rows of a user go with the user.
 */
export const rateCounters = pgTable(
  'rate_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_counters_expires').on(t.expiresAt)],
);

export const schema = { users, vault, auditEvents, jobs, ephemeral, conversationContext, rateCounters };
