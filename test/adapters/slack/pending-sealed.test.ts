// An "open private form" button keeps its form in the shared ephemeral table for 15 minutes.
// The response_url that comes with it is a bearer URL into the user's conversation: the row
// holds it sealed, and it is opened only when the button is clicked.
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SharedPendingForms, sealingKeys } from '../../../src/adapters/slack/forms';
import { createTestApp, type TestApp } from '../../helpers/app';
import { DB_KINDS } from '../../helpers/db';

const URL_SECRET = 'https://hooks.slack.com/commands/T0TEAM/1234567890/AbCdEfSeCrEtToKeN';

describe.each(DB_KINDS)('pending form response_url sealed (%s)', (db) => {
  let app: TestApp;
  let forms: SharedPendingForms;
  beforeEach(async () => {
    app = await createTestApp({ db });
    forms = new SharedPendingForms(app.ephemeral, sealingKeys(app.config));
  });
  afterEach(() => app.close());

  const item = () => ({
    userId: 'U0SEAL',
    form: { id: 'vault.reveal', title: 'Reveal', fields: [] } as never,
    context: { formId: 'vault.reveal', place: 'channel' as const, channelId: 'C1', responseUrl: URL_SECRET },
  });

  it('stores no response_url in clear, and gives it back to its owner when the button is used', async () => {
    const key = await forms.put(item());
    const dump = await app.dumpAllTables();
    expect(dump).not.toContain('hooks.slack.com');
    expect(dump).not.toContain('AbCdEfSeCrEtToKeN');
    const got = await forms.get(key, 'U0SEAL');
    expect(typeof got === 'object' && got.context.responseUrl).toBe(URL_SECRET);
    expect(await forms.get(key, 'U0OTHER')).toBe('not_yours');
  });

  it('a sealed URL copied under another key does not open (the form still does, without it)', async () => {
    const key = await forms.put(item());
    const other = '00000000-0000-4000-8000-000000000000';
    await app.database.rows(
      sql`insert into ephemeral (scope, key, value, expires_at) select scope, ${other}, value, expires_at from ephemeral where key = ${key}`,
    );
    const got = await forms.get(other, 'U0SEAL');
    expect(typeof got).toBe('object');
    expect(typeof got === 'object' && got.context.responseUrl).toBeUndefined();
  });

  it('without keys the URL is not kept at all', async () => {
    const keyless = new SharedPendingForms(app.ephemeral, undefined);
    const key = await keyless.put(item());
    expect(await app.dumpAllTables()).not.toContain('hooks.slack.com');
    const got = await keyless.get(key, 'U0SEAL');
    expect(typeof got === 'object' && got.context.responseUrl).toBeUndefined();
  });
});
