/**
 * Reading UNI-PASS answers (already-parsed XML) into outcome values.
 * Pure functions: no I/O, never throw.
 */
import { z } from 'zod';
import { decodeXmlText, parseUnipassXml } from './xml';
import type { CargoProgress, CargoStep, MismatchReason, UnavailableCause, VerifyOutcome } from './types';

const text = z.string().transform(decodeXmlText);
const optText = text.optional();
const tCnt = z
  .string()
  .regex(/^-?\d{1,9}$/)
  .transform(Number);

/** An empty repeating element (`<x/>`) parses as ''; read it as an element with no children. */
function listOf<T extends z.ZodType>(item: T) {
  return z.array(z.preprocess((v) => (v === '' ? {} : v), item)).optional();
}

const VerifySchema = z.object({
  tCnt,
  ntceInfo: optText,
  persEcmQryRtnErrInfoVo: listOf(z.object({ errMsgCn: optText })),
});

const SummarySchema = z.object({
  cargMtNo: text,
  hblNo: optText,
  mblNo: optText,
  csclPrgsStts: optText,
  prgsStts: optText,
  prnm: optText,
  etprDt: optText,
});

const StepSchema = z.object({
  cargTrcnRelaBsopTpcd: optText,
  prcsDttm: optText,
  rlbrDttm: optText,
  shedNm: optText,
  dclrNo: optText,
});

const CargoSchema = z.object({
  tCnt,
  ntceInfo: optText,
  cargCsclPrgsInfoQryVo: listOf(SummarySchema),
  cargCsclPrgsInfoDtlQryVo: listOf(StepSchema),
});

export const VERIFY_ROOT = 'persEcmQryRtnVo';
export const CARGO_ROOT = 'cargCsclPrgsInfoQryRtnVo';

type Fault = { kind: 'bad_key' } | { kind: 'missing_key' } | { kind: 'unavailable'; cause: UnavailableCause };

/** tCnt -1: tell key problems (which the operator must fix) from other refusals. */
export function classifyNotice(notice: string | undefined): Fault {
  const n = notice ?? '';
  if (/인증키|crkyCn/i.test(n)) {
    return /필수/.test(n) ? { kind: 'missing_key' } : { kind: 'bad_key' };
  }
  return { kind: 'unavailable', cause: 'rejected' };
}

/**
 * errMsgCn → reason. Field keywords are checked before the generic "does not
 * exist", so "우편번호가 존재하지 않습니다" is a postal-code problem, not a missing code.
 */
const REASON_RULES: Array<[RegExp, MismatchReason]> = [
  [/유효\s*기간|만료/, 'expired'],
  [/사용\s*중이\s*아닌|사용\s*정지|사용\s*중지|정지된|폐기/, 'not_in_use'],
  [/우편\s*번호/, 'postal_code'],
  [/휴대\s*전화|전화\s*번호|연락처/, 'phone'],
  [/성명|이름/, 'name'],
  [/존재하지\s*않|없습니다/, 'no_such_code'],
];

export function reasonOf(message: string): MismatchReason {
  for (const [re, reason] of REASON_RULES) if (re.test(message)) return reason;
  return 'other';
}

/**
 * What both APIs' answers go through first: XML that fits the schema, under the API's root (a
 * tCnt -1 notice may come under another), and not a notice. The answer's fields, or the fault.
 */
function readEnvelope<S extends z.ZodType<{ tCnt: number; ntceInfo?: string }>>(
  body: string,
  schema: S,
  root: string,
): z.output<S> | Fault {
  const xml = parseUnipassXml(body);
  if (!xml.ok) return { kind: 'unavailable', cause: 'malformed' };
  const parsed = schema.safeParse(xml.value);
  if (!parsed.success) return { kind: 'unavailable', cause: 'malformed' };
  const a = parsed.data;
  if (xml.root !== root && a.tCnt !== -1) return { kind: 'unavailable', cause: 'malformed' };
  if (a.tCnt === -1) return classifyNotice(a.ntceInfo);
  return a;
}

/** API028 body → outcome. */
export function readVerifyAnswer(body: string): VerifyOutcome {
  const a = readEnvelope(body, VerifySchema, VERIFY_ROOT);
  if ('kind' in a) return a;
  if (a.tCnt === 1) return { kind: 'match' };
  if (a.tCnt !== 0) return { kind: 'unavailable', cause: 'malformed' };
  const messages = (a.persEcmQryRtnErrInfoVo ?? []).map((e) => (e.errMsgCn ?? '').trim()).filter((m) => m.length > 0);
  const reasons = [...new Set(messages.map(reasonOf))];
  return { kind: 'mismatch', reasons: reasons.length > 0 ? reasons : ['other'], messages };
}

export type CargoAnswer =
  | { kind: 'items'; items: CargoProgress[] }
  /** [N00] or several summaries: each must be asked again by cargMtNo for its steps. */
  | { kind: 'several'; summaries: CargoProgress[] }
  | { kind: 'not_found' }
  | Fault;

/** API001 body → answer (several-results follow-ups are the client's job). */
export function readCargoAnswer(body: string): CargoAnswer {
  const a = readEnvelope(body, CargoSchema, CARGO_ROOT);
  if ('kind' in a) return a;
  if (a.tCnt === 0) return { kind: 'not_found' };
  if (a.tCnt < 0) return { kind: 'unavailable', cause: 'malformed' };
  const summaries = (a.cargCsclPrgsInfoQryVo ?? []).filter((s) => s.cargMtNo.trim() !== '');
  // tCnt says there is something; no usable summary means the answer is broken.
  if (summaries.length === 0) return { kind: 'unavailable', cause: 'malformed' };
  const several = /^\s*\[N00\]/.test(a.ntceInfo ?? '') || summaries.length > 1;
  if (several) {
    return { kind: 'several', summaries: summaries.map((s) => toProgress(s, [])) };
  }
  const steps = (a.cargCsclPrgsInfoDtlQryVo ?? []).map(toStep);
  return { kind: 'items', items: [toProgress(summaries[0]!, steps)] };
}

type Summary = z.infer<typeof SummarySchema>;
type Step = z.infer<typeof StepSchema>;

function blank(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

function toStep(s: Step): CargoStep {
  const step: CargoStep = { name: blank(s.cargTrcnRelaBsopTpcd) ?? '' };
  const at = readKstTime(blank(s.prcsDttm) ?? blank(s.rlbrDttm));
  if (at !== undefined) step.at = at;
  const place = blank(s.shedNm);
  if (place) step.place = place;
  const dclr = blank(s.dclrNo);
  if (dclr) step.declarationNo = dclr;
  return step;
}

export function toProgress(s: Summary, steps: CargoStep[]): CargoProgress {
  const p: CargoProgress = { cargMtNo: s.cargMtNo.trim(), steps, released: false };
  const hbl = blank(s.hblNo);
  if (hbl) p.hblNo = hbl;
  const mbl = blank(s.mblNo);
  if (mbl) p.mblNo = mbl;
  const status = blank(s.csclPrgsStts) ?? blank(s.prgsStts);
  if (status) p.status = status;
  const goods = blank(s.prnm);
  if (goods) p.goods = goods;
  const arrival = readYmd(blank(s.etprDt));
  if (arrival) p.arrivalDate = arrival;
  p.released = isReleased(steps, [blank(s.csclPrgsStts), blank(s.prgsStts)]);
  return p;
}

const RELEASE_STEP = /반출신고|수입신고\s*수리/;
const RELEASE_STATUS = /반출신고|반출완료|수입신고\s*수리/;

export function isReleased(steps: CargoStep[], statuses: Array<string | undefined>): boolean {
  return (
    steps.some((s) => RELEASE_STEP.test(s.name)) || statuses.some((s) => s !== undefined && RELEASE_STATUS.test(s))
  );
}

/** YYYYMMDD → YYYY-MM-DD, or undefined when it is not a real date. */
function readYmd(s: string | undefined): string | undefined {
  const m = s?.match(/^(\d{4})-?(\d{2})-?(\d{2})$/);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}

/**
 * UNI-PASS times are Korean local time without a zone: YYYYMMDDHHMMSS or
 * YYYY-MM-DD HH:MM:SS. Returns a Date, or the raw text when it is not a real time.
 */
export function readKstTime(s: string | undefined): Date | string | undefined {
  if (s === undefined) return undefined;
  const m = s.match(/^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})$/);
  if (!m) return s;
  const [, y, mo, d, h, mi, se] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${se}+09:00`);
  if (Number.isNaN(date.getTime())) return s;
  // Reject rollovers such as 20250231: the KST wall clock must read back the same.
  const back = new Date(date.getTime() + 9 * 3600_000).toISOString();
  return back.startsWith(`${y}-${mo}-${d}T${h}:${mi}:${se}`) ? date : s;
}
