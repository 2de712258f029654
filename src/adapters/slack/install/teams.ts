// Which workspace a Slack call belongs to. While Bolt handles an event the workspace (and the
// WebClient Bolt authorized for it) is kept in an AsyncLocalStorage scope, so the listeners'
// `rt.client` and the DM cache act for that workspace without being passed a team. Outside an
// event (reminders, reveal deletions, parcel news) the Messenger opens a scope from the user key.
//
// A Slack user is keyed `${team}:${user}` (team = the installation's team id, or the
// enterprise id for an org-wide install): Slack Connect and multi-workspace installs can show the
// same `U…` in more than one team. Keys from before this change are a bare `U…`.
import { AsyncLocalStorage } from 'node:async_hooks';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { DeliveryError } from '../../../core/types';
import { InstallationNotFound, type SealedInstallationStore } from './store';

export interface TeamScope {
  /** The team (or enterprise, for an org-wide install) the installation belongs to. */
  team?: string;
  client: WebClient;
}

const als = new AsyncLocalStorage<TeamScope>();

export function inTeam<T>(scope: TeamScope, work: () => Promise<T>): Promise<T> {
  return als.run(scope, work);
}

export function currentTeam(): TeamScope | undefined {
  return als.getStore();
}

/** The installation a Bolt context belongs to (same rule as the installation row id). */
export function teamOfContext(ctx: {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}): string | undefined {
  return ctx.isEnterpriseInstall ? (ctx.enterpriseId ?? ctx.teamId) : (ctx.teamId ?? ctx.enterpriseId);
}

/** `T…:U…` for the current workspace; a bare id when no workspace is known. */
export function userKey(userId: string, team = currentTeam()?.team): string {
  return team ? `${team}:${userId}` : userId;
}

export function splitUserKey(key: string): { team?: string; user: string } {
  const i = key.indexOf(':');
  return i < 0 ? { user: key } : { team: key.slice(0, i), user: key.slice(i + 1) };
}

/** A WebClient whose calls go out with the current scope's client (its token), else with `fallback`. */
export function scopedClient(fallback: WebClient): WebClient {
  return new Proxy(fallback, {
    get(_target, prop) {
      const c = als.getStore()?.client ?? fallback;
      const v = Reflect.get(c, prop, c) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(c) : v;
    },
  });
}

/** Finds the client for a team outside of an event: the installation's token, or the single-workspace token. */
export class TeamClients {
  private readonly byToken = new Map<string, WebClient>();
  constructor(
    private readonly opts: { fallback: WebClient; store?: SealedInstallationStore; clientOptions: WebClientOptions },
  ) {}

  async scope(team: string | undefined): Promise<TeamScope> {
    const here = currentTeam();
    if (here && (team === undefined || here.team === team)) return here;
    if (!this.opts.store || team === undefined) return { team, client: this.opts.fallback };
    let token: string | undefined;
    try {
      const enterprise = team.startsWith('E');
      const inst = await this.opts.store.fetchInstallation({
        teamId: enterprise ? undefined : team,
        enterpriseId: enterprise ? team : undefined,
        isEnterpriseInstall: enterprise,
      } as never);
      token = inst.bot?.token;
    } catch (err) {
      if (err instanceof InstallationNotFound)
        throw new DeliveryError('slack: the workspace has removed the app', 'permanent');
      throw new DeliveryError('slack: installation lookup failed', 'transient');
    }
    if (!token) throw new DeliveryError('slack: the installation has no bot token', 'permanent');
    return { team, client: this.clientFor(token) };
  }

  /**
   * One WebClient per bot token, with the adapter's options. (Bolt's per-event client is built
   * with `teamId`, which makes it add `team_id` to every call; ours send what the listeners pass.)
   */
  clientFor(token: string | undefined): WebClient {
    if (!token || token === this.opts.fallback.token) return this.opts.fallback;
    let client = this.byToken.get(token);
    if (!client) {
      if (this.byToken.size > 5_000) this.byToken.clear();
      client = new WebClient(token, this.opts.clientOptions);
      this.byToken.set(token, client);
    }
    return client;
  }

  /** Drops cached clients (after an uninstall). */
  forget(): void {
    this.byToken.clear();
  }
}
