import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUnipassClient } from '../../src/unipass';
import { startFakeUnipass, type FakeUnipass } from '../fakes/unipass/server';
import { CARGO, clientFor, CODES, EXPIRED, HONG, SUSPENDED } from './fixtures';

let fake: FakeUnipass;
beforeAll(async () => {
  fake = await startFakeUnipass({ codes: CODES, cargo: CARGO });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const hong = { code: HONG.code, name: HONG.name, phone: HONG.phone, postalCode: HONG.postalCode };

describe('API028 verification over HTTP', () => {
  it('answers match when code, name, phone and postal code agree', async () => {
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'match' });
  });

  it('sends the documented parameters: normalised code, digits-only phone, postal code', async () => {
    await clientFor(fake).verify({
      code: 'p1000-0000-0001',
      name: '  홍길동 ',
      phone: '010-1234-5678',
      postalCode: '04524',
    });
    expect(fake.requests).toHaveLength(1);
    const r = fake.requests[0]!;
    expect(r.method).toBe('GET');
    expect(r.path).toBe('/ext/rest/persEcmQry/retrievePersEcm');
    expect(r.query).toEqual({
      crkyCn: fake.verifyKey,
      persEcm: 'P100000000001',
      pltxNm: '홍길동',
      cralTelno: '01012345678',
      custPsno: '04524',
    });
  });

  it('leaves custPsno out when no postal code is given', async () => {
    expect(await clientFor(fake).verify({ code: HONG.code, name: HONG.name, phone: HONG.phone })).toEqual({
      kind: 'match',
    });
    expect(fake.requests[0]!.query).not.toHaveProperty('custPsno');
  });

  it.each([
    ['name', { ...hong, name: '홍길순' }, ['name']],
    ['phone', { ...hong, phone: '01099998888' }, ['phone']],
    ['postal_code', { ...hong, postalCode: '06236' }, ['postal_code']],
    ['no_such_code', { ...hong, code: 'P999999999999' }, ['no_such_code']],
    ['name and phone together', { ...hong, name: '홍길순', phone: '01099998888' }, ['name', 'phone']],
  ])('reports a %s mismatch with the server messages', async (_label, input, reasons) => {
    const out = await clientFor(fake).verify(input);
    expect(out.kind).toBe('mismatch');
    if (out.kind !== 'mismatch') return;
    expect(out.reasons).toEqual(reasons);
    expect(out.messages).toHaveLength(reasons.length);
  });

  it('reports an expired code', async () => {
    const out = await clientFor(fake).verify({ code: EXPIRED.code, name: EXPIRED.name, phone: EXPIRED.phone });
    expect(out).toEqual({
      kind: 'mismatch',
      reasons: ['expired'],
      messages: ['개인통관고유부호의 유효기간이 만료되었습니다.'],
    });
  });

  it('reports a suspended code as not in use', async () => {
    const out = await clientFor(fake).verify({ code: SUSPENDED.code, name: SUSPENDED.name, phone: SUSPENDED.phone });
    expect(out).toMatchObject({ kind: 'mismatch', reasons: ['not_in_use'] });
  });

  it('reports a bad key (tCnt -1, 존재하지 않는 인증키입니다.) without retrying', async () => {
    const out = await clientFor(fake, { verifyKey: 'WRONG' }).verify(hong);
    expect(out).toEqual({ kind: 'bad_key' });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a missing key when the server says the key is required', async () => {
    fake.setScenario({ kind: 'missingKey' });
    expect(await clientFor(fake).verify(hong)).toEqual({ kind: 'missing_key' });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a missing key without calling UNI-PASS when none is configured', async () => {
    const client = createUnipassClient({ baseUrl: fake.baseUrl, cargoKey: fake.cargoKey });
    expect(await client.verify(hong)).toEqual({ kind: 'missing_key' });
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['code', { ...hong, code: 'P12345' }],
    ['name', { ...hong, name: '   ' }],
    ['phone', { ...hong, phone: '0505-123-4567' }],
    ['phone', { ...hong, phone: '02-123-4567' }],
    ['postalCode', { ...hong, postalCode: '123-456' }],
  ])('refuses bad %s input kindly, in both languages, without a request', async (field, input) => {
    const out = await clientFor(fake).verify(input);
    expect(out).toMatchObject({ kind: 'invalid_input', field });
    if (out.kind === 'invalid_input') {
      expect(out.message.ko).toMatch(/[가-힣]/);
      expect(out.message.en).toMatch(/[a-z]/);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('never throws on nonsense input', async () => {
    const client = clientFor(fake);
    await expect(client.verify(null as never)).resolves.toMatchObject({ kind: 'invalid_input' });
    await expect(client.verify({ code: 42, name: {}, phone: [] } as never)).resolves.toMatchObject({
      kind: 'invalid_input',
    });
  });
});
