// One poll of one parcel (the `parcel.poll` job): ask UNI-PASS, DM the user about new
// steps, then record the result and schedule the next poll in one compare-and-set step.
// A stale or duplicate job (wrong pollNo) does nothing, so a job that runs twice never
// schedules twice.
import { NOTICE } from '../notices';
import type { Clock, UserStore } from '../ports';
import { DeliveryError, type Lang, type Messenger, type Platform, type Reply } from '../types';
import { expiredReply, parcelUpdateReply } from './messages';
import type {
  CustomsRules,
  ParcelOwner,
  ParcelPatch,
  ParcelProgress,
  ParcelRecord,
  ParcelStore,
  UnipassPort,
} from './port';
import {
  addMinutes,
  DM_RETRY_MIN,
  FIRST_INTERVAL_MIN,
  lookupParcel,
  MAX_INTERVAL_MIN,
  newSteps,
  nextInterval,
  nextPollAt,
  stepKey,
  trackingEnds,
} from './polling';
import { scrubReply } from '../scrub';

export interface PollerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface PollerDeps {
  parcels: ParcelStore;
  unipass: UnipassPort;
  rules: CustomsRules;
  users: Pick<UserStore, 'addNotice'>;
  messenger(platform: Platform): Messenger | undefined;
  clock: Clock;
  log: PollerLogger;
}

/** The platform's adapter is not running in this process; check back less eagerly. */
const NO_MESSENGER_RETRY_MIN = 30;

export type PollPayload = { parcelId: string; pollNo: number };

export function readPollPayload(payload: Record<string, unknown>): PollPayload | undefined {
  const { parcelId, pollNo } = payload;
  return typeof parcelId === 'string' && typeof pollNo === 'number' && Number.isInteger(pollNo)
    ? { parcelId, pollNo }
    : undefined;
}

/**
 * What the job runner offers: a write that completes the poll, kept and retried if the database is gone after
 * a DM went out.
 */
export interface PollJob {
  record?(write: () => Promise<unknown>): void;
}

export function createParcelPoller(
  deps: PollerDeps,
): (payload: Record<string, unknown>, job?: PollJob) => Promise<void> {
  const { parcels, clock, log } = deps;

  return async function poll(raw, job) {
    const payload = readPollPayload(raw);
    if (!payload) return void log.warn({ job: 'parcel.poll' }, 'parcel poll without a valid payload; dropped');
    const found = await parcels.forPoll(payload.parcelId);
    // Untracked or forgotten since: nothing to do.
    if (!found) return;
    const { parcel, owner } = found;
    if (parcel.state !== 'active' || parcel.pollNo !== payload.pollNo) return;
    const now = clock.now();
    const lang: Lang = owner.lang ?? parcel.lang;
    const write = (patch: ParcelPatch, next: Date | null) => () =>
      parcels.advance(parcel.id, parcel.pollNo, { lastCheckedAt: now, ...patch }, next);
    // Recorded with the job's completion when the runner offers it, so a DM already sent is
    // not sent again because the database was unreachable when the poll tried to record it.
    const advance = async (patch: ParcelPatch, next: Date | null): Promise<void> => {
      if (job?.record) job.record(write(patch, next));
      else await write(patch, next)();
    };

    if (now >= trackingEnds(parcel.createdAt)) {
      const sent = await tell(owner, parcel, expiredReply(parcel, lang));
      // The goodbye is worth a few retries, not another 60 days.
      const giveUp = now.getTime() - trackingEnds(parcel.createdAt).getTime() > 24 * 3600_000;
      if (sent.kind === 'retry' && !giveUp) return void (await advance({}, addMinutes(now, sent.minutes)));
      if (sent.kind !== 'paused') await advance({ state: 'expired' }, null);
      return;
    }

    const query = parcel.cargMtNo ? ({ by: 'cargMtNo', cargMtNo: parcel.cargMtNo } as const) : parcel.query;
    const result = await lookupParcel(deps.unipass, query);
    if (result.kind !== 'found') {
      if (result.kind !== 'not_found')
        log.warn({ parcelId: parcel.id, outcome: result.kind }, 'parcel poll could not ask UNI-PASS');
      // Without a key there is nothing to learn soon; keep checking at the slowest pace.
      const minutes =
        result.kind === 'no_key' || result.kind === 'bad_key'
          ? MAX_INTERVAL_MIN
          : nextInterval(parcel.intervalMinutes, false);
      await advance({ intervalMinutes: minutes }, nextPollAt(now, minutes, parcel.createdAt));
      return;
    }

    const item = pickItem(result.items, parcel);
    const fresh = newSteps(item, parcel.seenSteps);
    if (fresh.length === 0 && !item.released) {
      const minutes = nextInterval(parcel.intervalMinutes, false);
      await advance(
        { intervalMinutes: minutes, ...(parcel.cargMtNo ? {} : identity(item)) },
        nextPollAt(now, minutes, parcel.createdAt),
      );
      return;
    }

    if (fresh.length > 0) {
      const sent = await tell(owner, parcel, parcelUpdateReply(parcel.label, item, fresh, lang, deps.rules));
      // Steps stay unseen on a retry, so the next run tells them again.
      if (sent.kind === 'retry') return void (await advance({}, addMinutes(now, sent.minutes)));
      if (sent.kind === 'paused') return;
    }
    const done: ParcelPatch = {
      ...identity(item),
      seenSteps: [...new Set([...parcel.seenSteps, ...item.steps.map(stepKey)])],
      lastStep: item.steps[0]?.name ?? parcel.lastStep,
      lastStepAt: item.steps[0]?.at ?? parcel.lastStepAt,
      intervalMinutes: FIRST_INTERVAL_MIN,
      state: item.released ? 'released' : 'active',
    };
    await advance(done, item.released ? null : nextPollAt(now, FIRST_INTERVAL_MIN, parcel.createdAt));
  };

  /** Sends a DM. `retry` for passing trouble; `paused` when DMs are closed for good (polling stops, a notice waits). */
  async function tell(
    owner: ParcelOwner,
    parcel: ParcelRecord,
    reply: Reply,
  ): Promise<{ kind: 'sent' | 'paused' } | { kind: 'retry'; minutes: number }> {
    const messenger = deps.messenger(owner.platform as Platform);
    if (!messenger) {
      log.info(
        { parcelId: parcel.id, platform: owner.platform },
        'no messenger for the platform yet; parcel DM will be retried',
      );
      return { kind: 'retry', minutes: NO_MESSENGER_RETRY_MIN };
    }
    try {
      // Parcel DMs carry outside text (goods names, B/L labels): scrubbed like every reply.
      await messenger.sendDirect(owner.platformUserId, scrubReply(reply));
      return { kind: 'sent' };
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      if (err.kind !== 'permanent') {
        const minutes = Math.max(1, Math.ceil((err.retryAfterMs ?? DM_RETRY_MIN * 60_000) / 60_000));
        log.info({ parcelId: parcel.id, kind: err.kind, retryMinutes: minutes }, 'parcel DM will be retried');
        return { kind: 'retry', minutes };
      }
      log.warn({ parcelId: parcel.id }, 'parcel DM refused for good; tracking paused');
      if (await parcels.advance(parcel.id, parcel.pollNo, { state: 'paused', lastCheckedAt: clock.now() }, null)) {
        await deps.users.addNotice(parcel.userId, { key: NOTICE.parcelPaused, params: { label: parcel.label } });
      }
      return { kind: 'paused' };
    }
  }
}

/** The shipment this parcel row follows: its own cargo number, else the first one found. */
function pickItem(items: ParcelProgress[], parcel: ParcelRecord): ParcelProgress {
  return (parcel.cargMtNo && items.find((i) => i.cargMtNo === parcel.cargMtNo)) || items[0]!;
}

function identity(item: ParcelProgress): ParcelPatch {
  return item.goods ? { cargMtNo: item.cargMtNo, goods: item.goods } : { cargMtNo: item.cargMtNo };
}
