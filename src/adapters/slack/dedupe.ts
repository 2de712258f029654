// Slack re-sends an event (X-Slack-Retry-Num) when our ack was slow or lost; Bolt hands the
// retry to the listeners again. Behind a load balancer the retry may reach another instance,
// so the memory of event_ids is shared through PostgreSQL (SharedSeenEvents: one
// `insert … on conflict do nothing returning` per event). SeenEvents is the in-process
// memory used when no shared store is given (tests, single process).
import type { EphemeralStore } from '../../core/ports';

export interface EventDedupe {
  /** True the first time an id is offered (within the TTL), false for repeats. */
  firstTime(id: string): boolean | Promise<boolean>;
}

export const EVENT_TTL_SECONDS = 60 * 60;

export class SharedSeenEvents implements EventDedupe {
  constructor(
    private readonly store: EphemeralStore,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async firstTime(id: string): Promise<boolean> {
    try {
      return await this.store.claimOnce('slack.event', id, EVENT_TTL_SECONDS);
    } catch (err) {
      // Database down: answering a retry twice beats never answering (the bot says "unavailable" anyway).
      this.onError(err);
      return true;
    }
  }
}

export class SeenEvents {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs = 60 * 60_000,
    private readonly max = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time an id is offered (within the TTL), false for repeats. */
  firstTime(id: string): boolean {
    const t = this.now();
    const at = this.seen.get(id);
    if (at !== undefined && t - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, t);
    while (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }
}
