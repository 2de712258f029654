// The few words the Slack adapter says on its own (everything else comes from the core).
import type { Lang } from '../../core/types';

const ko = {
  openForm: '비공개 입력창 열기',
  cancel: '취소',
  working: '처리 중이에요. 결과는 곧 메시지로 보내 드릴게요.',
  workingTitle: '처리 중',
  done: '완료',
  doneText: '처리했어요. 결과는 메시지로 보냈어요.',
  formExpired: '입력창 링크가 만료됐어요. "/pccc"로 다시 시작해 주세요.',
  notYourForm: '다른 사람이 요청한 입력창이에요.',
  dmClosed: 'DM을 보낼 수 없어 이 메시지는 나에게만 보여요. 곧 지워 주세요.',
  deliveryFailed: '메시지를 보내지 못했어요. 잠시 후 다시 시도해 주세요.',
  tryAgainErrors: '입력을 확인해 다시 제출해 주세요:',
  truncated: '(내용이 길어 일부만 표시했어요. 전체 내용은 알림 텍스트에 있어요.)',
  homeTitle: '내 통관부호 보관함',
  homeActions: '자주 쓰는 기능',
  homeUnavailable: '지금은 상태를 불러올 수 없어요. 잠시 후 다시 열어 주세요.',
};

const en: typeof ko = {
  openForm: 'Open private form',
  cancel: 'Cancel',
  working: 'Working on it. The result will arrive as a message shortly.',
  workingTitle: 'Working…',
  done: 'Done',
  doneText: 'Done. The result was sent as a message.',
  formExpired: 'This form link has expired. Please start again with "/pccc".',
  notYourForm: 'This form was requested by someone else.',
  dmClosed: 'I could not send you a DM, so this message is visible only to you. Please dismiss it soon.',
  deliveryFailed: 'I could not send the message. Please try again in a moment.',
  tryAgainErrors: 'Please check your input and submit again:',
  truncated: '(Long answer shortened here; the notification text has all of it.)',
  homeTitle: 'My customs code vault',
  homeActions: 'Common actions',
  homeUnavailable: 'Status is unavailable right now. Please reopen this tab in a moment.',
};

export type Strings = typeof ko;
export function strings(lang: Lang | undefined): Strings {
  return lang === 'en' ? en : ko;
}
/** A best guess before the core has told us the language: Slack locale `en-*` → en, else ko. */
export function langOfLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'ko';
}
