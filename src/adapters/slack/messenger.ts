// The Messenger port on Slack: a DM is conversations.open + chat.postMessage; the reference
// `channel:ts` is what chat.delete needs to remove a revealed code later.
import { LogLevel, WebClient } from '@slack/web-api';
import type { Messenger, Reply, SendOptions } from '../../core/types';
import { slackErrorCode, toDeliveryError } from './errors';
import { currentTeam, inTeam, splitUserKey, type TeamClients } from './install/teams';
import { renderReply } from './render';

/** (workspace, user id) → the bot's DM channel with that user (stable, so cached for the process). */
export class DmChannels {
  private readonly byUser = new Map<string, string>();
  /** `client` may be a scoped client (install/teams.ts): calls then act for the current workspace. */
  constructor(private readonly client: Pick<WebClient, 'conversations'>) {}

  private key(userId: string): string {
    return `${currentTeam()?.team ?? ''}:${userId}`;
  }

  known(userId: string): string | undefined {
    return this.byUser.get(this.key(userId));
  }

  async open(userId: string): Promise<string> {
    const key = this.key(userId);
    const hit = this.byUser.get(key);
    if (hit) return hit;
    const res = await this.client.conversations.open({ users: userId });
    const id = res.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    if (this.byUser.size > 50_000) this.byUser.clear();
    this.byUser.set(key, id);
    return id;
  }
}

/** `channel:ts`, or `team:channel:ts` when the message went out through a workspace's own token. */
export function encodeRef(channel: string, ts: string, team?: string): string {
  return team ? `${team}:${channel}:${ts}` : `${channel}:${ts}`;
}
export function decodeRef(ref: string): { team?: string; channel: string; ts: string } | undefined {
  const m = /^(?:([A-Z0-9]+):)?([A-Z0-9]+):(\d+\.\d+)$/.exec(ref);
  return m ? { ...(m[1] ? { team: m[1] } : {}), channel: m[2]!, ts: m[3]! } : undefined;
}

/** Slack message metadata event type marking a scheduler send (its payload holds the delivery key). */
export const MARKER_EVENT = 'pccc_delivery';

export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;
  private readonly noRetry = new Map<string, WebClient>();

  /**
   * `teams` resolves a user key's workspace to its token (many workspaces); without it every
   * call uses `client`. `keyedClient` replaces the non-retrying client of keyed sends (tests).
   */
  constructor(
    private readonly client: Pick<WebClient, 'chat' | 'conversations'>,
    private readonly dms: DmChannels,
    private readonly teams?: TeamClients,
    private readonly keyedClient?: Pick<WebClient, 'chat'>,
  ) {}

  /** Runs `work` as the workspace `team` (its token), or as-is without a team. */
  private async as<T>(team: string | undefined, work: () => Promise<T>): Promise<T> {
    if (!this.teams) return work();
    const scope = await this.teams.scope(team);
    return inTeam(scope, work);
  }

  /**
   * Keyed (scheduler) sends go through a client that does not retry by itself: its own retry
   * after a 5xx would post again without looking. The scheduler retries, looking first.
   */
  private keyed(): Pick<WebClient, 'chat'> {
    if (this.keyedClient) return this.keyedClient;
    const base = currentTeam()?.client ?? this.client;
    if (!(base instanceof WebClient) || !base.token) return base;
    let c = this.noRetry.get(base.token);
    if (!c) {
      c = new WebClient(base.token, {
        slackApiUrl: base.slackApiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        logLevel: LogLevel.ERROR,
      });
      if (this.noRetry.size > 1000) this.noRetry.clear();
      this.noRetry.set(base.token, c);
    }
    return c;
  }

  private ref(channel: string, ts: string, team: string | undefined): string {
    return encodeRef(channel, ts, this.teams ? (team ?? currentTeam()?.team) : undefined);
  }

  /** `userId` is a user key (`T…:U…`) or, inside an event, the bare `U…` of the user acting. */
  async sendDirect(userId: string, reply: Reply, opts: SendOptions = {}): Promise<{ ref: string }> {
    const { team, user } = splitUserKey(userId);
    try {
      return await this.as(team, async () => {
        const channel = await this.dms.open(user);
        if (opts.key && opts.recheck) {
          // An earlier attempt may have posted even though Slack answered 5xx or timed out.
          const found = await this.findMarked(channel, opts.key, opts.since);
          if (found) return { ref: this.ref(channel, found, team) };
        }
        const { text, blocks } = renderReply(reply);
        const metadata = opts.key ? { event_type: MARKER_EVENT, event_payload: { key: opts.key } } : undefined;
        const poster = opts.key ? this.keyed() : this.client;
        const res = await poster.chat.postMessage({
          channel,
          text,
          blocks,
          unfurl_links: false,
          unfurl_media: false,
          ...(metadata ? { metadata } : {}),
        });
        if (!res.ts) throw new Error('chat.postMessage returned no ts');
        return { ref: this.ref(res.channel ?? channel, res.ts, team) };
      });
    } catch (err) {
      throw toDeliveryError(err);
    }
  }

  /** The ts of a recent bot message in the DM carrying `key` in its metadata. */
  private async findMarked(channel: string, key: string, since?: Date): Promise<string | undefined> {
    let res: Awaited<ReturnType<WebClient['conversations']['history']>>;
    try {
      // The newest few messages: a retry comes minutes after the first attempt, and a DM with
      // the bot is quiet (`since` is not used as `oldest`: the scheduler's clock may be a test's).
      void since;
      res = await this.client.conversations.history({ channel, limit: 20, include_all_metadata: true });
    } catch {
      // Cannot look (e.g. no im:history scope): sending is better than never reminding.
      return undefined;
    }
    for (const m of res.messages ?? []) {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
      if (meta?.event_type === MARKER_EVENT && meta.event_payload?.key === key && m.ts) return m.ts;
    }
    return undefined;
  }

  async deleteDirect(ref: string): Promise<void> {
    const target = decodeRef(ref);
    if (!target) return; // not ours / malformed: nothing we could delete
    try {
      await this.as(target.team, () => this.client.chat.delete({ channel: target.channel, ts: target.ts }));
    } catch (err) {
      // Already gone (the user deleted it, or a retry after a lost response): done.
      if (slackErrorCode(err) === 'message_not_found') return;
      throw toDeliveryError(err);
    }
  }
}
