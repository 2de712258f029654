// The Messenger port on Slack: a DM is conversations.open + chat.postMessage; the reference
// `channel:ts` is what chat.delete needs to remove a revealed code later.
import type { WebClient } from '@slack/web-api';
import type { Messenger, Reply } from '../../core/types';
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

export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;
  /** `teams` resolves a user key's workspace to its token (many workspaces); without it every call uses `client`. */
  constructor(private readonly client: Pick<WebClient, 'chat' | 'conversations'>, private readonly dms: DmChannels, private readonly teams?: TeamClients) {}

  /** Runs `work` as the workspace `team` (its token), or as-is without a team. */
  private async as<T>(team: string | undefined, work: () => Promise<T>): Promise<T> {
    if (!this.teams) return work();
    const scope = await this.teams.scope(team);
    return inTeam(scope, work);
  }

  /** `userId` is a user key (`T…:U…`) or, inside an event, the bare `U…` of the user acting. */
  async sendDirect(userId: string, reply: Reply): Promise<{ ref: string }> {
    const { team, user } = splitUserKey(userId);
    try {
      return await this.as(team, async () => {
        const channel = await this.dms.open(user);
        const { text, blocks } = renderReply(reply);
        const res = await this.client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false });
        if (!res.ts) throw new Error('chat.postMessage returned no ts');
        return { ref: encodeRef(res.channel ?? channel, res.ts, this.teams ? (team ?? currentTeam()?.team) : undefined) };
      });
    } catch (err) {
      throw toDeliveryError(err);
    }
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
