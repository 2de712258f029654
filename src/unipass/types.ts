/** Public value types of the UNI-PASS client. Outcomes are values, never exceptions. */

export type Lang = 'ko' | 'en';

/** A message for the user in both languages the bot speaks. */
export interface Bilingual {
  ko: string;
  en: string;
}

/**
 * Why a service call did not give an answer.
 * - timeout: no complete answer within the time limit
 * - network: connection failed (DNS, refused, reset, TLS)
 * - server: HTTP status other than 200 (after retries on 5xx)
 * - malformed: the body was not the documented XML (or was too big / hostile)
 * - rejected: the API answered tCnt -1 with a notice other than a key problem
 *   (e.g. a parameter it did not accept)
 */
export type UnavailableCause = 'timeout' | 'network' | 'server' | 'malformed' | 'rejected';

export type MismatchReason = 'no_such_code' | 'name' | 'phone' | 'postal_code' | 'expired' | 'not_in_use' | 'other';

export type InputField = 'code' | 'name' | 'phone' | 'postalCode' | 'blNo' | 'cargMtNo' | 'year';

/** Returned instead of calling the API when the caller's input cannot be right. */
export interface InvalidInput {
  kind: 'invalid_input';
  field: InputField;
  message: Bilingual;
}

export type VerifyOutcome =
  | { kind: 'match' }
  | { kind: 'mismatch'; reasons: MismatchReason[]; messages: string[] }
  | { kind: 'bad_key' }
  | { kind: 'missing_key' }
  | { kind: 'unavailable'; cause: UnavailableCause }
  | InvalidInput;

export interface VerifyInput {
  /** Customs code, P + 12 digits; spaces, hyphens, lower case and full-width forms are accepted. */
  code: string;
  name: string;
  /** Korean mobile number; hyphens and spaces are accepted and removed. */
  phone: string;
  /** 5-digit postal code; sent only when given. */
  postalCode?: string;
}

export interface CargoStep {
  /** Step name as UNI-PASS gives it (cargTrcnRelaBsopTpcd), e.g. 반입신고. */
  name: string;
  /** Processing time (prcsDttm, KST) as a Date; the raw string when it could not be read as a date. */
  at?: Date | string;
  /** Bonded warehouse / shed (shedNm). */
  place?: string;
  /** Declaration number (dclrNo). */
  declarationNo?: string;
}

export interface CargoProgress {
  cargMtNo: string;
  hblNo?: string;
  mblNo?: string;
  /** Clearance status (csclPrgsStts), else progress status (prgsStts). */
  status?: string;
  /** Goods description (prnm). */
  goods?: string;
  /** Arrival date (etprDt) as YYYY-MM-DD. */
  arrivalDate?: string;
  /** Newest first, as the API gives them. */
  steps: CargoStep[];
  /** True when released from bonded storage: a 반출신고 or 수입신고수리 step, or a status saying so. */
  released: boolean;
  /**
   * True when this item came from a several-results summary and the follow-up
   * query for its details failed, so `steps` is empty for lack of data.
   */
  detailsMissing?: boolean;
}

export type CargoOutcome =
  | {
      kind: 'found';
      items: CargoProgress[];
      /** B/L year actually used (differs from the asked year after a previous-year retry). */
      year?: number;
      /** Several-results summaries beyond the follow-up limit, not queried. */
      omitted?: number;
    }
  | { kind: 'not_found' }
  | { kind: 'bad_key' }
  | { kind: 'missing_key' }
  | { kind: 'unavailable'; cause: UnavailableCause }
  | InvalidInput;

export type CargoQuery =
  | { hblNo: string; year: number; tryPreviousYear?: boolean }
  | { mblNo: string; year: number; tryPreviousYear?: boolean }
  | { cargMtNo: string };

/** pino-compatible subset. Only safe, non-identifying fields are ever passed. */
export interface UnipassLogger {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

export interface UnipassClientOptions {
  /** Default: production `https://unipass.customs.go.kr:38010/ext/rest`. */
  baseUrl?: string;
  /** crkyCn for API028 (verification). */
  verifyKey?: string;
  /** crkyCn for API001 (cargo progress). */
  cargoKey?: string;
  /** Per-attempt time limit, covering headers and body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt, on network errors and 5xx only. Default 2; at most 2 (3 attempts). */
  retries?: number;
  /** Base delay of the exponential backoff (full jitter). Default 250 ms. */
  backoffBaseMs?: number;
  /** Largest response body read, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Most follow-up queries after a several-results answer. Default 10. */
  maxFollowUps?: number;
  fetch?: typeof fetch;
  logger?: UnipassLogger;
  /** For tests: randomness of the jitter. */
  random?: () => number;
}

export interface UnipassClient {
  verify(input: VerifyInput): Promise<VerifyOutcome>;
  cargo(q: CargoQuery): Promise<CargoOutcome>;
}
