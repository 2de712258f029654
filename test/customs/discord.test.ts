// One verify + track run through the real Discord adapter (discord.js against the fake
// gateway and REST API) with the fake UNI-PASS. Discord's slash-command definitions do not
// list verify/track yet, so this run enters through buttons (the router runs a command whose
// name is the button's action id, with the value as its arguments).
import { afterEach, expect, it } from 'vitest';
import { createDiscordDriver, type DiscordDriver } from '../fakes/discord/driver';
import { startFakeUnipass, type FakeUnipass } from '../fakes/unipass/server';
import { createTestApp, ManualClock, type TestApp } from '../helpers/app';
import { cargo, CODE, MIN, PIN, step } from './helpers';

const NAME = '디코카나리';
const PHONE = '010-6262-9393';
let app: TestApp | undefined;
let d: DiscordDriver | undefined;
let fake: FakeUnipass | undefined;
afterEach(async () => {
  await d?.close();
  await app?.close();
  await fake?.close();
});

it('verify in a modal and a parcel DM on Discord; name and phone never leave for Discord', async () => {
  fake = await startFakeUnipass({
    codes: [{ code: CODE, name: NAME, phone: '01062629393', postalCode: '04524' }],
    cargo: [cargo('612345678901', '26KEAA0001I00010001', [step('입항보고 제출', '20261124100000')])],
  });
  const clock = new ManualClock();
  app = await createTestApp({
    clock,
    env: { UNIPASS_API_URL: fake.baseUrl, UNIPASS_VERIFY_KEY: fake.verifyKey, UNIPASS_CARGO_KEY: fake.cargoKey },
  });
  d = await createDiscordDriver(app);
  const texts = (rs: { text: string }[]) => rs.map((r) => r.text).join('\n');

  await d.send({ kind: 'command', args: 'register', locale: 'ko' });
  await d.send({ kind: 'action', actionId: 'vault.consent', locale: 'ko' });
  await d.send({ kind: 'form', formId: 'vault.register', values: { code: CODE, pin: PIN, pin2: PIN }, locale: 'ko' });

  const opened = await d.send({ kind: 'action', actionId: 'customs.verify', locale: 'ko' });
  expect(opened.find((r) => r.form)?.form?.fields).toEqual(['name', 'phone', 'postalCode', 'pin']);
  const ok = await d.send({
    kind: 'form',
    formId: 'customs.verify',
    values: { name: NAME, phone: PHONE, postalCode: '04524', pin: PIN },
    locale: 'ko',
  });
  expect(texts(ok)).toContain('확인 완료');
  expect(texts(await d.send({ kind: 'command', args: 'status', locale: 'ko' }))).toContain('관세청 확인 완료');

  const tracked = await d.send({ kind: 'action', actionId: 'track', value: '612345678901', locale: 'ko' });
  expect(texts(tracked)).toContain('612345678901 추적을 시작했어요');
  const before = d.fake.api.requests.length;
  fake.cargo[0]!.steps.unshift(step('반입신고', '20261125100000'));
  clock.advance(15 * MIN);
  await app.jobs.runDue(clock.now());
  const dmPosts = d.fake.api.requests
    .slice(before)
    .filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.status === 200);
  expect(dmPosts.map((r) => String(r.json?.content ?? ''))).toEqual([expect.stringContaining('새 단계: 반입신고')]);

  for (const secret of [NAME, PHONE, '01062629393']) {
    expect(d.fake.api.requests.filter((r) => JSON.stringify(r).includes(secret))).toEqual([]);
    expect(app.logs.join('\n')).not.toContain(secret);
    expect(await app.dumpAllTables()).not.toContain(secret);
  }
});
