// Within one inbound event the user row is read once, however many modules ask; a write
// to users clears the memo, and outside an event nothing is memoised.
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DB_KINDS } from '../helpers/db';

const ref = { platform: 'slack' as const, id: 'U-SCOPE' };

for (const db of DB_KINDS) {
  describe(`user reads per event on ${db}`, () => {
    let app: TestApp;
    beforeEach(async () => {
      app = await createTestApp({ db });
      await app.stores.users.ensure(ref);
    });
    afterEach(async () => {
      await app.close();
    });

    const sneakLang = (lang: string) =>
      app.database.rows(sql`update users set lang = ${lang} where platform_user_id = ${ref.id}`);

    it('answers repeated reads from the memo inside a scope only', async () => {
      await app.stores.eventScope!(async () => {
        expect((await app.stores.users.find(ref))!.lang).toBeNull();
        await sneakLang('en');
        expect((await app.stores.users.find(ref))!.lang).toBeNull();
      });
      expect((await app.stores.users.find(ref))!.lang).toBe('en');
      await sneakLang('ko');
      expect((await app.stores.users.find(ref))!.lang).toBe('ko');
    });

    it('forgets the memo on any write to users', async () => {
      await app.stores.eventScope!(async () => {
        const u = (await app.stores.users.find(ref))!;
        await app.stores.users.setLang(u.id, 'en');
        expect((await app.stores.users.find(ref))!.lang).toBe('en');
        await app.stores.users.delete(u.id);
        expect(await app.stores.users.find(ref)).toBeUndefined();
      });
    });

    it('keeps concurrent events apart', async () => {
      const other = { platform: 'slack' as const, id: 'U-OTHER' };
      const [a, b] = await Promise.all([
        app.stores.eventScope!(async () => (await app.stores.users.find(ref))?.platformUserId),
        app.stores.eventScope!(async () => (await app.stores.users.find(other))?.platformUserId),
      ]);
      expect([a, b]).toEqual(['U-SCOPE', undefined]);
    });
  });
}
