// Canary: a name, phone and postal code typed into verify are used for the one UNI-PASS call
// and reach nothing else — not the logs, the database, job payloads or any non-private reply.
// One run goes through the real terminal adapter (piped stdin, like a scripted user).
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { startTerminal } from '../../src/adapters/terminal';
import { ACTION_NOT_MINE, FORM_TRACK, FORM_VERIFY } from '../../src/core/customs';
import { DB_KINDS } from '../helpers/db';
import { cargo, CODE, MIN, PIN, startHarness, step, type Harness } from './helpers';

const CANARY = { code: CODE, name: '캐나리새', phone: '010-7373-1919', postalCode: '47391' };
const CANARY_VALUES = ['캐나리새', '01073731919', '010-7373-1919', '7373-1919', '47391'];

function expectNoCanary(where: string, haystack: string) {
  for (const v of CANARY_VALUES) expect(haystack.includes(v), `${v} found in ${where}`).toBe(false);
}

describe.each(DB_KINDS)('verify canary on %s', (db) => {
  let h: Harness;
  afterEach(() => h?.close());

  it('name, phone and postal code reach only UNI-PASS, on match, mismatch and bad input', async () => {
    h = await startHarness({
      db,
      codes: [{ ...CANARY, phone: '01073731919' }],
      cargo: [cargo('612345678901', '26KEAA0001I00010001', [step('반입신고', '20261124100000')])],
    });
    await h.register();
    const outcomes = [
      await h.form(FORM_VERIFY, { name: CANARY.name, phone: CANARY.phone, postalCode: CANARY.postalCode, pin: PIN }),
      await h.form(FORM_VERIFY, {
        name: `${CANARY.name}x`,
        phone: CANARY.phone,
        postalCode: CANARY.postalCode,
        pin: PIN,
      }),
      await h.form(FORM_VERIFY, { name: CANARY.name, phone: '0505-7373-1919', postalCode: '473911' }),
      await h.form(FORM_VERIFY, { name: '<캐나리새>', phone: `${CANARY.phone}9`, postalCode: CANARY.postalCode }),
    ];
    await h.command('track 612345678901');
    h.fake.cargo[0]!.steps.unshift(step('반출신고', '20261125100000'));
    await h.advance(15 * MIN);
    await h.command('status');

    // It did reach UNI-PASS (so the canary is real).
    expect(
      h.fake.requests.some(
        (r) => r.query.pltxNm === CANARY.name && r.query.cralTelno === '01073731919' && r.query.custPsno === '47391',
      ),
    ).toBe(true);
    expect(h.text(outcomes[0]!)).toContain('확인 완료');
    expectNoCanary('replies', JSON.stringify(outcomes));
    expectNoCanary('logs', h.app.logs.join('\n'));
    expect(h.app.logs.join('\n')).not.toContain(CODE);
    expectNoCanary('database', await h.app.dumpAllTables());
    const payloads = await h.app.database.rows<{ payload: unknown }>(sql`select payload from jobs`);
    expectNoCanary('job payloads', JSON.stringify(payloads));
    expectNoCanary('DMs', JSON.stringify(h.dms.sent));
  });
});

// A code typed where no code is asked: refused kindly, never stored, sent to UNI-PASS or echoed.
const OTHER_CODE = 'P260987654321';
const CODE_DIGITS = [CODE.slice(1), OTHER_CODE.slice(1)];
function expectNoCode(where: string, haystack: string) {
  for (const d of CODE_DIGITS) expect(haystack.includes(d), `code digits found in ${where}`).toBe(false);
}

describe.each(DB_KINDS)('code canary (track, parcels, reminders, poller) on %s', (db) => {
  let h: Harness;
  afterEach(() => h?.close());

  it('a code typed as a B/L, name, reminder text or button value is refused; codes from UNI-PASS are masked', async () => {
    h = await startHarness({
      db,
      codes: [{ ...CANARY, phone: '01073731919' }],
      cargo: [
        cargo('612345678901', '26KEAA0001I00010001', [step('반입신고', '20261124100000')], {
          prnm: `GIFT FOR ${OTHER_CODE}`,
        }),
      ],
    });
    await h.register();
    const refused = [
      await h.command(`track ${OTHER_CODE}`),
      await h.command(`track ${OTHER_CODE} 2026`),
      await h.command('track P2609_87654321'),
      await h.form(FORM_TRACK, { blNo: OTHER_CODE, year: '' }),
      await h.form(FORM_TRACK, { blNo: 'p2609-8765-4321', year: '2026' }),
      await h.command(`untrack ${OTHER_CODE}`),
      await h.command(`remind ${OTHER_CODE}`),
      await h.command(`remind weekly mon 09:00 ${OTHER_CODE}`),
      await h.press(ACTION_NOT_MINE, OTHER_CODE),
      await h.form(FORM_VERIFY, { name: OTHER_CODE, phone: CANARY.phone, postalCode: CANARY.postalCode }),
    ];
    for (const o of refused) expect(h.text(o)).toMatch(/통관부호|customs code/);
    expect(h.fake.requests.filter((r) => JSON.stringify(r.query).includes(OTHER_CODE.slice(1)))).toEqual([]);
    expect(await h.app.database.rows(sql`select id from parcels`)).toEqual([]);

    // A real parcel whose goods name (written by the shipper) carries a code: masked in replies, rows and DMs.
    const tracked = await h.command('track 612345678901');
    h.fake.cargo[0]!.steps.unshift(step('반출신고', '20261125100000'));
    await h.advance(15 * MIN);
    const listed = await h.command('parcels');
    await h.command('status');
    expect(h.dms.sent.length).toBeGreaterThan(0);

    const everything = JSON.stringify([refused, tracked, listed]);
    expectNoCode('replies', everything);
    expectNoCode('logs', h.app.logs.join('\n'));
    expectNoCode('database', await h.app.dumpAllTables());
    expectNoCode('DMs', JSON.stringify(h.dms.sent));
  });
});

describe('terminal, scripted', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('register → verify → track → parcels over piped stdin, secrets never on screen', async () => {
    h = await startHarness({
      codes: [{ ...CANARY, phone: '01073731919' }],
      cargo: [cargo('612345678901', '26KEAA0001I00010001', [step('입항보고 제출', '20261124100000')])],
    });
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (c) => (screen += String(c)));
    const done = startTerminal(h.app, { input, output }).then((t) => t.finished);
    const lines = [
      '/pccc lang en',
      '/pccc register',
      '1', // consent
      CODE,
      PIN,
      PIN,
      '/pccc verify',
      CANARY.name,
      CANARY.phone,
      CANARY.postalCode,
      PIN,
      '/pccc status',
      '/pccc track 612345678901',
      '/pccc parcels',
    ];
    for (const line of lines) {
      input.write(`${line}\n`);
      await new Promise((r) => setTimeout(r, 150));
    }
    input.end();
    await done;
    expect(screen).toContain('Verified: the name, mobile number and postal code match');
    expect(screen).toMatch(/Check: verified with customs on/);
    expect(screen).toContain('Tracking 612345678901.');
    expect(screen).toMatch(/612345678901 · 26KEAA0001I00010001: 입항보고 제출 .* — tracking/);
    expect(screen).toContain('bye');
    expectNoCanary('terminal screen', screen);
    expect(screen).not.toContain(CODE);
  });
});
