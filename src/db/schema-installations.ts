// Slack installations (one row per workspace, or per Enterprise Grid org for an org-wide
// install) and the one-time OAuth states of installs in progress. The installation, bot token
// included, is stored only sealed (AES-256-GCM under VAULT_KEYS, bound to its row id and key
// version); the clear columns are ids Slack sends with every event, nothing secret.
import { boolean, customType, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
  toDriver: (v) => v,
});

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
