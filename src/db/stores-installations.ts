// Rows of slack_installations and slack_oauth_states. Sealing happens above this layer (the
// Slack install adapter): here a row's `sealed` is opaque bytes.
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from './client';
import { slackInstallations, slackOauthStates } from './schema';

export type InstallationRow = typeof slackInstallations.$inferSelect;

export interface InstallationRows {
  put(row: Omit<InstallationRow, 'installedAt' | 'updatedAt'>): Promise<void>;
  get(id: string): Promise<InstallationRow | undefined>;
  /** Deletes the row; true when there was one. */
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
  sealedBefore(version: number, limit: number): Promise<InstallationRow[]>;
  /** Compare-and-set on the key version: false when someone else changed the row meanwhile. */
  reseal(id: string, fromVersion: number, sealed: Buffer, toVersion: number): Promise<boolean>;
  putState(hash: string, options: Record<string, unknown>, expiresAt: Date): Promise<void>;
  /** Deletes and returns a state that has not expired (one use only). */
  takeState(hash: string, now: Date): Promise<Record<string, unknown> | undefined>;
  sweepStates(now: Date): Promise<number>;
  /**
   * Re-keys legacy Slack users (`U…`, from before users were keyed by team) as `${teamId}:U…`.
   * Rows whose new key already exists are left alone. Returns how many were re-keyed.
   */
  rekeyLegacyUsers(teamId: string): Promise<number>;
  /** Deletes every Slack user keyed under this team or enterprise (`T…:U…`), cascading to their data. */
  deleteUsersOf(teamOrEnterpriseId: string): Promise<number>;
}

export function createInstallationRows(database: Database): InstallationRows {
  const { db } = database;
  return {
    async put(row) {
      const now = new Date();
      await db
        .insert(slackInstallations)
        .values({ ...row, installedAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: slackInstallations.id, set: { ...row, updatedAt: now } });
    },
    async get(id) {
      const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.id, id));
      return row;
    },
    async delete(id) {
      const rows = await db
        .delete(slackInstallations)
        .where(eq(slackInstallations.id, id))
        .returning({ id: slackInstallations.id });
      return rows.length > 0;
    },
    async count() {
      const rows = await database.rows<{ n: number | string }>(sql`select count(*) as n from slack_installations`);
      return Number(rows[0]?.n ?? 0);
    },
    async sealedBefore(version, limit) {
      return db
        .select()
        .from(slackInstallations)
        .where(lt(slackInstallations.keyVersion, version))
        .orderBy(asc(slackInstallations.updatedAt))
        .limit(limit);
    },
    async reseal(id, fromVersion, sealed, toVersion) {
      const rows = await db
        .update(slackInstallations)
        .set({ sealed, keyVersion: toVersion })
        .where(and(eq(slackInstallations.id, id), eq(slackInstallations.keyVersion, fromVersion)))
        .returning({ id: slackInstallations.id });
      return rows.length === 1;
    },
    async putState(hash, options, expiresAt) {
      await db.insert(slackOauthStates).values({ stateHash: hash, options, expiresAt });
    },
    async takeState(hash, now) {
      const [row] = await db
        .delete(slackOauthStates)
        .where(and(eq(slackOauthStates.stateHash, hash), gt(slackOauthStates.expiresAt, now)))
        .returning({ options: slackOauthStates.options });
      return row?.options;
    },
    async sweepStates(now) {
      const rows = await db
        .delete(slackOauthStates)
        .where(lt(slackOauthStates.expiresAt, now))
        .returning({ h: slackOauthStates.stateHash });
      return rows.length;
    },
    async rekeyLegacyUsers(teamId) {
      const rows = await database.rows<{ id: string }>(sql`
        update users u set platform_user_id = ${teamId} || ':' || u.platform_user_id
        where u.platform = 'slack' and position(':' in u.platform_user_id) = 0
          and not exists (
            select 1 from users o
            where o.platform = 'slack' and o.platform_user_id = ${teamId} || ':' || u.platform_user_id
          )
        returning u.id`);
      return rows.length;
    },
    async deleteUsersOf(teamOrEnterpriseId) {
      const prefix = `${teamOrEnterpriseId}:`;
      const rows = await database.rows<{ id: string }>(sql`
        delete from users where platform = 'slack' and left(platform_user_id, ${prefix.length}) = ${prefix}
          returning id`);
      return rows.length;
    },
  };
}
