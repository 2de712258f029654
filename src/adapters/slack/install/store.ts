// Bolt's InstallationStore and StateStore on the project's database. An installation (bot token
// and all) is sealed with the vault's keys — AES-256-GCM, associated data binding it to its row
// id and key version — so the table never holds a token in clear. `keys rotate` reseals it.
// OAuth states are random, HMAC-signed with SLACK_STATE_SECRET, stored as a hash, usable once.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Installation, InstallationQuery, InstallationStore, InstallURLOptions, StateStore } from '@slack/bolt';
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

export interface SealedInstallationStoreOptions {
  /** How long a fetched installation is reused in this process (default 60 s). */
  cacheMs?: number;
  now?: () => number;
}

export class SealedInstallationStore implements InstallationStore {
  private readonly cache = new Map<string, { at: number; installation: Installation }>();
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly rows: InstallationRows,
    private readonly keys: Map<number, Buffer>,
    opts: SealedInstallationStoreOptions = {},
  ) {
    this.cacheMs = opts.cacheMs ?? 60_000;
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
    const hit = this.cache.get(id);
    if (hit && this.now() - hit.at < this.cacheMs) return hit.installation;
    const row = await this.rows.get(id);
    if (!row || (enterpriseOnly && !row.isEnterpriseInstall)) {
      this.cache.delete(id);
      return undefined;
    }
    const installation = JSON.parse(open(this.keys, aadOwner(row.id), row.keyVersion, row.sealed)) as Installation;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { at: this.now(), installation });
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

export const STATE_TTL_SECONDS = 600;

export class InvalidOAuthState extends Error {
  readonly code = 'slack_oauth_invalid_state';
  constructor(readonly reason: 'malformed' | 'forged' | 'unknown_or_used') {
    super(`OAuth state rejected (${reason})`);
    this.name = 'InvalidOAuthState';
  }
}

export class OneTimeStateStore implements StateStore {
  private readonly secret: Buffer;
  constructor(
    private readonly rows: InstallationRows,
    secret: string,
    private readonly ttlSeconds = STATE_TTL_SECONDS,
  ) {
    this.secret = Buffer.from(secret, 'utf8');
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.secret).update(`pccc-slack-state:v1|${nonce}`).digest('base64url');
  }

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    const nonce = randomBytes(24).toString('base64url');
    const state = `${nonce}.${this.sign(nonce)}`;
    await this.rows.sweepStates(now).catch(() => 0);
    await this.rows.putState(
      hashState(state),
      JSON.parse(JSON.stringify(installOptions)) as Record<string, unknown>,
      new Date(now.getTime() + this.ttlSeconds * 1000),
    );
    return state;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const m = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/.exec(state ?? '');
    if (!m) throw new InvalidOAuthState('malformed');
    const expected = Buffer.from(this.sign(m[1]!));
    const given = Buffer.from(m[2]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidOAuthState('forged');
    const options = await this.rows.takeState(hashState(state), now);
    if (!options) throw new InvalidOAuthState('unknown_or_used');
    return options as unknown as InstallURLOptions;
  }
}

function hashState(state: string): string {
  return createHash('sha256').update(state).digest('base64url');
}
