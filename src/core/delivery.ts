// Private delivery, one service for every adapter: a sensitive reply (a revealed code) goes by
// DM and is deleted later by a durable job; when DMs are closed the adapter shows it in place,
// only to the user, and that fallback is deleted later too. Deletion is fail closed: a reply
// whose deletion cannot be promised is deleted at once. The service knows the Messenger port and
// one "schedule a deletion" port (app.ts backs it with the durable job store).
import type { Clock } from './ports';
import { DeliveryError, type Messenger, type Platform, type Reply } from './types';

/** What to delete: a DM (Messenger.deleteDirect) or an interaction reply (Messenger.deleteInteractionReply). */
export interface Deletion {
  target: 'dm' | 'interaction';
  platform: Platform;
  /** The messenger's reference; an interaction's holds its token (the port must store it sealed). */
  ref: string;
  /** An interaction reply can only be deleted until its token expires; past this the job ends. */
  expiresAt?: Date;
}

/** Durably schedules `deletion` at `runAt` (survives a restart). Throws when it cannot. */
export type ScheduleDeletion = (deletion: Deletion, runAt: Date) => Promise<void>;

/** How a reveal went: by DM, not at all because DMs are closed (show it in place), or failed. */
export type RevealResult = 'sent' | 'closed' | 'failed';

/**
 * How the deletion jobs are retried: never given up (a platform outage only delays a deletion;
 * "already gone" counts as done), a DM at least every 15 minutes, an interaction reply every
 * minute (its token dies 15 minutes after the interaction).
 */
export const DELETION_RETRY = {
  dm: { neverDrop: true, maxBackoffMs: 15 * 60_000 },
  interaction: { neverDrop: true, maxBackoffMs: 60_000 },
} as const;

/** An interaction token's last usable moment (Discord: 15 min); the deletion runs 30 s before. */
const EXPIRY_MARGIN_MS = 30_000;

export interface PrivateDeliveryDeps {
  messenger(platform: Platform): Messenger | undefined;
  scheduleDeletion: ScheduleDeletion;
  clock: Clock;
  log: { warn(obj: object, msg?: string): void };
  /** Seconds a reveal stays when the reply does not say (REVEAL_TTL). */
  revealTtlSeconds: number;
}

/** Unscheduled deletions held in memory at most (the oldest go first; each is a few bytes). */
const MAX_UNSCHEDULED = 10_000;

export class PrivateDelivery {
  /** Replies that could neither be scheduled for deletion nor deleted at once (an outage on both sides). */
  private readonly unscheduled: Deletion[] = [];

  constructor(private readonly deps: PrivateDeliveryDeps) {}

  /**
   * Schedules, due now, the deletions that could not be scheduled before (see scheduleOrDeleteNow).
   * Runs before every new scheduling; the app's tick may call it too. Stops at the first failure.
   */
  async retryUnscheduled(): Promise<void> {
    while (this.unscheduled.length > 0) {
      await this.deps.scheduleDeletion(this.unscheduled[0]!, this.deps.clock.now());
      this.unscheduled.shift();
    }
  }

  /**
   * DMs a sensitive reply and durably schedules its deletion. Throws DeliveryError('permanent')
   * when the user's DMs are closed, and the scheduling error (after deleting the DM) when its
   * deletion cannot be promised.
   */
  async send(platform: Platform, userId: string, reply: Reply): Promise<void> {
    const m = this.deps.messenger(platform);
    if (!m) throw new DeliveryError(`no messenger for ${platform}`, 'permanent');
    const { ref } = await m.sendDirect(userId, reply);
    const seconds = reply.sensitive?.deleteAfterSeconds ?? this.deps.revealTtlSeconds;
    await this.scheduleOrDeleteNow({ target: 'dm', platform, ref }, this.after(seconds), () => m.deleteDirect(ref));
  }

  /** `send`, with the adapter's next step as the answer: nothing, the in-place fallback, or "failed". */
  async reveal(platform: Platform, userId: string, reply: Reply): Promise<RevealResult> {
    try {
      await this.send(platform, userId, reply);
      return 'sent';
    } catch (err) {
      if (err instanceof DeliveryError && err.kind === 'permanent') return 'closed';
      this.deps.log.warn(
        { platform, kind: err instanceof DeliveryError ? err.kind : 'error' },
        'private delivery failed',
      );
      return 'failed';
    }
  }

  /**
   * Durably deletes the in-place fallback of a reveal (an interaction reply) after the reveal TTL,
   * before its token expires. If that cannot be scheduled, `deleteNow` removes it at once.
   */
  async deleteFallbackLater(
    platform: Platform,
    ref: string,
    expiresAt: Date,
    deleteNow: () => Promise<void>,
  ): Promise<void> {
    const runAt = new Date(
      Math.min(this.after(this.deps.revealTtlSeconds).getTime(), expiresAt.getTime() - EXPIRY_MARGIN_MS),
    );
    await this.scheduleOrDeleteNow({ target: 'interaction', platform, ref, expiresAt }, runAt, deleteNow).catch(
      () => undefined,
    );
  }

  /**
   * Runs a due deletion (the durable job's handler). "Already gone" counts as done (the
   * messengers say so); a missing messenger is transient, so the job waits for a process that
   * serves the platform. An interaction reply past its token's life ends without a request
   * (`ref` may be a function: a sealed reference is then opened only when it is used).
   */
  async runDeletion(d: Omit<Deletion, 'ref'> & { ref: string | (() => string) }): Promise<void> {
    if (d.expiresAt && !(this.deps.clock.now().getTime() < d.expiresAt.getTime())) {
      this.deps.log.warn({ platform: d.platform }, 'interaction token expired before its reply could be deleted');
      return;
    }
    const m = this.deps.messenger(d.platform);
    const ref = typeof d.ref === 'function' ? d.ref() : d.ref;
    if (d.target === 'dm') {
      if (!m) throw new DeliveryError(`no messenger for ${d.platform}`, 'transient');
      await m.deleteDirect(ref);
      return;
    }
    if (!m?.deleteInteractionReply) throw new DeliveryError(`no messenger for ${d.platform}`, 'transient');
    await m.deleteInteractionReply(ref);
  }

  private after(seconds: number): Date {
    return new Date(this.deps.clock.now().getTime() + seconds * 1000);
  }

  /** Fail closed: a reply we cannot promise to delete later is deleted now, and the error stands. */
  private async scheduleOrDeleteNow(d: Deletion, runAt: Date, deleteNow: () => Promise<void>): Promise<void> {
    try {
      await this.retryUnscheduled();
      await this.deps.scheduleDeletion(d, runAt);
    } catch (err) {
      this.deps.log.warn(
        { platform: d.platform, target: d.target },
        'could not schedule the deletion of a private reply; deleting it now',
      );
      await deleteNow().catch(() => {
        // Neither way worked: remember it, so it is scheduled once the store answers again.
        this.unscheduled.push(d);
        if (this.unscheduled.length > MAX_UNSCHEDULED) this.unscheduled.shift();
        this.deps.log.warn({ platform: d.platform }, 'could not delete an unscheduled reply; kept for later');
      });
      throw err;
    }
  }
}
