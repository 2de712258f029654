// Parcels a user asked to follow through customs. Rows belong to users(id) ON DELETE
// CASCADE, so `forget` removes them (and their poll jobs, which cascade the same way).
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ParcelQuery } from '../core/customs/port';
import { users } from './schema';

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
    /** How to look it up while UNI-PASS does not know it yet: { by, blNo, year, tryPreviousYear } or { by: 'cargMtNo', … }. */
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
