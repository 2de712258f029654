// A modal can only be opened with a fresh trigger_id (about 3 s, once). When a reply asks for a
// form and no usable trigger exists (a DM message, a slow database, an expired trigger) the
// adapter posts an "open private form" button; this store keeps the form definition (labels,
// never values) until that button is clicked. SharedPendingForms keeps it in PostgreSQL so a
// click that lands on another instance opens it too; PendingForms is the in-process fallback.
// After the TTL a click gets a kind "start again" message.
// The form's response_url (a 30-minute bearer URL that posts into the user's conversation) is
// sealed in the shared row with the vault's keys and opened only when the button is clicked.
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config';
import type { EphemeralStore } from '../../core/ports';
import { open, seal } from '../../core/vault/crypto';
import { loadKeys } from '../../keys';
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

/** Associated data of a sealed response_url: it opens only under the row key it was stored with. */
const urlOwner = (key: string) => `slack-response-url:${key}`;

/** The row as stored: the form without its response_url, which is sealed beside it (or left out). */
type StoredForm = PendingForm & { sealedUrl?: { kv: number; b64: string } };

/** The vault's keys for sealing, or undefined when none are configured (the URL is then not kept). */
export function sealingKeys(config: Partial<Config>): Map<number, Buffer> | undefined {
  if (config.vaultKeys) return config.vaultKeys;
  if (!config.dataDir) return undefined;
  try {
    return loadKeys(config as Config).keys.keys;
  } catch {
    return undefined;
  }
}

export class SharedPendingForms implements PendingFormStore {
  constructor(
    private readonly store: EphemeralStore,
    private readonly keys?: Map<number, Buffer>,
  ) {}

  async put(item: PendingForm): Promise<string> {
    const key = randomUUID();
    const { responseUrl, ...context } = item.context;
    const row: StoredForm = { ...item, context };
    if (responseUrl && this.keys) {
      const { sealed, keyVersion } = seal(this.keys, urlOwner(key), responseUrl);
      row.sealedUrl = { kv: keyVersion, b64: sealed.toString('base64') };
    }
    await this.store.put('slack.form', key, row, PENDING_TTL_SECONDS);
    return key;
  }

  async get(key: string, userId: string): Promise<PendingLookup> {
    if (!/^[0-9a-f-]{36}$/.test(key)) return 'expired';
    const row = await this.store.get<StoredForm>('slack.form', key).catch(() => undefined);
    if (!row) return 'expired';
    if (row.userId !== userId) return 'not_yours';
    const { sealedUrl, ...item } = row;
    const responseUrl = sealedUrl ? this.openUrl(key, sealedUrl) : undefined;
    return responseUrl ? { ...item, context: { ...item.context, responseUrl } } : item;
  }

  /** A URL that will not open (a rotated-away key, a row copied under another key) is simply not used. */
  private openUrl(key: string, s: { kv: number; b64: string }): string | undefined {
    if (!this.keys) return undefined;
    try {
      return open(this.keys, urlOwner(key), Number(s.kv), Buffer.from(String(s.b64), 'base64'));
    } catch {
      return undefined;
    }
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
