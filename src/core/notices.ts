// The notices the bot can owe a user, by key, Korean and English side by side. A notice is
// stored as { key, params } (core/ports.ts) and rendered here when the user next talks to us.
import { tx } from './customs/text';
import type { Notice } from './ports';
import type { Lang } from './types';

export const NOTICE = {
  /** A reminder DM was refused for good: reminders are paused. */
  remindersPaused: 'reminders.paused',
  /** A parcel DM was refused for good: tracking of `label` is paused. */
  parcelPaused: 'customs.parcelPaused',
  /** A notice written before notices were keyed: its text, as it was stored. */
  legacyText: 'text',
} as const;

type Render = (lang: Lang, params: Record<string, string | number>) => string;

const CATALOG: Record<string, Render> = {
  [NOTICE.remindersPaused]: (lang) =>
    lang === 'ko'
      ? '알림을 DM으로 보내지 못해서 잠시 멈췄어요. DM을 허용한 뒤 `/pccc remind`로 일정을 다시 보내 주시면 다시 시작해요.'
      : "I couldn't DM you a reminder, so reminders are paused. Allow DMs, then send your schedule again with `/pccc remind` to resume.",
  [NOTICE.parcelPaused]: (lang, p) => tx(lang, 'pausedNotice', { label: String(p.label ?? '') }),
  [NOTICE.legacyText]: (_lang, p) => String(p.text ?? ''),
};

/** The notice's text in `lang`; null for a key this version does not know (it is skipped, not shown raw). */
export function renderNotice(lang: Lang, notice: Notice): string | null {
  const render = CATALOG[notice.key];
  const text = render?.(lang, notice.params ?? {});
  return text ? text : null;
}
