// The user's Slack locale (users.info include_locale), cached per user. A hint only: a slow or
// failed lookup yields `undefined` (the core falls back to its own detection) and never delays
// an acknowledgement — callers ask after ack().
import type { WebClient } from '@slack/web-api';

export interface LocaleLookupOptions {
  ttlMs?: number;
  /** How long a failure is remembered, so an outage does not cost a call per message. */
  failureTtlMs?: number;
  timeoutMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export class LocaleCache {
  private readonly entries = new Map<string, { locale?: string; until: number }>();
  private readonly inflight = new Map<string, Promise<string | undefined>>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly timeoutMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly client: Pick<WebClient, 'users'>,
    opts: LocaleLookupOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 6 * 3600_000;
    this.failureTtlMs = opts.failureTtlMs ?? 5 * 60_000;
    this.timeoutMs = opts.timeoutMs ?? 1500;
    this.maxEntries = opts.maxEntries ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  async get(userId: string): Promise<string | undefined> {
    const hit = this.entries.get(userId);
    if (hit && hit.until > this.now()) return hit.locale;
    const running = this.inflight.get(userId);
    if (running) return running;
    const lookup = this.lookup(userId).finally(() => this.inflight.delete(userId));
    this.inflight.set(userId, lookup);
    return lookup;
  }

  private async lookup(userId: string): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      const res = await Promise.race([this.client.users.info({ user: userId, include_locale: true }), timeout]);
      if (res === 'timeout') {
        // Not remembered: the call may still complete and the next message tries again.
        return undefined;
      }
      const locale = typeof res.user?.locale === 'string' && res.user.locale ? res.user.locale : undefined;
      this.remember(userId, locale, locale ? this.ttlMs : this.failureTtlMs);
      return locale;
    } catch {
      this.remember(userId, undefined, this.failureTtlMs);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private remember(userId: string, locale: string | undefined, ttl: number): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(userId, { locale, until: this.now() + ttl });
  }
}
