// The bot's own interface text (answers to questions live in knowledge/content as data).
import type { Lang } from './types';

const ko = {
  unavailable:
    '지금은 잠시 처리할 수 없어요(저장소에 연결할 수 없음). 잠시 후 다시 시도해 주세요. 저장된 정보는 안전해요.',
  internalError: '죄송해요, 처리 중에 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
  helpTitle: 'pccc-bot 사용법',
  helpIntro: '개인통관고유부호에 대해 편하게 물어보세요. 예: "통관번호 까먹었어요", "유효기간이 언제까지예요?"',
  helpCommands: '명령어 (/pccc 뒤에 입력):',
  helpTopics: '• 주제: 발급, 조회, 재발급, 유효기간, 도용, 예방, 사용내역, 불일치, 외국인, 면세',
  consentTitle: '보관 전 안내 (동의)',
  consent: [
    '• 목적: 내 개인통관고유부호를 잊었을 때 본인 확인(PIN) 후 DM으로 돌려드리고, 원하시면 점검·갱신 알림을 드리기 위해서예요.',
    '• 보관 항목: 통관부호(AES-256-GCM으로 암호화), PIN의 해시값(원래 PIN은 저장하지 않음), 언어 설정, 알림 설정과 알림 발송 기록, 통관 조회를 요청한 화물의 B/L·화물관리번호와 품명, 열람 기록(통관부호는 기록하지 않음).',
    '• 보관 기간: 통관부호·PIN·알림 설정은 직접 삭제할 때까지. 열람 기록은 1년, 알림 발송 기록은 90일, 조회가 끝난 화물은 끝난 뒤 30일, 아무것도 보관하지 않는 계정(언어 설정 등)은 마지막 활동 후 30일이 지나면 자동으로 지워요. 언제든 "/pccc forget"으로 모든 정보를 즉시 삭제할 수 있어요.',
    '• 통관부호와 PIN은 채널에 쓰지 말고, 열리는 비공개 입력창에만 입력하세요.',
  ].join('\n'),
  consentAccept: '동의하고 계속',
  cancel: '취소',
  cancelled: '취소했어요. 아무것도 저장하지 않았어요.',
  registerFormTitle: '통관부호 보관',
  registerFormIntro: '이 창의 내용은 다른 사람에게 보이지 않아요.',
  fieldCode: '개인통관고유부호 (P로 시작하는 13자리)',
  fieldPin: 'PIN (숫자 {n}자리)',
  fieldPin2: 'PIN 다시 입력',
  fieldCurrentPin: '현재 PIN',
  fieldNewPin: '새 PIN (숫자 {n}자리)',
  fieldNewPin2: '새 PIN 다시 입력',
  save: '저장',
  consentNeeded: '먼저 보관 안내에 동의해 주세요. "/pccc register"로 다시 시작할 수 있어요.',
  registered: '저장했어요: {masked}\n통관부호는 암호화되어 보관되고, PIN을 입력해야만 DM으로 볼 수 있어요.',
  replaced: '통관부호를 바꿨어요: {masked}',
  newCodeNewYear:
    '새 통관부호는 발급일부터 1년이 새로 시작돼요. 갱신 알림을 받으려면 "/pccc remind issued YYYY-MM-DD"로 발급일을 알려 주세요.',
  sharedWarning: '참고: 같은 통관부호가 다른 계정에도 등록되어 있어요. 본인 것이 맞는지 확인해 보세요.',
  notRegistered: '보관 중인 통관부호가 없어요. "/pccc register"로 등록할 수 있어요.',
  revealFormTitle: '통관부호 보기',
  revealFormIntro: 'PIN을 입력하면 통관부호를 DM으로 보내고 {ttl}분 뒤 지워요.',
  show: '보기',
  revealed:
    '내 개인통관고유부호: {code}\n(이 메시지는 {ttl}분 뒤 자동으로 삭제돼요. 판매자·배송 대행지 주문서에만 입력하세요.)',
  revealSent: 'DM으로 보냈어요. {ttl}분 뒤 삭제돼요.',
  wrongPin: 'PIN이 맞지 않아요. 남은 시도: {n}번.',
  lockedNow: 'PIN이 여러 번 틀려서 잠겼어요. {until} 이후에 다시 시도해 주세요. 기다릴수록 잠금 시간이 길어져요.',
  locked: '잠겨 있어요. {until} 이후에 다시 시도해 주세요.',
  pinBusy: '지금 요청이 몰려 있어요(또는 앞선 요청을 처리하는 중이에요). 잠시 후 다시 시도해 주세요.',
  pinRateLimited: 'PIN을 짧은 시간에 너무 많이 사용했어요. {until} 이후에 다시 시도해 주세요.',
  revealNotice: '요청하신 정보를 보냈어요.',
  registerCurrentPinNeeded: '이미 보관된 통관부호가 있어요. 바꾸려면 현재 PIN을 입력해 주세요.',
  pinFormTitle: 'PIN 변경',
  pinChanged: 'PIN을 바꿨어요.',
  replaceFormTitle: '통관부호 교체',
  forgetTitle: '모든 정보 삭제',
  forgetConfirm: '통관부호, PIN, 알림, 기록까지 이 봇에 있는 내 정보가 모두 즉시 삭제돼요. 계속할까요?',
  forgetButton: '모두 삭제',
  forgotten: '삭제했어요. 이 봇에는 이제 내 정보가 남아 있지 않아요.',
  nothingToForget: '삭제할 정보가 없어요.',
  statusTitle: '내 상태',
  statusCode: '통관부호',
  statusNone: '보관 안 함',
  statusCheck: '확인',
  verifiedOn: '{date} 관세청 확인 완료',
  formatOnly: '형식만 확인함',
  statusLock: '잠금',
  codeNotHere:
    '개인통관고유부호처럼 보이는 것({masked})이 들어 있어서 처리하지 않았어요. 여기에는 통관부호를 넣지 말아 주세요. 통관부호를 보관하려면 /pccc register 의 비공개 입력창을 이용하세요.',
  codeNotHereField: '개인통관고유부호처럼 보여요. 이 칸에는 통관부호를 넣지 말아 주세요.',
  codeInMessage:
    '메시지에 통관부호({masked})가 있어서 다시 보여드리지 않았어요. 통관부호는 채널이나 대화에 그대로 올리지 않는 게 안전해요. 보관하려면 비공개 입력창을 이용하세요.',
  registerButton: '비공개로 보관하기',
  langSet: '이제 한국어로 답할게요.',
  langAuto: '언어를 자동으로 고를게요.',
  langUsage: '사용법: /pccc lang ko | en | auto',
  unknownForm: '이 입력창은 더 이상 유효하지 않아요. 명령을 다시 실행해 주세요.',
  tooLong: '메시지가 너무 길어요. 짧게 나눠서 보내 주세요.',
  afterRegister:
    '다음으로: 정기적으로 통관 내역을 점검하도록 알림을 받거나, 통관부호가 관세청에 등록된 정보(이름·전화·우편번호)와 맞는지 확인할 수 있어요.',
  verifyButton: 'UNI-PASS로 확인하기',
  remindButton: '알림 설정',
  askMore: '더 궁금한 점:',
};

type Messages = typeof ko;

const en: Messages = {
  unavailable:
    'I cannot do that right now (storage is unreachable). Please try again in a moment — your saved data is safe.',
  internalError: 'Sorry, something went wrong on my side. Please try again in a moment.',
  helpTitle: 'How to use pccc-bot',
  helpIntro:
    'Ask me anything about the personal customs clearance code (PCCC), e.g. "I forgot my customs code", "when does it expire?"',
  helpCommands: 'Commands (after /pccc):',
  helpTopics: '• topics: issue, lookup, reissue, validity, theft, prevention, usage, mismatch, foreigner, dutyfree',
  consentTitle: 'Before I keep your code (consent)',
  consent: [
    '• Purpose: to give your customs code back by DM after you confirm with your PIN, and, if you want, to remind you to check imports and renew.',
    '• What is kept: the code (encrypted with AES-256-GCM), a hash of your PIN (never the PIN), your language and reminder settings and a record of reminders sent, the B/L or cargo numbers and goods names of parcels you ask me to track, and a log of reveals (never the code).',
    '• How long: the code, PIN and reminder settings until you delete them. The reveal log for 1 year, reminder records for 90 days, a finished parcel for 30 days after it finishes, and an account that keeps nothing else (e.g. only a language choice) for 30 days after your last activity — then they are deleted automatically. "/pccc forget" deletes everything at once, any time.',
    '• Never type the code or PIN in a channel — only in the private form that opens.',
  ].join('\n'),
  consentAccept: 'I agree — continue',
  cancel: 'Cancel',
  cancelled: 'Cancelled. Nothing was stored.',
  registerFormTitle: 'Keep my customs code',
  registerFormIntro: 'Only you can see what you type here.',
  fieldCode: 'Customs code (P + 12 digits)',
  fieldPin: 'PIN ({n} digits)',
  fieldPin2: 'PIN again',
  fieldCurrentPin: 'Current PIN',
  fieldNewPin: 'New PIN ({n} digits)',
  fieldNewPin2: 'New PIN again',
  save: 'Save',
  consentNeeded: 'Please accept the notice first. Start again with "/pccc register".',
  registered: 'Saved: {masked}\nYour code is stored encrypted and only comes back by DM after your PIN.',
  replaced: 'Code replaced: {masked}',
  newCodeNewYear:
    'A new code starts its own one-year validity. For renewal reminders, tell me its issue date with "/pccc remind issued YYYY-MM-DD".',
  sharedWarning: 'Note: the same code is registered by another account too. Make sure it really is yours.',
  notRegistered: 'You have no code stored. Use "/pccc register" to keep one.',
  revealFormTitle: 'Show my code',
  revealFormIntro: 'After your PIN I send the code by DM and delete it after {ttl} min.',
  show: 'Show',
  revealed:
    'Your personal customs clearance code: {code}\n(This message deletes itself after {ttl} min. Enter it only on a seller’s or forwarder’s order form.)',
  revealSent: 'Sent to you by DM. It will be deleted after {ttl} min.',
  wrongPin: 'Wrong PIN. Attempts left: {n}.',
  lockedNow: 'Too many wrong PINs, so your vault is locked until {until}. Each further miss locks it longer.',
  locked: 'Locked. Please try again after {until}.',
  pinBusy: 'I am busy with other requests (or still with your previous one). Please try again in a moment.',
  pinRateLimited: 'Your PIN was used too many times in a short while. Please try again after {until}.',
  revealNotice: 'Here is what you asked for.',
  registerCurrentPinNeeded: 'A code is already stored. To change it, please enter your current PIN.',
  pinFormTitle: 'Change PIN',
  pinChanged: 'PIN changed.',
  replaceFormTitle: 'Replace my code',
  forgetTitle: 'Delete everything',
  forgetConfirm: 'This deletes your code, PIN, reminders and history from this bot right away. Continue?',
  forgetButton: 'Delete everything',
  forgotten: 'Done. This bot keeps nothing about you any more.',
  nothingToForget: 'There is nothing to delete.',
  statusTitle: 'Your status',
  statusCode: 'Customs code',
  statusNone: 'not stored',
  statusCheck: 'Check',
  verifiedOn: 'verified with customs on {date}',
  formatOnly: 'format checked only',
  statusLock: 'Lock',
  codeNotHere:
    'That contains what looks like a personal customs code ({masked}), so I did not use it. Please keep the code out of here; to store it, use the private form of /pccc register.',
  codeNotHereField: 'That looks like a personal customs code. Please keep the code out of this field.',
  codeInMessage:
    'Your message contained a customs code ({masked}), so I did not repeat it. It is safer not to post the code in chats. To keep it, use the private form.',
  registerButton: 'Keep it privately',
  langSet: 'I will answer in English from now on.',
  langAuto: 'I will pick the language automatically.',
  langUsage: 'Usage: /pccc lang ko | en | auto',
  unknownForm: 'That form is no longer valid. Please run the command again.',
  tooLong: 'That message is too long. Please send it in shorter parts.',
  afterRegister:
    'Next: get regular reminders to check your import history, or check that the code matches your details (name, phone, postal code) at customs.',
  verifyButton: 'Check with UNI-PASS',
  remindButton: 'Set up reminders',
  askMore: 'More:',
};

const MESSAGES: Record<Lang, Messages> = { ko, en };
export type MessageKey = keyof Messages;

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function langFromLocale(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function formatDateTime(d: Date, lang: Lang, timeZone = 'Asia/Seoul'): string {
  return new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(d);
}

export function formatDate(d: Date, lang: Lang, timeZone = 'Asia/Seoul'): string {
  return new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeZone }).format(d);
}
