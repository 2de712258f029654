// Records the process owes the database. A reminder sent or a job done while PostgreSQL is
// unreachable has happened: forgetting that (and letting the lease run out) is what sends
// it twice. So a write that fails on a connection error is kept here, in order, and retried
// with backoff until the database answers again; the runners claim nothing new while
// anything is kept (a crash in between can only repeat what is kept here: the batch in hand).
import { isConnectionError } from '../db/boundary';
import type { Logger } from '../log';

export interface OutboxOptions {
  /** First retry delay after a failed flush; doubles up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A statement that has not answered after this long counts as a lost connection. */
  timeoutMs?: number;
}

/**
 * A statement with no answer. postgres.js queues a query while it reconnects, so during an
 * outage a query may neither fail nor succeed for as long as the outage lasts; the scheduler
 * must not wait on it (its writes are idempotent, so one that lands later does no harm).
 */
export class DatabaseTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no answer from the database in ${ms} ms`);
    this.name = 'DatabaseTimeout';
  }
}

export const DEFAULT_DB_TIMEOUT_MS = 15_000;

/** `work`, or a DatabaseTimeout after `ms`. */
export function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeout(ms)), ms);
  });
  work.catch(() => undefined); // a late failure after the timeout is nobody's business
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

interface Kept {
  what: string;
  run: () => Promise<unknown>;
}

/** The error's class and driver code, readable whatever the logger redacts (`name`/`code` may be). */
export function errInfo(err: unknown): { errClass: string; errCode?: string; errMessage?: string } {
  let errClass = 'unknown';
  let errCode: string | undefined;
  let errMessage: string | undefined;
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const o = e as {
      name?: unknown;
      code?: unknown;
      errno?: unknown;
      message?: unknown;
      cause?: unknown;
      constructor?: { name?: string };
    };
    if (depth === 0 || errClass === 'StorageUnavailable')
      errClass = typeof o.name === 'string' ? o.name : (o.constructor?.name ?? 'unknown');
    if (!errCode && typeof o.code === 'string') errCode = o.code;
    if (!errCode && typeof o.errno === 'string') errCode = o.errno;
    if (typeof o.message === 'string') errMessage = o.message.slice(0, 200);
    e = o.cause;
  }
  return errCode ? { errClass, errCode, errMessage } : { errClass, errMessage };
}

export class Outbox {
  private readonly kept: Kept[] = [];
  private flushing: Promise<boolean> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  readonly timeoutMs: number;
  private downSince: number | null = null;
  private closed = false;

  constructor(
    private readonly log: Logger,
    private readonly name: string,
    opts: OutboxOptions = {},
  ) {
    this.minBackoffMs = opts.minBackoffMs ?? 500;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.backoffMs = this.minBackoffMs;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_DB_TIMEOUT_MS;
  }

  /** Records kept in memory, waiting for the database. */
  get size(): number {
    return this.kept.length;
  }

  /**
   * Runs a write now, or keeps it for later when the database is unreachable (or earlier
   * records are still waiting: order is kept). Resolves true when written now. Any other
   * error is the caller's.
   */
  async write(what: string, run: () => Promise<unknown>): Promise<boolean> {
    if (this.kept.length > 0) {
      this.kept.push({ what, run });
      return false;
    }
    try {
      await bounded(run(), this.timeoutMs);
      return true;
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      this.keep({ what, run }, err);
      return false;
    }
  }

  /** Writes everything kept, in order; true once nothing is left. One flush at a time. */
  flush(): Promise<boolean> {
    if (this.kept.length === 0) return Promise.resolve(true);
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** Keeps flushing until empty or `deadline` (epoch ms) passes. */
  async drain(deadline: number): Promise<boolean> {
    while (this.kept.length > 0) {
      if (await this.flush()) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise((r) => setTimeout(r, Math.min(this.backoffMs, left)));
    }
    return true;
  }

  /** No more background retries (shutdown). Whatever is still kept is reported. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.kept.length > 0)
      this.log.error(
        { outbox: this.name, kept: this.kept.length, what: this.kept[0]!.what },
        'shutting down with records the database never got',
      );
  }

  private keep(item: Kept, err: unknown): void {
    this.kept.push(item);
    if (this.downSince === null) {
      this.downSince = Date.now();
      this.log.error(
        { err, ...errInfo(err), outbox: this.name, what: item.what },
        'database unreachable: keeping records in memory and retrying; no new claims until written',
      );
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().then((ok) => {
        if (!ok) {
          this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
          this.schedule();
        }
      });
    }, this.backoffMs);
    this.timer.unref();
  }

  private async flushOnce(): Promise<boolean> {
    let written = 0;
    while (this.kept.length > 0) {
      const item = this.kept[0]!;
      try {
        await bounded(item.run(), this.timeoutMs);
      } catch (err) {
        if (isConnectionError(err)) {
          this.log.warn(
            { err, ...errInfo(err), outbox: this.name, kept: this.kept.length, retryMs: this.backoffMs },
            'database still unreachable; records kept',
          );
          this.schedule();
          return false;
        }
        // Not the connection: this record cannot be written as it is. Say so and go on.
        this.log.error(
          { err, ...errInfo(err), outbox: this.name, what: item.what },
          'a kept record could not be written; dropped',
        );
      }
      this.kept.shift();
      written++;
    }
    this.log.info(
      { outbox: this.name, written, downMs: this.downSince === null ? 0 : Date.now() - this.downSince },
      'database back: kept records written',
    );
    this.downSince = null;
    this.backoffMs = this.minBackoffMs;
    return true;
  }
}
