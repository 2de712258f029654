// One Discord test bed for the adapter's end-to-end files: the real app (REVEAL_TTL 300)
// behind the Discord adapter and the fakes, set up once per file, every fake API request
// checked against Discord's OpenAPI description after each test, and the steps those files
// share (a fresh user, registering a code, revealing it).
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Inbound } from '../../../src/core/types';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createDiscordDriver, type DiscordDriver, type DriverPlace, type DriverReply } from './driver';

export const BED_PIN = '482916';

export interface DiscordBed {
  app: TestApp;
  d: DiscordDriver;
  /** Every event the core received from the adapter. */
  inbound: Inbound[];
  /** A fresh user per test keeps the vault state independent. */
  nextUser(): string;
  /** Consent, then the register form (its consent step checked); returns what the form answered. */
  register(user: string, opts?: { values?: Record<string, string>; place?: DriverPlace }): Promise<DriverReply[]>;
  /** Submits the reveal form with the right PIN. */
  reveal(user: string, opts?: { place?: DriverPlace }): Promise<DriverReply[]>;
}

/** Registers the hooks; the bed's fields are set once `beforeAll` has run. */
export function useDiscordBed(opts: { code: string; userPrefix: string }): DiscordBed {
  let n = 0;
  const bed = {
    inbound: [] as Inbound[],
    nextUser: () => `${opts.userPrefix}00000000000${String(++n).padStart(5, '0')}`,
    async register(user: string, o: { values?: Record<string, string>; place?: DriverPlace } = {}) {
      const place = o.place;
      const values = o.values ?? { code: opts.code, pin: BED_PIN, pin2: BED_PIN };
      await bed.d.send({ user, place, kind: 'command', args: 'register', locale: 'en-US' });
      const consent = await bed.d.send({ user, place, kind: 'action', actionId: 'vault.consent', locale: 'en-US' });
      expect(consent[0]!.form?.id).toBe('vault.register');
      return bed.d.send({ user, place, kind: 'form', formId: 'vault.register', values, locale: 'en-US' });
    },
    reveal: (user: string, o: { place?: DriverPlace } = {}) =>
      bed.d.send({
        user,
        place: o.place,
        kind: 'form',
        formId: 'vault.reveal',
        values: { pin: BED_PIN },
        locale: 'en-US',
      }),
  } as DiscordBed;

  beforeAll(async () => {
    bed.app = await createTestApp({ env: { REVEAL_TTL: '300' } });
    const real = bed.app.bot.handle.bind(bed.app.bot);
    bed.app.bot.handle = async (e) => {
      bed.inbound.push(e);
      return real(e);
    };
    bed.d = await createDiscordDriver(bed.app);
  }, 120_000);
  afterAll(async () => {
    await bed.d?.close();
    await bed.app?.close();
  });
  afterEach(() => {
    expect(bed.d.fake.api.violations).toEqual([]);
  });
  return bed;
}
