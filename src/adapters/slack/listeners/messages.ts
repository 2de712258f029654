// Free text: DM questions (answered in their thread) and @mentions. In channels the bot only
// speaks up when someone pasted a customs code, so it can warn them privately; the text itself
// is never echoed or logged (the core answers with the masked form).
import type { App } from '@slack/bolt';
import { findCodes } from '../../../core/code';
import type { Runtime } from '../host';
import { deliver } from '../deliver';
import { handleSafely } from '../inbound';

export interface IncomingMessage {
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
}

/** Why a message is not for the bot, or undefined when it is. Edits, joins and bots are never answered (no loops). */
export function skipReason(m: IncomingMessage, botUserId: string | undefined): string | undefined {
  if (m.subtype) return 'subtype';
  if (m.bot_id) return 'bot';
  if (!m.user || m.user === botUserId) return 'self';
  if (!m.text?.trim()) return 'empty';
  if (m.channel_type === 'im') return undefined;
  // Channels: a mention is handled by app_mention; otherwise only a pasted code matters.
  if (botUserId && m.text.includes(`<@${botUserId}>`)) return 'mention';
  return findCodes(m.text).length > 0 ? undefined : 'chatter';
}

export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function runMessage(rt: Runtime, m: IncomingMessage, opts: { mention: boolean }): Promise<void> {
  const userId = m.user!;
  const dm = m.channel_type === 'im';
  const place = dm ? 'dm' : 'channel';
  const locale = await rt.locales.get(userId);
  const text = opts.mention ? stripMentions(m.text ?? '') : (m.text ?? '');
  const user = { platform: 'slack' as const, id: userId };
  // A bare "@pccc" is a request for help: the core's answer to an empty command.
  const outcome = await handleSafely(
    rt,
    text ? { kind: 'message', text, user, place, locale } : { kind: 'command', args: '', user, place, locale },
  );
  // DMs and mentions are answered in the message's thread; a pasted code only in its own thread if it had one.
  const threadTs = dm || opts.mention ? (m.thread_ts ?? m.ts) : m.thread_ts;
  await deliver(rt, outcome, { userId, place, channelId: m.channel, threadTs, receivedAt: Date.now() });
}

export function registerMessages(bolt: App, rt: Runtime): void {
  bolt.event('message', async ({ event, context }) => {
    const m = event as unknown as IncomingMessage;
    if (skipReason(m, context.botUserId)) return;
    await runMessage(rt, m, { mention: false });
  });
  bolt.event('app_mention', async ({ event, context }) => {
    const m = event as unknown as IncomingMessage;
    if (m.subtype || m.bot_id || !m.user || m.user === context.botUserId) return;
    await runMessage(rt, { ...m, channel_type: 'channel' }, { mention: true });
  });
}
