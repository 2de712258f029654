// One verify + track run through the real Slack adapter (Bolt over the signed wire, fake Slack
// Web API) with the fake UNI-PASS: the modal, the inline errors, the DM at a new step.
import { afterEach, expect, it } from 'vitest';
import { startSlackHarness, type SlackHarness } from '../fakes/slack/harness';
import { startFakeUnipass, type FakeUnipass } from '../fakes/unipass/server';
import { cargo, CODE, MIN, PIN, step } from './helpers';

const NAME = '슬랙카나리';
const PHONE = '010-5151-8282';
let h: SlackHarness | undefined;
let fake: FakeUnipass | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
});

it('verify in a modal and a parcel DM on Slack; name and phone never leave for Slack', async () => {
  fake = await startFakeUnipass({
    codes: [{ code: CODE, name: NAME, phone: '01051518282', postalCode: '04524' }],
    cargo: [cargo('612345678901', '26KEAA0001I00010001', [step('입항보고 제출', '20261124100000')])],
  });
  h = await startSlackHarness({
    env: { UNIPASS_API_URL: fake.baseUrl, UNIPASS_VERIFY_KEY: fake.verifyKey, UNIPASS_CARGO_KEY: fake.cargoKey },
  });
  const u = h.user('U0CUSTOMS');
  await u.command('lang ko');
  const consent = await u.command('register');
  const opened = await u.press(consent.seen.flatMap((s) => s.buttons)[0]!);
  await u.submit(opened.seen.find((s) => s.form)!.form!, { code: CODE, pin: PIN, pin2: PIN });

  const verify = await u.command('verify');
  const form = verify.seen.find((s) => s.form)!.form!;
  const bad = await u.submit(form, { name: NAME, phone: '0505-123-4567', postalCode: '04524' });
  expect(bad.seen.flatMap((s) => s.formErrors ?? []).join('\n')).toContain('안심번호');
  const ok = await u.submit(form, { name: NAME, phone: PHONE, postalCode: '04524', pin: PIN });
  expect(ok.seen.map((s) => s.text).join('\n')).toContain('확인 완료');
  expect((await u.command('status')).seen.map((s) => s.text).join('\n')).toContain('관세청 확인 완료');

  const track = await u.command('track 612345678901');
  expect(track.seen.map((s) => s.text).join('\n')).toContain('612345678901 추적을 시작했어요');
  fake.cargo[0]!.steps.unshift(step('반입신고', '20261125100000'));
  h.clock.advance(15 * MIN);
  await h.app.jobs.runDue(h.clock.now());
  await u.settle();
  const dms = h.fake
    .callsOf('chat.postMessage')
    .filter((c) => c.args.channel === u.dm && (c.response as { ok?: boolean })?.ok);
  expect(dms.map((c) => String(c.args.text))).toEqual([expect.stringContaining('새 단계: 반입신고')]);
  expect(JSON.stringify(dms[0]!.args.blocks)).toContain('customs.notMine');

  for (const secret of [NAME, PHONE, '01051518282']) {
    expect(h.fake.requests.filter((c) => c.raw.includes(secret) || JSON.stringify(c.args).includes(secret))).toEqual(
      [],
    );
    expect(h.app.logs.join('\n')).not.toContain(secret);
    expect(await h.app.dumpAllTables()).not.toContain(secret);
  }
  expect(h.fake.problems).toEqual([]);
});
