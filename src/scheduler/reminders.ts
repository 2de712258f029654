// The reminders dispatcher: claims due rows in batches (FOR UPDATE SKIP LOCKED), sends, and
// records each delivery under the unique (reminder, slot) key in the same statement that
// advances the row. A claim is a lease: it moves next_due forward, so a crashed instance's
// rows come due again when the lease runs out, and a finished batch can only write back
// while it still holds the claim token and the user has not edited the row meanwhile.
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { theftFollowUp, type ImportCheckSchedule } from '../core/reminders';
import { THEFT_FOLLOW_UP_JOB, type ReminderStore } from '../core/reminders/ports';
import { DeliveryError, type Lang, type Messenger, type Platform, type Reply } from '../core/types';
import type { Database } from '../db/client';
import type { Logger } from '../log';
import type { JobRunner } from './jobs';
import { cappedBackoff, LeaseEngine } from './engine';
import { bounded, errInfo, type OutboxOptions } from './outbox';
import { metrics } from '../core/metrics';
import { isConnectionError } from '../db/boundary';
import { appendNotice } from '../db/stores';
import { NOTICE } from '../core/notices';
import { planReminder, toReply, type ClaimedReminder, type Plan } from './reminder-plan';
import { sleep, type RateLimiter } from './rate-limit';

export interface DispatcherOptions {
  batchSize?: number;
  /** How long a claim holds; an instance killed mid-batch releases its rows after this. */
  leaseSeconds?: number;
  /** Sends in flight at once per instance. */
  concurrency?: number;
  /** A send slower than this is abandoned (kept well under the lease so no other instance can race it). */
  sendTimeoutMs?: number;
  /** Longest 429 wait handled inside the batch; longer ones release the row until then. */
  maxInlineRetryMs?: number;
  limiters?: Partial<Record<Platform, RateLimiter>>;
  /** A sweep stops claiming after this long (the tick is every minute; it must not hold it). */
  budgetMs?: number;
  /** The clock the budget is measured on (tests: a fake one). */
  clock?: () => number;
  /** Backoff of the in-memory records while the database is unreachable. */
  outbox?: OutboxOptions;
  /** The platforms this process serves; only their users' reminders are claimed (unset: all). */
  platforms?: () => readonly string[];
}

export interface SweepResult {
  claimed: number;
  delivered: number;
  advanced: number;
  retried: number;
  paused: number;
  rateLimited: number;
  /** Records kept in memory because the database did not answer (0 when all were written). */
  kept: number;
  /** The sweep stopped claiming: out of time budget, or the database is unreachable. */
  stoppedBy?: 'budget' | 'database' | 'stop';
}

type Outcome =
  | { kind: 'delivered' }
  | { kind: 'already' }
  | { kind: 'retry'; afterMs: number; error: string }
  | { kind: 'paused'; error: string }
  | { kind: 'released' };

interface Work {
  row: ClaimedReminder;
  plan: Plan;
  outcome?: Outcome;
}

const MAX_BACKOFF_MS = 3_600_000;

export class ReminderDispatcher {
  private readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly concurrency: number;
  private readonly sendTimeoutMs: number;
  private readonly maxInlineRetryMs: number;
  private readonly token = randomUUID();
  private running: Promise<SweepResult> | null = null;
  /** A 429 pauses every send to that platform from this instance until then. */
  private readonly pausedUntil = new Map<string, number>();
  private readonly engine: LeaseEngine<ClaimedReminder>;
  /** The sweep under way: its counts, and the database clock of its latest claim. */
  private total: SweepResult = emptyResult();
  private claimedAt = new Date(0);

  constructor(
    private readonly database: Database,
    private readonly messenger: (p: Platform) => Messenger | undefined,
    private readonly log: Logger,
    private readonly opts: DispatcherOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.leaseSeconds = opts.leaseSeconds ?? 120;
    this.concurrency = opts.concurrency ?? 32;
    this.sendTimeoutMs = opts.sendTimeoutMs ?? (this.leaseSeconds * 1000) / 4;
    this.maxInlineRetryMs = opts.maxInlineRetryMs ?? 10_000;
    this.engine = new LeaseEngine(
      'reminders',
      log,
      {
        claim: async (now) => {
          const { rows, dbNow } = await this.claim(now);
          this.claimedAt = dbNow;
          return rows;
        },
        process: async (rows) => {
          const r = await this.process(rows, this.claimedAt);
          for (const k of COUNTS) this.total[k] += r[k];
        },
      },
      { budgetMs: opts.budgetMs, clock: opts.clock, outbox: opts.outbox },
    );
  }

  private get outbox() {
    return this.engine.outbox;
  }

  /** Delivery records waiting in memory for the database. */
  get pendingRecords(): number {
    return this.outbox.size;
  }

  /**
   * Sweeps until nothing is due, `maxBatches`, or the time budget (`until`, epoch ms on the
   * dispatcher's clock; default now + budgetMs). `now` replaces the database clock in tests.
   */
  runDue(now?: Date, maxBatches = Infinity, until?: number): Promise<SweepResult> {
    if (this.running) return this.running;
    const total = emptyResult();
    this.total = total;
    this.running = this.engine
      .sweep(now, maxBatches, until)
      .then((stoppedBy) => {
        total.kept = this.outbox.size;
        return stoppedBy ? { ...total, stoppedBy } : total;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Graceful stop: no new claims; the batch in hand finishes (unsent rows are released), and
   * records kept for the database are written, trying until `deadline` (epoch ms).
   */
  stop(deadline = Date.now() + 10_000): Promise<void> {
    return this.engine.stop(deadline);
  }

  private at(now: Date | undefined): SQL {
    return now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  }

  private async claim(now?: Date): Promise<{ rows: ClaimedReminder[]; dbNow: Date }> {
    const at = this.at(now);
    const raw = await this.database.rows<Record<string, unknown>>(sql`
      with due as (
        select id, next_due as old_due from reminders
        where status = 'active' and next_due is not null and next_due <= ${at}${this.platformFilter()}
        order by next_due
        limit ${this.batchSize}
        for update skip locked
      )
      update reminders r set next_due = ${at} + make_interval(secs => ${this.leaseSeconds}), claim_token = ${this.token}
      from due, users u
      where r.id = due.id and u.id = r.user_id
      returning r.id, r.user_id, r.kind, r.schedule, r.expires_on::text as expires_on, r.time_zone, r.lang,
        u.lang as user_lang, r.last_slot, r.snoozed_until, due.old_due, r.version, r.attempts, u.platform,
        u.platform_user_id, ${at} as db_now`);
    const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
    const rows = raw.map((r) => ({
      id: Number(r.id),
      userId: String(r.user_id),
      kind: r.kind as ClaimedReminder['kind'],
      schedule: (typeof r.schedule === 'string' ? JSON.parse(r.schedule) : r.schedule) as ImportCheckSchedule | null,
      expiresOn: (r.expires_on as string | null) ?? null,
      timeZone: String(r.time_zone),
      lang: ((r.user_lang ?? r.lang) === 'en' ? 'en' : 'ko') as Lang,
      lastSlot: date(r.last_slot),
      snoozedUntil: date(r.snoozed_until),
      oldDue: date(r.old_due)!,
      version: Number(r.version),
      attempts: Number(r.attempts),
      platform: String(r.platform),
      platformUserId: String(r.platform_user_id),
    }));
    return { rows, dbNow: date(raw[0]?.db_now) ?? now ?? new Date() };
  }

  private platformFilter(): SQL {
    const served = this.opts.platforms?.();
    if (!served) return sql``;
    if (served.length === 0) return sql` and false`;
    return sql` and user_id in (select id from users where platform in (${sql.join(
      served.map((p) => sql`${p}`),
      sql`, `,
    )}))`;
  }

  private async process(rows: ClaimedReminder[], now: Date): Promise<SweepResult> {
    const work: Work[] = rows.map((row) => ({ row, plan: planReminder(row, now) }));
    const sends = work.filter((w) => 'send' in w.plan && w.plan.send);
    // A slot already recorded (a lease lost after the send): advance without sending again.
    if (sends.length > 0) {
      const keys = sends.map((w) => ({ id: w.row.id, slot: (w.plan as { slot: Date }).slot.toISOString() }));
      try {
        const done = await bounded(
          this.database.rows<{ reminder_id: string | number; slot: unknown }>(sql`
            select d.reminder_id, d.slot from reminder_deliveries d
            join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(id bigint, slot timestamptz)
              on d.reminder_id = k.id and d.slot = k.slot`),
          this.outbox.timeoutMs,
        );
        const seen = new Set(done.map((d) => Number(d.reminder_id)));
        for (const w of sends) if (seen.has(w.row.id)) w.outcome = { kind: 'already' };
      } catch (err) {
        if (!isConnectionError(err)) throw err;
        // Cannot tell what went out before: send nothing, give the rows back.
        this.log.warn({ err, ...errInfo(err) }, 'reminders: database lost after the claim; batch released');
        this.engine.halt();
        for (const w of work) w.outcome = { kind: 'released' };
      }
    }
    const result: SweepResult = { ...emptyResult(), claimed: rows.length };
    await this.pool(
      sends.filter((w) => !w.outcome),
      async (w) => {
        const plan = w.plan as { send: Reply; slot: Date };
        w.outcome = await this.deliver(w.row, plan.send, plan.slot, result);
      },
    );
    await this.finish(work, now, result);
    return result;
  }

  private async pool(items: Work[], run: (w: Work) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const w = items[next++]!;
        if (this.engine.shouldRelease) {
          w.outcome = { kind: 'released' };
          continue;
        }
        await run(w);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker));
  }

  private async deliver(row: ClaimedReminder, reply: Reply, slot: Date, result: SweepResult): Promise<Outcome> {
    const platform = row.platform as Platform;
    const m = this.messenger(platform);
    if (!m) return { kind: 'retry', afterMs: backoff(row.attempts), error: 'no-messenger' };
    const limiter = this.opts.limiters?.[platform];
    for (let attempt = 0; ; attempt++) {
      const wait = (this.pausedUntil.get(platform) ?? 0) - Date.now();
      // A long platform pause is not slept through: the sweep must keep its budget, let stop()
      // end it and leave the tick to other work (reveal deletions), so the row is retried later.
      if (wait > this.maxInlineRetryMs || (wait > 0 && this.engine.isStopping))
        return { kind: 'retry', afterMs: wait, error: 'rate_limited' };
      if (wait > 0) await sleep(wait);
      if (this.engine.isStopping && attempt > 0) return { kind: 'released' };
      try {
        if (limiter) await bounded(limiter.take(), this.outbox.timeoutMs);
      } catch (err) {
        // The shared budget lives in the database: it is gone, so send nothing more now.
        if (!isConnectionError(err)) throw err;
        this.engine.halt();
        return { kind: 'released' };
      }
      try {
        // Keyed: a send after a 5xx or a timeout (maybe delivered) is recognised, not repeated.
        await withTimeout(
          m.sendDirect(row.platformUserId, reply, {
            key: deliveryKey(row.id, slot),
            since: slot,
            recheck: row.attempts > 0 || attempt > 0,
          }),
          this.sendTimeoutMs,
        );
        return { kind: 'delivered' };
      } catch (err) {
        const kind = err instanceof DeliveryError ? err.kind : 'transient';
        if (kind === 'permanent') return { kind: 'paused', error: (err as Error).name };
        if (kind === 'rate_limited') {
          result.rateLimited += 1;
          const ms = (err as DeliveryError).retryAfterMs ?? 1000;
          this.pausedUntil.set(platform, Math.max(this.pausedUntil.get(platform) ?? 0, Date.now() + ms));
          await limiter?.penalize(ms).catch(() => undefined);
          if (ms <= this.maxInlineRetryMs && attempt < 3) continue;
          return { kind: 'retry', afterMs: ms, error: 'rate_limited' };
        }
        this.log.warn(
          { reminderId: row.id, platform, err: { name: (err as Error)?.name, kind } },
          'reminder send failed; will retry',
        );
        return { kind: 'retry', afterMs: backoff(row.attempts), error: 'transient' };
      }
    }
  }

  private async finish(work: Work[], now: Date, result: SweepResult): Promise<void> {
    const at = sql`${now.toISOString()}::timestamptz`;
    const advance: Record<string, unknown>[] = [];
    const retry: Record<string, unknown>[] = [];
    const release: Record<string, unknown>[] = [];
    const paused: { id: number; userId: string; lang: Lang; error: string }[] = [];
    const m = metrics();
    for (const { row, plan, outcome } of work) {
      if ('invalid' in plan) {
        paused.push({ id: row.id, userId: row.userId, lang: row.lang, error: `invalid:${plan.invalid}` });
        m.reminder(row.kind, 'failed');
        continue;
      }
      const state = {
        id: row.id,
        user_id: row.userId,
        version: row.version,
        last_slot: plan.lastSlot.toISOString(),
        next_due: plan.nextDue?.toISOString() ?? null,
        clear_snooze: plan.clearSnooze,
      };
      if (!plan.send || outcome?.kind === 'already') {
        advance.push({ ...state, slot: null });
        result.advanced += 1;
      } else if (outcome?.kind === 'delivered') {
        advance.push({ ...state, slot: plan.slot.toISOString() });
        result.delivered += 1;
        m.reminder(row.kind, 'sent');
      } else if (outcome?.kind === 'retry') {
        retry.push({ id: row.id, version: row.version, after_ms: outcome.afterMs, error: outcome.error });
        result.retried += 1;
        m.reminder(row.kind, 'retried');
      } else if (outcome?.kind === 'paused') {
        paused.push({ id: row.id, userId: row.userId, lang: row.lang, error: outcome.error });
        m.reminder(row.kind, 'paused');
      } else {
        release.push({ id: row.id, old_due: row.oldDue.toISOString() });
      }
    }
    // Deliveries first: they are what must never be forgotten.
    if (advance.length) await this.advance(advance);
    if (retry.length) {
      const json = JSON.stringify(retry);
      await this.outbox.write(`reminders: ${retry.length} retries`, () =>
        this.database.rows(sql`
          update reminders r set next_due = ${at} + make_interval(secs => v.after_ms / 1000.0),
            attempts = r.attempts + 1, last_error = v.error, claim_token = null
          from jsonb_to_recordset(${json}::jsonb) as v(id bigint, version int, after_ms float8, error text)
          where r.id = v.id and r.claim_token = ${this.token} and r.version = v.version`),
      );
    }
    if (release.length) {
      const json = JSON.stringify(release);
      await this.outbox.write(`reminders: ${release.length} released`, () =>
        this.database.rows(sql`
          update reminders r set next_due = v.old_due, claim_token = null
          from jsonb_to_recordset(${json}::jsonb) as v(id bigint, old_due timestamptz)
          where r.id = v.id and r.claim_token = ${this.token}`),
      );
    }
    for (const p of paused) {
      // The user hears about it the next time they talk to the bot.
      await this.outbox.write(`reminders: paused ${p.id}`, async () => {
        const rows = await this.database.rows(sql`
          update reminders set status = 'paused', claim_token = null, last_error = ${p.error}
          where id = ${p.id} and claim_token = ${this.token} returning id`);
        if (rows.length)
          await this.database.rows(
            sql`update users set pending_notices = ${appendNotice({ key: NOTICE.remindersPaused })}
              where id = ${p.userId}`,
          );
      });
      result.paused += 1;
    }
  }

  /**
   * Records deliveries and advances rows in one statement (row by row if one row is the
   * trouble, e.g. a user who vanished mid-batch). While the database is unreachable the
   * records are kept in memory and written when it answers again.
   */
  private async advance(items: Record<string, unknown>[]): Promise<void> {
    const run = (json: string) =>
      this.database.rows(sql`
        with v as (
          select * from jsonb_to_recordset(${json}::jsonb)
            as x(id bigint, user_id uuid, version int, slot timestamptz, last_slot timestamptz,
              next_due timestamptz, clear_snooze boolean)
        ),
        ins as (
          insert into reminder_deliveries (reminder_id, slot, user_id)
          select v.id, v.slot, v.user_id from v join reminders r on r.id = v.id where v.slot is not null
          on conflict do nothing
        )
        update reminders r set last_slot = v.last_slot, next_due = v.next_due, attempts = 0, last_error = null,
          claim_token = null, snoozed_until = case when v.clear_snooze then null else r.snoozed_until end
        from v where r.id = v.id and r.claim_token = ${this.token} and r.version = v.version`);
    const all = JSON.stringify(items);
    try {
      await this.outbox.write(`reminders: ${items.length} deliveries`, () => run(all));
    } catch (err) {
      this.log.warn({ err, ...errInfo(err) }, 'batch record failed; recording one by one');
      for (const item of items) {
        const one = JSON.stringify([item]);
        await this.outbox
          .write(`reminder ${String(item.id)} delivery`, () => run(one))
          .catch((e: unknown) => {
            // Not the connection (that would be kept): this row cannot be recorded as it is.
            this.log.error({ err: e, ...errInfo(e), reminderId: item.id }, 'a reminder delivery could not be recorded');
          });
      }
    }
  }
}

/** The delivery's identity on the platform (≤ 25 characters: a Discord nonce). */
export function deliveryKey(reminderId: number, slot: Date): string {
  return `r${reminderId.toString(36)}.${Math.floor(slot.getTime() / 60_000).toString(36)}`;
}

const backoff = (attempts: number) => cappedBackoff(attempts, 30_000, MAX_BACKOFF_MS);

const COUNTS = ['claimed', 'delivered', 'advanced', 'retried', 'paused', 'rateLimited'] as const;

function emptyResult(): SweepResult {
  return { claimed: 0, delivered: 0, advanced: 0, retried: 0, paused: 0, rateLimited: 0, kept: 0 };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryError('send timed out', 'transient')), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The theft follow-up three days later, as a durable job. */
export function registerReminderJobs(
  jobs: JobRunner,
  store: ReminderStore,
  messenger: (p: Platform) => Messenger | undefined,
): void {
  jobs.on(THEFT_FOLLOW_UP_JOB, async (payload) => {
    const to = await store.recipient(String(payload.userId));
    if (!to) return; // the user forgot us: nothing to send
    const m = messenger(to.platform);
    if (!m) throw new DeliveryError(`no messenger for ${to.platform}`, 'transient');
    // The language the user pressed the button in, unless they have set one since.
    const lang = to.explicitLang ?? (payload.lang === 'en' ? 'en' : payload.lang === 'ko' ? 'ko' : to.lang);
    await m.sendDirect(to.platformUserId, toReply(theftFollowUp(lang)));
  });
}
