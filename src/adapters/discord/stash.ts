// Short-lived, bounded, in-process table for button meanings that do not fit in a
// custom_id: a form to open later (a modal can only be the first response to an
// interaction) or an action value over 100 characters. Buttons come back to the same
// shard (same guild, or shard 0 for DMs), so process memory is enough; an expired key
// gets a kind "please run the command again".
import { randomBytes } from 'node:crypto';
import type { Form } from '../../core/types';

export type Stashed = { kind: 'form'; form: Form } | { kind: 'action'; actionId: string; value?: string };

export class Stash {
  private readonly entries = new Map<string, { item: Stashed; expires: number }>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly max = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  put(item: Stashed): string {
    this.sweep();
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { item, expires: this.now() + this.ttlMs });
    return key;
  }

  get(key: string): Stashed | undefined {
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
