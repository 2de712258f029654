// `npm run fuzz`: generated inputs (fast-check, seeded, repeatable) against code parsing, B/L
// input, UNI-PASS XML answers, command text through the bot, and every vault/customs form
// field. Counts crashes, unhandled rejections, invalid rows stored and codes echoed.
//   FUZZ_RUNS (default 100000) per pure target; FUZZ_BOT_RUNS (default FUZZ_RUNS) per bot target.
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { findCodes, isCustomsCode, parseCode, redactCodes } from '../src/core/code';
import type { Inbound, Reply } from '../src/core/types';
import { parseBl, parseName } from '../src/unipass/validate';
import { readCargoAnswer, readVerifyAnswer } from '../src/unipass/answers';
import {
  applySchedulePatch,
  computeExpiry,
  describeSchedule,
  nextImportCheck,
  parseRemindArgs,
  remindErrorMessage,
  renewalSlots,
  validateSchedule,
  type ImportCheckSchedule,
} from '../src/core/reminders';
import { fuzzDiscord, fuzzSlack } from './fuzz-platforms';
import { ACTION_IDS, zeroCounts } from './fuzz-shared';

export interface FuzzCounts {
  target: string;
  runs: number;
  crashes: number;
  unhandledRejections: number;
  invalidRows: number;
  codesEchoed: number;
  /** Wall time of this target. */
  seconds?: number;
  /** Anything else worth reading next to the counts (e.g. platform calls the fake refused). */
  notes?: string;
}

const SEED = 20261130;

const code = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }).map((d) => `P${d.join('')}`);
const SEPS = [' ', '-', '_', '/', '.', '\u2062', '\u200b', '－', '·', ':', '|', '`', '*', '\n'];
const typedCode = fc
  .tuple(
    code,
    fc.constantFrom('P', 'p', 'Ｐ', 'ㅔ'),
    fc.array(fc.constantFrom('', '', '', ...SEPS), { minLength: 12, maxLength: 12 }),
    fc.boolean(),
  )
  .map(
    ([c, p, gaps, wide]) =>
      p +
      [...c.slice(1)]
        .map((d, i) => gaps[i] + (wide && i % 2 ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d))
        .join(''),
  );
const piece = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(
    'track',
    'untrack',
    'remind',
    'register',
    'show',
    'verify',
    'parcels',
    'status',
    'lang',
    'help',
    '통관',
    '추적',
    'weekly',
    'mon',
    '09:00',
    '2026',
    '612345678901',
    '26KEAA0001I00010001',
    '[x](https://phish.example)',
    '<!channel>',
    '||',
    '**',
  ),
  fc.stringMatching(/^\d{1,14}$/),
  typedCode,
);
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(fc.sample(fc.constantFrom(' ', '', '\n'), 1)[0]!));

const xmlish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .tuple(
      fc.constantFrom('persEcmQryRtnVo', 'cargCsclPrgsInfoQryRtnVo', 'x'),
      fc.array(
        fc.tuple(
          fc.constantFrom(
            'tCnt',
            'errMsgCn',
            'ntceInfo',
            'cargMtNo',
            'prnm',
            'prcsDttm',
            'cargTrcnRelaBsopTpcd',
            'cargCsclPrgsInfoQryVo',
            'cargCsclPrgsInfoDtlQryVo',
          ),
          fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('1', '0', '-1', '20261124100000'), typedCode),
        ),
        { maxLength: 12 },
      ),
    )
    .map(([root, kids]) => `<${root}>${kids.map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</${root}>`),
);

// The `/pccc remind` grammar's own words, values and near-misses, mixed with the general pieces.
const remindPiece = fc.oneof(
  fc.constantFrom(
    'weekly',
    'biweekly',
    'monthly',
    'every',
    'other',
    'week',
    'month',
    'fortnightly',
    '매주',
    '격주',
    '매월',
    '매달',
    'mon',
    'tuesday',
    'fri',
    'sun',
    '월요일',
    '금',
    '토욜',
    'day',
    'last',
    '말일',
    '1st',
    '31',
    '31일',
    '0',
    '32',
    '29',
    '09:00',
    '9am',
    '12pm',
    '13pm',
    '25:00',
    '23:59',
    '21:30',
    '오전',
    '오후',
    '밤',
    '9시',
    '12시 반',
    '24시',
    'noon',
    '자정',
    'tz',
    'timezone',
    'zone:',
    'Asia/Seoul',
    'America/New_York',
    'Mars/Olympus',
    'utc',
    'kst',
    'Etc/GMT+14',
    'expiry',
    'expires on',
    '만료일',
    'issued',
    '발급',
    '갱신일',
    'birthday',
    '생일',
    'dob',
    '2027-03-15',
    '2026-02-29',
    '2028-02-29',
    '2026.3.15',
    '1999-01-01',
    '9999-12-31',
    '07-14',
    '7월 14일',
    '02-30',
    '13-01',
    'off',
    'off checks',
    'off renewal',
    '끄기',
    '갱신 알림 끄기',
    'status',
    'help',
    '?',
    'remind',
    '알림',
    'pccc',
    '010-1234-5678',
    '01012345678',
    ':',
    '=',
    ',',
    '요일',
    '마다',
    '에',
  ),
  fc.integer({ min: -5, max: 40 }).map(String),
  fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 70 }), fc.constantFrom('', 'am', 'pm', ' p.m.'))
    .map(([h, m, p]) => `${h}:${String(m).padStart(2, '0')}${p}`),
  fc
    .tuple(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${m}-${d}`),
  piece,
);
const remindText = fc.oneof(
  fc.array(remindPiece, { maxLength: 10 }).map((p) => p.join(' ')),
  fc.string({ maxLength: 400 }),
  fc.string({ minLength: 290, maxLength: 320 }),
);
const storedSchedule = fc.option(
  fc.constantFrom<ImportCheckSchedule>(
    { cadence: 'weekly', weekday: 1, time: '09:00', timeZone: 'Asia/Seoul' },
    { cadence: 'biweekly', weekday: 5, time: '21:30', timeZone: 'America/New_York', anchor: '2026-11-20' },
    { cadence: 'monthly', dayOfMonth: 31, time: '00:00', timeZone: 'Pacific/Kiritimati' },
  ),
  { nil: null },
);

/**
 * One `/pccc remind` input through the grammar and everything that consumes its result: a set
 * schedule must validate and have a next slot after now; an expiry must be a real date with
 * renewal slots; no result, error detail or message may carry a code from the input.
 */
function remindCheck(s: string, current: ImportCheckSchedule | null): { invalid?: boolean; echoed?: boolean } {
  const now = new Date('2026-11-25T01:00:00Z');
  const r = parseRemindArgs(s);
  const shown: string[] = [JSON.stringify(r)];
  let invalid = false;
  if (r.kind === 'error') {
    for (const lang of ['ko', 'en'] as const) shown.push(remindErrorMessage(r.error, lang, r.detail));
  } else if (r.kind === 'set') {
    if (r.checks) {
      const p = applySchedulePatch(current, r.checks, now);
      if (p.ok) {
        const v = validateSchedule(p.schedule);
        const next = v.ok ? nextImportCheck(p.schedule, now) : undefined;
        if (!v.ok || !next || !(next.getTime() > now.getTime())) invalid = true;
        for (const lang of ['ko', 'en'] as const) shown.push(describeSchedule(p.schedule, lang));
      } else {
        for (const lang of ['ko', 'en'] as const) shown.push(remindErrorMessage(p.error, lang));
      }
    }
    if (r.expiry) {
      const e = computeExpiry(r.expiry, '2026-11-25');
      if (e.ok) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(e.expiry) || renewalSlots(e.expiry, 'Asia/Seoul').length === 0) invalid = true;
      } else {
        for (const lang of ['ko', 'en'] as const) shown.push(remindErrorMessage(e.error, lang, e.detail));
      }
    }
  }
  return { invalid, echoed: shown.some((t) => findCodes(t).length > 0) };
}

function pure<T>(
  target: string,
  runs: number,
  arb: fc.Arbitrary<T>,
  check: (s: T) => { invalid?: boolean; echoed?: boolean },
): FuzzCounts {
  const counts = zeroCounts(target, runs);
  fc.assert(
    fc.property(arb, (s) => {
      try {
        const r = check(s);
        if (r.invalid) counts.invalidRows++;
        if (r.echoed) counts.codesEchoed++;
      } catch {
        counts.crashes++;
      }
    }),
    { numRuns: runs, seed: SEED },
  );
  return counts;
}

/** A reply (not the reveal) shows a code found in the input. */
function echoes(replies: Reply[]): boolean {
  return replies.some((r) => !r.sensitive && findCodes(JSON.stringify({ ...r, sensitive: undefined })).length > 0);
}

export async function runFuzz(
  opts: {
    runs?: number;
    botRuns?: number;
    /** Slack and Discord payload shapes through the adapters (default: botRuns). */
    platformRuns?: number;
    /** Runs only the targets whose name contains one of these (default: all). */
    only?: string[];
    onResult?: (c: FuzzCounts) => void;
  } = {},
): Promise<FuzzCounts[]> {
  const want = (target: string) => !opts.only?.length || opts.only.some((o) => target.toLowerCase().includes(o));
  const runs = opts.runs ?? 100_000;
  const botRuns = opts.botRuns ?? runs;
  let rejections = 0;
  const onRejection = (e: unknown) => {
    rejections++;
    if (process.env.FUZZ_DEBUG)
      process.stderr.write(`[fuzz] rejection: ${String((e as Error)?.stack ?? e).slice(0, 800)}\n`);
  };
  process.on('unhandledRejection', onRejection);
  const out: FuzzCounts[] = [];
  const push = out.push.bind(out);
  let lap = performance.now();
  let rejectionsBefore = 0;
  out.push = (...items: FuzzCounts[]) => {
    for (const c of items) {
      c.seconds ??= Math.round((performance.now() - lap) / 100) / 10;
      lap = performance.now();
      // The rejections seen while this target ran.
      c.unhandledRejections = rejections - rejectionsBefore;
      rejectionsBefore = rejections;
      opts.onResult?.(c);
    }
    return push(...items);
  };
  try {
    if (want('code parsing'))
      out.push(
        pure('code parsing', runs, fc.oneof(text, typedCode), (s) => {
          const r = parseCode(s);
          const found = findCodes(s);
          // Accepted ⇒ found and masked; a redaction leaves nothing to find.
          const invalid =
            (r.ok && (!isCustomsCode(r.code) || !found.some((f) => f.code === r.code))) ||
            findCodes(redactCodes(s)).length > 0;
          return { invalid };
        }),
      );
    if (want('B/L and name input'))
      out.push(
        pure('B/L and name input', runs, text, (s) => {
          const bl = parseBl(s);
          const name = parseName(s);
          const echoed =
            (bl.ok && findCodes(JSON.stringify(bl.value)).length > 0) || (name.ok && findCodes(name.value).length > 0);
          return { echoed };
        }),
      );
    if (want('UNI-PASS XML answers'))
      out.push(
        pure('UNI-PASS XML answers', runs, xmlish, (s) => {
          readVerifyAnswer(s);
          readCargoAnswer(s);
          return {};
        }),
      );
    if (want('reminder grammar'))
      out.push(
        pure('reminder grammar', runs, fc.tuple(remindText, storedSchedule), ([s, current]) => remindCheck(s, current)),
      );
    if (['command text through the bot', 'vault/customs form fields', 'buttons (action values)'].some(want))
      await fuzzBot(botRuns, (c) => out.push(c));
    const platformRuns = opts.platformRuns ?? botRuns;
    lap = performance.now();
    if (want('Slack payload shapes')) out.push(await fuzzSlack(platformRuns, { text, typedCode, seed: SEED }));
    if (want('Discord payload shapes')) out.push(await fuzzDiscord(platformRuns, { text, typedCode, seed: SEED }));
  } finally {
    process.off('unhandledRejection', onRejection);
  }
  // A rejection surfacing after the last target finished is charged to it.
  const last = out.at(-1);
  if (last) last.unhandledRejections += rejections - rejectionsBefore;
  return out;
}

const TEST_KEYS = {
  VAULT_KEYS: `1:${Buffer.alloc(32, 1).toString('base64')}`,
  PIN_PEPPER: Buffer.alloc(32, 2).toString('base64'),
  BLIND_INDEX_KEY: Buffer.alloc(32, 3).toString('base64'),
};

async function fuzzBot(runs: number, done: (c: FuzzCounts) => void): Promise<void> {
  const logs: string[] = [];
  const destination = new Writable({
    write: (c, _e, cb) => {
      logs.push(String(c));
      cb();
    },
  });
  let t = Date.parse('2026-11-25T01:00:00Z');
  const clock = { now: () => new Date(t) };
  const config = loadConfig({
    ...TEST_KEYS,
    LOG_LEVEL: 'warn',
    DATA_DIR: '/nonexistent-fuzz-dir',
    UNIPASS_API_URL: 'http://127.0.0.1:9/',
  });
  const app = await createApp({
    config,
    memory: true,
    logDestination: destination,
    clock,
    scrypt: { N: 2 ** 10, r: 8, p: 1, keylen: 32 },
  });
  const users = ['u0', 'u1', 'u2', 'u3'].map((id) => ({ platform: 'terminal' as const, id }));
  const pin = fc.oneof(
    fc.constantFrom('482913', '740528', ''),
    fc.string({ maxLength: 8 }),
    fc.stringMatching(/^\d{6}$/),
  );
  const forms: Record<string, fc.Arbitrary<Record<string, string>>> = {
    'vault.register': fc.record({ code: fc.oneof(typedCode, text), pin, pin2: pin, currentPin: pin }),
    'vault.reveal': fc.record({ pin }),
    'vault.pin': fc.record({ pin, newPin: pin, newPin2: pin }),
    'vault.replace': fc.record({ pin, code: fc.oneof(typedCode, text) }),
    'customs.verify': fc.record({ name: text, phone: text, postalCode: text, pin }),
    'customs.track': fc.record({ blNo: text, year: fc.oneof(text, fc.constantFrom('', '2026', '2025')) }),
  };
  const command = fc
    .tuple(fc.constantFrom(...users), text)
    .map(([user, args]): Inbound => ({ kind: 'command', args, user, place: 'channel' }));
  const form = fc
    .tuple(fc.constantFrom(...users), fc.constantFrom(...Object.keys(forms)))
    .chain(([user, formId]) =>
      forms[formId]!.map((values): Inbound => ({ kind: 'form', formId, values, user, place: 'dm' })),
    );
  const action = fc
    .tuple(fc.constantFrom(...users), fc.constantFrom(...ACTION_IDS), fc.option(text, { nil: undefined }))
    .map(([user, actionId, value]): Inbound => ({ kind: 'action', actionId, value, user, place: 'channel' }));

  async function drive(target: string, arb: fc.Arbitrary<Inbound>): Promise<FuzzCounts> {
    const counts = zeroCounts(target, runs);
    const events = fc.sample(arb, { numRuns: runs, seed: SEED });
    for (const e of events) {
      t += 97_000; // spreads the rate-limit windows
      const before = logs.length;
      try {
        const outcome = await app.bot.handle(e);
        if (echoes(outcome.replies)) counts.codesEchoed++;
      } catch {
        counts.crashes++;
      }
      if (logs.slice(before).some((l) => l.includes('handler failed'))) counts.crashes++;
    }
    counts.invalidRows = await invalidRows();
    return counts;
  }

  async function invalidRows(): Promise<number> {
    let bad = 0;
    for (const u of users) {
      const s = await app.vault.status(u);
      if (s.registered && !isCustomsCode(s.code ?? '')) bad++;
    }
    const dump: string[] = [];
    for (const table of ['parcels', 'reminders', 'jobs', 'audit_events', 'users', 'rate_counters']) {
      try {
        const rows = await app.database.rows<Record<string, unknown>>(sql.raw(`select * from "${table}"`));
        for (const r of rows) dump.push(JSON.stringify(r, (_k, v) => (v && v.type === 'Buffer' ? undefined : v)));
      } catch {
        /* table not present */
      }
    }
    for (const row of dump) if (findCodes(row).length > 0) bad++;
    return bad;
  }

  try {
    done(await drive('command text through the bot', command));
    done(await drive('vault/customs form fields', form));
    done(await drive('buttons (action values)', action));
  } finally {
    await app.close();
  }
}

/** `npm run bench` section: the pure targets at full size, the bot targets at FUZZ_BOT_RUNS (default 2,000). */
export async function benchFuzz(): Promise<Record<string, string>> {
  const results = await runFuzz({
    runs: Number(process.env.FUZZ_RUNS ?? 100_000),
    botRuns: Number(process.env.FUZZ_BOT_RUNS ?? 2_000),
  });
  return Object.fromEntries(
    results.map((r) => [
      r.target,
      `runs ${r.runs}, crashes ${r.crashes}, rejections ${r.unhandledRejections}, invalid rows ${r.invalidRows}, codes echoed ${r.codesEchoed}`,
    ]),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
  const botRuns = Number(process.env.FUZZ_BOT_RUNS ?? runs);
  const started = Date.now();
  const print = (r: FuzzCounts) =>
    process.stdout.write(
      `${r.target}: runs ${r.runs}, crashes ${r.crashes}, unhandled rejections ${r.unhandledRejections}, invalid rows ${r.invalidRows}, codes echoed ${r.codesEchoed}, ${r.seconds} s${r.notes ? ` (${r.notes})` : ''}\n`,
    );
  const only = (process.env.FUZZ_ONLY ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const results = await runFuzz({ runs, botRuns, only, onResult: print });
  process.stdout.write(`(${Math.round((Date.now() - started) / 1000)} s, seed ${SEED})\n`);
  const bad = results.some((r) => r.crashes || r.unhandledRejections || r.invalidRows || r.codesEchoed);
  process.exit(bad ? 1 : 0);
}
