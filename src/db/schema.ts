// drizzle schema: every table the bot has, in one place. Every row that belongs to a user references
// users(id) with ON DELETE CASCADE, so `forget` is one DELETE of the user row.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
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
import type { ParcelQuery } from '../core/customs/port';
import type { Notice } from '../core/ports';

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
    /**
     * Language of the user's latest free text ('ko' | 'en'): commands, forms and DMs follow it when no
     * override is set.
     */
    detectedLang: text('detected_lang'),
    /** When the user last accepted the consent notice (registration needs a recent one). */
    consentAt: timestamp('consent_at', { withTimezone: true }),
    /** Notices the bot owes the user the next time they talk to it, as { key, params } (core/notices.ts). */
    pendingNotices: jsonb('pending_notices').$type<Notice[]>().notNull().default([]),
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

// Reminders: one durable row per user and kind, swept by the dispatcher.
export const reminders = pgTable(
  'reminders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'checks' (import-check cadence) or 'renewal' (expiry-based). */
    kind: text('kind').notNull(),
    /** 'active' | 'paused' (a permanent delivery failure; the user is told next time). */
    status: text('status').notNull().default('active'),
    /** checks: the validated ImportCheckSchedule. */
    schedule: jsonb('schedule').$type<Record<string, unknown>>(),
    /** renewal: the computed expiry date only — never a birthday or issue date. */
    expiresOn: date('expires_on', { mode: 'string' }),
    timeZone: text('time_zone').notNull().default('Asia/Seoul'),
    lang: text('lang').notNull().default('ko'),
    /** Newest slot already delivered, or the moment the schedule was set (the catch-up baseline). */
    lastSlot: timestamp('last_slot', { withTimezone: true }),
    /** When the sweep should look at the row next. A claim pushes it forward by the lease. */
    nextDue: timestamp('next_due', { withTimezone: true }),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    /** Set by a claim; finishing requires the same token (a lost lease cannot overwrite newer state). */
    claimToken: text('claim_token'),
    /** Bumped on every user edit so a batch in flight does not overwrite the new settings. */
    version: integer('version').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reminders_user_kind').on(t.userId, t.kind),
    // The claim scans only due, active rows in due order.
    index('reminders_due').on(t.nextDue).where(sql`status = 'active' and next_due is not null`),
  ],
);

/** One row per delivered (reminder, slot): the unique key that makes a slot go out once. */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    reminderId: bigint('reminder_id', { mode: 'number' })
      .notNull()
      .references(() => reminders.id, { onDelete: 'cascade' }),
    slot: timestamp('slot', { withTimezone: true }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reminderId, t.slot] }), index('reminder_deliveries_user').on(t.userId)],
);

/** Shared token buckets (e.g. Discord's 50 requests/s per bot token across all instances). */
export const rateBuckets = pgTable('rate_buckets', {
  key: text('key').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
});

// Parcels a user asked to follow through customs (poll jobs go with them by the same cascade).
export const parcels = pgTable(
  'parcels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** One row per shipment per user: the cargo number once known, else `bl:` + label. */
    key: text('key').notNull(),
    /** The B/L or cargo number as the user gave it (normalised). */
    label: text('label').notNull(),
    /**
     * How to look it up while UNI-PASS does not know it yet: { by, blNo, year, tryPreviousYear }
     * or { by: 'cargMtNo', … }.
     */
    query: jsonb('query').$type<ParcelQuery>().notNull(),
    cargMtNo: text('carg_mt_no'),
    goods: text('goods'),
    lastStep: text('last_step'),
    lastStepAt: timestamp('last_step_at', { withTimezone: true }),
    /** Steps already told to the user ("name|time"), so only new ones are sent. */
    seenSteps: jsonb('seen_steps').$type<string[]>().notNull().default([]),
    /** active | released | expired | paused */
    state: text('state').notNull().default('active'),
    lang: text('lang').notNull(),
    /** Compare-and-set counter of polls: a stale or repeated job changes nothing. */
    pollNo: integer('poll_no').notNull().default(0),
    intervalMinutes: integer('interval_minutes').notNull(),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('parcels_user_key').on(t.userId, t.key), index('parcels_user').on(t.userId)],
);

// Slack installations (one row per workspace, or per Enterprise Grid org for an org-wide
// install) and the one-time OAuth states of installs in progress. The installation, bot token
// included, is stored only sealed (AES-256-GCM under VAULT_KEYS, bound to its row id and key
// version); the clear columns are ids Slack sends with every event, nothing secret.
export const slackInstallations = pgTable(
  'slack_installations',
  {
    /** The team id (`T…`), or the enterprise id (`E…`) for an org-wide install. */
    id: text('id').primaryKey(),
    teamId: text('team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: boolean('is_enterprise_install').notNull().default(false),
    botUserId: text('bot_user_id'),
    /** The whole Installation object as JSON (bot token, refresh token…), sealed. */
    sealed: bytea('sealed').notNull(),
    keyVersion: integer('key_version').notNull(),
    installedAt: timestamp('installed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('slack_installations_enterprise').on(t.enterpriseId),
    index('slack_installations_key_version').on(t.keyVersion),
  ],
);

/** OAuth `state` values issued by /slack/install: stored as a hash, usable once, for 10 minutes. */
export const slackOauthStates = pgTable(
  'slack_oauth_states',
  {
    stateHash: text('state_hash').primaryKey(),
    /** Bolt's InstallURLOptions for this flow (scopes, metadata): nothing secret. */
    options: jsonb('options').$type<Record<string, unknown>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('slack_oauth_states_expires').on(t.expiresAt)],
);

export const schema = {
  users,
  vault,
  auditEvents,
  jobs,
  ephemeral,
  conversationContext,
  rateCounters,
  reminders,
  reminderDeliveries,
  rateBuckets,
  parcels,
  slackInstallations,
  slackOauthStates,
};
