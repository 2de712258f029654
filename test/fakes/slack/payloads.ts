// Request bodies shaped like Slack's (slash command, Events API envelopes, block_actions,
// view_submission), so Bolt parses them exactly as in production.
import { randomUUID } from 'node:crypto';
import { FAKE_BOT_USER_ID, FAKE_TEAM_ID } from './api';

export const APP_ID = 'AFAKEAPP';
let counter = 0;
const id = (prefix: string) =>
  `${prefix}${Date.now().toString(36).toUpperCase()}${(++counter).toString(36).toUpperCase()}`;
export const triggerId = () => `${++counter}.1234.${randomUUID().replace(/-/g, '')}`;
export const messageTs = () => `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;

export function slashCommand(o: {
  user: string;
  channel: string;
  text: string;
  responseUrl: string;
  triggerId?: string;
  channelName?: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM_ID,
    team_domain: 'fake',
    channel_id: o.channel,
    channel_name: o.channelName ?? (o.channel.startsWith('D') ? 'directmessage' : 'general'),
    user_id: o.user,
    user_name: 'someone',
    command: '/pccc',
    text: o.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: o.triggerId ?? triggerId(),
  };
}

export function eventEnvelope(event: Record<string, unknown>, eventId = id('Ev')): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: FAKE_TEAM_ID,
        user_id: FAKE_BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

export function messageEvent(o: {
  user?: string;
  channel: string;
  channelType: 'im' | 'channel' | 'group' | 'mpim';
  text: string;
  ts?: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
}): Record<string, unknown> {
  const ts = o.ts ?? messageTs();
  return {
    type: 'message',
    ...(o.subtype ? { subtype: o.subtype } : {}),
    ...(o.user ? { user: o.user } : {}),
    ...(o.botId ? { bot_id: o.botId } : {}),
    text: o.text,
    ts,
    ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    channel: o.channel,
    channel_type: o.channelType,
    event_ts: ts,
    team: FAKE_TEAM_ID,
  };
}

export function appMention(o: { user: string; channel: string; text: string; ts?: string }): Record<string, unknown> {
  const ts = o.ts ?? messageTs();
  return { type: 'app_mention', user: o.user, text: o.text, ts, channel: o.channel, event_ts: ts, team: FAKE_TEAM_ID };
}

export function appHomeOpened(user: string, tab: 'home' | 'messages' = 'home'): Record<string, unknown> {
  return { type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab, event_ts: messageTs() };
}

export interface ButtonSource {
  /** Message the button is on (channel/DM), or the Home tab. */
  kind: 'message' | 'home';
  channel?: string;
  messageTs?: string;
  ephemeral?: boolean;
}

export function blockActions(o: {
  user: string;
  actionId: string;
  value?: string;
  label?: string;
  source: ButtonSource;
  responseUrl?: string;
  triggerId?: string;
}): Record<string, unknown> {
  const action = {
    type: 'button',
    action_id: o.actionId,
    block_id: 'b1',
    text: { type: 'plain_text', text: o.label ?? 'button', emoji: true },
    ...(o.value !== undefined ? { value: o.value } : {}),
    action_ts: messageTs(),
  };
  const base = {
    type: 'block_actions',
    user: { id: o.user, username: 'someone', name: 'someone', team_id: FAKE_TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: o.triggerId ?? triggerId(),
    team: { id: FAKE_TEAM_ID, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  if (o.source.kind === 'home') {
    return {
      ...base,
      container: { type: 'view', view_id: 'VHOME' },
      view: {
        id: 'VHOME',
        type: 'home',
        blocks: [],
        state: { values: {} },
        private_metadata: '',
        callback_id: '',
        hash: 'h',
        app_id: APP_ID,
        team_id: FAKE_TEAM_ID,
        bot_id: 'BFAKEBOT',
      },
    };
  }
  return {
    ...base,
    container: {
      type: 'message',
      message_ts: o.source.messageTs ?? messageTs(),
      channel_id: o.source.channel,
      is_ephemeral: o.source.ephemeral ?? false,
    },
    channel: { id: o.source.channel, name: o.source.channel!.startsWith('D') ? 'directmessage' : 'general' },
    ...(o.responseUrl ? { response_url: o.responseUrl } : {}),
    message: { type: 'message', ts: o.source.messageTs ?? messageTs(), text: 'x' },
  };
}

/** A view as the user submits it: the opened view plus state.values filled from `values` (by block_id). */
export function viewSubmission(o: {
  user: string;
  viewId: string;
  view: Record<string, any>;
  values: Record<string, string>;
}): Record<string, unknown> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of (o.view.blocks ?? []) as Array<Record<string, any>>) {
    if (b.type !== 'input') continue;
    values[b.block_id] = { [b.element.action_id]: { type: 'plain_text_input', value: o.values[b.block_id] ?? null } };
  }
  return {
    type: 'view_submission',
    team: { id: FAKE_TEAM_ID, domain: 'fake' },
    user: { id: o.user, username: 'someone', name: 'someone', team_id: FAKE_TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: triggerId(),
    view: {
      id: o.viewId,
      team_id: FAKE_TEAM_ID,
      type: 'modal',
      ...o.view,
      state: { values },
      hash: `h${++counter}`,
      previous_view_id: null,
      root_view_id: o.viewId,
      app_id: APP_ID,
      bot_id: 'BFAKEBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
