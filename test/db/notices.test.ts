// Notices the bot owes a user are a list of { key, params }, rendered when shown: a paused
// reminder's notice and a parcel's wait side by side, each in the language of the moment, and
// a notice written before this shape (rendered text in users.pending_notice) is still shown.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTICE, renderNotice } from '../../src/core/notices';
import type { Inbound } from '../../src/core/types';
import { MIGRATIONS_DIR } from '../../src/db/client';
import { createStores } from '../../src/db/stores';
import { createTestApp, type TestApp } from '../helpers/app';
import { DB_KINDS } from '../helpers/db';

const user = { platform: 'terminal' as const, id: 'notice-user' };
const help = (locale: 'ko' | 'en'): Inbound => ({ kind: 'command', args: 'help', user, place: 'dm', locale });

for (const db of DB_KINDS) {
  describe(`pending notices on ${db}`, () => {
    let app: TestApp;
    beforeEach(async () => {
      app = await createTestApp({ db });
    });
    afterEach(async () => {
      await app.close();
    });

    it('keeps a paused reminder and a paused parcel side by side and shows both once', async () => {
      const u = await app.stores.users.ensure(user);
      await app.stores.users.addNotice(u.id, { key: NOTICE.remindersPaused });
      await app.stores.users.addNotice(u.id, { key: NOTICE.parcelPaused, params: { label: 'HBL-42' } });
      const first = await app.bot.handle(help('en'));
      const texts = first.replies.map((r) => r.text);
      expect(texts[0]).toMatch(/reminders are paused/);
      expect(texts[1]).toContain('HBL-42');
      const again = await app.bot.handle(help('en'));
      expect(again.replies.some((r) => /paused|HBL-42/.test(r.text))).toBe(false);
    });

    it('renders a notice in the language the user speaks when it is shown, not when it was written', async () => {
      const u = await app.stores.users.ensure(user);
      await app.stores.users.addNotice(u.id, { key: NOTICE.remindersPaused });
      const out = await app.bot.handle(help('ko'));
      expect(out.replies[0]!.text).toBe(renderNotice('ko', { key: NOTICE.remindersPaused }));
    });

    it('keeps the same notice once, however often it is added', async () => {
      const u = await app.stores.users.ensure(user);
      await app.stores.users.addNotice(u.id, { key: NOTICE.parcelPaused, params: { label: 'A1' } });
      await app.stores.users.addNotice(u.id, { key: NOTICE.parcelPaused, params: { label: 'A1' } });
      await app.stores.users.addNotice(u.id, { key: NOTICE.parcelPaused, params: { label: 'B2' } });
      expect(await app.stores.users.takeNotices(u.id)).toEqual([
        { key: NOTICE.parcelPaused, params: { label: 'A1' } },
        { key: NOTICE.parcelPaused, params: { label: 'B2' } },
      ]);
      expect(await app.stores.users.takeNotices(u.id)).toEqual([]);
    });

    it('skips a notice whose key this version does not know instead of showing it raw', async () => {
      const u = await app.stores.users.ensure(user);
      await app.stores.users.addNotice(u.id, { key: 'from.the.future' });
      const out = await app.bot.handle(help('en'));
      expect(out.replies.some((r) => r.text.includes('from.the.future'))).toBe(false);
      expect(await app.stores.users.takeNotices(u.id)).toEqual([]);
    });
  });
}

describe('the pending-notices migration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pccc-notices-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns a notice stored as text into a list entry that still reads the same', async () => {
    // The migrations up to the one before the change, as a folder of their own.
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const journalFile = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.endsWith('_pending_notices'));
    expect(at).toBeGreaterThan(0);
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));

    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = new PGlite();
    try {
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: dir });
      const text = 'I could not DM you, so reminders are paused.';
      const [row] = (
        await client.query<{ id: string }>(
          `insert into users (platform, platform_user_id, pending_notice) values ('terminal', 'old', $1) returning id`,
          [text],
        )
      ).rows;
      await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
      const rows = async (q: ReturnType<typeof sql>) => (await db.execute(q)).rows as never[];
      const stores = createStores({ db, rows } as never);
      const notices = await stores.users.takeNotices(row!.id);
      expect(notices.map((n) => renderNotice('en', n))).toEqual([text]);
    } finally {
      await client.close();
    }
  });
});
