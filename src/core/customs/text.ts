// Interface text of the verify and parcel features (ko + en). UNI-PASS menu names stay in
// Korean in both languages so users can find them on the site.
import type { Lang } from '../types';

const ko = {
  verifyTitle: '통관부호 확인 (UNI-PASS)',
  verifyIntro:
    '관세청 UNI-PASS에 등록된 정보와 맞는지 한 번 확인해요. 이름·휴대전화번호·우편번호는 이 확인에만 쓰고 저장하지 않아요.',
  verifySubmit: '확인',
  fieldName: '이름 (통관부호에 등록한 그대로)',
  fieldPhone: '휴대전화번호 (예: 010-1234-5678)',
  fieldPostal: '우편번호 5자리',
  fieldVerifyPin: '보관할 때 정한 PIN',
  verifyLimitPerson:
    'UNI-PASS 확인은 하루 {n}번까지 할 수 있어요. 내일 다시 시도해 주세요. 입력한 정보는 저장하지 않았어요.',
  verifyLimitCode:
    '이 통관부호는 오늘 확인 요청이 너무 많았어요(하루 {n}번까지). 내일 다시 시도해 주세요. 입력한 정보는 저장하지 않았어요.',
  trackLimitDay: '화물 조회는 하루 {n}번까지 할 수 있어요. 내일 다시 시도해 주세요.',
  verifyNeedsCode: '먼저 통관부호를 보관해야 확인할 수 있어요. "/pccc register"로 등록해 주세요.',
  verifyFormatOnly:
    '이 봇에는 UNI-PASS 확인 키가 설정되어 있지 않아서 형식만 확인할 수 있어요. 보관된 통관부호 {masked}는 형식(P + 숫자 12자리)이 맞아요. 실제로 등록된 부호인지는 확인하지 못했어요.',
  verifyMatch:
    '확인 완료: 이름·휴대전화번호·우편번호가 통관부호 {masked}에 등록된 정보와 일치해요. "/pccc status"에 확인 날짜가 표시돼요.',
  verifyMismatch: '관세청 확인 결과, 다음이 맞지 않아요 (아무것도 저장하지 않았어요):',
  verifyCodeCleared: '통관부호 자체에 문제가 있어서 이전 확인 기록을 지웠어요.',
  verifyRetry: '고친 뒤 "/pccc verify"로 다시 확인할 수 있어요.',
  reasonNoSuchCode: '통관부호 없음',
  reasonName: '이름',
  reasonPhone: '휴대전화번호',
  reasonPostal: '우편번호',
  reasonExpired: '유효기간 만료',
  reasonNotInUse: '사용 중이 아님',
  reasonOther: '기타',
  serviceBadKey:
    'UNI-PASS가 이 봇의 인증키를 받아들이지 않아요. 운영자가 키를 확인해야 해요. 입력한 정보는 저장하지 않았어요.',
  serviceDown: '지금 UNI-PASS가 응답하지 않아요. 잠시 후 다시 시도해 주세요. 입력한 정보는 저장하지 않았어요.',
  verifyButton: 'UNI-PASS로 확인하기',
  trackTitle: '통관 진행 알림',
  trackIntro: '운송장(B/L) 번호를 입력하면 통관 단계가 바뀔 때마다 DM으로 알려 드려요.',
  trackSubmit: '추적 시작',
  fieldBl: 'B/L(운송장) 번호 또는 화물관리번호',
  fieldYear: 'B/L 연도 (비우면 {year})',
  trackNoKey: '이 봇에는 UNI-PASS 화물 조회 키가 설정되어 있지 않아서 통관 진행을 추적할 수 없어요.',
  yearBad: 'B/L 연도는 네 자리 숫자예요 ({from}~{to}). UNI-PASS는 입항 후 3년까지의 화물만 조회해요.',
  trackAdded: '{label} 추적을 시작했어요. 통관 단계가 바뀌면 DM으로 알려 드릴게요 (최대 60일).',
  trackAddedMany: '{label}로 화물 {n}건이 조회되어 모두 추적해요. 단계가 바뀌면 DM으로 알려 드릴게요 (최대 60일).',
  trackWaiting:
    '{label}은(는) 아직 UNI-PASS에 없어요. 운송사가 적하목록을 내면(보통 한국 도착 전후) 나타나요. 60일 동안 계속 확인하고 나타나면 알려 드릴게요. 번호와 연도({year})가 맞는지도 확인해 주세요.',
  trackDownSaved: '지금 UNI-PASS가 응답하지 않아요. {label}은(는) 저장해 두었고 나중에 다시 확인할게요.',
  trackExists: '{label}은(는) 이미 추적 중이에요. "/pccc parcels"로 볼 수 있어요.',
  trackReleased:
    '{label}은(는) 이미 통관이 끝났어요 ({step}). 추적할 필요가 없어요. 이제 국내 택배사 배송 조회를 이용하세요.',
  trackLimit: '한 번에 {n}건까지만 추적할 수 있어요. "/pccc untrack <B/L>"로 정리한 뒤 다시 시도해 주세요.',
  currentStep: '현재 단계: {step}',
  yearFallback: '참고: {asked}년에는 없어서 {year}년 B/L로 찾았어요.',
  parcelsTitle: '추적 중인 화물',
  parcelsNone: '추적 중인 화물이 없어요. "/pccc track <B/L 번호>"로 추가할 수 있어요.',
  parcelNoStep: '아직 조회되지 않음',
  stateActive: '추적 중',
  stateReleased: '통관 완료',
  stateExpired: '60일이 지나 추적 종료',
  statePaused: 'DM을 보낼 수 없어 중지',
  untrackUsage: '사용법: /pccc untrack <B/L 번호>',
  untracked: '{label} 추적을 그만뒀어요.',
  untrackNone: '{label}은(는) 추적 중인 화물이 아니에요. "/pccc parcels"로 목록을 볼 수 있어요.',
  dmTitle: '통관 진행: {label}',
  dmNewStep: '새 단계: {step}{when}',
  dmGoods: '물품: {goods}',
  dmReleasedEnd: '통관이 끝나 이 화물 추적을 마쳤어요.',
  dmExpired: '{label}을(를) 60일 동안 추적했어요. 더는 확인하지 않아요. 마지막 단계: {step}.',
  dmNotMine: '내 주문이 아니에요',
  notMineIntro:
    '모르는 화물에 내 통관부호가 쓰였다면 도용일 수 있어요. 신고할 때 이 B/L 번호를 함께 알려 주세요: {label}',
  pausedNotice:
    'DM을 보낼 수 없어서 화물 {label} 통관 알림을 멈췄어요. DM을 허용한 뒤 "/pccc track {label}"으로 다시 시작해 주세요.',
  statusUnipass: 'UNI-PASS',
  statusUnipassOn: '확인 가능 — "/pccc verify"',
  statusUnipassOff: '키 없음: 형식만 확인',
  statusParcels: '화물 추적',
  statusParcelsValue: '{active}건 추적 중, {done}건 완료',
  help1: '• verify — 내 통관부호를 UNI-PASS에 등록된 이름·휴대전화·우편번호와 대조 (입력값은 저장 안 함)',
  help2: '• track <B/L> [연도] — 통관 단계가 바뀔 때마다 DM 알림 · parcels — 추적 목록 · untrack <B/L> — 추적 해제',
};

type Texts = typeof ko;

const en: Texts = {
  verifyTitle: 'Check my code (UNI-PASS)',
  verifyIntro:
    'Checks once that your details match what UNI-PASS has for your code. Name, mobile and postal code are used for this check only and are not stored.',
  verifySubmit: 'Check',
  fieldName: 'Name (exactly as registered with the code)',
  fieldPhone: 'Mobile number (e.g. 010-1234-5678)',
  fieldPostal: 'Postal code (5 digits)',
  fieldVerifyPin: 'The PIN you set when storing your code',
  verifyLimitPerson:
    'You can check with UNI-PASS up to {n} times a day. Please try again tomorrow. Nothing you typed was stored.',
  verifyLimitCode:
    'This code has been checked too many times today (up to {n} a day). Please try again tomorrow. Nothing you typed was stored.',
  trackLimitDay: 'You can look up parcels up to {n} times a day. Please try again tomorrow.',
  verifyNeedsCode: 'Store your code first, then I can check it: "/pccc register".',
  verifyFormatOnly:
    'This bot has no UNI-PASS verification key, so I can only check the format. Your stored code {masked} has the right format (P + 12 digits); whether it is registered could not be checked.',
  verifyMatch:
    'Verified: the name, mobile number and postal code match what is registered for {masked}. "/pccc status" now shows the date.',
  verifyMismatch: 'UNI-PASS says these do not match (nothing was stored):',
  verifyCodeCleared: 'The code itself has a problem, so the earlier verification was cleared.',
  verifyRetry: 'After fixing it, check again with "/pccc verify".',
  reasonNoSuchCode: 'No such code',
  reasonName: 'Name',
  reasonPhone: 'Mobile number',
  reasonPostal: 'Postal code',
  reasonExpired: 'Expired',
  reasonNotInUse: 'Not in use',
  reasonOther: 'Other',
  serviceBadKey:
    'UNI-PASS did not accept this bot’s API key; the operator needs to check it. Nothing you entered was stored.',
  serviceDown: 'UNI-PASS is not answering right now. Please try again later. Nothing you entered was stored.',
  verifyButton: 'Check with UNI-PASS',
  trackTitle: 'Customs progress alerts',
  trackIntro: 'Give the waybill (B/L) number and I will DM you each time the customs step changes.',
  trackSubmit: 'Start tracking',
  fieldBl: 'B/L (waybill) number or cargo management number',
  fieldYear: 'B/L year (blank = {year})',
  trackNoKey: 'This bot has no UNI-PASS cargo key, so it cannot track customs progress.',
  yearBad: 'The B/L year is a four-digit year ({from}–{to}). UNI-PASS only has cargo from the last 3 years.',
  trackAdded: 'Tracking {label}. I will DM you when the customs step changes (for up to 60 days).',
  trackAddedMany:
    '{label} matches {n} shipments; tracking them all. I will DM you when a step changes (for up to 60 days).',
  trackWaiting:
    '{label} is not in UNI-PASS yet. It appears once the carrier files the manifest (usually around arrival in Korea). I will keep checking for 60 days and tell you when it shows up. Please also check the number and the year ({year}).',
  trackDownSaved: 'UNI-PASS is not answering right now. {label} is saved and I will check it again later.',
  trackExists: 'You are already tracking {label}. See "/pccc parcels".',
  trackReleased:
    '{label} has already cleared customs ({step}); no tracking needed. Follow it with the domestic courier now.',
  trackLimit: 'You can track up to {n} parcels at a time. Remove one with "/pccc untrack <B/L>" and try again.',
  currentStep: 'Current step: {step}',
  yearFallback: 'Note: not found for {asked}, found as a {year} B/L.',
  parcelsTitle: 'Parcels I am tracking',
  parcelsNone: 'You are not tracking any parcel. Add one with "/pccc track <B/L number>".',
  parcelNoStep: 'not in UNI-PASS yet',
  stateActive: 'tracking',
  stateReleased: 'cleared',
  stateExpired: 'stopped after 60 days',
  statePaused: 'stopped: DMs closed',
  untrackUsage: 'Usage: /pccc untrack <B/L number>',
  untracked: 'Stopped tracking {label}.',
  untrackNone: 'You are not tracking {label}. See "/pccc parcels".',
  dmTitle: 'Customs progress: {label}',
  dmNewStep: 'New step: {step}{when}',
  dmGoods: 'Goods: {goods}',
  dmReleasedEnd: 'Customs is done, so I stopped tracking this parcel.',
  dmExpired: 'I tracked {label} for 60 days and have stopped checking. Last step: {step}.',
  dmNotMine: 'Not my order',
  notMineIntro:
    'If your code was used for a parcel you did not order, it may have been stolen. Give this B/L number when you report it: {label}',
  pausedNotice:
    'I could not DM you, so customs alerts for {label} are stopped. Allow DMs and run "/pccc track {label}" again to restart.',
  statusUnipass: 'UNI-PASS',
  statusUnipassOn: 'can verify — "/pccc verify"',
  statusUnipassOff: 'no key: format check only',
  statusParcels: 'Parcels',
  statusParcelsValue: '{active} tracking, {done} finished',
  help1:
    '• verify — check your code against the name, mobile and postal code registered in UNI-PASS (nothing you type is stored)',
  help2: '• track <B/L> [year] — DM at each new customs step · parcels — list · untrack <B/L> — stop',
};

export type TextKey = keyof Texts;

export function tx(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return (lang === 'en' ? en : ko)[key].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function pick(lang: Lang, b: { ko: string; en: string }): string {
  return lang === 'en' ? b.en : b.ko;
}
