// With the database down the user gets a short "temporarily unavailable" and the process
// keeps running; when the database comes back, the bot recovers by itself.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { freshPostgresDatabase } from '../helpers/db';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/app';
import { pgProxy } from './proxy';

const user = { platform: 'terminal' as const, id: 'u1' };

describe('database down', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close().catch(() => {});
    app = undefined;
  });

  it('embedded database closed → temporarily unavailable, no throw, no details leaked', async () => {
    app = await createTestApp();
    await app.database.close();
    const out = await app.bot.handle({ kind: 'command', args: 'status', user, place: 'dm' });
    expect(out.replies[0]!.text).toMatch(/잠시 처리할 수 없어요|temporarily|right now/);
    expect(out.replies[0]!.text).not.toMatch(/PGlite|closed|Error/);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'PostgreSQL cut off → unavailable; restored → answers again without a restart',
    async () => {
      const pg = await freshPostgresDatabase();
      const p = await pgProxy(pg.url);
      const url = new URL(p.url);
      const { TEST_KEYS } = await import('../helpers/app');
      const real = await createApp({
        config: loadConfig({ ...TEST_KEYS, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' }),
        scrypt: { N: 1024, r: 8, p: 1, keylen: 32 },
      });
      try {
        expect(
          (await real.bot.handle({ kind: 'command', args: 'status', user, place: 'dm' })).replies[0]!.text,
        ).toMatch(/보관 안 함|not stored/);
        p.cut();
        const down = await real.bot.handle({
          kind: 'command',
          args: 'status',
          user,
          place: 'channel',
          locale: 'en-US',
        });
        expect(down.replies[0]!.text).toMatch(/right now/);
        expect(down.replies[0]!.visibility).toBe('ephemeral');
        p.restore();
        let text = '';
        for (let i = 0; i < 20 && !/not stored|보관 안 함/.test(text); i++) {
          text = (await real.bot.handle({ kind: 'command', args: 'status', user, place: 'dm' })).replies[0]!.text;
          if (!/not stored|보관 안 함/.test(text)) await new Promise((r) => setTimeout(r, 250));
        }
        expect(text).toMatch(/보관 안 함|not stored/);
      } finally {
        await real.close();
        await p.close();
        await pg.drop();
      }
    },
  );
});

describe('a reveal whose deletion cannot be scheduled', () => {
  it('is deleted at once (fail closed) and the error surfaces', async () => {
    const app = await createTestApp();
    const sent: string[] = [];
    const deleted: string[] = [];
    app.registerMessenger({
      platform: 'terminal',
      async sendDirect() {
        sent.push('dm-1');
        return { ref: 'dm-1' };
      },
      async deleteDirect(ref) {
        deleted.push(ref);
      },
    });
    app.stores.jobs.schedule = async () => {
      throw new Error('database is gone');
    };
    await expect(
      app.delivery.send('terminal', 'u1', {
        visibility: 'dm',
        text: 'code',
        sensitive: { deleteAfterSeconds: 600 },
      }),
    ).rejects.toThrow(/gone/);
    expect(sent).toEqual(['dm-1']);
    expect(deleted).toEqual(['dm-1']);
    await app.close();
  });
});
