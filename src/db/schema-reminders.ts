// Reminders: one durable row per user and kind, swept by the dispatcher. Every row references
// users(id) ON DELETE CASCADE, so `forget` leaves no reminder, delivery or bucket behind.
import {
  bigint,
  bigserial,
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
import { sql } from 'drizzle-orm';
import { users } from './schema';

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
