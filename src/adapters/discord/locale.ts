// Discord sends the user's client language on every interaction (`ko`, `en-US`, …).
import type { Lang } from '../../core/types';

/** The core's locale hint for a Discord locale: Korean for `ko`, English otherwise. */
export function coreLocale(discordLocale: string | null | undefined): Lang | undefined {
  if (!discordLocale) return undefined;
  return discordLocale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Adapter-owned wording (the few sentences the core cannot say because they are about Discord). */
export const STRINGS = {
  openForm: { ko: '입력 창 열기', en: 'Open the form' },
  formExpired: {
    ko: '입력 창이 만료되었습니다. 명령을 다시 실행해 주세요.',
    en: 'That form has expired. Please run the command again.',
  },
  fixThese: {
    ko: '입력한 내용을 확인해 주세요. 아무것도 저장되지 않았습니다.',
    en: 'Please fix the following. Nothing was saved.',
  },
  tryAgain: { ko: '다시 입력', en: 'Try again' },
  done: { ko: '완료했습니다.', en: 'Done.' },
  dmClosed: {
    ko: 'DM을 받을 수 없는 설정이라 여기에만 보이는 메시지로 보여 드립니다. 이 메시지는 저장되지 않으며, 닫으면 다시 볼 수 없습니다.',
    en: 'Your DMs are closed, so here it is in a message only you can see. It is not stored anywhere and cannot be shown again once dismissed.',
  },
  unavailable: {
    ko: '지금은 처리할 수 없습니다. 잠시 후 다시 시도해 주세요.',
    en: 'This is temporarily unavailable. Please try again in a moment.',
  },
} as const;
