// Bolt's InstallationStore and StateStore on the project's database. An installation (bot token
// and all) is sealed with the vault's keys — AES-256-GCM, associated data binding it to its row
// id and key version — so the table never holds a token in clear. `keys rotate` reseals it.
// OAuth states are not stored at all: see ./index.ts (the library's signed, expiring state).
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { newestKeyVersion, open, seal } from '../../../core/vault/crypto';
import type { InstallationRows } from '../../../db/stores-installations';

/** Associated-data owner of an installation row (never collides with a users.id uuid). */
const aadOwner = (id: string) => `slack-installation:${id}`;

/** The row an installation or a query belongs to: the enterprise for org-wide installs, else the team. */
export function installationId(q: {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}): string | undefined {
  if (q.isEnterpriseInstall) return q.enterpriseId;
  return q.teamId;
}

export class InstallationNotFound extends Error {
  constructor() {
    super('no Slack installation for this workspace');
    this.name = 'InstallationNotFound';
  }
}

/** The installation could not be read (the database is down) and no recent copy is held. */
export class InstallationUnavailable extends Error {
  constructor() {
    super('Slack installation store unavailable');
    this.name = 'InstallationUnavailable';
  }
}

export interface SealedInstallationStoreOptions {
  /** How long a fetched installation is reused in this process without asking the database (default 60 s). */
  cacheMs?: number;
  /**
   * How long a copy read from the database may still be used while the database cannot be
   * read (default 10 minutes): events keep authorising through a short outage. Process memory
   * only, never logged.
   */
  staleMs?: number;
  /** Installations held at most (the least recently read go first). */
  maxEntries?: number;
  now?: () => number;
}

export class SealedInstallationStore implements InstallationStore {
  private readonly cache = new Map<string, { at: number; installation: Installation }>();
  private readonly cacheMs: number;
  private readonly staleMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly rows: InstallationRows,
    private readonly keys: Map<number, Buffer>,
    opts: SealedInstallationStoreOptions = {},
  ) {
    this.cacheMs = opts.cacheMs ?? 60_000;
    this.staleMs = Math.max(this.cacheMs, opts.staleMs ?? 10 * 60_000);
    this.maxEntries = opts.maxEntries ?? 1_000;
    this.now = opts.now ?? Date.now;
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const isEnterpriseInstall = Boolean(installation.isEnterpriseInstall);
    const id = installationId({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall,
    });
    if (!id || !installation.bot?.token) throw new Error('slack installation without a team or a bot token');
    const { sealed, keyVersion } = seal(this.keys, aadOwner(id), JSON.stringify(installation));
    await this.rows.put({
      id,
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall,
      botUserId: installation.bot.userId ?? null,
      sealed,
      keyVersion,
    });
    this.cache.delete(id);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found =
      (await this.find(installationId(query))) ??
      (query.enterpriseId && !query.isEnterpriseInstall ? await this.find(query.enterpriseId, true) : undefined);
    if (!found) throw new InstallationNotFound();
    return found;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const id = installationId(query);
    if (!id) return;
    this.cache.delete(id);
    await this.rows.delete(id);
  }

  /** Forgets cached copies (another instance may have deleted or replaced the row). */
  invalidate(id?: string): void {
    if (id) this.cache.delete(id);
    else this.cache.clear();
  }

  private async find(id: string | undefined, enterpriseOnly = false): Promise<Installation | undefined> {
    if (!id) return undefined;
    // The cache answers only what the database would: an org lookup never gets a workspace install.
    const cached = this.cache.get(id);
    const hit = cached && (!enterpriseOnly || cached.installation.isEnterpriseInstall) ? cached : undefined;
    const age = hit ? this.now() - hit.at : Number.POSITIVE_INFINITY;
    if (hit && age < this.cacheMs) return hit.installation;
    let row: Awaited<ReturnType<InstallationRows['get']>>;
    try {
      row = await this.rows.get(id);
    } catch {
      // The database cannot be read: a copy read within staleMs still authorises the event.
      if (hit && age < this.staleMs) return hit.installation;
      throw new InstallationUnavailable();
    }
    if (!row || (enterpriseOnly && !row.isEnterpriseInstall)) {
      this.cache.delete(id);
      return undefined;
    }
    const installation = JSON.parse(open(this.keys, aadOwner(row.id), row.keyVersion, row.sealed)) as Installation;
    this.cache.delete(id);
    this.cache.set(id, { at: this.now(), installation });
    // Bounded: the entry read longest ago goes first (Map keeps insertion order).
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    return installation;
  }
}

/** Re-encrypts every installation sealed under an older key (compare-and-set; safe to re-run). */
export async function rotateInstallationKeys(
  rows: InstallationRows,
  keys: Map<number, Buffer>,
  batchSize = 200,
): Promise<number> {
  const newest = newestKeyVersion(keys);
  let resealed = 0;
  for (;;) {
    const batch = await rows.sealedBefore(newest, batchSize);
    if (batch.length === 0) return resealed;
    let progressed = false;
    for (const row of batch) {
      const plain = open(keys, aadOwner(row.id), row.keyVersion, row.sealed);
      const { sealed, keyVersion } = seal(keys, aadOwner(row.id), plain);
      if (await rows.reseal(row.id, row.keyVersion, sealed, keyVersion)) {
        resealed += 1;
        progressed = true;
      }
    }
    if (!progressed) return resealed;
  }
}

/** How long an install link (its signed state and the browser cookie it is bound to) stays valid. */
export const STATE_TTL_SECONDS = 600;
