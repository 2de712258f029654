/**
 * UNI-PASS Open API client: API028 (customs code verification) and API001
 * (cargo clearance progress). Every call resolves to an outcome value; nothing
 * here throws after construction, and nothing identifying is logged.
 */
import { z } from 'zod';
import { readCargoAnswer, readVerifyAnswer, type CargoAnswer } from './answers';
import { getXml, safeLog, type HttpSettings } from './http';
import { parseCustomsCode, parseName, parsePhone, parsePostalCode } from './validate';
import { UNIPASS_TEXT } from './text';
import type {
  Bilingual,
  CargoOutcome,
  CargoProgress,
  CargoQuery,
  InputField,
  InvalidInput,
  UnipassClient,
  UnipassClientOptions,
  VerifyInput,
  VerifyOutcome,
} from './types';

export const PRODUCTION_BASE_URL = 'https://unipass.customs.go.kr:38010/ext/rest';
export const TEST_BASE_URL = 'https://tunipass.customs.go.kr:38010/ext/rest';

const VERIFY_PATH = '/persEcmQry/retrievePersEcm';
const CARGO_PATH = '/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo';
/** How the missing-key warning names each API's key. */
const KEY_NAMES = { API028: 'verification', API001: 'cargo' } as const;
/** The brief's ceiling: at most three attempts per call. */
const MAX_RETRIES = 2;

const OptionsSchema = z.object({
  baseUrl: z
    .string()
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'must be an http(s) URL')
    .optional(),
  verifyKey: z.string().optional(),
  cargoKey: z.string().optional(),
  timeoutMs: z.number().int().min(1).max(120_000).optional(),
  retries: z.number().int().min(0).optional(),
  backoffBaseMs: z.number().min(0).max(60_000).optional(),
  maxBodyBytes: z.number().int().min(1024).optional(),
  maxFollowUps: z.number().int().min(0).max(100).optional(),
});

/**
 * Build a client. Throws only on a programming/configuration error in `opts`,
 * naming the option but never echoing its value (keys are secrets).
 */
export function createUnipassClient(opts: UnipassClientOptions = {}): UnipassClient {
  const checked = OptionsSchema.safeParse(opts);
  if (!checked.success) {
    const where = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`UNI-PASS client options are invalid (${where})`);
  }
  const base = (opts.baseUrl ?? PRODUCTION_BASE_URL).replace(/\/+$/, '');
  const verifyKey = opts.verifyKey?.trim() || undefined;
  const cargoKey = opts.cargoKey?.trim() || undefined;
  const maxFollowUps = opts.maxFollowUps ?? 10;
  const logger = opts.logger;
  const http: HttpSettings = {
    fetch: opts.fetch ?? globalThis.fetch,
    timeoutMs: opts.timeoutMs ?? 10_000,
    retries: Math.min(opts.retries ?? MAX_RETRIES, MAX_RETRIES),
    backoffBaseMs: opts.backoffBaseMs ?? 250,
    maxBodyBytes: opts.maxBodyBytes ?? 1024 * 1024,
    logger,
    random: opts.random ?? Math.random,
  };

  function url(path: string, params: Record<string, string>): URL {
    const u = new URL(base + path);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u;
  }

  /**
   * What every call does around its request: the input checked first, then the key (its absence
   * is the operator's to fix, so warned about), the outcome logged by kind, and nothing thrown.
   */
  async function call<I, C extends object, O extends VerifyOutcome | CargoOutcome>(
    api: keyof typeof KEY_NAMES,
    key: string | undefined,
    check: (input: I) => C | InvalidInput,
    input: I,
    run: (checked: C, key: string) => Promise<O>,
  ): Promise<O | InvalidInput | { kind: 'missing_key' } | { kind: 'unavailable'; cause: 'malformed' }> {
    try {
      const checked = check(input);
      if (isInvalid(checked)) return checked;
      if (!key) {
        safeLog(logger, 'warn', { api }, `unipass ${KEY_NAMES[api]} key is not configured`);
        return { kind: 'missing_key' };
      }
      const outcome = await run(checked, key);
      logOutcome(api, outcome);
      return outcome;
    } catch {
      // Unreachable by design; a last guard so callers never see an exception.
      return { kind: 'unavailable', cause: 'malformed' };
    }
  }

  function verify(input: VerifyInput): Promise<VerifyOutcome> {
    return call('API028', verifyKey, checkVerifyInput, input, async (checkedInput, key) => {
      const params: Record<string, string> = {
        crkyCn: key,
        persEcm: checkedInput.code,
        pltxNm: checkedInput.name,
        cralTelno: checkedInput.phone,
      };
      if (checkedInput.postalCode) params.custPsno = checkedInput.postalCode;
      const res = await getXml(url(VERIFY_PATH, params), 'API028', http);
      return res.ok ? readVerifyAnswer(res.body) : { kind: 'unavailable', cause: res.cause };
    });
  }

  /** One API001 request. */
  async function ask(params: Record<string, string>): Promise<CargoAnswer> {
    const res = await getXml(url(CARGO_PATH, { crkyCn: cargoKey!, ...params }), 'API001', http);
    return res.ok ? readCargoAnswer(res.body) : { kind: 'unavailable', cause: res.cause };
  }

  /** Resolve a several-results answer by asking again for each cargMtNo. */
  async function resolve(answer: CargoAnswer, followUp: boolean): Promise<CargoOutcome> {
    if (answer.kind === 'items') return { kind: 'found', items: answer.items };
    if (answer.kind !== 'several') return answer;
    if (!followUp) {
      return { kind: 'found', items: answer.summaries.map((s) => ({ ...s, detailsMissing: true })) };
    }
    const asked = answer.summaries.slice(0, maxFollowUps);
    const items: CargoProgress[] = [];
    for (const summary of asked) {
      const detail = await ask({ cargMtNo: summary.cargMtNo });
      if (detail.kind === 'bad_key' || detail.kind === 'missing_key') return detail;
      if (detail.kind === 'items' && detail.items.length > 0) items.push(...detail.items);
      else items.push({ ...summary, detailsMissing: true });
    }
    const omitted = answer.summaries.length - asked.length;
    return omitted > 0 ? { kind: 'found', items, omitted } : { kind: 'found', items };
  }

  function cargo(q: CargoQuery): Promise<CargoOutcome> {
    return call('API001', cargoKey, checkCargoQuery, q, async ({ params, year, tryPreviousYear }) => {
      let outcome = await resolve(await ask(params), !('cargMtNo' in params));
      if (year !== undefined && outcome.kind === 'found') outcome = { ...outcome, year };
      if (outcome.kind === 'not_found' && tryPreviousYear && year !== undefined) {
        // January parcels shipped in December are often filed under last year.
        const earlier = await resolve(await ask({ ...params, blYy: String(year - 1) }), true);
        outcome =
          earlier.kind === 'found' ? { ...earlier, year: year - 1 } : earlier.kind === 'not_found' ? outcome : earlier;
      }
      return outcome;
    });
  }

  function logOutcome(api: string, outcome: VerifyOutcome | CargoOutcome): void {
    // Kind and cause only: reasons/messages/items stay out of logs.
    const fields: Record<string, unknown> = { api, outcome: outcome.kind };
    if (outcome.kind === 'unavailable') fields.cause = outcome.cause;
    if (outcome.kind === 'invalid_input') fields.field = outcome.field;
    const bad = outcome.kind === 'unavailable' || outcome.kind === 'bad_key' || outcome.kind === 'missing_key';
    safeLog(logger, bad ? 'warn' : 'info', fields, 'unipass outcome');
  }

  return { verify, cargo };
}

/** The checks return their cleaned input (no `kind`) or an InvalidInput. */
function isInvalid(checked: object): checked is InvalidInput {
  return 'kind' in checked;
}

function invalid(field: InputField, message: Bilingual): InvalidInput {
  return { kind: 'invalid_input', field, message };
}

type CheckedVerify = { code: string; name: string; phone: string; postalCode?: string };

function checkVerifyInput(input: VerifyInput): CheckedVerify | InvalidInput {
  if (input === null || typeof input !== 'object') {
    return invalid('code', UNIPASS_TEXT.both('verifyInputMissing'));
  }
  const code = parseCustomsCode(input.code);
  if (!code.ok) return invalid('code', code.error);
  const name = parseName(input.name);
  if (!name.ok) return invalid('name', name.error);
  const phone = parsePhone(input.phone);
  if (!phone.ok) return invalid('phone', phone.error);
  const out: CheckedVerify = { code: code.value, name: name.value, phone: phone.value };
  if (input.postalCode !== undefined && input.postalCode !== '') {
    const postal = parsePostalCode(input.postalCode);
    if (!postal.ok) return invalid('postalCode', postal.error);
    out.postalCode = postal.value;
  }
  return out;
}

type CheckedCargo = { params: Record<string, string>; year?: number; tryPreviousYear: boolean };

const BL_ERROR: Bilingual = UNIPASS_TEXT.both('blFormat');

function cleanNo(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const v = s.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{4,35}$/.test(v) ? v : undefined;
}

function checkCargoQuery(q: CargoQuery): CheckedCargo | InvalidInput {
  if (q === null || typeof q !== 'object') return invalid('blNo', BL_ERROR);
  if ('cargMtNo' in q) {
    const no = cleanNo(q.cargMtNo);
    if (!no) {
      return invalid('cargMtNo', UNIPASS_TEXT.both('cargoNoFormat'));
    }
    return { params: { cargMtNo: no }, tryPreviousYear: false };
  }
  const year = q.year;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    return invalid('year', UNIPASS_TEXT.both('blYearFormat'));
  }
  const isHouse = 'hblNo' in q;
  const no = cleanNo(isHouse ? q.hblNo : (q as { mblNo: string }).mblNo);
  if (!no) return invalid('blNo', BL_ERROR);
  return {
    params: { [isHouse ? 'hblNo' : 'mblNo']: no, blYy: String(year) },
    year,
    tryPreviousYear: q.tryPreviousYear === true,
  };
}
