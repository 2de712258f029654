// The UNI-PASS client as the core's ports: UnipassPort (the two calls) and CustomsRules
// (input checks and texts). Maps the client's outcomes onto the core's smaller vocabulary.
import type {
  CargoResult,
  CustomsRules,
  ParcelProgress,
  ParcelQuery,
  UnipassPort,
  VerifyResult,
} from '../core/customs/port';
import { createUnipassClient } from './client';
import { explainStep, mismatchAdvice, noKeyHelp, relayNumberWarning } from './steps';
import type { CargoOutcome, CargoProgress, CargoQuery, UnipassClient, UnipassLogger, VerifyOutcome } from './types';
import { defaultBlYear, parseBl, parseName, parsePhone, parsePostalCode } from './validate';

/** The failures both calls share, in the core's words. */
function keyOrServiceFailure(kind: 'missing_key' | 'bad_key' | 'unavailable') {
  return { kind: kind === 'missing_key' ? 'no_key' : kind } as const;
}

export function toVerifyResult(o: VerifyOutcome): VerifyResult {
  switch (o.kind) {
    case 'match':
      return { kind: 'match' };
    case 'mismatch':
      // The server's own wording (o.messages) is not passed on: reasons carry the meaning.
      return { kind: 'mismatch', reasons: o.reasons };
    case 'missing_key':
    case 'bad_key':
    case 'unavailable':
      return keyOrServiceFailure(o.kind);
    case 'invalid_input':
      return {
        kind: 'invalid',
        field: o.field === 'name' || o.field === 'phone' || o.field === 'postalCode' ? o.field : 'code',
        message: o.message,
      };
  }
}

function toProgress(p: CargoProgress): ParcelProgress {
  const out: ParcelProgress = {
    cargMtNo: p.cargMtNo,
    steps: p.steps.map((s) => ({
      name: s.name,
      ...(s.at instanceof Date ? { at: s.at } : typeof s.at === 'string' ? { atText: s.at } : {}),
      ...(s.place ? { place: s.place } : {}),
    })),
    released: p.released,
  };
  if (p.hblNo) out.hblNo = p.hblNo;
  if (p.mblNo) out.mblNo = p.mblNo;
  if (p.status) out.status = p.status;
  if (p.goods) out.goods = p.goods;
  return out;
}

export function toCargoResult(o: CargoOutcome): CargoResult {
  switch (o.kind) {
    case 'found': {
      // A summary whose details could not be fetched has no steps to tell; it is asked again next poll.
      const items = o.items.filter((i) => !i.detailsMissing || i.released).map(toProgress);
      if (items.length === 0) return { kind: 'unavailable' };
      return o.year !== undefined ? { kind: 'found', items, year: o.year } : { kind: 'found', items };
    }
    case 'not_found':
      return { kind: 'not_found' };
    case 'missing_key':
    case 'bad_key':
    case 'unavailable':
      return keyOrServiceFailure(o.kind);
    case 'invalid_input':
      return { kind: 'invalid', message: o.message };
  }
}

function toCargoQuery(q: ParcelQuery): CargoQuery {
  if (q.by === 'cargMtNo') return { cargMtNo: q.cargMtNo };
  const common = { year: q.year, tryPreviousYear: q.tryPreviousYear === true };
  return q.by === 'hbl' ? { hblNo: q.blNo, ...common } : { mblNo: q.blNo, ...common };
}

export function createUnipassPort(client: UnipassClient, keys: { verifyKey?: string; cargoKey?: string }): UnipassPort {
  return {
    canVerify: Boolean(keys.verifyKey?.trim()),
    canTrack: Boolean(keys.cargoKey?.trim()),
    async verify(input) {
      return toVerifyResult(await client.verify(input));
    },
    async cargo(q) {
      return toCargoResult(await client.cargo(toCargoQuery(q)));
    },
  };
}

/** From the app's configuration: the real client, or the production base when no URL is set. */
export function unipassPortFromConfig(
  config: { unipassVerifyKey?: string; unipassCargoKey?: string; unipassApiUrl?: string },
  logger: UnipassLogger,
): UnipassPort {
  const keys = { verifyKey: config.unipassVerifyKey, cargoKey: config.unipassCargoKey };
  const client = createUnipassClient({ baseUrl: config.unipassApiUrl, ...keys, logger });
  return createUnipassPort(client, keys);
}

export const unipassRules: CustomsRules = {
  parseName,
  parsePhone,
  parsePostalCode,
  parseBl(s) {
    const r = parseBl(s);
    if (!r.ok) return r;
    return {
      ok: true,
      value: r.value.kind === 'cargMtNo' ? r.value : { kind: 'bl', blNo: r.value.blNo, tryAs: r.value.tryAs },
    };
  },
  defaultBlYear,
  explainStep,
  mismatchAdvice,
  relayNumberWarning,
  noKeyHelp,
};
