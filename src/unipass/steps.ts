/**
 * Plain-language explanations for cargo steps, mismatch fixes and API keys.
 * Wording follows the domain notes (docs/domain.md); UNI-PASS menu names are
 * given in Korean in both languages so users can find them on the site.
 */
import { isRelayNumber } from './validate';
import type { Lang, MismatchReason } from './types';

interface Explanation {
  /** Normalised step names this explains (spaces removed). */
  names: string[];
  ko: string;
  en: string;
}

const STEPS: Explanation[] = [
  {
    names: ['입항적하목록제출'],
    ko: '운송사가 세관에 화물 목록(적하목록)을 냈습니다. 배나 비행기가 한국에 도착하기 전후의 첫 단계이며, 다음은 세관의 적하목록 심사입니다.',
    en: 'The carrier has filed the cargo manifest with customs. It is the first step, around the arrival in Korea; next customs reviews the manifest.',
  },
  {
    names: ['입항적하목록심사완료'],
    ko: '세관이 적하목록 심사를 마쳤습니다. 다음은 배나 비행기의 입항 보고와 화물을 내리는 하선·하기 신고입니다.',
    en: 'Customs has finished reviewing the manifest. Next the ship or plane reports its arrival and the cargo is unloaded.',
  },
  {
    names: ['입항보고제출', '입항보고수리', '입항보고제출/수리'],
    ko: '배나 비행기가 한국에 입항했다고 보고했습니다. 다음은 화물을 내리는 하선(배) 또는 하기(비행기) 신고입니다.',
    en: 'The ship or plane has reported its arrival in Korea. Next the cargo is unloaded (하선 for ships, 하기 for planes).',
  },
  {
    names: ['하기신고수리'],
    ko: '비행기에서 화물을 내리는 신고가 처리되었습니다. 다음은 보세창고로 옮겨 반입신고를 합니다.',
    en: 'Unloading from the plane has been accepted. Next the parcel moves to a bonded warehouse and is registered there (반입신고).',
  },
  {
    names: ['하선신고수리'],
    ko: '배에서 화물을 내리는 신고가 처리되었습니다. 다음은 보세창고로 옮겨 반입신고를 합니다.',
    en: 'Unloading from the ship has been accepted. Next the parcel moves to a bonded warehouse and is registered there (반입신고).',
  },
  {
    names: ['통관목록접수'],
    ko: '목록통관(간이 통관) 신청이 접수되었습니다. 세관이 이름·휴대전화번호·개인통관고유부호가 맞는지 확인하며, 다음은 통관목록 심사완료입니다.',
    en: 'The list-clearance request has been received. Customs checks that the name, mobile number and customs code match; next comes the review result (통관목록심사완료).',
  },
  {
    names: ['통관목록심사완료'],
    ko: '목록통관 심사가 끝나 통관이 허용되었습니다. 다음은 보세창고에서 물건을 내보내는 반출신고이며, 그 뒤 국내 택배로 배송됩니다.',
    en: 'The list-clearance review is done and the parcel is cleared. Next it leaves the bonded warehouse (반출신고) and goes to a domestic courier.',
  },
  {
    names: ['반입신고'],
    ko: '물건이 보세창고에 들어왔습니다. 다음은 통관(목록통관 또는 수입신고) 절차입니다. 여기서 오래 멈춰 있으면 개인통관고유부호·이름·휴대전화번호가 맞지 않거나 서류가 필요할 수 있습니다.',
    en: 'The parcel has arrived at a bonded warehouse. Next comes clearance (list clearance or an import declaration). If it stays here long, the code, name or phone may not match, or documents may be needed.',
  },
  {
    names: ['수입신고'],
    ko: '관세사(또는 특송업체)가 수입신고를 했습니다. 세관 심사 후 수리되면 세금을 내고 반출됩니다.',
    en: 'A customs broker (or the express courier) has filed an import declaration. Once customs accepts it and any duties are paid, the parcel is released.',
  },
  {
    names: ['수입신고수리'],
    ko: '수입신고가 수리되어 통관이 끝났습니다. 다음은 보세창고에서 반출되어 국내 택배로 배송됩니다. 세금이 있으면 납부 안내를 받게 됩니다.',
    en: 'The import declaration has been accepted: clearance is complete. Next the parcel leaves the bonded warehouse for domestic delivery. If duties apply, you will be told how to pay.',
  },
  {
    names: ['반출신고'],
    ko: '물건이 보세창고에서 나갔습니다. 통관 절차는 끝났고, 이제 국내 택배사의 배송 조회로 확인하시면 됩니다.',
    en: 'The parcel has left the bonded warehouse. Customs is done; follow it now with the domestic courier’s tracking.',
  },
];

const BY_NAME = new Map<string, Explanation>();
for (const e of STEPS) for (const n of e.names) BY_NAME.set(n, e);

function key(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, '');
}

/** What a step means and what happens next, in plain words. Unknown names get a general sentence. */
export function explainStep(name: string, lang: Lang): string {
  const n = typeof name === 'string' ? key(name) : '';
  const e = BY_NAME.get(n) ?? (n.startsWith('입항보고') ? BY_NAME.get('입항보고제출') : undefined);
  if (e) return e[lang === 'en' ? 'en' : 'ko'];
  const label = n ? (lang === 'en' ? `“${name.trim()}”` : `‘${name.trim()}’`) : lang === 'en' ? 'This step' : '이 단계';
  return lang === 'en'
    ? `${label} is a customs or bonded-warehouse processing step. Parcels usually move on within a few days; if nothing changes for long, ask the courier or call the customs call centre on 125.`
    : `${label}은(는) 세관 또는 보세창고의 처리 단계입니다. 보통 며칠 안에 다음 단계로 넘어가며, 오래 변화가 없으면 택배사에 문의하거나 관세청 고객지원센터(125)에 전화해 주세요.`;
}

const UPDATE_KO = 'UNI-PASS(unipass.customs.go.kr) 개인통관고유부호 → 조회 → 수정';
const CORRECT_KO =
  '그다음 택배사나 관세사(배송대행지)에 운송장 정보 정정을 요청하세요 (정정 수수료가 붙을 수 있습니다).';
const CORRECT_EN =
  'then ask the courier or customs broker (or forwarder) to correct the waybill (they may charge a small fee).';

const ADVICE: Record<MismatchReason, { ko: string; en: string }> = {
  no_such_code: {
    ko: '이 개인통관고유부호는 존재하지 않습니다. 오타가 없는지 확인하고, 모르면 UNI-PASS 개인통관고유부호 → 조회에서 본인 확인 후 확인하세요. 재발급했다면 새 부호를 써야 합니다.',
    en: 'This customs code does not exist. Check for typos; if unsure, look it up on UNI-PASS (개인통관고유부호 → 조회) after identity verification. If you reissued it, use the new code.',
  },
  name: {
    ko: `이름이 등록된 것과 다릅니다. 등록된 이름은 ${UPDATE_KO}에서 확인·수정할 수 있습니다. 외국인은 영문 대문자 이름을 확인하세요. ${CORRECT_KO}`,
    en: `The name differs from the one registered. Check or change it on UNI-PASS (개인통관고유부호 → 조회 → 수정); foreign residents should check the English name in capitals; ${CORRECT_EN}`,
  },
  phone: {
    ko: `휴대전화번호가 등록된 번호와 다릅니다. ${UPDATE_KO}에서 휴대전화번호를 지금 쓰는 번호로 바꾸세요. ${CORRECT_KO} 050 안심번호는 확인에 실패하니 실제 번호를 쓰세요.`,
    en: `The mobile number differs from the registered one. Update it on UNI-PASS (개인통관고유부호 → 조회 → 수정); ${CORRECT_EN} A 050 relay ("safe") number always fails, so use your real number.`,
  },
  postal_code: {
    ko: `우편번호가 등록된 주소와 다릅니다. ${UPDATE_KO}에서 주소(배송지)를 확인하거나 추가하세요. ${CORRECT_KO}`,
    en: `The postal code does not match the registered address. Check or add the delivery address on UNI-PASS (개인통관고유부호 → 조회 → 수정); ${CORRECT_EN}`,
  },
  expired: {
    ko: '개인통관고유부호의 유효기간이 지났습니다. UNI-PASS 개인통관고유부호 메뉴에서 갱신하세요 (만료 전후 30일 안에 갱신하면 같은 번호를 계속 씁니다). 자동 취소되었다면 새로 발급받아야 합니다.',
    en: 'The customs code has expired. Renew it in the UNI-PASS 개인통관고유부호 menu (renewing within 30 days before or after expiry keeps the same number); if it was cancelled automatically, apply for a new one.',
  },
  not_in_use: {
    ko: '이 개인통관고유부호는 사용 중이 아닙니다(사용정지 또는 재발급으로 폐기). UNI-PASS 개인통관고유부호 → 조회 → 수정 → 사용여부에서 재발급하고, 새 부호를 판매처·택배사·관세사에 알려 주세요.',
    en: 'This customs code is not in use (suspended, or replaced by a reissue). Reissue it on UNI-PASS (개인통관고유부호 → 조회 → 수정 → 사용여부: 재발급) and give the new code to the seller, courier or broker.',
  },
  other: {
    ko: '입력한 정보가 등록된 정보와 맞지 않습니다. UNI-PASS 개인통관고유부호 → 조회에서 등록 정보를 확인하고, 해결이 안 되면 관세청 고객지원센터 125로 문의하세요.',
    en: 'The details do not match the registration. Check them on UNI-PASS (개인통관고유부호 → 조회); if that does not help, call the customs call centre on 125 (+82-2-3438-5199 from abroad).',
  },
};

/** What to fix, and where, for a mismatch reason. */
export function mismatchAdvice(reason: MismatchReason, lang: Lang): string {
  const a = ADVICE[reason] ?? ADVICE.other;
  return a[lang === 'en' ? 'en' : 'ko'];
}

/** Warning for a 050 relay number, or undefined when the number is not one. */
export function relayNumberWarning(phone: string, lang: Lang): string | undefined {
  if (!isRelayNumber(phone)) return undefined;
  return lang === 'en'
    ? 'This is a 050 relay ("safe") number. Since 2021-06-24 the number on the waybill must match the one registered with your customs code, so a relay number fails the check and the parcel can be held. Give the seller your real mobile number.'
    : '050으로 시작하는 안심번호입니다. 2021년 6월 24일부터 운송장의 휴대전화번호가 개인통관고유부호에 등록된 번호와 같아야 하므로, 안심번호는 확인에 실패해 통관이 보류될 수 있습니다. 판매처에 실제 휴대전화번호를 알려 주세요.';
}

/** How an operator gets a UNI-PASS Open API key. */
export function noKeyHelp(lang: Lang): string {
  return lang === 'en'
    ? 'UNI-PASS lookups need an Open API key (crkyCn), one per API. Request it on UNI-PASS: My메뉴 → 서비스관리 → OpenAPI 사용관리 (verification API028 and cargo progress API001 separately), then set UNIPASS_VERIFY_KEY and UNIPASS_CARGO_KEY.'
    : 'UNI-PASS 조회에는 API마다 따로 발급받는 Open API 인증키(crkyCn)가 필요합니다. UNI-PASS → My메뉴 → 서비스관리 → OpenAPI 사용관리에서 개인통관고유부호 검증(API028)과 화물통관 진행정보(API001) 키를 신청한 뒤 UNIPASS_VERIFY_KEY, UNIPASS_CARGO_KEY에 설정하세요.';
}
