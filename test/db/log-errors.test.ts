// A failing query is logged by its class name, driver code and a message without its
// parameters: drizzle's message carries `params:` (sealed code, blind index, PIN hash).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DB_KINDS } from '../helpers/db';

const BLIND = 'blind-index-canary-7f3a9c';
const PIN_HASH = Buffer.from('pin-hash-canary-0042');
const SEALED = Buffer.from('sealed-code-canary-P260987654321');

describe.each(DB_KINDS)('database errors in the log on %s', (db) => {
  let app: TestApp;
  afterEach(() => app?.close());

  it('a failing query logs type, driver code and message, never its parameters', async () => {
    app = await createTestApp({
      db,
      modules: (base) => [
        {
          name: 'boom',
          commands: [
            {
              names: ['boom'],
              run: async () => {
                // No such user: a foreign-key violation (23503) whose parameters are secrets.
                await base.stores.vault.put({
                  userId: randomUUID(),
                  codeSealed: SEALED,
                  keyVersion: 1,
                  blindIndex: BLIND,
                  pinHash: PIN_HASH,
                  pinSalt: PIN_HASH,
                  pinParams: 'scrypt',
                  verifiedAt: null,
                });
                return [];
              },
            },
          ],
        },
      ],
    });
    const out = await app.bot.handle({
      kind: 'command',
      args: 'boom',
      user: { platform: 'terminal', id: 'local' },
      place: 'dm',
    });
    expect(out.replies[0]!.text).toMatch(/문제|wrong/);
    const logs = app.logs.join('\n');
    const entry = JSON.parse(app.logs.find((l) => l.includes('handler failed'))!);
    expect(entry.err.code ?? entry.err.cause?.code).toBe('23503');
    expect(entry.err.type).toMatch(/Error/);
    expect(entry.err.message).toMatch(/Failed query: insert into "vault"/);
    for (const secret of [
      BLIND,
      PIN_HASH.toString('hex'),
      SEALED.toString('hex'),
      'pin-hash-canary',
      'sealed-code-canary',
      '260987654321',
      'P260987654321',
    ]) {
      expect(logs.includes(secret), secret).toBe(false);
    }
    expect(logs).not.toMatch(/params: (?!\[redacted\])/);
  });
});
