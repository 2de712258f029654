// What the customs features need from the outside: UNI-PASS (verification + cargo
// progress), the rules that go with it (input checks, step explanations), and parcel
// storage. Implemented in src/unipass/port.ts and src/db/stores-parcels.ts; the core only
// sees these shapes.
import type { Lang } from '../types';

export interface Bilingual {
  ko: string;
  en: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: Bilingual };

export type MismatchReason = 'no_such_code' | 'name' | 'phone' | 'postal_code' | 'expired' | 'not_in_use' | 'other';

/** Why UNI-PASS could not be asked (no key → format-check-only mode). */
export type ServiceProblem = { kind: 'no_key' } | { kind: 'bad_key' } | { kind: 'unavailable' };

export type VerifyField = 'name' | 'phone' | 'postalCode';

export type VerifyResult =
  | { kind: 'match' }
  | { kind: 'mismatch'; reasons: MismatchReason[] }
  | { kind: 'invalid'; field: VerifyField | 'code'; message: Bilingual }
  | ServiceProblem;

export interface ParcelStep {
  /** Step name as UNI-PASS gives it, e.g. 반입신고. */
  name: string;
  /** When it happened, if UNI-PASS gave a readable time. */
  at?: Date;
  /** The raw time text when it could not be read. */
  atText?: string;
  /** Bonded warehouse. */
  place?: string;
}

export interface ParcelProgress {
  cargMtNo: string;
  hblNo?: string;
  mblNo?: string;
  status?: string;
  goods?: string;
  /** Newest first. */
  steps: ParcelStep[];
  released: boolean;
}

/** How a parcel is looked up: by B/L (house or master) and year, or by cargo management number. */
export type ParcelQuery =
  | { by: 'hbl' | 'mbl'; blNo: string; year: number; tryPreviousYear?: boolean }
  | { by: 'cargMtNo'; cargMtNo: string };

export type CargoResult =
  | { kind: 'found'; items: ParcelProgress[]; year?: number }
  | { kind: 'not_found' }
  | { kind: 'invalid'; message: Bilingual }
  | ServiceProblem;

export interface UnipassPort {
  /** A verification key is configured (else: format check only). */
  readonly canVerify: boolean;
  /** A cargo key is configured (else: no tracking). */
  readonly canTrack: boolean;
  /** One API028 call. The inputs are used for this call only and never logged. */
  verify(input: { code: string; name: string; phone: string; postalCode: string }): Promise<VerifyResult>;
  cargo(q: ParcelQuery): Promise<CargoResult>;
}

export type BlGuess =
  | { kind: 'cargMtNo'; cargMtNo: string }
  | { kind: 'bl'; blNo: string; tryAs: ['hbl', 'mbl'] | ['mbl', 'hbl'] };

/** Input checks and plain-language texts that belong with UNI-PASS. Pure, never throw. */
export interface CustomsRules {
  parseName(s: string): Parsed<string>;
  parsePhone(s: string): Parsed<string> & { relay?: boolean };
  parsePostalCode(s: string): Parsed<string>;
  parseBl(s: string): Parsed<BlGuess>;
  /** The current B/L year in Korea. */
  defaultBlYear(now: Date): number;
  explainStep(name: string, lang: Lang): string;
  mismatchAdvice(reason: MismatchReason, lang: Lang): string;
  relayNumberWarning(phone: string, lang: Lang): string | undefined;
  noKeyHelp(lang: Lang): string;
}

export type ParcelState = 'active' | 'released' | 'expired' | 'paused';

export interface ParcelRecord {
  id: string;
  userId: string;
  /** The B/L or cargo number as the user gave it (normalised); what `untrack` matches. */
  label: string;
  query: ParcelQuery;
  /** Set once UNI-PASS knows the parcel; later polls ask by it. */
  cargMtNo: string | null;
  goods: string | null;
  lastStep: string | null;
  lastStepAt: Date | null;
  /** Keys of the steps already told to the user (see stepKey). */
  seenSteps: string[];
  state: ParcelState;
  /** Language the parcel was added in (the user's own override wins when set). */
  lang: Lang;
  /** Compare-and-set counter: each poll advances it once. */
  pollNo: number;
  intervalMinutes: number;
  nextPollAt: Date | null;
  lastCheckedAt: Date | null;
  createdAt: Date;
}

export type NewParcel = Pick<
  ParcelRecord,
  | 'userId'
  | 'label'
  | 'query'
  | 'cargMtNo'
  | 'goods'
  | 'lastStep'
  | 'lastStepAt'
  | 'seenSteps'
  | 'lang'
  | 'intervalMinutes'
  | 'createdAt'
> & {
  nextPollAt: Date;
};

export type ParcelPatch = Partial<
  Pick<
    ParcelRecord,
    | 'cargMtNo'
    | 'goods'
    | 'lastStep'
    | 'lastStepAt'
    | 'seenSteps'
    | 'state'
    | 'intervalMinutes'
    | 'lastCheckedAt'
    | 'query'
  >
>;

export interface ParcelOwner {
  platform: string;
  platformUserId: string;
  lang: Lang | null;
}

export interface ParcelStore {
  /**
   * Inserts the parcel and schedules its first poll at `nextPollAt`, atomically. Undefined when the user
   * already tracks it.
   */
  add(p: NewParcel): Promise<ParcelRecord | undefined>;
  list(userId: string): Promise<ParcelRecord[]>;
  /** Deletes the user's parcels with this label (or cargo number) and their pending polls; returns how many. */
  remove(userId: string, labelOrCargMtNo: string): Promise<number>;
  /** The parcel with its owner, for a poll. */
  forPoll(id: string): Promise<{ parcel: ParcelRecord; owner: ParcelOwner } | undefined>;
  /**
   * Applies the result of poll `expectPollNo` and, when `next` is given, schedules the next
   * poll — in one transaction, and only if no other run got there first.
   */
  advance(id: string, expectPollNo: number, patch: ParcelPatch, next: Date | null): Promise<boolean>;
}
