// drizzle implementations of the core's storage ports. Connection failures surface as
// StorageUnavailable so the bot can answer "temporarily unavailable" without leaking details.
import { AsyncLocalStorage } from 'node:async_hooks';
import { and, asc, eq, gt, lt, type SQL, sql } from 'drizzle-orm';
import type { AuditKind, Notice, Stores, UserRecord, VaultRecord } from '../core/ports';
import type { Lang, UserRef } from '../core/types';
import { isConnectionError, storageBoundary } from './boundary';
import type { Database } from './client';
import { auditEvents, conversationContext, jobs, users, vault } from './schema';

/** Kept here too for callers that import it from the stores. */
export { isConnectionError };

/** Stored notices as the core's Notice list (anything malformed is left out). */
function parseNotices(value: unknown): Notice[] {
  const list = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(list)) return [];
  return list.filter((n): n is Notice => typeof n?.key === 'string');
}

/** SQL for users.pending_notices with `notice` added, unless the same one is already waiting. */
export function appendNotice(notice: Notice): SQL {
  const one = JSON.stringify([{ key: notice.key, params: notice.params ?? {} }]);
  return sql`case when pending_notices @> ${one}::jsonb then pending_notices else pending_notices || ${one}::jsonb end`;
}

function toUser(row: typeof users.$inferSelect): UserRecord {
  return {
    id: row.id,
    platform: row.platform,
    platformUserId: row.platformUserId,
    lang: (row.lang as Lang | null) ?? null,
    detectedLang: row.detectedLang === 'ko' || row.detectedLang === 'en' ? row.detectedLang : null,
    consentAt: row.consentAt,
    pendingNotices: Array.isArray(row.pendingNotices) ? row.pendingNotices : [],
  };
}

export function createStores(database: Database): Stores {
  const { db } = database;
  // Per-event memo of user rows (see Stores.eventScope); cleared by every write to users.
  const scope = new AsyncLocalStorage<Map<string, UserRecord | undefined>>();
  const forget = () => scope.getStore()?.clear();
  const keyOf = (ref: UserRef) => `${ref.platform}\u0000${ref.id}`;
  // The two reads every event makes, built once (query building was a visible share of CPU).
  const findUser = db
    .select()
    .from(users)
    .where(and(eq(users.platform, sql.placeholder('platform')), eq(users.platformUserId, sql.placeholder('id'))))
    .prepare('pccc_find_user');
  const getVault = db
    .select()
    .from(vault)
    .where(eq(vault.userId, sql.placeholder('userId')))
    .prepare('pccc_get_vault');

  const userStore: Stores['users'] = {
    async ensure(ref: UserRef) {
      forget();
      const [row] = await db
        .insert(users)
        .values({ platform: ref.platform, platformUserId: ref.id })
        .onConflictDoUpdate({ target: [users.platform, users.platformUserId], set: { platform: ref.platform } })
        .returning();
      return toUser(row!);
    },
    async find(ref: UserRef) {
      const memo = scope.getStore();
      const key = keyOf(ref);
      if (memo?.has(key)) return memo.get(key);
      const [row] = (await findUser.execute({ platform: ref.platform, id: ref.id })) as (typeof users.$inferSelect)[];
      const user = row ? toUser(row) : undefined;
      memo?.set(key, user);
      return user;
    },
    async setLang(userId, lang) {
      forget();
      await db.update(users).set({ lang }).where(eq(users.id, userId));
    },
    async setDetectedLang(userId, lang) {
      forget();
      await db.update(users).set({ detectedLang: lang }).where(eq(users.id, userId));
    },
    async setConsent(userId, at) {
      forget();
      await db.update(users).set({ consentAt: at }).where(eq(users.id, userId));
    },
    async takeNotices(userId) {
      forget();
      const rows = await database.rows<{ notices: unknown }>(
        sql`update users u set pending_notices = '[]'::jsonb
          from (select id, pending_notices as notices from users where id = ${userId} for update) old
          where u.id = old.id returning old.notices`,
      );
      return parseNotices(rows[0]?.notices);
    },
    async addNotice(userId, notice) {
      forget();
      await database.rows(sql`update users set pending_notices = ${appendNotice(notice)} where id = ${userId}`);
    },
    async delete(userId) {
      forget();
      await db.delete(users).where(eq(users.id, userId));
    },
  };

  const vaultStore: Stores['vault'] = {
    async get(userId) {
      const [row] = (await getVault.execute({ userId })) as VaultRecord[];
      return row;
    },
    async put(row) {
      const values = { ...row, failedAttempts: 0, lockedUntil: null, updatedAt: new Date() };
      await db.insert(vault).values(values).onConflictDoUpdate({ target: vault.userId, set: values });
    },
    async ownersOf(bi) {
      const rows = await db.select({ userId: vault.userId }).from(vault).where(eq(vault.blindIndex, bi));
      return rows.map((r) => r.userId);
    },
    async recordFailure(userId) {
      const [row] = await db
        .update(vault)
        .set({ failedAttempts: sql`${vault.failedAttempts} + 1` })
        .where(eq(vault.userId, userId))
        .returning({ n: vault.failedAttempts });
      return row?.n ?? 0;
    },
    async reserveAttempt(userId, now, policy) {
      const at = now.toISOString();
      const rows = await database.rows<{ n: number; locked_until: string | Date | null }>(sql`
        update vault set
          failed_attempts = failed_attempts + 1,
          locked_until = case
            when failed_attempts + 1 >= ${policy.freeAttempts}::int
              then ${at}::timestamptz + least(
                ${policy.baseLockMs}::float8 * power(2, least(failed_attempts + 1 - ${policy.freeAttempts}::int, 20)),
                ${policy.maxLockMs}::float8
              ) * interval '1 millisecond'
            else null end
        where user_id = ${userId} and (locked_until is null or locked_until <= ${at}::timestamptz)
        returning failed_attempts as n, locked_until`);
      const row = rows[0];
      if (row)
        return {
          kind: 'go',
          attempt: Number(row.n),
          lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
        };
      const [current] = await db.select({ lockedUntil: vault.lockedUntil }).from(vault).where(eq(vault.userId, userId));
      if (!current) return { kind: 'none' };
      return { kind: 'locked', until: current.lockedUntil ?? now };
    },
    async setLockedUntil(userId, until) {
      await db.update(vault).set({ lockedUntil: until }).where(eq(vault.userId, userId));
    },
    async resetFailures(userId) {
      await db.update(vault).set({ failedAttempts: 0, lockedUntil: null }).where(eq(vault.userId, userId));
    },
    async setPin(userId, pin) {
      await db
        .update(vault)
        .set({ ...pin, failedAttempts: 0, lockedUntil: null, updatedAt: new Date() })
        .where(eq(vault.userId, userId));
    },
    async setVerified(userId, at) {
      await db.update(vault).set({ verifiedAt: at }).where(eq(vault.userId, userId));
    },
    async sealedBefore(version, limit) {
      const rows = await db
        .select()
        .from(vault)
        .where(lt(vault.keyVersion, version))
        .orderBy(asc(vault.updatedAt))
        .limit(limit);
      return rows as VaultRecord[];
    },
    async reseal(userId, fromVersion, sealed, toVersion, fromSealed) {
      const rows = await db
        .update(vault)
        .set({ codeSealed: sealed, keyVersion: toVersion })
        .where(
          and(
            eq(vault.userId, userId),
            eq(vault.keyVersion, fromVersion),
            ...(fromSealed ? [eq(vault.codeSealed, fromSealed)] : []),
          ),
        )
        .returning({ userId: vault.userId });
      return rows.length === 1;
    },
  };

  const auditStore: Stores['audit'] = {
    async record(userId, kind, detail) {
      await db.insert(auditEvents).values({ userId, kind, detail: detail ?? null });
    },
    async list(userId) {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.userId, userId))
        .orderBy(asc(auditEvents.id));
      return rows.map((r) => ({ kind: r.kind as AuditKind, at: r.at, detail: r.detail ?? null }));
    },
  };

  const jobStore: Stores['jobs'] = {
    async schedule(job) {
      await db
        .insert(jobs)
        .values({
          kind: job.kind,
          runAt: job.runAt,
          payload: job.payload,
          userId: job.userId ?? null,
          dedupeKey: job.dedupeKey ?? null,
        })
        .onConflictDoNothing();
    },
    async cancel(dedupeKey) {
      const rows = await db.delete(jobs).where(eq(jobs.dedupeKey, dedupeKey)).returning({ id: jobs.id });
      return rows.length > 0;
    },
  };

  // Expired context rows are ignored on read and swept now and then on write.
  const SWEEP_EVERY = 100;
  let putsSinceSweep = 0;
  const conversationStore: NonNullable<Stores['conversations']> = {
    async get(userId, now) {
      const [row] = await db
        .select()
        .from(conversationContext)
        .where(and(eq(conversationContext.userId, userId), gt(conversationContext.expiresAt, now)));
      if (!row || (row.lang !== 'ko' && row.lang !== 'en')) return undefined;
      return { faq: row.faq, topic: row.topic, lang: row.lang };
    },
    async put(userId, record, expiresAt) {
      const values = { faq: record.faq, topic: record.topic, lang: record.lang, updatedAt: new Date(), expiresAt };
      await db
        .insert(conversationContext)
        .values({ userId, ...values })
        .onConflictDoUpdate({ target: conversationContext.userId, set: values });
      if (++putsSinceSweep >= SWEEP_EVERY) {
        putsSinceSweep = 0;
        await conversationStore.sweep(new Date());
      }
    },
    async clear(userId) {
      await db.delete(conversationContext).where(eq(conversationContext.userId, userId));
    },
    async sweep(now) {
      const rows = await db
        .delete(conversationContext)
        .where(lt(conversationContext.expiresAt, now))
        .returning({ userId: conversationContext.userId });
      return rows.length;
    },
  };

  const limitStore: Stores['limits'] = {
    async hit(key, { windowStart, expiresAt, limit, userId }) {
      const rows = await database.rows<{ count: number }>(sql`
        insert into rate_counters (key, window_start, count, user_id, expires_at)
        values (${key}, ${windowStart.toISOString()}::timestamptz, 1, ${userId ?? null},
          ${expiresAt.toISOString()}::timestamptz)
        on conflict (key, window_start) do update set count = rate_counters.count + 1
        where rate_counters.count < ${limit}::int
        returning count`);
      if (rows[0]) return { ok: true, count: Number(rows[0].count) };
      return { ok: false, count: limit };
    },
  };

  return {
    users: storageBoundary(userStore),
    conversations: storageBoundary(conversationStore),
    limits: storageBoundary(limitStore),
    vault: storageBoundary(vaultStore),
    audit: storageBoundary(auditStore),
    jobs: storageBoundary(jobStore),
    eventScope: (work) => scope.run(new Map(), work),
  };
}
