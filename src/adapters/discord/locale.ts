// Discord sends the user's client language on every interaction (`ko`, `en-US`, …).
import { defineCatalog } from '../../core/text/catalog';
import { langFromLocale } from '../../core/text/locale';
import type { Lang } from '../../core/types';
import texts from './strings.json';

/** The core's locale hint for a Discord locale: the core's one mapping (Korean for `ko`, English otherwise). */
export function coreLocale(discordLocale: string | null | undefined): Lang | undefined {
  return langFromLocale(discordLocale);
}

export const DISCORD_TEXT = defineCatalog('discord', texts);

/** Adapter-owned wording (the few sentences the core cannot say: they are about Discord), by key then language. */
export const STRINGS = Object.fromEntries(DISCORD_TEXT.keys.map((k) => [k, DISCORD_TEXT.entry(k)])) as Record<
  (typeof DISCORD_TEXT.keys)[number],
  Readonly<Record<Lang, string>>
>;
