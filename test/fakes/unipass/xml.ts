/** Builders for the documented UNI-PASS XML shapes (docs/domain.md), shared by the fake server and tests. */

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function el(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${esc(value)}</${name}>`;
}

export interface VerifyXml {
  tCnt: number | string;
  ntceInfo?: string;
  errors?: string[];
}

export function verifyXml(v: VerifyXml): string {
  const errs = (v.errors ?? [])
    .map((m) => `<persEcmQryRtnErrInfoVo>${el('errMsgCn', m)}</persEcmQryRtnErrInfoVo>`)
    .join('');
  return `${DECL}<persEcmQryRtnVo>${el('ntceInfo', v.ntceInfo)}${errs}<tCnt>${v.tCnt}</tCnt></persEcmQryRtnVo>`;
}

export interface SummaryXml {
  cargMtNo: string;
  hblNo?: string;
  mblNo?: string;
  csclPrgsStts?: string;
  prgsStts?: string;
  prnm?: string;
  etprDt?: string;
  prcsDttm?: string;
  shcoFlco?: string;
  ttwg?: string;
  wghtUt?: string;
}

export interface StepXml {
  cargTrcnRelaBsopTpcd: string;
  prcsDttm?: string;
  rlbrDttm?: string;
  shedNm?: string;
  dclrNo?: string;
  wght?: string;
  pckGcnt?: string;
}

export interface CargoXml {
  tCnt: number | string;
  ntceInfo?: string;
  summaries?: SummaryXml[];
  steps?: StepXml[];
}

function fields(o: object): string {
  return Object.entries(o)
    .map(([k, v]) => el(k, v as string | undefined))
    .join('');
}

export function cargoXml(c: CargoXml): string {
  const sums = (c.summaries ?? []).map((s) => `<cargCsclPrgsInfoQryVo>${fields(s)}</cargCsclPrgsInfoQryVo>`).join('');
  const steps = (c.steps ?? [])
    .map((s) => `<cargCsclPrgsInfoDtlQryVo>${fields(s)}</cargCsclPrgsInfoDtlQryVo>`)
    .join('');
  return `${DECL}<cargCsclPrgsInfoQryRtnVo>${el('ntceInfo', c.ntceInfo ?? '')}${sums}${steps}<tCnt>${c.tCnt}</tCnt></cargCsclPrgsInfoQryRtnVo>`;
}

export const NOTICE_BAD_KEY = '존재하지 않는 인증키입니다.';
export const NOTICE_MISSING_KEY = '인증키(crkyCn)는 필수입력입니다.';
export const NOTICE_SEVERAL = '[N00] 조회 결과가 다건입니다. 화물관리번호로 다시 조회하시기 바랍니다.';

/** errMsgCn texts. The first three are seen verbatim; the others' exact wording is unknown. */
export const ERR = {
  noSuchCode: '납세의무자 개인통관고유부호가 존재하지 않습니다.',
  phone: '납세의무자 휴대전화번호가 일치하지 않습니다.',
  name: '개인통관고유부호의 성명과 일치하지 않습니다.',
  postalCode: '납세의무자 우편번호가 일치하지 않습니다.',
  expired: '개인통관고유부호의 유효기간이 만료되었습니다.',
  notInUse: '사용중이 아닌 개인통관고유부호입니다.',
} as const;

/** Billion laughs: 10 levels × 10 references. Expanded it would be ~3 GB. */
export function billionLaughsXml(): string {
  let dtd = '<!ENTITY lol0 "lol">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  return `<?xml version="1.0"?><!DOCTYPE persEcmQryRtnVo [${dtd}]><persEcmQryRtnVo><tCnt>1</tCnt><ntceInfo>&lol9;</ntceInfo></persEcmQryRtnVo>`;
}

export function externalEntityXml(): string {
  return `<?xml version="1.0"?><!DOCTYPE persEcmQryRtnVo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><persEcmQryRtnVo><tCnt>1</tCnt><ntceInfo>&xxe;</ntceInfo></persEcmQryRtnVo>`;
}
