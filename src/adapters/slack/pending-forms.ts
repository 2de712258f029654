// A modal can only be opened with a fresh trigger_id (about 3 s, once). When a reply asks for a
// form and no usable trigger exists (a DM message, a slow database, an expired trigger) the
// adapter posts an "open private form" button; this store keeps the form definition (labels,
// never values) until that button is clicked. Per process: a click on another instance or
// after the TTL gets a kind "start again" message.
import { randomUUID } from 'node:crypto';
import type { Form, Lang } from '../../core/types';
import type { FormContext } from './render';

export interface PendingForm {
  userId: string;
  form: Form;
  leadText?: string;
  context: FormContext;
  lang?: Lang;
}

export class PendingForms {
  private readonly items = new Map<string, { item: PendingForm; until: number }>();
  constructor(private readonly ttlMs = 15 * 60_000, private readonly max = 10_000, private readonly now: () => number = Date.now) {}

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
