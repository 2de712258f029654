// Fuzz targets for the platform adapters (used by bench/fuzz.ts): generated Slack and Discord
// payload shapes sent over the wire, as the platforms would send them, into the real adapter
// (Bolt's receiver / discord.js on the fake gateway), its inbound mapping and the real bot on an
// embedded database. The fake platform servers of test/fakes answer the adapter's calls.
//
// Counted per target: crashes (a 5xx answer, an uncaught exception, a listener or the core
// failing), unhandled rejections (by fuzz.ts), invalid rows (a code or a response_url in clear
// in any table, a user keyed by an id the platform cannot have) and codes echoed (a code from
// the input in any answer, outgoing call or log line). The reveal itself (a DM the core marks
// sensitive) is not in scope here: the fuzz host's deliverPrivately records it instead of
// sending it, so every code seen going out is an echo.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { findCodes } from '../src/core/code';
import type { Reply } from '../src/core/types';
import type { FuzzCounts } from './fuzz';
import { ACTION_IDS, zeroCounts } from './fuzz-shared';

export interface FuzzArbs {
  text: fc.Arbitrary<string>;
  typedCode: fc.Arbitrary<string>;
  seed: number;
}

const TEST_KEYS = {
  VAULT_KEYS: `1:${Buffer.alloc(32, 1).toString('base64')}`,
  PIN_PEPPER: Buffer.alloc(32, 2).toString('base64'),
  BLIND_INDEX_KEY: Buffer.alloc(32, 3).toString('base64'),
};

/** Requests in flight at once (an unmatched Slack request waits Bolt's 3 s before its 404). */
const WINDOW = Number(process.env.FUZZ_WINDOW ?? 24);

interface Sink {
  logs: string[];
  destination: Writable;
}

function sink(): Sink {
  const logs: string[] = [];
  return {
    logs,
    destination: new Writable({
      write: (c, _e, cb) => {
        logs.push(String(c));
        cb();
      },
    }),
  };
}

const DEBUG = Boolean(process.env.FUZZ_DEBUG);
const debug = (what: string, s: string) => DEBUG && process.stderr.write(`[fuzz] ${what}: ${s.slice(0, 600)}\n`);

const CRASH_LOG = /handler failed|unhandled error in a listener|the core failed|core failed|uncaught/i;

async function makeApp(env: Record<string, string>, logs: Sink, t: { now: number }): Promise<App> {
  const config = loadConfig({
    ...TEST_KEYS,
    LOG_LEVEL: 'info',
    DATA_DIR: '/nonexistent-fuzz-dir',
    UNIPASS_API_URL: 'http://127.0.0.1:9/',
    ...env,
  });
  return createApp({
    config,
    memory: true,
    logDestination: logs.destination,
    clock: { now: () => new Date(t.now) },
    scrypt: { N: 2 ** 10, r: 8, p: 1, keylen: 32 },
  });
}

/** Rows that must not exist whatever came in: codes or response_urls in clear, impossible user keys. */
async function invalidRows(app: App, userKey: RegExp): Promise<number> {
  let bad = 0;
  const tables = await app.database.rows<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public'`,
  );
  for (const { table_name } of tables) {
    if (table_name.startsWith('__')) continue;
    const rows = await app.database.rows<Record<string, unknown>>(sql.raw(`select * from "${table_name}"`));
    for (const r of rows) {
      const text = JSON.stringify(r, (_k, v) =>
        v instanceof Uint8Array || v?.type === 'Buffer' ? undefined : typeof v === 'bigint' ? String(v) : v,
      );
      if (findCodes(text).length > 0 || /\/response\/R\d+|hooks\.slack\.com/.test(text)) {
        bad++;
        debug(`row in ${table_name}`, text);
      }
    }
  }
  const users = await app.database.rows<{ platform: string; platform_user_id: string }>(
    sql`select platform, platform_user_id from users`,
  );
  for (const u of users)
    if (!userKey.test(`${u.platform}|${u.platform_user_id}`)) {
      bad++;
      debug('user key', JSON.stringify(u));
    }
  return bad;
}

/** A forged id: junk of the shapes a buggy or hostile sender might produce (never a code). */
const junkId = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.constantFrom('', ' ', 'U', 'undefined', 'null', '../../x', 'U0:U1', 'TFAKE:U0FUZZ1', '<@U0FUZZ1>', 'Ｕ０'),
    fc.string({ minLength: 300, maxLength: 400 }),
  )
  .filter((s) => findCodes(s).length === 0);

/** The example in the "P followed by 12 digits, e.g. …" hints: shown on purpose, never a canary. */
const EXAMPLE_CODE = 'P123456789012';

/** The codes in every string inside `v` (the canaries a payload carries). */
function codesIn(v: unknown, into: Set<string>): void {
  if (typeof v === 'string') for (const f of findCodes(v)) into.add(f.code);
  else if (Array.isArray(v)) for (const x of v) codesIn(x, into);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) codesIn(x, into);
}

/** Outputs that show a canary from the input (help texts' example code is not one). */
function echoes(outputs: string[], canaries: Set<string>): string[] {
  return outputs.filter((o) => findCodes(o).some((f) => canaries.has(f.code) && f.code !== EXAMPLE_CODE));
}

function runWindowed<T>(items: T[], window: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  return Promise.all(Array.from({ length: Math.min(window, items.length) }, lane)).then(() => undefined);
}

function countingExceptions(): { count: () => number; stop: () => void } {
  let n = 0;
  const on = (e: Error) => {
    n++;
    debug('uncaught', String(e?.stack));
  };
  process.on('uncaughtException', on);
  return { count: () => n, stop: () => void process.off('uncaughtException', on) };
}

/** A field value: mostly text and typed codes, sometimes far too long or odd graphemes. */
function fieldValue({ text, typedCode }: FuzzArbs): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: text },
    { weight: 2, arbitrary: typedCode },
    { weight: 1, arbitrary: fc.string({ minLength: 3000, maxLength: 6000 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
}

/** The forms the core opens and their fields (only the ids matter to the fuzzers). */
const FORMS: Record<string, string[]> = {
  'vault.register': ['code', 'pin', 'pin2', 'currentPin'],
  'vault.reveal': ['pin'],
  'vault.pin': ['pin', 'newPin', 'newPin2'],
  'vault.replace': ['pin', 'code'],
  'customs.verify': ['name', 'phone', 'postalCode', 'pin'],
  'customs.track': ['blNo', 'year'],
  'remind.setup': ['schedule'],
};
const FORM_IDS = Object.keys(FORMS);
/** Every field id once, in first-seen order. */
const FIELD_IDS = [...new Set(Object.values(FORMS).flat())];

/**
 * Counts what came out since `from`: outputs (and new log lines) that show a canary, log lines
 * that tell of a crash. Returns where the next tally starts in the log.
 */
function tally(counts: FuzzCounts, canaries: Set<string>, outputs: string[], logs: Sink, from: number): number {
  const fresh = logs.logs.slice(from);
  for (const o of echoes([...outputs, ...fresh], canaries)) {
    counts.codesEchoed++;
    debug('echo', o);
  }
  for (const l of fresh)
    if (CRASH_LOG.test(l)) {
      counts.crashes++;
      debug('crash log', l);
    }
  return logs.logs.length;
}

/**
 * Samples `runs` inputs (seeded) in chunks of 2,000, notes the canaries they carry, sends each
 * chunk WINDOW at a time and calls `after` once a chunk is through.
 */
async function inChunks<T>(
  runs: number,
  arb: fc.Arbitrary<T>,
  seed: number,
  canaries: Set<string>,
  send: (item: T) => Promise<void>,
  after: () => Promise<void> | void,
): Promise<void> {
  const CHUNK = 2_000;
  for (let done = 0; done < runs; done += CHUNK) {
    const batch = fc.sample(arb, { numRuns: Math.min(CHUNK, runs - done), seed: seed + done });
    for (const r of batch) codesIn(r, canaries);
    await runWindowed(batch, WINDOW, send);
    await after();
  }
}

// ---- Slack -------------------------------------------------------------------------------------

export async function fuzzSlack(runs: number, arbs: FuzzArbs): Promise<FuzzCounts> {
  const { startFakeSlackApi } = await import('../test/fakes/slack/api');
  const { SlackWire, FAKE_SIGNING_SECRET } = await import('../test/fakes/slack/wire');
  const { FAKE_BOT_TOKEN } = await import('../test/fakes/slack/api');
  const { startSlack } = await import('../src/adapters/slack');
  const { encodeFormContext, FORM_CALLBACK_ID, INPUT_ACTION_ID } = await import('../src/adapters/slack/render');

  const counts = zeroCounts('Slack payload shapes', runs);
  const exceptions = countingExceptions();
  const fake = await startFakeSlackApi();
  const logs = sink();
  const t = { now: Date.parse('2026-11-25T01:00:00Z') };
  const app = await makeApp(
    { SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET, SLACK_API_URL: fake.url },
    logs,
    t,
  );
  let reveals = 0;
  const host = {
    ...app,
    deliverPrivately: async (_p: string, _u: string, _r: Reply) => void reveals++,
  };
  const adapter = await startSlack(host, { port: 0, host: '127.0.0.1' });
  const wire = new SlackWire(`${adapter.url}/slack/events`);
  const { text } = arbs;

  const users = ['U0FUZZ1', 'U0FUZZ2', 'W0FUZZ3'];
  const userId = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...users) }, { weight: 1, arbitrary: junkId });
  const channel = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('C0GENERAL', 'D0FUZZ1', 'D0FUZZ2', 'G0PRIVATE', 'DOTHER') },
    { weight: 1, arbitrary: junkId },
  );
  const responseUrl = fc.oneof(
    { weight: 6, arbitrary: fc.constant('FAKE') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'https://evil.example/hook',
        'http://127.0.0.1:9/x',
        'javascript:alert(1)',
        '',
        'not a url',
        'https://hooks.slack.com.evil.example/x',
        'file:///etc/passwd',
      ),
    },
  );
  const value = fieldValue(arbs);
  // Wrong types where a string belongs.
  const wrongType = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
  );
  const maybe = <T>(a: fc.Arbitrary<T>, weight = 8) =>
    fc.oneof(
      { weight, arbitrary: a.map((v) => ({ v })) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: wrongType.map((v) => ({ v: v as unknown })) },
    );

  const pin = fc.oneof(fc.constantFrom('482913', '740528', ''), fc.stringMatching(/^\d{6}$/), value);

  type Req =
    | { kind: 'command'; fields: Record<string, unknown> }
    | { kind: 'json' | 'payload'; body: unknown }
    | {
        kind: 'raw';
        body: string;
        type: string;
      };

  const command = fc
    .record({
      user_id: maybe(userId),
      channel_id: maybe(channel),
      text: maybe(value),
      response_url: maybe(responseUrl),
      trigger_id: maybe(fc.oneof(fc.constant('1.2.abc'), junkId)),
      team_id: maybe(fc.oneof({ weight: 5, arbitrary: fc.constant('TFAKE') }, { weight: 1, arbitrary: junkId })),
      command: fc.oneof(
        { weight: 30, arbitrary: fc.constant({ v: '/pccc' }) },
        { weight: 1, arbitrary: maybe(junkId) },
      ),
    })
    .map((r): Req => ({ kind: 'command', fields: r }));

  const actionId = fc.oneof(
    fc.constantFrom(
      'c:0:vault.consent',
      'c:1:vault.register',
      'c:0:vault.forget',
      'c:2:customs.notMine',
      'c:0:customs.verify',
      'c:0:topic',
      'c:0:track',
      'c:0:remind.snooze',
      'c:3:',
      'f:0',
      'h:0',
      'h:1',
    ),
    fc.tuple(fc.constantFrom('c', 'f', 'h'), fc.nat(99), junkId).map(([k, n, x]) => `${k}:${n}:${x}`),
  );
  const blockActions = fc
    .record({
      user: maybe(fc.record({ id: maybe(userId) }).map((u) => (u.id ? { id: u.id.v } : {}))),
      actionType: fc.oneof(
        { weight: 8, arbitrary: fc.constant('button') },
        { weight: 1, arbitrary: fc.constantFrom('static_select', 'overflow', '', 'x') },
      ),
      action_id: maybe(actionId),
      value: maybe(fc.oneof(value, fc.uuid())),
      channel: maybe(channel),
      response_url: maybe(responseUrl),
      trigger_id: maybe(fc.constant('1.2.abc')),
      home: fc.boolean(),
      actionsShape: fc.constantFrom('one', 'one', 'one', 'none', 'many', 'notArray'),
    })
    .map(({ user, actionType, action_id, value: v, channel: c, response_url, trigger_id, home, actionsShape }): Req => {
      const action: Record<string, unknown> = {
        type: actionType,
        block_id: 'b1',
        action_ts: '1.2',
        ...(action_id ? { action_id: action_id.v } : {}),
        ...(v ? { value: v.v } : {}),
      };
      const actions =
        actionsShape === 'none'
          ? []
          : actionsShape === 'many'
            ? [action, action]
            : actionsShape === 'notArray'
              ? action
              : [action];
      return {
        kind: 'payload',
        body: {
          type: 'block_actions',
          ...(user ? { user: user.v } : {}),
          api_app_id: 'AFAKEAPP',
          token: 'legacy',
          team: { id: 'TFAKE', domain: 'fake' },
          ...(trigger_id ? { trigger_id: trigger_id.v } : {}),
          actions,
          ...(home
            ? { container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', blocks: [] } }
            : {
                container: { type: 'message', message_ts: '1.2', ...(c ? { channel_id: c.v } : {}) },
                ...(c ? { channel: { id: c.v } } : {}),
                ...(response_url ? { response_url: response_url.v } : {}),
              }),
        },
      };
    });

  const viewSubmission = fc
    .record({
      user: maybe(userId),
      formId: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FORM_IDS) }, { weight: 1, arbitrary: junkId }),
      place: fc.constantFrom('dm', 'channel', 'x'),
      channel: maybe(channel),
      response_url: maybe(responseUrl),
      metadata: fc.constantFrom('ctx', 'ctx', 'ctx', 'ctx', 'junk', 'none', 'notJson', 'huge'),
      callback: fc.oneof({ weight: 20, arbitrary: fc.constant(FORM_CALLBACK_ID) }, { weight: 1, arbitrary: junkId }),
      values: fc.dictionary(
        fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELD_IDS) }, { weight: 1, arbitrary: junkId }),
        fc.oneof(
          { weight: 6, arbitrary: pin.map((v) => ({ type: 'plain_text_input', value: v }) as unknown) },
          { weight: 1, arbitrary: wrongType },
          { weight: 1, arbitrary: fc.constant({ type: 'plain_text_input', value: null }) },
        ),
        { maxKeys: 5 },
      ),
    })
    .map(({ user, formId, place, channel: c, response_url, metadata, callback, values }): Req => {
      const ctx = {
        formId,
        place: place as 'dm' | 'channel',
        ...(c ? { channelId: typeof c.v === 'string' ? c.v : JSON.stringify(c.v) } : {}),
        ...(response_url && typeof response_url.v === 'string' ? { responseUrl: response_url.v } : {}),
      };
      const privateMetadata =
        metadata === 'ctx'
          ? encodeFormContext(ctx)
          : metadata === 'junk'
            ? '{"f":1,"p":"dm"}'
            : metadata === 'notJson'
              ? '{{{'
              : metadata === 'huge'
                ? 'x'.repeat(4000)
                : undefined;
      const state: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) state[k] = { [INPUT_ACTION_ID]: v };
      return {
        kind: 'payload',
        body: {
          type: 'view_submission',
          team: { id: 'TFAKE', domain: 'fake' },
          ...(user ? { user: { id: user.v } } : {}),
          api_app_id: 'AFAKEAPP',
          token: 'legacy',
          trigger_id: '1.2.abc',
          view: {
            id: 'VFUZZ',
            type: 'modal',
            callback_id: callback,
            ...(privateMetadata !== undefined ? { private_metadata: privateMetadata } : {}),
            title: { type: 'plain_text', text: 'pccc' },
            blocks: Object.keys(values).map((k) => ({
              type: 'input',
              block_id: k,
              label: { type: 'plain_text', text: k },
              element: { type: 'plain_text_input', action_id: INPUT_ACTION_ID },
            })),
            state: { values: state },
          },
        },
      };
    });

  const messageEvent = fc
    .record({
      type: fc.constantFrom('message', 'message', 'app_mention', 'app_home_opened'),
      user: maybe(userId),
      text: maybe(value),
      channel: maybe(channel),
      channel_type: fc.constantFrom('im', 'channel', 'group', 'mpim', 'x'),
      subtype: fc.option(fc.constantFrom('bot_message', 'message_changed', 'x'), { freq: 8, nil: undefined }),
      tab: fc.constantFrom('home', 'messages'),
    })
    .map(
      ({ type, user, text: tx, channel: c, channel_type, subtype, tab }): Req => ({
        kind: 'json',
        body: {
          type: 'event_callback',
          token: 'legacy',
          team_id: 'TFAKE',
          api_app_id: 'AFAKEAPP',
          event_id: 'EvPLACEHOLDER',
          event_time: 1,
          authorizations: [{ team_id: 'TFAKE', user_id: 'UFAKEBOT', is_bot: true, is_enterprise_install: false }],
          event: {
            type,
            ...(user ? { user: user.v } : {}),
            ...(tx ? { text: tx.v } : {}),
            ...(c ? { channel: c.v } : {}),
            channel_type,
            ...(subtype ? { subtype } : {}),
            tab,
            ts: '1700000000.000100',
            event_ts: '1700000000.000100',
          },
        },
      }),
    );

  const raw = fc
    .oneof(
      fc.string({ maxLength: 200 }).map((b) => ({ body: b, type: 'application/x-www-form-urlencoded' })),
      fc
        .string({ maxLength: 200 })
        .map((b) => ({ body: `payload=${encodeURIComponent(b)}`, type: 'application/x-www-form-urlencoded' })),
      fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
      text.map((b) => ({ body: b, type: 'text/plain' })),
    )
    .map((r): Req => ({ kind: 'raw', ...r }));

  const request = fc.oneof(
    { weight: 5, arbitrary: command },
    { weight: 4, arbitrary: viewSubmission },
    { weight: 3, arbitrary: blockActions },
    { weight: 2, arbitrary: messageEvent },
    { weight: 1, arbitrary: raw },
  );

  let eventSeq = 0;
  const field = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const responseUrlFor = (v: unknown) => (v === 'FAKE' ? fake.responseUrl() : v);
  function withFakeUrls(body: any): any {
    if (body?.response_url !== undefined) body.response_url = responseUrlFor(body.response_url);
    if (body?.type === 'event_callback') body.event_id = `EvFUZZ${++eventSeq}`;
    const md = body?.view?.private_metadata;
    if (typeof md === 'string' && md.includes('"FAKE"'))
      body.view.private_metadata = md.replace('"FAKE"', JSON.stringify(fake.responseUrl()));
    return body;
  }

  async function send(r: Req): Promise<string> {
    t.now += 97_000; // spreads the rate-limit windows
    if (r.kind === 'command') {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(r.fields)) {
        if (!v) continue;
        const val = (v as { v: unknown }).v;
        form.append(k, field(k === 'response_url' ? responseUrlFor(val) : val));
      }
      const res = await wire.command(Object.fromEntries(form));
      if (res.status >= 500) {
        counts.crashes++;
        debug(`status ${res.status}`, form.toString());
      }
      return res.body;
    }
    if (r.kind === 'raw') {
      const res = await wire.post(r.body, r.type);
      if (res.status >= 500) {
        counts.crashes++;
        debug(`status ${res.status}`, r.body);
      }
      return res.body;
    }
    const body = withFakeUrls(structuredClone(r.body));
    const res = r.kind === 'json' ? await wire.event(body) : await wire.interaction(body);
    if (res.status >= 500) {
      counts.crashes++;
      debug(`status ${res.status}`, JSON.stringify(body));
    }
    return res.body;
  }

  const canaries = new Set<string>();
  let logFrom = 0;
  let acks: string[] = [];
  const scan = () => {
    const out = [...fake.requests.map((c) => c.raw), ...fake.responseUrlPosts.map((p) => p.raw), ...acks];
    logFrom = tally(counts, canaries, out, logs, logFrom);
    acks = [];
    fake.reset();
  };
  try {
    await inChunks(
      runs,
      request,
      arbs.seed,
      canaries,
      async (r) => {
        try {
          acks.push(await send(r));
        } catch (err) {
          counts.crashes++;
          debug('send failed', `${String(err)} ${String((err as Error)?.cause)} ${JSON.stringify(r).slice(0, 300)}`);
        }
      },
      async () => {
        await adapter.idle();
        scan();
      },
    );
    counts.invalidRows = await invalidRows(app, /^slack\|[TE][A-Z0-9]+:[UW][A-Z0-9]+$/);
    counts.crashes += exceptions.count();
    counts.notes = `${reveals} reveals recorded, not sent`;
  } finally {
    exceptions.stop();
    await adapter.stop();
    await fake.close();
    await app.close();
  }
  return counts;
}

// ---- Discord -----------------------------------------------------------------------------------

export async function fuzzDiscord(runs: number, arbs: FuzzArbs): Promise<FuzzCounts> {
  const { startFakeDiscord } = await import('../test/fakes/discord/harness');
  const { botAuthor, messageObject, snowflake } = await import('../test/fakes/discord/payloads');
  const { startDiscord } = await import('../src/adapters/discord');
  const { buttonId, modalId, pendingId } = await import('../src/adapters/discord/ids');
  const { SUBCOMMANDS } = await import('../src/adapters/discord/definitions');
  const { Events } = await import('discord.js');

  const counts = zeroCounts('Discord payload shapes', runs);
  const exceptions = countingExceptions();
  const fake = await startFakeDiscord({ validate: true });
  const logs = sink();
  const t = { now: Date.parse('2026-11-25T01:00:00Z') };
  const app = await makeApp(fake.env, logs, t);
  let reveals = 0;
  const host = { ...app, deliverPrivately: async (_p: string, _u: string, _r: Reply) => void reveals++ };
  const handle = await startDiscord(host);

  const users = ['400000000000000001', '400000000000000002', '400000000000000003'];
  const GUILD = '500000000000000002';
  const userId = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...users) }, { weight: 1, arbitrary: junkId });
  const value = fieldValue(arbs);
  const anyValue = fc.oneof(
    { weight: 6, arbitrary: value as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  );
  const subNames = SUBCOMMANDS.map((s) => s.name);
  const optionNames = [...new Set(SUBCOMMANDS.flatMap((s) => (s.option ? [s.option.name] : [])))];
  const where = fc.constantFrom('guild', 'dm', 'private', 'noMember', 'noUser', 'noContext');

  const common = (w: string, user: string, locale: string) => {
    const u = { id: user, username: 'someone', discriminator: '0', global_name: null, avatar: null };
    const base = {
      id: snowflake(),
      token: `tok_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`,
      application_id: fake.env.DISCORD_APPLICATION_ID,
      version: 1,
      locale,
      app_permissions: '0',
      entitlements: [],
      authorizing_integration_owners: w === 'guild' || w === 'noMember' ? { '0': GUILD } : { '1': user },
      attachment_size_limit: 10485760,
    };
    const member = {
      user: u,
      roles: [],
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      permissions: '0',
    };
    switch (w) {
      case 'guild':
        return {
          ...base,
          guild_id: GUILD,
          channel_id: '600000000000000009',
          channel: { id: '600000000000000009', type: 0, guild_id: GUILD },
          member,
          context: 0,
        };
      case 'private':
        return {
          ...base,
          channel_id: '700000000000000007',
          channel: { id: '700000000000000007', type: 1, recipients: [u] },
          user: u,
          context: 2,
        };
      case 'noMember':
        return { ...base, guild_id: GUILD, channel_id: '600000000000000009', context: 0 };
      case 'noUser':
        return { ...base, channel_id: '700000000000000008', context: 1 };
      case 'noContext':
        return { ...base, channel_id: '700000000000000008', user: u };
      default:
        return {
          ...base,
          channel_id: '700000000000000008',
          channel: { id: '700000000000000008', type: 1, recipients: [u] },
          user: u,
          context: 1,
        };
    }
  };
  const locale = fc.constantFrom('ko', 'en-US', 'en-GB', 'ja', '', 'xx');

  const chatInput = fc
    .record({
      w: where,
      user: userId,
      locale,
      name: fc.oneof({ weight: 20, arbitrary: fc.constant('pccc') }, { weight: 1, arbitrary: junkId }),
      sub: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...subNames) }, { weight: 1, arbitrary: junkId }),
      subType: fc.oneof({ weight: 10, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constantFrom(2, 3, 99) }),
      options: fc.array(
        fc.record({
          name: fc.oneof(fc.constantFrom(...optionNames), junkId),
          type: fc.oneof(
            { weight: 6, arbitrary: fc.constant(3) },
            { weight: 1, arbitrary: fc.constantFrom(4, 5, 10, 6, 1) },
          ),
          value: anyValue,
        }),
        { maxLength: 3 },
      ),
      noOptions: fc.boolean(),
    })
    .map(({ w, user, locale: l, name, sub, subType, options, noOptions }) => ({
      ...common(w, user, l),
      type: 2,
      data: {
        id: '1111111111111111111',
        name,
        type: 1,
        ...(noOptions ? {} : { options: [{ name: sub, type: subType, options }] }),
      },
    }));

  const customId = fc.oneof(
    fc
      .tuple(fc.constantFrom(...ACTION_IDS), fc.option(value, { nil: undefined }))
      .map(([a, v]) => buttonId(a, v) ?? `pccc:a|${a}`),
    fc.uuid().map((k) => pendingId(k)),
    junkId.map((j) => `pccc:a|${j}`),
    junkId.map((j) => `pccc:s|${j}`),
    junkId,
    fc.string({ minLength: 101, maxLength: 200 }),
  );
  const component = fc
    .record({
      w: where,
      user: userId,
      locale,
      customId,
      componentType: fc.oneof(
        { weight: 8, arbitrary: fc.constant(2) },
        { weight: 1, arbitrary: fc.constantFrom(3, 5, 7, 99) },
      ),
      values: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
    })
    .map(({ w, user, locale: l, customId: c, componentType, values }) => {
      const base = common(w, user, l);
      return {
        ...base,
        type: 3,
        message: messageObject(base.channel_id, botAuthor(fake.env.DISCORD_APPLICATION_ID), {
          timestamp: '2026-11-25T01:00:00.000Z',
        }),
        data: { custom_id: c, component_type: componentType, ...(componentType === 2 ? {} : { values }) },
      };
    });

  const modalSubmit = fc
    .record({
      w: where,
      user: userId,
      locale,
      customId: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...FORM_IDS).map(modalId) },
        { weight: 1, arbitrary: customId },
      ),
      fields: fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...FIELD_IDS), junkId), anyValue, fc.constantFrom('label', 'row', 'bare')),
        { maxLength: 5 },
      ),
    })
    .map(({ w, user, locale: l, customId: c, fields }) => ({
      ...common(w, user, l),
      type: 5,
      data: {
        custom_id: c,
        components: fields.map(([k, v, shape], i) =>
          shape === 'label'
            ? { type: 18, id: i + 1, component: { type: 4, id: i + 100, custom_id: k, value: v } }
            : shape === 'row'
              ? { type: 1, id: i + 1, components: [{ type: 4, id: i + 100, custom_id: k, value: v }] }
              : { type: 4, id: i + 100, custom_id: k, value: v },
        ),
      },
    }));

  const odd = fc
    .record({ w: where, user: userId, locale, type: fc.constantFrom(1, 4, 6, 99) })
    .map(({ w, user, locale: l, type }) => ({ ...common(w, user, l), type, data: { name: 'pccc', type: 1 } }));

  const interaction = fc.oneof(
    { weight: 5, arbitrary: chatInput },
    { weight: 3, arbitrary: component },
    { weight: 4, arbitrary: modalSubmit },
    { weight: 1, arbitrary: odd },
  );

  // Which dispatches discord.js turned into an interaction, and which our adapter finished.
  const created = new Set<string>();
  const settled = new Set<string>();
  const waiting = new Map<string, () => void>();
  handle.client.on(Events.InteractionCreate, (i) => {
    created.add(i.id);
  });
  handle.events.on('settled', (id: string) => {
    settled.add(id);
    waiting.get(id)?.();
  });
  const tracked = (i: { isChatInputCommand(): boolean; isButton(): boolean; isModalSubmit(): boolean }) =>
    i.isChatInputCommand() || i.isButton() || i.isModalSubmit();
  const trackedIds = new Set<string>();
  handle.client.on(Events.InteractionCreate, (i) => {
    if (tracked(i as never)) trackedIds.add(i.id);
  });
  const rawSeen = new Map<string, () => void>();
  handle.client.on(Events.Raw, (packet: { t?: string; d?: { id?: string } }) => {
    const id = packet.d?.id;
    if (packet.t?.startsWith('INTERACTION_CREATE') && id) setImmediate(() => rawSeen.get(id)?.());
  });

  async function dispatch(payload: ReturnType<typeof common> & Record<string, unknown>): Promise<void> {
    t.now += 97_000;
    const id = payload.id;
    fake.api.interaction(id, payload.token);
    const seen = new Promise<void>((resolve) => rawSeen.set(id, resolve));
    fake.gateway.dispatch(0, 'INTERACTION_CREATE', payload as never);
    await seen;
    rawSeen.delete(id);
    if (trackedIds.has(id) && !settled.has(id)) await new Promise<void>((resolve) => waiting.set(id, resolve));
    waiting.delete(id);
    trackedIds.delete(id);
    settled.delete(id);
    created.delete(id);
  }

  const canaries = new Set<string>();
  let logFrom = 0;
  const scan = () => {
    logFrom = tally(
      counts,
      canaries,
      fake.api.requests.map((r) => r.raw),
      logs,
      logFrom,
    );
    fake.api.requests.length = 0;
    fake.api.interactions.clear();
    for (const s of fake.gateway.sessions.values()) s.sent.length = 0;
    fake.gateway.dispatchedAt.clear();
  };
  let violations = 0;
  try {
    await inChunks(
      runs,
      interaction,
      arbs.seed,
      canaries,
      async (p) => {
        try {
          const t0 = performance.now();
          await dispatch(p as never);
          const ms = performance.now() - t0;
          if (ms > Number(process.env.FUZZ_SLOW_MS ?? 1000))
            debug(`slow ${Math.round(ms)} ms`, JSON.stringify((p as { data?: unknown }).data).slice(0, 200));
        } catch {
          counts.crashes++;
        }
      },
      () => {
        violations += fake.api.violations.length;
        fake.api.violations.length = 0;
        scan();
      },
    );
    counts.invalidRows = await invalidRows(app, /^discord\|\d{17,20}$/);
    counts.crashes += exceptions.count();
    counts.notes = `${reveals} reveals recorded, not sent; ${violations} calls outside Discord's API description`;
  } finally {
    exceptions.stop();
    await handle.stop();
    await fake.close();
    await app.close();
  }
  return counts;
}
