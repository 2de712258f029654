import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUnipassClient } from '../../src/unipass';
import { startFakeUnipass, type FakeUnipass } from '../fakes/unipass/server';
import { cargoXml } from '../fakes/unipass/xml';
import { CARGO, clientFor, CODES, DELIVERED, IN_WAREHOUSE, MULTI_A, MULTI_B } from './fixtures';

let fake: FakeUnipass;
beforeAll(async () => {
  fake = await startFakeUnipass({ codes: CODES, cargo: CARGO });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('API001 cargo progress over HTTP', () => {
  it('finds a released parcel by house B/L with its steps, newest first', async () => {
    const out = await clientFor(fake).cargo({ hblNo: '60-1234-5678', year: 2025 });
    expect(fake.requests[0]!.path).toBe('/ext/rest/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo');
    expect(fake.requests[0]!.query).toEqual({ crkyCn: fake.cargoKey, hblNo: '6012345678', blYy: '2025' });
    expect(out.kind).toBe('found');
    if (out.kind !== 'found') return;
    expect(out.year).toBe(2025);
    expect(out.items).toHaveLength(1);
    const item = out.items[0]!;
    expect(item).toMatchObject({
      cargMtNo: DELIVERED.cargMtNo,
      hblNo: '6012345678',
      mblNo: '18012345675',
      status: '반출완료',
      goods: 'VITAMIN C & ZINC <1+1>', // sent as &amp; and &lt;, decoded once
      arrivalDate: '2025-03-10',
      released: true,
    });
    expect(item.steps.map((s) => s.name)).toEqual(DELIVERED.steps.map((s) => s.cargTrcnRelaBsopTpcd));
    expect(item.steps[0]).toEqual({
      name: '반출신고',
      at: new Date('2025-03-12T09:30:00+09:00'),
      place: '인천공항 특송장',
      declarationNo: '12345678901234',
    });
    // rlbrDttm (YYYY-MM-DD HH:MM:SS) is read when prcsDttm is absent.
    expect(item.steps.at(-1)!.at).toEqual(new Date('2025-03-10T10:00:00+09:00'));
  });

  it('shows a parcel still in the bonded warehouse as not released', async () => {
    const out = await clientFor(fake).cargo({ hblNo: IN_WAREHOUSE.hblNo!, year: 2025 });
    expect(out).toMatchObject({
      kind: 'found',
      items: [{ cargMtNo: IN_WAREHOUSE.cargMtNo, released: false, status: '반입완료' }],
    });
  });

  it('finds by master B/L and by cargo management number', async () => {
    const byMaster = await clientFor(fake).cargo({ mblNo: '18012345675', year: 2025 });
    expect(byMaster).toMatchObject({ kind: 'found', items: [{ cargMtNo: DELIVERED.cargMtNo }] });
    const byNo = await clientFor(fake).cargo({ cargMtNo: DELIVERED.cargMtNo });
    expect(byNo).toMatchObject({ kind: 'found', items: [{ cargMtNo: DELIVERED.cargMtNo }] });
    expect(byNo).not.toHaveProperty('year');
    expect(fake.requests.map((r) => r.query)).toEqual([
      { crkyCn: fake.cargoKey, mblNo: '18012345675', blYy: '2025' },
      { crkyCn: fake.cargoKey, cargMtNo: DELIVERED.cargMtNo },
    ]);
  });

  it('answers not_found for tCnt 0', async () => {
    expect(await clientFor(fake).cargo({ hblNo: 'NOSUCHBL1', year: 2025 })).toEqual({ kind: 'not_found' });
    expect(fake.requests).toHaveLength(1);
  });

  it('resolves [N00] several results by querying each cargMtNo again', async () => {
    const out = await clientFor(fake).cargo({ hblNo: 'MULTI0001', year: 2025 });
    expect(fake.requests.map((r) => r.query.cargMtNo ?? r.query.hblNo)).toEqual([
      'MULTI0001',
      MULTI_A.cargMtNo,
      MULTI_B.cargMtNo,
    ]);
    expect(out.kind).toBe('found');
    if (out.kind !== 'found') return;
    expect(out.items.map((i) => [i.cargMtNo, i.steps.map((s) => s.name), i.released])).toEqual([
      [MULTI_A.cargMtNo, ['수입신고수리'], true],
      [MULTI_B.cargMtNo, ['통관목록접수'], false],
    ]);
    expect(out.items[0]!.steps[0]!.declarationNo).toBe('40000-25-000001U');
    expect(out).not.toHaveProperty('omitted');
  });

  it('caps the follow-up queries and says how many were left out', async () => {
    const out = await clientFor(fake, { maxFollowUps: 1 }).cargo({ hblNo: 'MULTI0001', year: 2025 });
    expect(out).toMatchObject({ kind: 'found', omitted: 1, items: [{ cargMtNo: MULTI_A.cargMtNo }] });
    expect(fake.requests).toHaveLength(2);
  });

  it('keeps a summary, marked detailsMissing, when a follow-up fails', async () => {
    // The follow-up for the second cargMtNo hits an unknown number: the summary stays.
    const several = cargoXml({
      tCnt: 2,
      ntceInfo: '[N00] 조회 결과가 다건입니다.',
      summaries: [
        { cargMtNo: MULTI_A.cargMtNo, csclPrgsStts: '수입신고수리' },
        { cargMtNo: '25ZZ999999I99999999', csclPrgsStts: '반입완료' },
      ],
    });
    let n = 0;
    const client = createUnipassClient({
      baseUrl: fake.baseUrl,
      cargoKey: fake.cargoKey,
      fetch: (async (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        ++n === 1 ? new Response(several, { status: 200 }) : fetch(input, init)) as typeof fetch,
    });
    const out = await client.cargo({ hblNo: 'MULTI0001', year: 2025 });
    expect(out).toMatchObject({
      kind: 'found',
      items: [
        { cargMtNo: MULTI_A.cargMtNo, steps: [{ name: '수입신고수리' }] },
        { cargMtNo: '25ZZ999999I99999999', steps: [], detailsMissing: true, released: false },
      ],
    });
  });

  it('tries the previous B/L year on not_found only when asked', async () => {
    expect(await clientFor(fake).cargo({ hblNo: 'DEC2024PARCEL', year: 2025 })).toEqual({ kind: 'not_found' });
    fake.reset();
    const out = await clientFor(fake).cargo({ hblNo: 'DEC2024PARCEL', year: 2025, tryPreviousYear: true });
    expect(out).toMatchObject({ kind: 'found', year: 2024, items: [{ hblNo: 'DEC2024PARCEL' }] });
    expect(fake.requests.map((r) => r.query.blYy)).toEqual(['2025', '2024']);
  });

  it('reports a bad key and a missing key', async () => {
    expect(await clientFor(fake, { cargoKey: 'WRONG' }).cargo({ hblNo: '6012345678', year: 2025 })).toEqual({
      kind: 'bad_key',
    });
    fake.setScenario({ kind: 'missingKey' });
    expect(await clientFor(fake).cargo({ hblNo: '6012345678', year: 2025 })).toEqual({ kind: 'missing_key' });
    const unconfigured = createUnipassClient({ baseUrl: fake.baseUrl, verifyKey: fake.verifyKey });
    fake.reset();
    expect(await unconfigured.cargo({ hblNo: '6012345678', year: 2025 })).toEqual({ kind: 'missing_key' });
    expect(fake.requests).toHaveLength(0);
  });

  it('treats an empty answer as not found, and tCnt > 0 with no summary as malformed', async () => {
    fake.setScenario({ kind: 'raw', body: cargoXml({ tCnt: 0, ntceInfo: '' }) });
    expect(await clientFor(fake).cargo({ hblNo: '6012345678', year: 2025 })).toEqual({ kind: 'not_found' });
    fake.setScenario({ kind: 'raw', body: cargoXml({ tCnt: 1 }) });
    expect(await clientFor(fake).cargo({ hblNo: '6012345678', year: 2025 })).toEqual({
      kind: 'unavailable',
      cause: 'malformed',
    });
  });

  it('reports other tCnt -1 notices as rejected, without retrying', async () => {
    fake.setScenario({ kind: 'raw', body: cargoXml({ tCnt: -1, ntceInfo: '조회 기간이 지난 화물입니다.' }) });
    expect(await clientFor(fake).cargo({ hblNo: '6012345678', year: 2025 })).toEqual({
      kind: 'unavailable',
      cause: 'rejected',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    [{ hblNo: 'a b', year: 2025 }, 'blNo'],
    [{ hblNo: '6012345678', year: 25 }, 'year'],
    [{ mblNo: '!!!!!!', year: 2025 }, 'blNo'],
    [{ cargMtNo: '' }, 'cargMtNo'],
  ])('refuses bad query %j without a request', async (q, field) => {
    expect(await clientFor(fake).cargo(q as never)).toMatchObject({ kind: 'invalid_input', field });
    expect(fake.requests).toHaveLength(0);
  });
});
