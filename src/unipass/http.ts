/**
 * One GET to UNI-PASS with a time limit, a body size cap and retries.
 *
 * The URL carries the key and personal data as query parameters, so it is never
 * logged and never put in an error: failures come back as a cause only.
 */
import type { UnavailableCause, UnipassLogger } from './types';

export interface HttpSettings {
  fetch: typeof fetch;
  timeoutMs: number;
  retries: number;
  backoffBaseMs: number;
  maxBodyBytes: number;
  logger?: UnipassLogger;
  random: () => number;
}

export type HttpResult = { ok: true; body: string } | { ok: false; cause: UnavailableCause };

/** Longest single backoff pause; keeps a chat user's wait bounded. */
const MAX_BACKOFF_MS = 4_000;

class BodyTooLarge extends Error {
  constructor() {
    super('response body over the size cap');
  }
}

type Attempt = { ok: true; body: string } | { ok: false; cause: UnavailableCause; retryable: boolean; status?: number };

/**
 * GET the URL; retry with exponential backoff and full jitter on network errors
 * and 5xx only. Timeouts are not retried: each attempt already waited the full
 * limit, and three of them would keep a chat user waiting far too long.
 */
export async function getXml(url: URL, api: string, s: HttpSettings): Promise<HttpResult> {
  const attempts = 1 + s.retries;
  let last: Attempt = { ok: false, cause: 'network', retryable: false };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const started = Date.now();
    last = await attemptOnce(url, s);
    const ms = Date.now() - started;
    if (last.ok) {
      safeLog(s.logger, 'info', { api, attempt, ms }, 'unipass request done');
      return last;
    }
    const willRetry = last.retryable && attempt < attempts;
    safeLog(
      s.logger,
      'warn',
      { api, attempt, ms, cause: last.cause, status: last.status, willRetry },
      'unipass request failed',
    );
    if (!willRetry) break;
    await sleep(backoffDelay(attempt, s));
  }
  return { ok: false, cause: last.ok ? 'network' : last.cause };
}

function backoffDelay(attempt: number, s: HttpSettings): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, s.backoffBaseMs * 2 ** (attempt - 1));
  return Math.floor(s.random() * ceiling);
}

async function attemptOnce(url: URL, s: HttpSettings): Promise<Attempt> {
  const signal = AbortSignal.timeout(s.timeoutMs);
  let res: Response;
  try {
    res = await s.fetch(url, {
      method: 'GET',
      headers: { accept: 'application/xml, text/xml' },
      // A redirect would carry the query (key, personal data) to another place.
      redirect: 'manual',
      signal,
    });
  } catch (err) {
    return failure(err, signal);
  }
  if (res.status >= 500) {
    await discard(res);
    return { ok: false, cause: 'server', retryable: true, status: res.status };
  }
  if (res.status !== 200) {
    await discard(res);
    return { ok: false, cause: 'server', retryable: false, status: res.status };
  }
  try {
    const body = await readCapped(res, s.maxBodyBytes);
    return { ok: true, body };
  } catch (err) {
    if (err instanceof BodyTooLarge) return { ok: false, cause: 'malformed', retryable: false };
    return failure(err, signal);
  }
}

function failure(err: unknown, signal: AbortSignal): Attempt {
  if (signal.aborted || (err instanceof Error && err.name === 'TimeoutError')) {
    return { ok: false, cause: 'timeout', retryable: false };
  }
  return { ok: false, cause: 'network', retryable: true };
}

/** Read at most `cap` bytes; beyond it, stop reading and cancel the stream. */
async function readCapped(res: Response, cap: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) {
    await discard(res);
    throw new BodyTooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8').decode(all);
}

async function discard(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // nothing to do: the connection is dropped either way
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A throwing logger must not turn a good answer into a failure. */
export function safeLog(logger: UnipassLogger | undefined, level: 'warn' | 'info', obj: object, msg: string): void {
  try {
    logger?.[level](obj, msg);
  } catch {
    // ignore logger faults
  }
}
