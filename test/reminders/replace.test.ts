// Replacing the stored code with a different one starts a new validity year: the old
// expiry's renewal reminders stop, and the user is told how to set the new date.
import { afterEach, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../helpers/db';
import { harness, type Harness } from './helpers';

for (const db of DB_KINDS) {
  describe(`replacing the code on ${db}`, () => {
    let h: Harness;
    afterEach(async () => {
      await h.app.close();
    });

    async function registerWith(code: string) {
      await h.app.vault.giveConsent({ platform: 'terminal', id: 'local' });
      await h.app.bot.handle({
        kind: 'form',
        formId: 'vault.register',
        values: { code, pin: '740528', pin2: '740528' },
        user: { platform: 'terminal', id: 'local' },
        place: 'dm',
        locale: 'en',
      });
    }
    const replace = (code: string) =>
      h.app.bot.handle({
        kind: 'form',
        formId: 'vault.replace',
        values: { pin: '740528', code },
        user: { platform: 'terminal', id: 'local' },
        place: 'dm',
        locale: 'en',
      });

    it('turns off renewal reminders for the old code and says how to set the new date', async () => {
      h = await harness(db, '2026-11-25T01:00:00Z');
      await registerWith('P260987654321');
      expect(await h.command('remind issued 2026-03-15')).toMatch(/2027/);
      expect(await h.command('status')).toMatch(/Renewal reminders: (?!off)/);
      const out = await replace('P261234567890');
      expect(out.replies[0]!.text).toMatch(/remind issued YYYY-MM-DD/);
      expect(await h.command('status')).toMatch(/Renewal reminders: off/);
    });

    it('keeps them when the same code is stored again', async () => {
      h = await harness(db, '2026-11-25T01:00:00Z');
      await registerWith('P260987654321');
      await h.command('remind issued 2026-03-15');
      const out = await replace('P260987654321');
      expect(out.replies[0]!.text).not.toMatch(/remind issued/);
      expect(await h.command('status')).toMatch(/Renewal reminders: (?!off)/);
    });
  });
}
