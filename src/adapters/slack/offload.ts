// SLACK_WORKER: the thread that acknowledges Slack does nothing else. Under load, the work after
// an ack (Bolt's listeners, the core, the database, the replies) kept this thread's event loop
// busy enough that the next request's ack waited behind it. With a worker, the main thread
// verifies the signature (Bolt's HTTPReceiver), acks what our listeners ack with an empty 200
// at once, and posts the parsed body to a worker thread that runs the same Bolt listeners on
// its own app (its own database connections). A view submission, whose ack carries the
// core's answer, is acked when the worker's listener acks.
import { Worker, type MessagePort } from 'node:worker_threads';
import { ReceiverMultipleAckError, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { metrics, setMetricsSink, type MetricsSink } from '../../core/metrics';
import type { Logger } from '../../log';
import { COMMAND } from './listeners/commands';
import { ACTION_PATTERN } from './listeners/actions';

/** Main thread → worker. */
type ToWorker =
  | { t: 'event'; id: number; body: unknown; retryNum?: number; retryReason?: string; acked: boolean }
  | { t: 'stop'; graceMs: number };
/** Worker → main thread. */
type FromWorker =
  | { t: 'ready' }
  | { t: 'ack'; id: number; response?: unknown }
  | { t: 'done'; id: number }
  | { t: 'metrics'; calls: MetricCall[] }
  | { t: 'stopped' }
  | { t: 'failed'; message: string };
type MetricCall = [keyof MetricsSink, ...unknown[]];

/** Told, with the body, about each forwarded event the worker died with (it will not be answered). */
export type OnLostEvent = (body: unknown) => Promise<void>;

export interface WorkerBoot {
  /** A module exporting `createSlackWorkerHost(data)`: builds the worker's app (see worker-host.ts). */
  hostModule: string;
  /** Passed to createSlackWorkerHost; structured-cloneable. */
  data?: unknown;
  submissionDeadlineMs?: number;
}

/**
 * What our listeners ack with an empty 200 before any work: `/pccc` (commands.ts), buttons
 * (actions.ts), and events (Bolt acks those itself). Anything else waits for the worker's ack.
 */
export function acksAtOnce(body: Record<string, unknown>): boolean {
  if (typeof body.command === 'string') return body.command === COMMAND;
  if (body.type === 'event_callback')
    return (body.event as { type?: unknown } | undefined)?.type !== 'function_executed';
  if (body.type === 'block_actions') {
    const first = (body.actions as Array<{ action_id?: unknown }> | undefined)?.[0];
    return typeof first?.action_id === 'string' && ACTION_PATTERN.test(first.action_id);
  }
  return false;
}

/** The main thread's side: starts the worker, forwards events, knows what is still in flight. */
export class SlackWorkerLink {
  private seq = 0;
  private readonly acks = new Map<number, ReceiverEvent['ack']>();
  /** Forwarded events not done yet, with their bodies (memory only: told of if the worker dies). */
  private readonly inflight = new Map<number, unknown>();
  private readonly waiters: Array<() => void> = [];
  private stopped?: () => void;
  private up = false;
  private restarts = 0;

  private constructor(
    private worker: Worker,
    private readonly log: Logger,
    private readonly boot: WorkerBoot,
    private readonly onLost: OnLostEvent,
  ) {
    this.attach(worker);
  }

  private attach(worker: Worker): void {
    worker.on('message', (m: FromWorker) => this.onMessage(m));
    worker.on('error', (err) => this.log.error({ err: err.name }, 'slack: the worker thread failed'));
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      const expected = Boolean(this.stopped);
      this.up = false;
      this.stopped?.();
      // Nothing more will finish: unblock idle(); unacked requests get Bolt's unhandled-request answer.
      const lost = [...this.inflight.values()];
      this.acks.clear();
      this.inflight.clear();
      this.settle();
      if (expected) return;
      this.log.error({ code, lost: lost.length }, 'slack: the worker thread exited; starting a new one');
      // Acked already, so Slack will not resend them: each person is told to try again.
      for (const body of lost) void this.onLost(body).catch(() => undefined);
      void this.respawn();
    });
  }

  /** A new worker after an unexpected exit, with a growing pause (capped) so a crash loop cannot spin. */
  private async respawn(): Promise<void> {
    const pause = Math.min(30_000, 500 * 2 ** this.restarts++);
    await new Promise((r) => setTimeout(r, pause).unref());
    if (this.stopped) return;
    try {
      const worker = await SlackWorkerLink.spawn(this.boot);
      if (this.stopped) {
        await worker.terminate();
        return;
      }
      this.worker = worker;
      this.attach(worker);
      this.up = true;
      this.log.info({ restarts: this.restarts }, 'slack: a new worker thread takes events');
    } catch (err) {
      this.log.error({ err: (err as Error).name }, 'slack: the new worker thread did not start');
      void this.respawn();
    }
  }

  static async start(boot: WorkerBoot, log: Logger, onLost: OnLostEvent = async () => {}): Promise<SlackWorkerLink> {
    const worker = await SlackWorkerLink.spawn(boot);
    const link = new SlackWorkerLink(worker, log, boot, onLost);
    link.up = true;
    return link;
  }

  /** Starts a worker and waits for it to say it is ready. */
  private static async spawn(boot: WorkerBoot): Promise<Worker> {
    const entry = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
    const data = { hostModule: boot.hostModule, data: boot.data, submissionDeadlineMs: boot.submissionDeadlineMs };
    // From TypeScript (npm start, tests, benches) the worker needs tsx's loader registered first;
    // the production build (dist/) starts the compiled file directly.
    const tsxApi = entry.pathname.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : '';
    const worker = entry.pathname.endsWith('.ts')
      ? new Worker(
          `(async () => { const { register } = await import(${JSON.stringify(tsxApi)}); register(); ` +
            `await import(${JSON.stringify(entry.href)}); })();`,
          { eval: true, workerData: data },
        )
      : new Worker(entry, { workerData: data });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.t === 'ready') done();
        if (m.t === 'failed') done(new Error(`slack worker: ${m.message}`));
      };
      const onExit = (code: number) => done(new Error(`slack worker exited during start-up (code ${code})`));
      const done = (err?: Error) => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (err) void worker.terminate().finally(() => reject(err));
        else resolve();
      };
      worker.on('message', onMessage);
      worker.once('exit', onExit);
    });
    return worker;
  }

  /** Forwarded events the worker has not finished (bounded by the events route, see index.ts). */
  get inflightCount(): number {
    return this.inflight.size;
  }

  /** The worker is running and takes events. */
  get alive(): boolean {
    return this.up;
  }

  /** Bolt's HTTPReceiver calls this (it is the receiver's "app") for every verified request. */
  readonly processEvent = async (event: ReceiverEvent): Promise<void> => {
    // The worker died while this request's body arrived: a message to it is dropped and would
    // stay in flight for good (the 503 bound counts it). Unacked, so Bolt answers 500 and Slack retries.
    if (!this.up) throw new Error('slack worker: not running');
    const id = ++this.seq;
    const acked = acksAtOnce(event.body as Record<string, unknown>);
    if (acked) await event.ack();
    else this.acks.set(id, event.ack);
    this.inflight.set(id, event.body);
    this.worker.postMessage({
      t: 'event',
      id,
      body: event.body,
      retryNum: event.retryNum,
      retryReason: event.retryReason,
      acked,
    } satisfies ToWorker);
  };

  /** Resolves when every forwarded event has been worked on (replies sent). */
  idle(): Promise<void> {
    return this.inflight.size === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Lets the worker finish what it has (up to graceMs), close its app, and exit. */
  async stop(graceMs: number): Promise<void> {
    if (!this.up) {
      // Crashed and waiting to be replaced: no replacement (its thread and database connections
      // would outlive the shutdown).
      this.stopped ??= () => {};
      return;
    }
    const exited = new Promise<void>((resolve) => {
      this.stopped = resolve;
    });
    this.worker.postMessage({ t: 'stop', graceMs } satisfies ToWorker);
    // The worker bounds its own wait; this bounds a worker that does not answer at all.
    const timer = setTimeout(() => void this.worker.terminate(), graceMs + 5_000);
    await exited;
    clearTimeout(timer);
  }

  private onMessage(m: FromWorker): void {
    switch (m.t) {
      case 'ack': {
        const ack = this.acks.get(m.id);
        this.acks.delete(m.id);
        ack?.(m.response as never).catch(() => undefined);
        return;
      }
      case 'done':
        this.acks.delete(m.id);
        this.inflight.delete(m.id);
        this.settle();
        return;
      case 'metrics': {
        const sink = metrics() as unknown as Record<string, (...a: unknown[]) => void>;
        for (const [name, ...args] of m.calls) sink[name]?.(...args);
        return;
      }
      case 'stopped':
        void this.worker.terminate();
        return;
    }
  }

  private settle(): void {
    if (this.inflight.size === 0) this.waiters.splice(0).forEach((w) => w());
  }
}

/** The worker's side: a Bolt receiver fed by the main thread. */
export class ParentReceiver implements Receiver {
  private app?: App;
  constructor(private readonly port: MessagePort) {}

  init(app: App): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Runs one event through Bolt; tells the main thread when it is acked and when it is done. */
  async dispatch(m: Extract<ToWorker, { t: 'event' }>): Promise<void> {
    // Pre-acked on the main thread: the listener's own ack() is a no-op here.
    let acked = false;
    const ack = async (response?: unknown) => {
      if (m.acked) return;
      if (acked) throw new ReceiverMultipleAckError();
      acked = true;
      this.port.postMessage({ t: 'ack', id: m.id, response } satisfies FromWorker);
    };
    try {
      await this.app!.processEvent({ body: m.body as never, ack, retryNum: m.retryNum, retryReason: m.retryReason });
    } catch {
      // Bolt's HTTPReceiver answers a failed event with an empty 200 as well (and Bolt logged it).
      if (!m.acked && !acked) await ack().catch(() => undefined);
    } finally {
      this.port.postMessage({ t: 'done', id: m.id } satisfies FromWorker);
    }
  }
}

/** The worker's metrics go to the main thread's registry, a batch every 100 ms. */
export function relayMetrics(port: MessagePort): { flush(): void } {
  let calls: MetricCall[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (calls.length) port.postMessage({ t: 'metrics', calls } satisfies FromWorker);
    calls = [];
  };
  const record =
    (name: keyof MetricsSink) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      timer ??= setTimeout(flush, 100).unref();
    };
  const names: Array<keyof MetricsSink> = [
    'event',
    'ack',
    'reply',
    'pin',
    'lockout',
    'reminder',
    'job',
    'unipass',
    'rateLimitWait',
  ];
  setMetricsSink(Object.fromEntries(names.map((n) => [n, record(n)])) as unknown as MetricsSink);
  return { flush };
}

export type { ToWorker, FromWorker };
