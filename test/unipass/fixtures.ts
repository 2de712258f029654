import { createUnipassClient } from '../../src/unipass';
import type { UnipassClientOptions } from '../../src/unipass';
import type { FakeCargo, FakeCode, FakeUnipass } from '../fakes/unipass/server';

export const HONG: FakeCode = {
  code: 'P100000000001',
  name: '홍길동',
  phone: '01012345678',
  postalCode: '04524',
  status: 'active',
};
export const EXPIRED: FakeCode = { code: 'P100000000002', name: '김철수', phone: '01022223333', status: 'expired' };
export const SUSPENDED: FakeCode = { code: 'P100000000003', name: '이영희', phone: '01044445555', status: 'suspended' };

export const CODES: FakeCode[] = [HONG, EXPIRED, SUSPENDED];

/** Released parcel, steps newest first as UNI-PASS gives them. */
export const DELIVERED: FakeCargo = {
  cargMtNo: '25HJSC0123I00010001',
  hblNo: '6012345678',
  mblNo: '18012345675',
  blYy: 2025,
  csclPrgsStts: '반출완료',
  prgsStts: '반출신고',
  prnm: 'VITAMIN C & ZINC <1+1>',
  etprDt: '20250310',
  steps: [
    {
      cargTrcnRelaBsopTpcd: '반출신고',
      prcsDttm: '20250312093000',
      shedNm: '인천공항 특송장',
      dclrNo: '12345678901234',
    },
    { cargTrcnRelaBsopTpcd: '통관목록심사완료', prcsDttm: '20250311180000' },
    { cargTrcnRelaBsopTpcd: '통관목록접수', prcsDttm: '20250311120000' },
    { cargTrcnRelaBsopTpcd: '반입신고', prcsDttm: '20250311080000', shedNm: '인천공항 특송장' },
    { cargTrcnRelaBsopTpcd: '하기신고 수리', prcsDttm: '20250310230000' },
    { cargTrcnRelaBsopTpcd: '입항보고 수리', prcsDttm: '20250310220000' },
    { cargTrcnRelaBsopTpcd: '입항적하목록 제출', rlbrDttm: '2025-03-10 10:00:00' },
  ],
};

export const IN_WAREHOUSE: FakeCargo = {
  cargMtNo: '25KE010456I00020002',
  hblNo: 'CJ1234567890',
  blYy: 2025,
  csclPrgsStts: '반입완료',
  prnm: 'SHOES',
  steps: [
    { cargTrcnRelaBsopTpcd: '반입신고', prcsDttm: '20250401101500', shedNm: '평택 보세창고' },
    { cargTrcnRelaBsopTpcd: '하선신고 수리', prcsDttm: '20250401080000' },
  ],
};

/** Two cargo records under one house B/L: UNI-PASS answers [N00]. */
export const MULTI_A: FakeCargo = {
  cargMtNo: '25OZ020789I00030001',
  hblNo: 'MULTI0001',
  blYy: 2025,
  csclPrgsStts: '수입신고수리',
  steps: [{ cargTrcnRelaBsopTpcd: '수입신고수리', prcsDttm: '20250502100000', dclrNo: '40000-25-000001U' }],
};
export const MULTI_B: FakeCargo = {
  cargMtNo: '25OZ020790I00030002',
  hblNo: 'MULTI0001',
  blYy: 2025,
  csclPrgsStts: '통관목록접수',
  steps: [{ cargTrcnRelaBsopTpcd: '통관목록접수', prcsDttm: '20250502090000' }],
};

/** Filed under last year's B/L year (a December parcel looked up in January). */
export const DECEMBER: FakeCargo = {
  cargMtNo: '24KE099999I00090009',
  hblNo: 'DEC2024PARCEL',
  blYy: 2024,
  steps: [{ cargTrcnRelaBsopTpcd: '반입신고', prcsDttm: '20241230120000' }],
};

export const CARGO: FakeCargo[] = [DELIVERED, IN_WAREHOUSE, MULTI_A, MULTI_B, DECEMBER];

export function clientFor(fake: FakeUnipass, extra: Partial<UnipassClientOptions> = {}) {
  return createUnipassClient({
    baseUrl: fake.baseUrl,
    verifyKey: fake.verifyKey,
    cargoKey: fake.cargoKey,
    backoffBaseMs: 5,
    timeoutMs: 2_000,
    ...extra,
  });
}
