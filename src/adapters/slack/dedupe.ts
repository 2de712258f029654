// Slack re-sends an event (X-Slack-Retry-Num) when our ack was slow or lost; Bolt hands the
// retry to the listeners again. A bounded, time-limited memory of event_ids makes each
// event run once per process.
export class SeenEvents {
  private readonly seen = new Map<string, number>();
  constructor(private readonly ttlMs = 60 * 60_000, private readonly max = 20_000, private readonly now: () => number = Date.now) {}

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
