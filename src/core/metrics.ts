// What the bot counts, as a port: the core and the scheduler say what happened; the process
// decides where it goes (prom-client in production, nothing in tests). Labels are small
// closed sets — never a user id, a code, a B/L or any free text.
export type Outcome = string;

export interface MetricsSink {
  /**
   * events handled: platform (slack|discord|terminal), kind (command|message|action|form), outcome
   * (ok|error|unavailable)
   */
  event(platform: string, kind: string, outcome: Outcome): void;
  /** seconds from a platform event to its acknowledgement / to the reply being sent */
  ack(platform: string, seconds: number): void;
  reply(platform: string, seconds: number): void;
  /**
   * PIN-checked operations: op (reveal|pin_change|replace|register|verify), outcome
   * (ok|wrong_pin|locked|busy|rate_limited)
   */
  pin(op: string, outcome: Outcome): void;
  /** lockouts started */
  lockout(): void;
  /** reminders: outcome (sent|retried|paused|failed) */
  reminder(kind: string, outcome: Outcome): void;
  /** durable job runs: kind (dm.delete|parcel.poll|…), outcome (done|retry|failed) */
  job(kind: string, outcome: Outcome): void;
  /** UNI-PASS calls: api (verify|cargo), outcome (ok|mismatch|not_found|fault|timeout|http_error) */
  unipass(api: string, outcome: Outcome, seconds: number): void;
  /** a request waited for a rate limit: platform */
  rateLimitWait(platform: string, seconds: number): void;
}

const noop: MetricsSink = {
  event() {},
  ack() {},
  reply() {},
  pin() {},
  lockout() {},
  reminder() {},
  job() {},
  unipass() {},
  rateLimitWait() {},
};

let sink: MetricsSink = noop;

/** The process-wide sink; a no-op until the process installs one (see src/metrics.ts). */
export function metrics(): MetricsSink {
  return sink;
}

export function setMetricsSink(next: MetricsSink | undefined): void {
  sink = next ?? noop;
}
