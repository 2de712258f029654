// A modal can only be opened with a fresh trigger_id (about 3 s, once). When a reply asks for a
// form and no usable trigger exists (a DM message, a slow database, an expired trigger) the
// adapter posts an "open private form" button; this store keeps the form definition (labels,
// never values) until that button is clicked. SharedPendingForms keeps it in PostgreSQL so a
// click that lands on another instance opens it too; PendingForms is the in-process fallback.
// After the TTL a click gets a kind "start again" message.
import { randomUUID } from 'node:crypto';
import type { EphemeralStore } from '../../core/ports';
import type { Form, Lang } from '../../core/types';
import type { FormContext } from './render';

export interface PendingForm {
  userId: string;
  form: Form;
  leadText?: string;
  context: FormContext;
  lang?: Lang;
}

export type PendingLookup = PendingForm | 'expired' | 'not_yours';

export interface PendingFormStore {
  put(item: PendingForm): string | Promise<string>;
  /** The pending form for this key if it exists, is fresh and belongs to `userId`. */
  get(key: string, userId: string): PendingLookup | Promise<PendingLookup>;
}

export const PENDING_TTL_SECONDS = 15 * 60;

export class SharedPendingForms implements PendingFormStore {
  constructor(private readonly store: EphemeralStore) {}

  async put(item: PendingForm): Promise<string> {
    const key = randomUUID();
    await this.store.put('slack.form', key, item, PENDING_TTL_SECONDS);
    return key;
  }

  async get(key: string, userId: string): Promise<PendingLookup> {
    if (!/^[0-9a-f-]{36}$/.test(key)) return 'expired';
    const item = await this.store.get<PendingForm>('slack.form', key).catch(() => undefined);
    if (!item) return 'expired';
    return item.userId === userId ? item : 'not_yours';
  }
}

export class PendingForms implements PendingFormStore {
  private readonly items = new Map<string, { item: PendingForm; until: number }>();
  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  put(item: PendingForm): string {
    const t = this.now();
    for (const [k, v] of this.items) if (v.until <= t) this.items.delete(k);
    if (this.items.size >= this.max) {
      const oldest = this.items.keys().next().value;
      if (oldest !== undefined) this.items.delete(oldest);
    }
    const key = randomUUID();
    this.items.set(key, { item, until: t + this.ttlMs });
    return key;
  }

  /** The pending form for this key if it exists, is fresh and belongs to `userId`. */
  get(key: string, userId: string): PendingForm | 'expired' | 'not_yours' {
    const hit = this.items.get(key);
    if (!hit || hit.until <= this.now()) return 'expired';
    if (hit.item.userId !== userId) return 'not_yours';
    return hit.item;
  }
}
