// Parcel tracking end to end: `/pccc track` → the fake UNI-PASS over HTTP → the parcels table
// → durable `parcel.poll` jobs run with a manual clock → DMs at each new step.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { FORM_TRACK } from '../../src/core/customs';
import { DeliveryError } from '../../src/core/types';
import { explainStep, noKeyHelp } from '../../src/unipass';
import { DB_KINDS } from '../helpers/db';
import { cargo, DAY, HOUR, MIN, startHarness, step, USER, type Harness } from './helpers';

const HBL = '612345678901';
const CMN = '26KEAA0001I00010001';

const arrived = () => [step('입항보고 제출', '20261124200000'), step('입항적하목록 제출', '20261124100000')];

describe.each(DB_KINDS)('track on %s', (db) => {
  let h: Harness;
  afterEach(() => h?.close());

  async function parcelsText() {
    return h.text(await h.command('parcels'));
  }
  async function rows() {
    return h.app.database.rows<{
      label: string;
      state: string;
      last_step: string | null;
      interval_minutes: number;
      poll_no: number;
    }>(sql`select label, state, last_step, interval_minutes, poll_no from parcels order by label`);
  }

  it('adds a parcel with its current step explained, and lists it', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived())] });
    const o = await h.command(`track ${HBL}`);
    const text = h.text(o);
    expect(text).toContain(`${HBL} 추적을 시작했어요`);
    expect(text).toContain('현재 단계: 입항보고 제출');
    expect(text).toContain(explainStep('입항보고 제출', 'ko'));
    expect(o.replies[0]!.buttons?.map((b) => b.id)).toEqual(['customs.notMine']);
    expect(h.fake.requests[0]!.query).toMatchObject({ hblNo: HBL, blYy: '2026' });
    expect(await parcelsText()).toMatch(new RegExp(`${HBL} · ${CMN}: 입항보고 제출 .*추적 중`));
    expect(await h.pollJobs()).toHaveLength(1);
    expect(h.text(await h.command('status'))).toContain('1건 추적 중');
  });

  it('polls: DM at each new step, none while nothing changes, backoff 15 min → 6 h, reset on change, stop after release', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived())] });
    await h.command(`track ${HBL}`);
    const parcel = h.fake.cargo[0]!;

    // Nothing new: no DM, and the wait doubles 15 → 30 → 60 … → 360 (capped).
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const [job] = await h.pollJobs();
      waits.push(Math.round((new Date(job!.run_at).getTime() - h.clock.now().getTime()) / MIN));
      h.clock.set(new Date(job!.run_at));
      await h.app.jobs.runDue(h.clock.now());
    }
    expect(waits).toEqual([15, 30, 60, 120, 240, 360, 360]);
    expect(h.dms.sent).toHaveLength(0);

    // A new step → one DM, explained, with the "Not my order" button; the wait resets to 15 min.
    parcel.steps.unshift(step('반입신고', '20261126090000'));
    await h.advance(6 * HOUR);
    expect(h.dms.sent).toHaveLength(1);
    const dm = h.dms.sent[0]!.reply;
    expect(dm.visibility).toBe('dm');
    expect(dm.text).toContain('새 단계: 반입신고');
    expect(dm.text).toContain(explainStep('반입신고', 'ko'));
    expect(dm.text).toContain('물품: SHOES');
    expect(dm.buttons).toEqual([{ id: 'customs.notMine', label: '내 주문이 아니에요', value: HBL }]);
    expect((await rows())[0]).toMatchObject({ last_step: '반입신고', interval_minutes: 15 });

    // Two steps at once → one DM naming both, the newest explained.
    parcel.steps.unshift(step('통관목록접수', '20261126100000'), step('통관목록심사완료', '20261126110000'));
    parcel.steps.sort((a, b) => b.prcsDttm!.localeCompare(a.prcsDttm!));
    await h.advance(15 * MIN);
    expect(h.dms.sent).toHaveLength(2);
    expect(h.dms.sent[1]!.reply.text).toMatch(/• 통관목록접수[^\n]*\n새 단계: 통관목록심사완료/);

    // Release → a last DM, then no more polling.
    parcel.steps.unshift(step('반출신고', '20261126150000'));
    await h.advance(15 * MIN);
    expect(h.dms.sent).toHaveLength(3);
    expect(h.dms.sent[2]!.reply.text).toContain('통관이 끝나 이 화물 추적을 마쳤어요');
    expect(await h.pollJobs()).toHaveLength(0);
    expect((await rows())[0]!.state).toBe('released');
    const requests = h.fake.requests.length;
    await h.advance(7 * DAY);
    expect(h.fake.requests.length).toBe(requests);
    expect(await parcelsText()).toContain('반출신고');
    expect(await parcelsText()).toContain('통관 완료');
  });

  it('stops 60 days after it was added, with a last DM', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived())] });
    await h.command(`track ${HBL}`);
    for (let day = 0; day < 61; day++) {
      h.clock.advance(DAY);
      await h.app.jobs.runDue(h.clock.now());
    }
    expect(h.dms.texts()).toEqual([expect.stringContaining('60일 동안 추적했어요')]);
    expect((await rows())[0]!.state).toBe('expired');
    expect(await h.pollJobs()).toHaveLength(0);
    const requests = h.fake.requests.length;
    // Polls stay within the 60 days: about 4 a day once at the 6-hour pace.
    expect(requests).toBeLessThan(61 * 4 + 10);
    await h.advance(30 * DAY);
    expect(h.fake.requests.length).toBe(requests);
  });

  it('a parcel not in UNI-PASS yet is kept and announced when it appears (house or master B/L)', async () => {
    h = await startHarness({ db });
    const o = await h.command(`track ${HBL} 2026`);
    expect(h.text(o)).toContain('아직 UNI-PASS에 없어요');
    // Both kinds were tried.
    expect(h.fake.requests.map((r) => Object.keys(r.query).find((k) => k === 'hblNo' || k === 'mblNo'))).toEqual([
      'hblNo',
      'mblNo',
    ]);
    expect(await parcelsText()).toContain('아직 조회되지 않음');
    h.fake.cargo.push({ ...cargo('X', CMN, arrived()), hblNo: undefined, mblNo: HBL });
    await h.advance(15 * MIN);
    expect(h.dms.sent).toHaveLength(1);
    expect(h.dms.sent[0]!.reply.text).toMatch(/• 입항적하목록 제출[^\n]*\n새 단계: 입항보고 제출/);
    expect(await parcelsText()).toContain(CMN);
    // Later polls ask by the cargo number.
    await h.advance(15 * MIN);
    expect(h.fake.requests.at(-1)!.query.cargMtNo).toBe(CMN);
  });

  it('accepts a cargo management number, and tells an already released parcel apart', async () => {
    h = await startHarness({
      db,
      cargo: [
        cargo(HBL, CMN, arrived()),
        cargo('700000000001', '26KEAA0001I00010002', [step('수입신고수리', '20261120100000')]),
      ],
    });
    expect(h.text(await h.command(`track ${CMN}`))).toContain('추적을 시작했어요');
    expect(h.fake.requests[0]!.query.cargMtNo).toBe(CMN);
    expect(h.text(await h.command(`track ${HBL}`))).toContain('이미 추적 중');
    const done = await h.command('track 700000000001');
    expect(h.text(done)).toContain('이미 통관이 끝났어요');
    expect((await rows()).map((r) => r.label)).toEqual([CMN]);
  });

  it('in January, falls back to a December B/L year', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived(), { blYy: 2026 })] });
    h.clock.set(new Date('2027-01-05T03:00:00Z'));
    const text = h.text(await h.command(`track ${HBL}`));
    expect(text).toContain('추적을 시작했어요');
    expect(text).toContain('2027년에는 없어서 2026년 B/L로 찾았어요');
  });

  it('untrack removes the parcel and its pending poll', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived())] });
    await h.command(`track ${HBL}`);
    expect(h.text(await h.command(`untrack ${HBL.slice(0, 6)}-${HBL.slice(6)}`))).toContain(`${HBL} 추적을 그만뒀어요`);
    expect(await rows()).toEqual([]);
    expect(await h.pollJobs()).toEqual([]);
    expect(await parcelsText()).toContain('추적 중인 화물이 없어요');
    expect(h.text(await h.command(`untrack ${HBL}`))).toContain('추적 중인 화물이 아니에요');
    expect(h.text(await h.command('untrack'))).toContain('사용법');
  });

  it('forget removes parcels and their jobs', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived())] });
    await h.register();
    await h.command(`track ${HBL}`);
    await h.press('vault.forget');
    expect(await rows()).toEqual([]);
    expect(await h.pollJobs()).toEqual([]);
    expect(await h.app.dumpAllTables()).not.toContain(HBL);
  });

  it('DMs closed for good → polling stops and the bot says so next time', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived())] });
    await h.command(`track ${HBL}`);
    h.fake.cargo[0]!.steps.unshift(step('반입신고', '20261126090000'));
    h.dms.failures.push(new DeliveryError('cannot DM', 'permanent'));
    await h.advance(15 * MIN);
    expect(h.dms.sent).toHaveLength(0);
    expect((await rows())[0]!.state).toBe('paused');
    expect(await h.pollJobs()).toEqual([]);
    const next = await h.command('help');
    expect(next.replies[0]!.text).toContain(`DM을 보낼 수 없어서 화물 ${HBL} 통관 알림을 멈췄어요`);
    // Tracking it again starts over.
    expect(h.text(await h.command(`track ${HBL}`))).toContain('추적을 시작했어요');
    expect((await rows())[0]!.state).toBe('active');
  });

  it('rate-limited or transient DM failure → the same step is sent later', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived())] });
    await h.command(`track ${HBL}`);
    h.fake.cargo[0]!.steps.unshift(step('반입신고', '20261126090000'));
    h.dms.failures.push(
      new DeliveryError('slow down', 'rate_limited', 120_000),
      new DeliveryError('socket', 'transient'),
    );
    await h.advance(15 * MIN);
    expect(h.dms.sent).toHaveLength(0);
    const [job] = await h.pollJobs();
    expect(new Date(job!.run_at).getTime() - h.clock.now().getTime()).toBe(2 * MIN);
    await h.advance(2 * MIN);
    expect(h.dms.sent).toHaveLength(0);
    await h.advance(5 * MIN);
    expect(h.dms.texts()).toEqual([expect.stringContaining('새 단계: 반입신고')]);
    await h.advance(HOUR);
    expect(h.dms.sent).toHaveLength(1);
  });

  it('"Not my order" opens the theft guide with the B/L to report', async () => {
    h = await startHarness({ db });
    const o = await h.press('customs.notMine', HBL);
    expect(h.text(o)).toContain(`B/L 번호를 함께 알려 주세요: ${HBL}`);
    expect(h.text(o)).toMatch(/도용/);
  });

  it.each([
    ['a bad B/L', 'track ab', { blNo: /4~35자/ }],
    ['symbols in the B/L', 'track 1234-5678/90', { blNo: /4~35자/ }],
    ['year 1999', `track ${HBL} 1999`, { year: /2023~2026/ }],
    ['year 2099', `track ${HBL} 2099`, { year: /2023~2026/ }],
    ['year abc', `track ${HBL} abc`, { year: /네 자리/ }],
    ['both', 'track ? 20x6', { blNo: /B\/L/, year: /연도/ }],
  ])('%s → inline errors, nothing stored or called', async (_what, command, errors) => {
    h = await startHarness({ db });
    const before = await h.app.dumpAllTables();
    const o = await h.command(command);
    expect(Object.keys(o.formErrors ?? {}).sort()).toEqual(Object.keys(errors).sort());
    for (const [field, re] of Object.entries(errors)) expect(o.formErrors![field]).toMatch(re);
    expect(h.fake.requests).toHaveLength(0);
    expect(await h.app.dumpAllTables()).toBe(before);
  });

  it('the private form path gives the same inline errors in English', async () => {
    h = await startHarness({ db });
    await h.command('lang en');
    const open = await h.command('track');
    expect(open.replies[0]!.form?.id).toBe(FORM_TRACK);
    const o = await h.form(FORM_TRACK, { blNo: '', year: '2099' });
    expect(o.formErrors).toEqual({
      blNo: 'Please enter the waybill (B/L) number.',
      year: 'The B/L year is a four-digit year (2023–2026). UNI-PASS only has cargo from the last 3 years.',
    });
  });

  it('without a cargo key: tracking needs the key, and how to get one', async () => {
    h = await startHarness({ db, keys: { cargo: false } });
    for (const cmd of [`track ${HBL}`, 'track']) {
      const o = await h.command(cmd);
      expect(h.text(o)).toContain('화물 조회 키가 설정되어 있지 않아서');
      expect(h.text(o)).toContain(noKeyHelp('ko'));
    }
    expect(await rows()).toEqual([]);
    expect(h.fake.requests).toHaveLength(0);
  });

  it('UNI-PASS down when adding: saved and checked later', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived())] });
    h.fake.setScenario({ kind: 'status', status: 404, times: 1 });
    expect(h.text(await h.command(`track ${HBL}`))).toContain('저장해 두었고');
    await h.advance(15 * MIN);
    expect(h.dms.texts()).toEqual([expect.stringContaining('새 단계: 입항보고 제출')]);
  });

  it('a poll job that runs twice does not schedule twice', async () => {
    h = await startHarness({ db, cargo: [cargo(HBL, CMN, arrived())] });
    await h.command(`track ${HBL}`);
    const [job] = await h.pollJobs();
    // The same poll again (as after a crash between commit and delete) changes nothing.
    await h.advance(15 * MIN);
    await h.app.database.rows(
      sql`insert into jobs (kind, run_at, payload) values ('parcel.poll', ${h.clock.now().toISOString()}::timestamptz, ${JSON.stringify(job!.payload)}::jsonb)`,
    );
    await h.app.jobs.runDue(h.clock.now());
    expect(await h.pollJobs()).toHaveLength(1);
    expect((await rows())[0]!.poll_no).toBe(1);
  });
});

describe.each(DB_KINDS)('track limits on %s', (db) => {
  let h: Harness;
  afterEach(() => h?.close());

  it('at most 20 lookups per person per day (each can make four UNI-PASS calls), said plainly', async () => {
    h = await startHarness({ db });
    for (let i = 0; i < 20; i++)
      expect(h.text(await h.command(`track 7123456789${String(i).padStart(2, '0')}`))).not.toContain('하루 20번까지');
    const calls = h.fake.requests.length;
    expect(h.text(await h.command('track 712345678999'))).toContain('하루 20번까지');
    expect(h.fake.requests.length).toBe(calls);
    h.clock.advance(DAY);
    expect(h.text(await h.command('track 712345678999'))).not.toContain('하루 20번까지');
  });

  it('forget does not reset the daily limit, and the counters name nobody in clear', async () => {
    h = await startHarness({ db });
    for (let i = 0; i < 20; i++) await h.command(`track 7123456789${String(i).padStart(2, '0')}`);
    await h.press('vault.forget');
    const calls = h.fake.requests.length;
    expect(h.text(await h.command('track 812345678900'))).toContain('하루 20번까지');
    expect(h.fake.requests.length).toBe(calls);
    const keys = await h.app.database.rows<{ key: string }>(sql`select key from rate_counters`);
    for (const { key } of keys) expect(key).not.toContain(USER.id);
  });
});
