import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUnipassClient } from '../../src/unipass';
import { startFakeUnipass, type FakeUnipass } from '../fakes/unipass/server';
import { verifyXml } from '../fakes/unipass/xml';
import { CARGO, clientFor, CODES, HONG } from './fixtures';

let fake: FakeUnipass;
beforeAll(async () => {
  fake = await startFakeUnipass({ codes: CODES, cargo: CARGO });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const hong = { code: HONG.code, name: HONG.name, phone: HONG.phone };
/** Hang detector for the hostile cases, far above what a bounded reader needs. */
const HANG = 5_000;

function heapMiB(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

describe('retries', () => {
  it('retries 5xx and succeeds on the third attempt', async () => {
    fake.setScenario({ kind: 'status', status: 503, times: 2 });
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'match' });
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up after three attempts of 5xx', async () => {
    fake.setScenario({ kind: 'status', status: 502, times: 100 });
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'unavailable', cause: 'server' });
    expect(fake.requests).toHaveLength(3);
  });

  it('never makes more than three attempts, whatever retries says', async () => {
    fake.setScenario({ kind: 'status', status: 500, times: 100 });
    await clientFor(fake, { retries: 10 }).verify(hong);
    expect(fake.requests).toHaveLength(3);
  });

  it('honours retries: 0', async () => {
    fake.setScenario({ kind: 'status', status: 503, times: 100 });
    await clientFor(fake, { retries: 0 }).verify(hong);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a dropped connection (network error)', async () => {
    fake.setScenario({ kind: 'reset', times: 1 });
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'match' });
    expect(fake.requests).toHaveLength(2);
  });

  it('reports network when every attempt is dropped', async () => {
    fake.setScenario({ kind: 'reset', times: 100 });
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'unavailable', cause: 'network' });
    expect(fake.requests).toHaveLength(3);
  });

  it('reports network for a refused connection', async () => {
    const other = await startFakeUnipass();
    const base = other.baseUrl;
    await other.close();
    const client = createUnipassClient({ baseUrl: base, verifyKey: 'k', backoffBaseMs: 1 });
    expect(await client.verify(hong)).toEqual({ kind: 'unavailable', cause: 'network' });
  });

  it.each([400, 403, 404, 429])('does not retry HTTP %i', async (status) => {
    fake.setScenario({ kind: 'status', status, times: 100 });
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'unavailable', cause: 'server' });
    expect(fake.requests).toHaveLength(1);
  });

  it('does not follow a redirect (it would carry the query elsewhere)', async () => {
    let calls = 0;
    const client = createUnipassClient({
      baseUrl: fake.baseUrl,
      verifyKey: 'k',
      fetch: (async (_u: Parameters<typeof fetch>[0], init?: RequestInit) => {
        calls++;
        expect(init?.redirect).toBe('manual');
        return new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } });
      }) as typeof fetch,
    });
    expect(await client.verify(hong)).toEqual({ kind: 'unavailable', cause: 'server' });
    expect(calls).toBe(1);
  });

  it('does not retry tCnt -1 answers', async () => {
    fake.setScenario({ kind: 'raw', body: verifyXml({ tCnt: -1, ntceInfo: '시스템 점검 중입니다.' }) });
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'unavailable', cause: 'rejected' });
    expect(fake.requests).toHaveLength(1);
  });

  it('spaces retries with jittered exponential backoff', async () => {
    fake.setScenario({ kind: 'status', status: 503, times: 100 });
    const draws: number[] = [];
    const random = () => {
      draws.push(1);
      return 1; // the full ceiling: base × 2^(attempt−1)
    };
    const started = Date.now();
    await clientFor(fake, { backoffBaseMs: 40, random }).verify(hong);
    // Two pauses (40 + 80 ms at the ceiling); asserted loosely as a lower bound, not a timing target.
    expect(draws).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe('time limit', () => {
  it('answers unavailable:timeout when UNI-PASS is slower than the limit, without retrying', async () => {
    fake.setScenario({ kind: 'slow', delayMs: 3_000 });
    const out = await clientFor(fake, { timeoutMs: 200 }).verify(hong);
    expect(out).toEqual({ kind: 'unavailable', cause: 'timeout' });
    expect(fake.requests).toHaveLength(1);
  });

  it('covers the body too: a server that drips its body past the limit times out', async () => {
    fake.setScenario({ kind: 'trickle', intervalMs: 50, pieces: 100 });
    expect(await clientFor(fake, { timeoutMs: 300 }).verify(hong)).toEqual({ kind: 'unavailable', cause: 'timeout' });
    expect(fake.requests).toHaveLength(1);
  });

  it('accepts a slow answer inside the limit', async () => {
    fake.setScenario({ kind: 'slow', delayMs: 50 });
    expect(await clientFor(fake, { timeoutMs: 2_000 }).verify(hong)).toEqual({ kind: 'match' });
  });
});

describe('malformed and hostile XML', () => {
  it('answers unavailable:malformed for broken XML, without retrying', async () => {
    fake.setScenario({ kind: 'malformed' });
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'unavailable', cause: 'malformed' });
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    ['an HTML error page', '<html><body>Service Unavailable</body></html>'],
    ['an empty body', ''],
    ['JSON', '{"tCnt":1}'],
    ['the wrong root', '<somethingElse><tCnt>1</tCnt></somethingElse>'],
    ['tCnt that is not a number', '<persEcmQryRtnVo><tCnt>one</tCnt></persEcmQryRtnVo>'],
    ['two tCnt elements', '<persEcmQryRtnVo><tCnt>1</tCnt><tCnt>0</tCnt></persEcmQryRtnVo>'],
    ['deep nesting', `<persEcmQryRtnVo>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}<tCnt>1</tCnt></persEcmQryRtnVo>`],
  ])('answers unavailable:malformed for %s', async (_label, body) => {
    fake.setScenario({ kind: 'raw', body });
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'unavailable', cause: 'malformed' });
  });

  it(
    'refuses billion-laughs entity expansion without expanding anything',
    async () => {
      fake.setScenario({ kind: 'billionLaughs' });
      const before = heapMiB();
      expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'unavailable', cause: 'malformed' });
      expect(await clientFor(fake).cargo({ hblNo: '6012345678', year: 2025 })).toEqual({
        kind: 'unavailable',
        cause: 'malformed',
      });
      // Expanded, the document is about 3 GB; a refusal allocates next to nothing.
      expect(heapMiB() - before).toBeLessThan(64);
    },
    HANG,
  );

  it(
    'refuses a DOCTYPE with an external entity',
    async () => {
      fake.setScenario({ kind: 'externalEntity' });
      expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'unavailable', cause: 'malformed' });
    },
    HANG,
  );

  it(
    'stops reading a huge streamed document at the size cap',
    async () => {
      const total = 256 * 2 ** 20;
      fake.setScenario({ kind: 'huge', bytes: total });
      const before = heapMiB();
      expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'unavailable', cause: 'malformed' });
      expect(heapMiB() - before).toBeLessThan(64);
      expect(fake.requests).toHaveLength(1);
      // The server noticed the reader went away long before the end of the body.
      await new Promise((r) => setTimeout(r, 50));
      expect(fake.hugeBytesSent()).toBeLessThan(total / 4);
    },
    HANG,
  );

  it(
    'refuses a declared Content-Length over the cap before reading',
    async () => {
      fake.setScenario({ kind: 'huge', bytes: 8 * 2 ** 20, declareLength: true });
      expect(await clientFor(fake, { maxBodyBytes: 64 * 1024 }).verify(hong)).toEqual({
        kind: 'unavailable',
        cause: 'malformed',
      });
    },
    HANG,
  );

  it('reads an answer just under a small cap', async () => {
    expect(await clientFor(fake, { maxBodyBytes: 1024 }).verify(hong)).toEqual({ kind: 'match' });
  });
});

describe('construction', () => {
  it('rejects bad options with a message that names the option, not the value', () => {
    expect(() => createUnipassClient({ baseUrl: 'not a url', verifyKey: 'SECRET-KEY-VALUE' })).toThrow(/baseUrl/);
    try {
      createUnipassClient({ baseUrl: 'ftp://x', verifyKey: 'SECRET-KEY-VALUE', timeoutMs: -1 });
    } catch (e) {
      expect((e as Error).message).toMatch(/timeoutMs/);
      expect((e as Error).message).not.toContain('SECRET-KEY-VALUE');
    }
  });

  it('defaults to the production base URL', async () => {
    let seen = '';
    const client = createUnipassClient({
      verifyKey: 'k',
      fetch: (async (u: Parameters<typeof fetch>[0]) => {
        seen = String(u);
        return new Response(verifyXml({ tCnt: 1 }));
      }) as typeof fetch,
    });
    expect(await client.verify(hong)).toEqual({ kind: 'match' });
    expect(seen.startsWith('https://unipass.customs.go.kr:38010/ext/rest/persEcmQry/retrievePersEcm?')).toBe(true);
  });
});
