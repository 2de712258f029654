/**
 * A canary code, name, phone, postal code and key go through every path. They
 * must never show up in a log line, an outcome's error text or a thrown error —
 * and on the wire only in the query string.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUnipassClient, type UnipassLogger } from '../../src/unipass';
import { startFakeUnipass, type FakeUnipass, type Scenario } from '../fakes/unipass/server';

const CANARY = { code: 'P987654321098', name: '카나리아Canary', phone: '010-8765-4321', postalCode: '13579' };
const CANARY_KEY = 'KEY-CANARY-ZXQW';
/** Every spelling a leak could take. */
const NEEDLES = [
  'P987654321098',
  '987654321098',
  '카나리아',
  'Canary',
  encodeURIComponent('카나리아'),
  '01087654321',
  '8765-4321',
  '87654321',
  '13579',
  CANARY_KEY,
  'crkyCn=',
  'persEcm=',
];

function leaks(haystack: string): string[] {
  return NEEDLES.filter((n) => haystack.includes(n));
}

let fake: FakeUnipass;
beforeAll(async () => {
  fake = await startFakeUnipass({
    codes: [{ code: CANARY.code, name: CANARY.name, phone: '01087654321', postalCode: '13579' }],
    verifyKey: CANARY_KEY,
    cargoKey: CANARY_KEY,
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** A pino logger writing to memory: checks the signature is pino's and captures everything. */
function capturingPino(): { logger: UnipassLogger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: pino({ level: 'trace' }, sink), lines };
}

const scenarios: Array<[string, Scenario, string?]> = [
  ['a match', { kind: 'normal' }],
  ['a bad key', { kind: 'normal' }, 'WRONG-KEY'],
  ['a missing key', { kind: 'missingKey' }],
  ['5xx then OK', { kind: 'status', status: 503, times: 2 }],
  ['5xx throughout', { kind: 'status', status: 500, times: 99 }],
  ['dropped connections', { kind: 'reset', times: 99 }],
  ['a timeout', { kind: 'slow', delayMs: 2_000 }],
  ['malformed XML', { kind: 'malformed' }],
  ['billion laughs', { kind: 'billionLaughs' }],
  ['an external entity', { kind: 'externalEntity' }],
  ['a huge body', { kind: 'huge', bytes: 4 * 2 ** 20 }],
];

describe('secrets stay out of logs and errors', () => {
  it.each(scenarios)('with %s', async (_label, scenario, key) => {
    fake.setScenario(scenario);
    const { logger, lines } = capturingPino();
    const client = createUnipassClient({
      baseUrl: fake.baseUrl,
      verifyKey: key ?? CANARY_KEY,
      cargoKey: key ?? CANARY_KEY,
      // Short only where the timeout is the scenario: a loaded machine must not turn a match into one.
      timeoutMs: scenario.kind === 'slow' ? 300 : 15_000,
      backoffBaseMs: 1,
      logger,
    });
    const outcome = await client.verify(CANARY);
    if (scenario.kind === 'normal' && !key) expect(outcome).toEqual({ kind: 'match' });
    const cargo = await client.cargo({ hblNo: 'CANARY1234', year: 2025 });
    expect(lines.length).toBeGreaterThan(0);
    expect(leaks(lines.join('\n'))).toEqual([]);
    expect(leaks(JSON.stringify(outcome))).toEqual([]);
    expect(leaks(JSON.stringify(cargo).replace(/CANARY1234/g, ''))).toEqual([]);
  });

  it('on the wire, only the query string carries them', async () => {
    const client = createUnipassClient({ baseUrl: fake.baseUrl, verifyKey: fake.verifyKey });
    expect(await client.verify(CANARY)).toEqual({ kind: 'match' });
    const r = fake.requests[0]!;
    expect(r.rawUrl).toContain('persEcm=P987654321098');
    expect(leaks(r.path)).toEqual([]);
    expect(leaks(JSON.stringify(r.headers))).toEqual([]);
    expect(r.body).toBe('');
  });

  it('swallows a fetch error whose message includes the URL', async () => {
    const { logger, lines } = capturingPino();
    const client = createUnipassClient({
      verifyKey: CANARY_KEY,
      backoffBaseMs: 1,
      logger,
      fetch: (async (u: Parameters<typeof fetch>[0]) => {
        throw new TypeError(`fetch failed for ${String(u)}`);
      }) as typeof fetch,
    });
    const outcome = await client.verify(CANARY);
    expect(outcome).toEqual({ kind: 'unavailable', cause: 'network' });
    expect(leaks(lines.join('\n'))).toEqual([]);
  });

  it('a logger that throws changes nothing', async () => {
    const angry: UnipassLogger = {
      warn: () => {
        throw new Error('logger down');
      },
      info: () => {
        throw new Error('logger down');
      },
    };
    const client = createUnipassClient({ baseUrl: fake.baseUrl, verifyKey: fake.verifyKey, logger: angry });
    expect(await client.verify(CANARY)).toEqual({ kind: 'match' });
  });

  it('invalid-input messages do not repeat what was typed', async () => {
    const client = createUnipassClient({ baseUrl: fake.baseUrl, verifyKey: fake.verifyKey });
    const bad = await client.verify({ ...CANARY, phone: '0505-8765-4321' });
    expect(bad.kind).toBe('invalid_input');
    expect(leaks(JSON.stringify(bad))).toEqual([]);
    const badCode = await client.verify({ ...CANARY, code: 'P98765432109' });
    expect(leaks(JSON.stringify(badCode))).toEqual([]);
  });

  it('a construction error names the option, never the key', () => {
    let message = '';
    try {
      createUnipassClient({ baseUrl: 'nope', verifyKey: CANARY_KEY, cargoKey: CANARY_KEY });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/baseUrl/);
    expect(leaks(message)).toEqual([]);
  });
});
