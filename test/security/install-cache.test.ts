// Attack pass on the installation cache (install/store.ts): the cache must give the same answer
// as the database, so a cached workspace installation never answers a query that only an
// org-wide (enterprise) installation may answer.
import { afterEach, describe, expect, it } from 'vitest';
import { InstallationNotFound, SealedInstallationStore } from '../../src/adapters/slack/install/store';
import { createInstallationRows } from '../../src/db/stores-installations';
import { createTestApp, type TestApp } from '../helpers/app';
import { workspaceInstallation } from '../fakes/slack/installation';

const workspace = workspaceInstallation;

describe('the installation cache', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('does not answer an enterprise-only lookup with a cached workspace installation', async () => {
    app = await createTestApp();
    const store = new SealedInstallationStore(createInstallationRows(app.database), app.config.vaultKeys!);
    await store.storeInstallation(workspace('TVICTIM'));
    // An org lookup naming TVICTIM as its enterprise: the database refuses (not an org install).
    const orgLookup = { teamId: 'TOTHER', enterpriseId: 'TVICTIM', isEnterpriseInstall: false };
    await expect(store.fetchInstallation(orgLookup)).rejects.toBeInstanceOf(InstallationNotFound);
    // Once TVICTIM's own events have put it in the cache, the same lookup must still be refused.
    await store.fetchInstallation({ teamId: 'TVICTIM', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(store.fetchInstallation(orgLookup)).rejects.toBeInstanceOf(InstallationNotFound);
  });
});
