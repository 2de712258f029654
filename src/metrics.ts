// The process's metrics: a prom-client registry behind the core's MetricsSink port
// (src/core/metrics.ts), the default process metrics, and gauges read from the database at
// scrape time. Label values are closed, short, lowercase words; anything else (a user id, a
// code, a token, free text) is recorded as "other", so no identifier can reach a label.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsSink } from './core/metrics';
import type { MetricsSource } from './http/ops';

const LABEL = /^[a-z][a-z0-9_.]{0,31}$/;

/** A label value as recorded: a short lowercase word, else "other". */
export function labelValue(v: unknown): string {
  return typeof v === 'string' && LABEL.test(v) ? v : 'other';
}

export interface QueueStats {
  /** Jobs due now or earlier and not yet done. */
  depth: number;
  /** Age of the oldest due job in seconds (0 when none). */
  oldestDueSeconds: number;
}

export interface PromMetrics {
  registry: Registry;
  sink: MetricsSink;
  source: MetricsSource;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

export function createPromMetrics(
  opts: { queueStats?: () => Promise<QueueStats>; defaultMetrics?: boolean } = {},
): PromMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: '' });
  const r = [registry];

  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter({ name, help, labelNames, registers: r });
  const latency = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: r });

  const events = counter('pccc_events_total', 'Inbound platform events handled', ['platform', 'kind', 'outcome']);
  // Slack HTTP mode: request arrival → response written; Slack Socket Mode: envelope arrival →
  // ack sent on the socket; Discord: interaction received → initial response accepted by Discord.
  const ack = latency('pccc_ack_seconds', 'Seconds from a platform event to its acknowledgement', ['platform']);
  const reply = latency('pccc_reply_seconds', 'Seconds from a platform event to its reply being sent', ['platform']);
  const pin = counter('pccc_pin_checks_total', 'PIN-checked operations', ['op', 'outcome']);
  const lockouts = counter('pccc_lockouts_total', 'PIN lockouts started');
  const reminders = counter('pccc_reminders_total', 'Reminder deliveries', ['kind', 'outcome']);
  const jobs = counter('pccc_jobs_total', 'Durable job runs', ['kind', 'outcome']);
  const unipassCalls = counter('pccc_unipass_calls_total', 'UNI-PASS API calls', ['api', 'outcome']);
  const unipassSeconds = latency('pccc_unipass_seconds', 'UNI-PASS API call duration', ['api']);
  const rateWaits = counter('pccc_rate_limit_waits_total', 'Requests that waited for a platform rate limit', [
    'platform',
  ]);
  const rateWaitSeconds = counter(
    'pccc_rate_limit_wait_seconds_total',
    'Seconds spent waiting for platform rate limits',
    ['platform'],
  );

  let last: QueueStats = { depth: 0, oldestDueSeconds: 0 };
  let pending: Promise<QueueStats> | undefined;
  const stats = async (): Promise<QueueStats> => {
    if (!opts.queueStats) return last;
    // One query per scrape even when both gauges collect; a slow database keeps the last value.
    pending ??= Promise.race([
      opts.queueStats().then((s) => (last = s)),
      new Promise<QueueStats>((resolve) => setTimeout(() => resolve(last), 1500).unref()),
    ])
      .catch(() => last)
      .finally(() => setTimeout(() => (pending = undefined), 0));
    return pending;
  };
  const gauge = (name: string, help: string, read: (s: QueueStats) => number) =>
    new Gauge({
      name,
      help,
      registers: r,
      async collect() {
        this.set(read(await stats()));
      },
    });
  gauge('pccc_job_queue_depth', 'Durable jobs due and not yet done (read from the database at scrape)', (s) => s.depth);
  gauge(
    'pccc_job_oldest_due_seconds',
    'Age of the oldest due durable job in seconds (read from the database at scrape)',
    (s) => s.oldestDueSeconds,
  );

  const L = labelValue;
  const secs = (s: number) => (Number.isFinite(s) && s >= 0 ? s : 0);
  const sink: MetricsSink = {
    event: (platform, kind, outcome) => events.inc({ platform: L(platform), kind: L(kind), outcome: L(outcome) }),
    ack: (platform, seconds) => ack.observe({ platform: L(platform) }, secs(seconds)),
    reply: (platform, seconds) => reply.observe({ platform: L(platform) }, secs(seconds)),
    pin: (op, outcome) => pin.inc({ op: L(op), outcome: L(outcome) }),
    lockout: () => lockouts.inc(),
    reminder: (kind, outcome) => reminders.inc({ kind: L(kind), outcome: L(outcome) }),
    job: (kind, outcome) => jobs.inc({ kind: L(kind), outcome: L(outcome) }),
    unipass: (api, outcome, seconds) => {
      unipassCalls.inc({ api: L(api), outcome: L(outcome) });
      unipassSeconds.observe({ api: L(api) }, secs(seconds));
    },
    rateLimitWait: (platform, seconds) => {
      rateWaits.inc({ platform: L(platform) });
      rateWaitSeconds.inc({ platform: L(platform) }, secs(seconds));
    },
  };
  return { registry, sink, source: { contentType: registry.contentType, render: () => registry.metrics() } };
}
