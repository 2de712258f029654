// Shared setup for the customs tests: a fake UNI-PASS over real HTTP, a real app wired to
// it, a user who has stored a code, and a messenger that records (or refuses) DMs.
import { sql } from 'drizzle-orm';
import type { DeliveryError, Inbound, Messenger, Outcome, Reply } from '../../src/core/types';
import { createTestApp, ManualClock, type TestApp } from '../helpers/app';
import type { DbKind } from '../helpers/db';
import { startFakeUnipass, type FakeCargo, type FakeCode, type FakeUnipass } from '../fakes/unipass/server';
import type { StepXml } from '../fakes/unipass/xml';

export const CODE = 'P123456789012';
export const PIN = '482913';
export const USER = { platform: 'terminal' as const, id: 'local' };
export const PERSON: FakeCode = { code: CODE, name: '김하늘', phone: '01098765432', postalCode: '04524' };

export interface Harness {
  app: TestApp;
  fake: FakeUnipass;
  clock: ManualClock;
  dms: RecordingMessenger;
  send(e: Partial<Inbound> & { kind: Inbound['kind'] } & Record<string, unknown>): Promise<Outcome>;
  command(args: string): Promise<Outcome>;
  form(formId: string, values: Record<string, string>): Promise<Outcome>;
  press(actionId: string, value?: string): Promise<Outcome>;
  text(o: Outcome): string;
  register(): Promise<void>;
  pollJobs(): Promise<{ run_at: string; payload: unknown; dedupe_key: string }[]>;
  /** Advance the clock and run what is due. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export class RecordingMessenger implements Messenger {
  readonly platform = 'terminal' as const;
  sent: { userId: string; reply: Reply }[] = [];
  /** Next sends fail with this, once each. */
  failures: DeliveryError[] = [];
  async sendDirect(userId: string, reply: Reply) {
    const f = this.failures.shift();
    if (f) throw f;
    this.sent.push({ userId, reply });
    return { ref: `dm-${this.sent.length}` };
  }
  async deleteDirect() {}
  texts() {
    return this.sent.map((s) => s.reply.text);
  }
}

export async function startHarness(
  opts: {
    db?: DbKind;
    keys?: { verify?: boolean; cargo?: boolean };
    cargo?: FakeCargo[];
    codes?: FakeCode[];
    clock?: ManualClock;
  } = {},
): Promise<Harness> {
  // Copies: tests change the fake's registry, and must not change each other's.
  const fake = await startFakeUnipass({
    codes: (opts.codes ?? [PERSON]).map((c) => ({ ...c })),
    cargo: (opts.cargo ?? []).map((c) => ({ ...c, steps: [...c.steps] })),
  });
  const clock = opts.clock ?? new ManualClock();
  const env: Record<string, string> = { UNIPASS_API_URL: fake.baseUrl };
  if (opts.keys?.verify !== false) env.UNIPASS_VERIFY_KEY = fake.verifyKey;
  if (opts.keys?.cargo !== false) env.UNIPASS_CARGO_KEY = fake.cargoKey;
  const app = await createTestApp({ db: opts.db, clock, env });
  const dms = new RecordingMessenger();
  app.registerMessenger(dms);
  const send = (e: Record<string, unknown>) =>
    app.bot.handle({ user: USER, place: 'dm', locale: 'ko', ...e } as Inbound);
  const h: Harness = {
    app,
    fake,
    clock,
    dms,
    send: send as Harness['send'],
    command: (args) => send({ kind: 'command', args }),
    form: (formId, values) => send({ kind: 'form', formId, values }),
    press: (actionId, value) => send({ kind: 'action', actionId, value }),
    text: (o) => o.replies.map((r) => r.text).join('\n'),
    async register() {
      await send({ kind: 'command', args: 'register' });
      await send({ kind: 'action', actionId: 'vault.consent' });
      const o = await send({ kind: 'form', formId: 'vault.register', values: { code: CODE, pin: PIN, pin2: PIN } });
      if (o.formErrors) throw new Error(`register failed: ${JSON.stringify(o.formErrors)}`);
    },
    pollJobs: () =>
      app.database.rows(
        sql`select run_at::text, payload, dedupe_key from jobs where kind = 'parcel.poll' order by run_at`,
      ),
    async advance(ms) {
      clock.advance(ms);
      await app.jobs.runDue(clock.now());
    },
    async close() {
      await app.close();
      await fake.close();
    },
  };
  return h;
}

/** A parcel as the fake knows it (B/L year 2026); steps newest first. */
export function cargo(hblNo: string, cargMtNo: string, steps: StepXml[], extra: Partial<FakeCargo> = {}): FakeCargo {
  return { cargMtNo, hblNo, blYy: 2026, prnm: 'SHOES', steps, ...extra };
}

/** A step at a KST time YYYYMMDDHHMMSS. */
export function step(name: string, prcsDttm: string): StepXml {
  return { cargTrcnRelaBsopTpcd: name, prcsDttm, shedNm: '인천공항 특송창고' };
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
