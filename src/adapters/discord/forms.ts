// Pending forms: a form to open when its button is clicked (a modal can only be the first
// response to an interaction), in a short-lived, bounded table; an action value over
// custom_id's 100 characters rides along the same way. put() stays synchronous (rendering is) and writes through to the
// shared store (PostgreSQL) when one is given, so a click that reaches another process or
// host (shards split across hosts, a restart in between) still finds it: deliver.ts calls
// load() before reading. An expired key gets a kind "please run the command again".
import { randomBytes } from 'node:crypto';
import type { EphemeralStore } from '../../core/ports';
import type { Form } from '../../core/types';

export type Pending = { kind: 'form'; form: Form } | { kind: 'action'; actionId: string; value?: string };

/** Scope in the shared store (its old name is kept: entries in flight across a deploy still resolve). */
const SCOPE = 'discord.stash';

export class PendingForms {
  private readonly entries = new Map<string, { item: Pending; expires: number }>();

  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly max = 5_000,
    private readonly now: () => number = Date.now,
    private readonly shared?: EphemeralStore,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  put(item: Pending): string {
    this.sweep();
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { item, expires: this.now() + this.ttlMs });
    if (this.shared) {
      const w = this.shared.put(SCOPE, key, item, Math.ceil(this.ttlMs / 1000)).catch(this.onError);
      this.writes.add(w);
      void w.finally(() => this.writes.delete(w));
    }
    return key;
  }

  /** Waits for write-throughs in flight (call before a message carrying new keys goes out, if needed). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.writes]);
  }

  /** Makes get(key) answer for a key made by another process (no-op when known or unshared). */
  async load(key: string): Promise<void> {
    if (!this.shared || this.get(key)) return;
    const item = await this.shared.get<Pending>(SCOPE, key).catch((err) => void this.onError(err));
    if (item) this.entries.set(key, { item, expires: this.now() + this.ttlMs });
  }

  get(key: string): Pending | undefined {
    const e = this.entries.get(key);
    if (!e || e.expires < this.now()) return undefined;
    return e.item;
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (e.expires < now) this.entries.delete(k);
    // Oldest first (Map keeps insertion order).
    while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
  }
}
