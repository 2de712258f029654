// The notices the bot can owe a user. A notice is stored as { key, params } (core/ports.ts) with a
// catalog key (core/text), and rendered in the reader's language when they next talk to us.
import type { Notice } from './ports';
import { isTextKey, renderNotice as renderText } from './text';
import type { Lang } from './types';

export const NOTICE = {
  /** A reminder DM was refused for good: reminders are paused. */
  remindersPaused: 'reminders.pausedNotice',
  /** A parcel DM was refused for good: tracking of `label` is paused. */
  parcelPaused: 'customs.pausedNotice',
  /** A notice written before notices were keyed: its text, as it was stored. */
  legacyText: 'text',
} as const;

/** The notice's text in `lang`; null for a key this version does not know (it is skipped, not shown raw). */
export function renderNotice(lang: Lang, notice: Notice): string | null {
  const params = notice.params ?? {};
  if (notice.key === NOTICE.legacyText) return String(params.text ?? '') || null;
  if (!isTextKey(notice.key)) return null;
  try {
    return renderText(lang, notice.key, params) || null;
  } catch {
    return null; // stored params that no longer fit the text: skipped rather than shown half-filled
  }
}
