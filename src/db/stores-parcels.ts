// drizzle implementation of the parcel store. A parcel and its next poll job are written in
// one transaction, so a poll is never lost or doubled between the two tables.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { POLL_JOB } from '../core/customs/polling';
import type { NewParcel, ParcelPatch, ParcelRecord, ParcelState, ParcelStore } from '../core/customs/port';
import type { Lang } from '../core/types';
import { storageBoundary } from './boundary';
import type { Database } from './client';
import { jobs, parcels, users } from './schema';

type Row = typeof parcels.$inferSelect;

function toRecord(r: Row): ParcelRecord {
  return {
    id: r.id,
    userId: r.userId,
    label: r.label,
    query: r.query,
    cargMtNo: r.cargMtNo,
    goods: r.goods,
    lastStep: r.lastStep,
    lastStepAt: r.lastStepAt,
    seenSteps: Array.isArray(r.seenSteps) ? r.seenSteps : [],
    state: r.state as ParcelState,
    lang: r.lang === 'en' ? 'en' : 'ko',
    pollNo: r.pollNo,
    intervalMinutes: r.intervalMinutes,
    nextPollAt: r.nextPollAt,
    lastCheckedAt: r.lastCheckedAt,
    createdAt: r.createdAt,
  };
}

/** The job row for poll `pollNo` of a parcel; the key makes scheduling it twice harmless. */
function pollJob(parcelId: string, userId: string, pollNo: number, runAt: Date) {
  return {
    kind: POLL_JOB,
    runAt,
    payload: { parcelId, pollNo },
    userId,
    dedupeKey: `${POLL_JOB}:${parcelId}:${pollNo}`,
  };
}

export function createParcelStore(database: Database): ParcelStore {
  const { db } = database;

  return storageBoundary<ParcelStore>({
    add: (p: NewParcel) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(parcels)
          .values({
            userId: p.userId,
            key: p.cargMtNo ?? `bl:${p.label}`,
            label: p.label,
            query: p.query,
            cargMtNo: p.cargMtNo,
            goods: p.goods,
            lastStep: p.lastStep,
            lastStepAt: p.lastStepAt,
            seenSteps: p.seenSteps,
            lang: p.lang,
            intervalMinutes: p.intervalMinutes,
            nextPollAt: p.nextPollAt,
            createdAt: p.createdAt,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return undefined;
        await tx
          .insert(jobs)
          .values(pollJob(row.id, row.userId, 0, p.nextPollAt))
          .onConflictDoNothing();
        return toRecord(row);
      }),

    list: async (userId) =>
      (
        await db
          .select()
          .from(parcels)
          .where(eq(parcels.userId, userId))
          .orderBy(asc(parcels.createdAt), asc(parcels.label))
      ).map(toRecord),

    remove: (userId, label) =>
      db.transaction(async (tx) => {
        const gone = await tx
          .delete(parcels)
          .where(and(eq(parcels.userId, userId), or(eq(parcels.label, label), eq(parcels.cargMtNo, label))))
          .returning({ id: parcels.id });
        if (gone.length > 0) {
          const ids = gone.map((g) => g.id);
          await tx.delete(jobs).where(and(eq(jobs.kind, POLL_JOB), inArray(sql`${jobs.payload} ->> 'parcelId'`, ids)));
        }
        return gone.length;
      }),

    forPoll: async (id) => {
      const [row] = await db
        .select({ parcel: parcels, platform: users.platform, platformUserId: users.platformUserId, lang: users.lang })
        .from(parcels)
        .innerJoin(users, eq(users.id, parcels.userId))
        .where(eq(parcels.id, id));
      if (!row) return undefined;
      const lang: Lang | null = row.lang === 'ko' || row.lang === 'en' ? row.lang : null;
      return {
        parcel: toRecord(row.parcel),
        owner: { platform: row.platform, platformUserId: row.platformUserId, lang },
      };
    },

    advance: (id, expectPollNo, patch: ParcelPatch, next) =>
      db.transaction(async (tx) => {
        const set: Partial<typeof parcels.$inferInsert> = { ...patch, pollNo: expectPollNo + 1, nextPollAt: next };
        const [row] = await tx
          .update(parcels)
          .set(set)
          .where(and(eq(parcels.id, id), eq(parcels.pollNo, expectPollNo)))
          .returning({ userId: parcels.userId });
        if (!row) return false;
        if (next)
          await tx
            .insert(jobs)
            .values(pollJob(id, row.userId, expectPollNo + 1, next))
            .onConflictDoNothing();
        return true;
      }),
  });
}
