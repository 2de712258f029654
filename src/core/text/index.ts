// The core's text catalogs in one registry, and the entry point for text that is stored now and
// shown later (a pending notice is kept as { key, params } and rendered in the language of the
// moment it is shown, not frozen in the language of the moment it was written).
import { CODE_TEXT } from '../code/messages';
import { CUSTOMS_TEXT } from '../customs/text';
import { UI_TEXT } from '../i18n';
import { REMINDER_TEXT } from '../reminders/text';
import type { Lang } from '../types';
import { PIN_TEXT } from '../vault/pin';
import type { Catalog, Params } from './catalog';

export { type Bilingual, type Catalog, defineCatalog, fill, type Params, placeholders } from './catalog';
export { langFromLocale } from './locale';

export const CORE_CATALOGS = {
  ui: UI_TEXT,
  customs: CUSTOMS_TEXT,
  reminders: REMINDER_TEXT,
  code: CODE_TEXT,
  vault: PIN_TEXT,
} as const;

type Catalogs = typeof CORE_CATALOGS;
type KeyOf<C> = C extends Catalog<infer K> ? K : never;

/** `<catalog>.<key>`, e.g. `reminders.pausedNotice` or `customs.pausedNotice`. */
export type TextKey = { [N in keyof Catalogs]: `${N}.${KeyOf<Catalogs[N]>}` }[keyof Catalogs];

/** A notice as stored: what to say, not how it was said. */
export interface StoredNotice {
  key: TextKey;
  params?: Params;
}

function split(key: string): [Catalog<string>, string] | null {
  const dot = key.indexOf('.');
  if (dot < 0) return null;
  const catalog = (CORE_CATALOGS as Record<string, Catalog<string>>)[key.slice(0, dot)];
  const name = key.slice(dot + 1);
  return catalog && Object.hasOwn(CORE_CATALOGS, key.slice(0, dot)) && catalog.has(name) ? [catalog, name] : null;
}

/** For keys read back from storage: is this a text the core still has? */
export function isTextKey(key: string): key is TextKey {
  return split(key) !== null;
}

/** A stored notice in the reader's language now. Throws for a key no catalog has (check with isTextKey). */
export function renderNotice(lang: Lang, key: TextKey, params: Params = {}): string {
  const found = split(key);
  if (!found) throw new Error(`no text ${key}`);
  return found[0].render(lang, found[1], params);
}
