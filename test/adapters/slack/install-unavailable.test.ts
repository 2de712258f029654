// Many workspaces with the database down. Installations read in the last 10 minutes are held
// in process memory, so their events still authorise; an event whose installation cannot be
// read at all gets a kind "try again" through its response_url instead of silence.
import { afterEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../../src/adapters/slack';
import { InstallationUnavailable, SealedInstallationStore } from '../../../src/adapters/slack/install/store';
import { UNAVAILABLE_TEXT } from '../../../src/adapters/slack/install/unavailable';
import { createInstallationRows } from '../../../src/db/stores-installations';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack/api';
import { slashCommand } from '../../fakes/slack/payloads';
import { FAKE_SIGNING_SECRET, SlackWire } from '../../fakes/slack/wire';
import { createTestApp, type TestApp } from '../../helpers/app';
import { workspaceInstallation } from '../../fakes/slack/installation';

const installation = workspaceInstallation;

const query = (team: string) => ({ teamId: team, enterpriseId: undefined, isEnterpriseInstall: false });

describe('Slack installations while the database is down', () => {
  let app: TestApp | undefined;
  let fake: FakeSlackApi | undefined;
  let adapter: SlackAdapter | undefined;
  afterEach(async () => {
    await adapter?.stop();
    await fake?.close();
    await app?.close().catch(() => undefined);
    adapter = fake = app = undefined;
  });

  it('a copy read in the last 10 minutes still authorises; older, or never read: unavailable', async () => {
    app = await createTestApp();
    let now = 1_000_000;
    const store = new SealedInstallationStore(createInstallationRows(app.database), app.config.vaultKeys!, {
      now: () => now,
    });
    await store.storeInstallation(installation('TKEPT'));
    await store.storeInstallation(installation('TNEVER'));
    expect((await store.fetchInstallation(query('TKEPT'))).bot?.token).toBe('xoxb-tkept-token');

    await app.database.close();
    now += 61_000; // past the normal 60 s reuse: the database would be asked
    expect((await store.fetchInstallation(query('TKEPT'))).bot?.token).toBe('xoxb-tkept-token');
    now += 9 * 60_000;
    await expect(store.fetchInstallation(query('TKEPT'))).rejects.toBeInstanceOf(InstallationUnavailable);
    await expect(store.fetchInstallation(query('TNEVER'))).rejects.toBeInstanceOf(InstallationUnavailable);
  });

  it('a slash command whose installation cannot be read is answered "try again" at its response_url', async () => {
    fake = await startFakeSlackApi();
    app = await createTestApp({
      env: {
        SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        SLACK_CLIENT_ID: fake.oauthApp.clientId,
        SLACK_CLIENT_SECRET: fake.oauthApp.clientSecret,
        SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789abcdefghij',
      },
    });
    adapter = await startSlack(app, { port: 0, host: '127.0.0.1' });
    await new SealedInstallationStore(createInstallationRows(app.database), app.config.vaultKeys!).storeInstallation(
      installation('TDOWN'),
    );
    await app.database.close();

    const wire = new SlackWire(`${adapter.url}/slack/events`);
    const body = slashCommand({
      user: 'U0DOWN',
      channel: 'C0GENERAL',
      text: 'status',
      responseUrl: fake.responseUrl(),
    });
    const res = await wire.command({ ...body, team_id: 'TDOWN' });
    expect(res.status).toBe(200);
    await adapter.idle();
    await fake.waitFor(() => fake!.responseUrlPosts.length > 0, 10_000);
    expect(fake.responseUrlPosts.map((p) => p.body)).toEqual([
      { response_type: 'ephemeral', replace_original: false, text: UNAVAILABLE_TEXT },
    ]);
    // Nothing about the request in the log: no response_url, no token.
    const logs = app.logs.join('\n');
    expect(logs).not.toContain('/response/');
    expect(logs).not.toContain('xoxb-');
  });
});
