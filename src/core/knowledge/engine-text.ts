// The engine's own words around entry answers (the answers themselves are data in
// content/entries). Korean and English side by side; test/knowledge checks both have every key.
import type { Lang } from './types';

const ko = {
  more: '더 보기: {label}',
  related: '관련 질문',
  hedge: '이 부분은 공식 안내로 확인되지 않았어요. 링크의 공식 페이지에서 확인해 주세요.',
  unsureTitle: '이걸 물어보신 건가요?',
  unsureLead: '정확히 이해했는지 모르겠어요. 가장 가까운 답은 이거예요:',
  unsurePick: '질문을 정확히 이해하지 못했어요. 혹시 이 중 하나인가요?',
  unsureHint: '버튼을 누르거나, 조금 더 자세히 다시 물어봐 주세요.',
  emptyTitle: '무엇이 궁금하세요?',
  empty: '개인통관고유부호에 대해 편하게 물어보세요. 예) "통관번호 까먹었어요", "재발급 몇 번까지 돼요?"',
  digitsTitle: '숫자만 보내셨어요',
  digits:
    'PIN이나 비밀번호라면 채팅에 쓰지 마세요. 통관부호를 보관하거나 보려면 "/pccc register", "/pccc show"를 쓰면 비공개 입력창이 열려요. 궁금한 점은 문장으로 물어봐 주세요.',
  noTextTitle: '질문을 찾지 못했어요',
  noText: '글자로 질문해 주세요. 예) "통관부호 유효기간이 언제까지예요?"',
};
const en: typeof ko = {
  more: 'More: {label}',
  related: 'Related questions',
  hedge: 'This point is not confirmed by an official page; please check the official link.',
  unsureTitle: 'Is this what you asked?',
  unsureLead: "I'm not sure I understood. The closest answer I have:",
  unsurePick: "I didn't quite understand. Did you mean one of these?",
  unsureHint: 'Press a button, or ask again with a few more words.',
  emptyTitle: 'What would you like to know?',
  empty:
    'Ask me anything about the personal customs clearance code (PCCC), ' +
    'e.g. "I forgot my PCCC" or "how many times can I reissue it?"',
  digitsTitle: 'Only digits',
  digits:
    'If that is a PIN or password, never type it in chat. To store or see your code, use ' +
    '"/pccc register" or "/pccc show": they open a private form. Ask questions in words.',
  noTextTitle: 'No question found',
  noText: 'Please ask in words, e.g. "when does my customs code expire?"',
};

export type EngineKey = keyof typeof ko;
export const ENGINE_TEXT: Record<Lang, Record<EngineKey, string>> = { ko, en };

export function et(lang: Lang, key: EngineKey, vars: Record<string, string> = {}): string {
  return ENGINE_TEXT[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
}
