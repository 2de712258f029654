// `/pccc verify` end to end: the bot → the UNI-PASS client → the fake UNI-PASS over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { FORM_VERIFY } from '../../src/core/customs';
import { mismatchAdvice, noKeyHelp, relayNumberWarning } from '../../src/unipass';
import { DB_KINDS } from '../helpers/db';
import { CODE, DAY, PERSON, PIN, startHarness, USER, type Harness } from './helpers';

const GOOD = { name: PERSON.name, phone: '010-9876-5432', postalCode: '04524', pin: PIN };

describe.each(DB_KINDS)('verify on %s', (db) => {
  let h: Harness;
  afterEach(() => h?.close());

  async function statusText() {
    return h.text(await h.command('status'));
  }

  it('opens a private form of name, phone and postal code, and a match marks the code verified', async () => {
    h = await startHarness({ db });
    await h.register();
    expect(await statusText()).toContain('형식만 확인함');
    const open = await h.command('verify');
    const form = open.replies.find((r) => r.form)?.form;
    expect(form?.id).toBe(FORM_VERIFY);
    expect(form?.fields.map((f) => [f.id, f.kind])).toEqual([
      ['name', 'secret'],
      ['phone', 'secret'],
      ['postalCode', 'secret'],
      ['pin', 'secret'],
    ]);
    const done = await h.form(FORM_VERIFY, GOOD);
    expect(done.formErrors).toBeUndefined();
    expect(h.text(done)).toContain('확인 완료');
    expect(h.text(done)).not.toContain(CODE);
    // One call, with the stored code and the typed details, normalised.
    expect(h.fake.requests).toHaveLength(1);
    expect(h.fake.requests[0]!.query).toMatchObject({
      persEcm: CODE,
      pltxNm: PERSON.name,
      cralTelno: '01098765432',
      custPsno: '04524',
    });
    expect(await statusText()).toMatch(/관세청 확인 완료/);
  });

  it.each([
    ['name', { ...GOOD, name: '김하나' }, 'name', '이름'],
    ['phone', { ...GOOD, phone: '010-1111-2222' }, 'phone', '휴대전화번호'],
    ['postal code', { ...GOOD, postalCode: '06236' }, 'postal_code', '우편번호'],
  ] as const)('a %s mismatch says which one and what to fix in UNI-PASS', async (_what, values, reason, label) => {
    h = await startHarness({ db });
    await h.register();
    const o = await h.form(FORM_VERIFY, values);
    const text = h.text(o);
    expect(text).toContain(`• ${label}: ${mismatchAdvice(reason, 'ko')}`);
    // Only the field that differs is named.
    for (const other of (['name', 'phone', 'postal_code'] as const).filter((r) => r !== reason))
      expect(text).not.toContain(mismatchAdvice(other, 'ko'));
    expect(await statusText()).toContain('형식만 확인함');
  });

  it.each([
    ['no such code', [], 'no_such_code'],
    ['an expired code', [{ ...PERSON, status: 'expired' as const }], 'expired'],
    ['a suspended code', [{ ...PERSON, status: 'suspended' as const }], 'not_in_use'],
  ] as const)('%s gets its own advice, in English too', async (_what, codes, reason) => {
    h = await startHarness({ db, codes: [...codes] });
    await h.register();
    await h.command('lang en');
    const o = await h.form(FORM_VERIFY, GOOD);
    expect(h.text(o)).toContain(mismatchAdvice(reason, 'en'));
    expect(h.text(o)).toContain('UNI-PASS says these do not match');
  });

  it('a code problem clears an earlier verification', async () => {
    h = await startHarness({ db });
    await h.register();
    await h.form(FORM_VERIFY, GOOD);
    expect(await statusText()).toMatch(/확인 완료/);
    h.fake.codes[0]!.status = 'suspended';
    const o = await h.form(FORM_VERIFY, GOOD);
    expect(h.text(o)).toContain('이전 확인 기록을 지웠어요');
    expect(await statusText()).toContain('형식만 확인함');
  });

  it('a 050 relay number gets its own warning, inline, and UNI-PASS is not called', async () => {
    h = await startHarness({ db });
    await h.register();
    const o = await h.form(FORM_VERIFY, { ...GOOD, phone: '0505-123-4567' });
    expect(o.formErrors?.phone).toBe(relayNumberWarning('0505-123-4567', 'ko'));
    expect(h.fake.requests).toHaveLength(0);
  });

  it.each([
    ['empty name', { name: '  ' }, 'name', /이름을 입력/],
    ['landline', { phone: '02-123-4567' }, 'phone', /휴대전화번호 형식/],
    ['letters in the phone', { phone: '010-abcd-1234' }, 'phone', /숫자로만/],
    ['6-digit postal code', { postalCode: '123-456' }, 'postalCode', /6자리/],
    ['short postal code', { postalCode: '123' }, 'postalCode', /5자리/],
  ] as const)('%s → inline form error, nothing stored or called', async (_what, bad, field, message) => {
    h = await startHarness({ db });
    await h.register();
    const before = await h.app.dumpAllTables();
    const o = await h.form(FORM_VERIFY, { ...GOOD, ...bad });
    expect(Object.keys(o.formErrors ?? {})).toEqual([field]);
    expect(o.formErrors![field]).toMatch(message);
    expect(h.fake.requests).toHaveLength(0);
    expect(await h.app.dumpAllTables()).toBe(before);
  });

  it('all bad fields are reported at once, in English for an English user', async () => {
    h = await startHarness({ db });
    await h.register();
    await h.command('lang en');
    const o = await h.form(FORM_VERIFY, { name: '', phone: 'x', postalCode: '' });
    expect(o.formErrors).toEqual({
      name: 'Please enter your name.',
      phone: 'A mobile number has digits only (hyphens and spaces are fine).',
      postalCode: 'Please enter your 5-digit postal code.',
    });
  });

  it('without a stored code it asks to register first', async () => {
    h = await startHarness({ db });
    const o = await h.command('verify');
    expect(h.text(o)).toContain('/pccc register');
    expect(o.replies[0]!.buttons?.[0]?.id).toBe('vault.register');
    expect(o.replies.some((r) => r.form)).toBe(false);
  });

  it('without a verification key: format check only, and how to get a key', async () => {
    h = await startHarness({ db, keys: { verify: false } });
    await h.register();
    const o = await h.command('verify');
    expect(o.replies.some((r) => r.form)).toBe(false);
    expect(h.text(o)).toContain('형식만 확인할 수 있어요');
    expect(h.text(o)).toContain(noKeyHelp('ko'));
    expect(h.text(o)).toContain('My메뉴 → 서비스관리 → OpenAPI 사용관리');
    // A form submitted anyway (an old modal) does not call out either.
    const late = await h.form(FORM_VERIFY, GOOD);
    expect(h.text(late)).toContain(noKeyHelp('ko'));
    expect(h.fake.requests).toHaveLength(0);
    expect(await statusText()).toContain('키 없음: 형식만 확인');
  });

  it('UNI-PASS down: says so, stores nothing', async () => {
    h = await startHarness({ db });
    await h.register();
    h.fake.setScenario({ kind: 'status', status: 404, times: 5 });
    const o = await h.form(FORM_VERIFY, GOOD);
    expect(h.text(o)).toContain('UNI-PASS가 응답하지 않아요');
    expect(await statusText()).toContain('형식만 확인함');
  });

  it('a key UNI-PASS refuses is the operator’s problem, said plainly', async () => {
    h = await startHarness({ db });
    await h.register();
    h.fake.setScenario({
      kind: 'raw',
      body: '<persEcmQryRtnVo><tCnt>-1</tCnt><ntceInfo>존재하지 않는 인증키입니다.</ntceInfo></persEcmQryRtnVo>',
    });
    const o = await h.form(FORM_VERIFY, GOOD);
    expect(h.text(o)).toContain('인증키를 받아들이지 않아요');
  });

  it('is in help, and has Korean aliases', async () => {
    h = await startHarness({ db });
    expect(h.text(await h.command('help'))).toContain('verify');
    await h.register();
    for (const alias of ['인증', '검증'])
      expect((await h.command(alias)).replies.some((r) => r.form?.id === FORM_VERIFY)).toBe(true);
    expect((await h.press('customs.verify')).replies.some((r) => r.form?.id === FORM_VERIFY)).toBe(true);
  });

  it('needs the PIN: a wrong one calls nothing and counts towards the lockout', async () => {
    h = await startHarness({ db });
    await h.register();
    const o = await h.form(FORM_VERIFY, { ...GOOD, pin: '111333' });
    expect(o.formErrors?.pin).toMatch(/PIN/);
    expect(h.fake.requests).toHaveLength(0);
    const missing = await h.form(FORM_VERIFY, { name: GOOD.name, phone: GOOD.phone, postalCode: GOOD.postalCode });
    expect(missing.formErrors?.pin).toBeTruthy();
    expect(h.fake.requests).toHaveLength(0);
    for (let i = 0; i < 4; i++) await h.form(FORM_VERIFY, { ...GOOD, pin: '111333' });
    expect((await h.app.vault.reveal(USER, PIN)).kind).toBe('locked');
  });

  it('is limited per person per day (5), durably, and says so plainly', async () => {
    h = await startHarness({ db });
    await h.register();
    for (let i = 0; i < 5; i++) expect(h.text(await h.form(FORM_VERIFY, GOOD))).toContain('확인 완료');
    const sixth = await h.form(FORM_VERIFY, GOOD);
    expect(h.text(sixth)).toContain('하루 5번까지');
    expect(h.fake.requests).toHaveLength(5);
    h.clock.advance(DAY);
    expect(h.text(await h.form(FORM_VERIFY, GOOD))).toContain('확인 완료');
  });

  it('is limited per code per day (10) across people holding the same code', async () => {
    h = await startHarness({ db });
    const people = Array.from({ length: 3 }, (_, i) => ({ platform: 'slack' as const, id: `U-SAME-${i}` }));
    for (const p of people) {
      await h.app.vault.giveConsent(p);
      await h.app.vault.register(p, CODE as never, PIN);
    }
    const verifyAs = (user: { platform: 'slack'; id: string }) =>
      h.app.bot.handle({ kind: 'form', formId: FORM_VERIFY, values: GOOD, user, place: 'dm', locale: 'ko' });
    const texts: string[] = [];
    for (const p of people) for (let i = 0; i < 4; i++) texts.push(h.text(await verifyAs(p)));
    expect(texts.filter((t) => t.includes('확인 완료'))).toHaveLength(10);
    expect(texts.filter((t) => t.includes('이 통관부호는 오늘 확인 요청이 너무 많았어요'))).toHaveLength(2);
    expect(h.fake.requests).toHaveLength(10);
  });
});
