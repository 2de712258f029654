// The one mapping from a platform's locale (Slack `en-US`, Discord `ko`, `fr`, …) to the bot's
// languages: Korean for Korean, English for everything else (an English answer is more use to
// a French reader than a Korean one).
import type { Lang } from '../types';

/** `undefined` when the platform gave no locale, so the caller can fall back to its own default. */
export function langFromLocale(locale: string | null | undefined): Lang | undefined {
  if (!locale) return undefined;
  return locale.trim().toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
