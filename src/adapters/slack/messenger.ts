// The Messenger port on Slack: a DM is conversations.open + chat.postMessage; the reference
// `channel:ts` is what chat.delete needs to remove a revealed code later.
import { LogLevel, WebClient } from '@slack/web-api';
import type { Messenger, Reply, SendOptions } from '../../core/types';
import { slackErrorCode, toDeliveryError } from './errors';
import { renderReply } from './render';

/** user id → the bot's DM channel with that user (stable, so cached for the process). */
export class DmChannels {
  private readonly byUser = new Map<string, string>();
  constructor(private readonly client: Pick<WebClient, 'conversations'>) {}

  known(userId: string): string | undefined {
    return this.byUser.get(userId);
  }

  async open(userId: string): Promise<string> {
    const hit = this.byUser.get(userId);
    if (hit) return hit;
    const res = await this.client.conversations.open({ users: userId });
    const id = res.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    if (this.byUser.size > 50_000) this.byUser.clear();
    this.byUser.set(userId, id);
    return id;
  }
}

export function encodeRef(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}
export function decodeRef(ref: string): { channel: string; ts: string } | undefined {
  const m = /^([A-Z0-9]+):(\d+\.\d+)$/.exec(ref);
  return m ? { channel: m[1]!, ts: m[2]! } : undefined;
}

/** Slack message metadata event type marking a scheduler send (its payload holds the delivery key). */
export const MARKER_EVENT = 'pccc_delivery';

export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;
  /**
   * Keyed (scheduler) sends go through a client that does not retry by itself: its own retry
   * after a 5xx would post again without looking. The scheduler retries, looking first.
   */
  private readonly keyedClient: Pick<WebClient, 'chat'>;

  constructor(
    private readonly client: Pick<WebClient, 'chat' | 'conversations'>,
    private readonly dms: DmChannels,
    keyedClient?: Pick<WebClient, 'chat'>,
  ) {
    this.keyedClient =
      keyedClient ??
      (client instanceof WebClient && client.token
        ? new WebClient(client.token, { slackApiUrl: client.slackApiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR })
        : client);
  }

  async sendDirect(userId: string, reply: Reply, opts: SendOptions = {}): Promise<{ ref: string }> {
    try {
      const channel = await this.dms.open(userId);
      if (opts.key && opts.recheck) {
        // An earlier attempt may have posted even though Slack answered 5xx or timed out.
        const found = await this.findMarked(channel, opts.key, opts.since);
        if (found) return { ref: encodeRef(channel, found) };
      }
      const { text, blocks } = renderReply(reply);
      const metadata = opts.key ? { event_type: MARKER_EVENT, event_payload: { key: opts.key } } : undefined;
      const res = await (opts.key ? this.keyedClient : this.client).chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false, ...(metadata ? { metadata } : {}) });
      if (!res.ts) throw new Error('chat.postMessage returned no ts');
      return { ref: encodeRef(res.channel ?? channel, res.ts) };
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
      await this.client.chat.delete({ channel: target.channel, ts: target.ts });
    } catch (err) {
      // Already gone (the user deleted it, or a retry after a lost response): done.
      if (slackErrorCode(err) === 'message_not_found') return;
      throw toDeliveryError(err);
    }
  }
}
