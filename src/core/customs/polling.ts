// Pure rules of parcel polling: which steps are new, how long to wait, when to stop.
import { redactCodes } from '../code';
import type { CargoResult, ParcelProgress, ParcelQuery, ParcelStep, UnipassPort } from './port';

export const POLL_JOB = 'parcel.poll';
/** First wait, and the wait again after any change. */
export const FIRST_INTERVAL_MIN = 15;
/** Doubling stops here while nothing changes. */
export const MAX_INTERVAL_MIN = 6 * 60;
/** Polling stops this long after the parcel was added. */
export const TRACK_DAYS = 60;
/** Retry after a DM could not be sent for a passing reason (no Retry-After given). */
export const DM_RETRY_MIN = 5;
/** Parcels one user may have in tracking at once. */
export const MAX_ACTIVE_PARCELS = 20;
/** Shipments taken from one B/L that matches several. */
export const MAX_ITEMS_PER_BL = 5;

const MIN = 60_000;

/** Stable identity of a step: its name and when it happened. */
export function stepKey(s: ParcelStep): string {
  const when = s.at ? s.at.toISOString() : (s.atText ?? '');
  return `${s.name.replace(/\s+/g, '')}|${when}`;
}

/** Steps not told to the user yet, oldest first. */
export function newSteps(p: ParcelProgress, seen: readonly string[]): ParcelStep[] {
  const known = new Set(seen);
  return p.steps.filter((s) => s.name && !known.has(stepKey(s))).reverse();
}

/** 15 min → doubling to 6 h while nothing changes; back to 15 min after a change. */
export function nextInterval(currentMin: number, changed: boolean): number {
  if (changed) return FIRST_INTERVAL_MIN;
  return Math.min(MAX_INTERVAL_MIN, Math.max(FIRST_INTERVAL_MIN, currentMin * 2));
}

export function trackingEnds(createdAt: Date): Date {
  return new Date(createdAt.getTime() + TRACK_DAYS * 24 * 60 * MIN);
}

/** The next poll time, never later than the end of tracking (so the last poll closes it on time). */
export function nextPollAt(now: Date, minutes: number, createdAt: Date): Date {
  const at = now.getTime() + minutes * MIN;
  return new Date(Math.min(at, Math.max(trackingEnds(createdAt).getTime(), now.getTime() + MIN)));
}

export function addMinutes(now: Date, minutes: number): Date {
  return new Date(now.getTime() + minutes * MIN);
}

/** A B/L may be a house or a master number; ask the likely kind first, then the other. */
export async function lookupParcel(unipass: UnipassPort, q: ParcelQuery): Promise<CargoResult> {
  const first = await unipass.cargo(q);
  if (first.kind !== 'not_found' || q.by === 'cargMtNo') return redactOutside(first);
  const other = await unipass.cargo({ ...q, by: q.by === 'hbl' ? 'mbl' : 'hbl' });
  return redactOutside(other.kind === 'found' ? other : first);
}

/**
 * Text from UNI-PASS is written by shippers: a customs code in a goods name (or anywhere
 * else) is masked before it is stored or shown.
 */
function redactOutside<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactCodes(value) as T;
  if (depth > 6 || value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redactOutside(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactOutside(v, depth + 1);
  return out as T;
}
