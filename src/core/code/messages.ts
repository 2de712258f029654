// Kind, fixed messages for every way a typed code can be wrong (never echo the input).
import type { CodeErrorKind, Lang } from './normalise';

const MESSAGES: Record<CodeErrorKind, Record<Lang, string>> = {
  empty: {
    ko: '통관부호가 보이지 않아요. 영문 P로 시작하는 13자리(P + 숫자 12자리)를 보내 주세요. 예: P123456789012',
    en: "I couldn't find a code there. Please send your customs code: the letter P followed by 12 digits, e.g. P123456789012.",
  },
  too_short: {
    ko: '자릿수가 모자라요. 개인통관고유부호는 P 다음에 숫자 12자리가 와요(모두 13자리). 빠진 숫자가 없는지 확인해 주세요.',
    en: "That's too short. A customs code is P followed by exactly 12 digits (13 characters in all). Please check for a missing digit.",
  },
  too_long: {
    ko: '자릿수가 너무 많아요. 개인통관고유부호는 P 다음에 숫자 12자리예요(모두 13자리). 부호만 보내 주세요.',
    en: "That's too long. A customs code is P followed by exactly 12 digits (13 characters in all). Please send just the code.",
  },
  missing_p: {
    ko: '숫자 12자리는 맞는데 맨 앞의 P가 빠졌어요. 앞에 영문 P를 붙여서 보내 주세요. 예: P123456789012',
    en: 'The 12 digits look right, but the code starts with the letter P. Please add P in front, e.g. P123456789012.',
  },
  wrong_prefix: {
    ko: '개인통관고유부호는 영문 P로 시작해요. 첫 글자를 확인해 주세요. 한글 자판에서는 P가 ‘ㅔ’로 입력되니 영문으로 바꿔 주세요. 사업자용 통관고유부호는 개인 해외직구에 쓰는 부호가 아니에요.',
    en: "A personal customs code starts with the letter P. Please check the first letter. Business customs codes are a different thing and can't be used for personal imports.",
  },
  letters_inside: {
    ko: '숫자 자리에 문자가 섞여 있어요. P 다음 12자리는 모두 숫자예요. 영문 O와 숫자 0, 영문 l·I와 숫자 1을 헷갈리지 않았는지 확인해 주세요.',
    en: 'There is a letter among the digits. After the P come 12 digits only: check for the letter O instead of zero, or l/I instead of one.',
  },
  resident_number: {
    ko: '주민등록번호처럼 보여요. 주민등록번호는 채팅에 보내지 마세요. 개인통관고유부호(P로 시작하는 13자리)가 바로 주민등록번호 대신 쓰는 번호예요. 방금 보낸 메시지는 지워 두시는 게 안전해요.',
    en: "That looks like a resident registration number. Please never share it in chat: the customs code (P followed by 12 digits) exists so you don't have to. It's safest to delete that message.",
  },
  phone_number: {
    ko: '휴대전화번호처럼 보여요. 여기에는 개인통관고유부호(영문 P + 숫자 12자리)를 보내 주세요.',
    en: 'That looks like a phone number. Please send your customs code instead: the letter P followed by 12 digits.',
  },
  several_codes: {
    ko: '통관부호가 여러 개 보여요. 한 번에 하나만 보내 주세요.',
    en: 'I see more than one code. Please send one code at a time.',
  },
  invalid: {
    ko: '개인통관고유부호 형식이 아니에요. P로 시작하는 13자리(예: P123456789012)만 보내 주세요. 사업자등록번호·주문번호·송장번호와 헷갈리지 않았는지도 확인해 주세요.',
    en: "That doesn't look like a personal customs code. Please send just the code: P followed by 12 digits, e.g. P123456789012 (not a business registration, order or tracking number).",
  },
};

/** A kind, fixed message; never contains what the user typed. */
export function codeErrorMessage(kind: CodeErrorKind, lang: Lang): string {
  const byLang = MESSAGES[kind] ?? MESSAGES.invalid;
  return byLang[lang] ?? byLang.ko;
}
