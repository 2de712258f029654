// Outcome → Slack calls. Decides per reply where it goes from the reply's visibility and the
// surface the user acted on: response_url (commands, buttons), a DM thread, chat.postEphemeral
// for a message in a channel, a modal for a form, the Messenger for a revealed code.
import type { Lang, Outcome, Place, Reply } from '../../core/types';
import type { Runtime } from './host';
import { renderModal, renderReply, type FormContext, type SlackMessage } from './render';
import { strings } from './strings';

export interface Surface {
  userId: string;
  place: Place;
  /** Channel the user acted in (command channel, DM with the bot, channel of a pasted code). */
  channelId?: string;
  /** Thread to answer in (DM questions are answered in their thread). */
  threadTs?: string;
  responseUrl?: string;
  /** Opens modals; valid about 3 s after `receivedAt`, once. */
  triggerId?: string;
  receivedAt: number;
}

/** trigger_ids expire after 3 s; leave room for the views.open round trip. */
export const TRIGGER_BUDGET_MS = 2500;

export async function deliver(rt: Runtime, outcome: Outcome, surface: Surface): Promise<void> {
  let triggerUsed = false;
  for (const reply of outcome.replies) {
    try {
      if (reply.sensitive) {
        await deliverSensitive(rt, reply, surface, outcome.lang);
      } else if (reply.form) {
        const canOpen = !triggerUsed && surface.triggerId && Date.now() - surface.receivedAt < TRIGGER_BUDGET_MS;
        if (canOpen && (await openForm(rt, reply, surface, outcome.lang))) {
          triggerUsed = true;
          continue;
        }
        const key = await rt.pending.put({
          userId: surface.userId,
          form: reply.form,
          leadText: reply.text,
          context: formContext(surface, reply.form.id, outcome.lang),
          lang: outcome.lang,
        });
        await post(rt, reply.visibility, renderReply(reply, { lang: outcome.lang, openFormValue: key }), surface);
      } else {
        await post(rt, reply.visibility, renderReply(reply, { lang: outcome.lang }), surface);
      }
    } catch (err) {
      // One failed reply must not drop the rest; never log the reply content.
      rt.log.warn({ err: errName(err), visibility: reply.visibility }, 'slack: could not deliver a reply');
    }
  }
}

export function formContext(surface: Surface, formId: string, lang?: Lang): FormContext {
  return {
    formId,
    place: surface.place,
    channelId: surface.channelId,
    threadTs: surface.threadTs,
    responseUrl: surface.responseUrl,
    lang,
  };
}

async function openForm(rt: Runtime, reply: Reply, surface: Surface, lang: Lang): Promise<boolean> {
  try {
    const view = renderModal(reply.form!, formContext(surface, reply.form!.id, lang), { lang, leadText: reply.text });
    await rt.client.views.open({ trigger_id: surface.triggerId!, view });
    return true;
  } catch (err) {
    rt.log.info({ err: errName(err) }, 'slack: views.open failed; offering a button instead');
    return false;
  }
}

/** A reveal: by DM through the core's private delivery; with DMs closed, only-you-see-it in place. */
async function deliverSensitive(rt: Runtime, reply: Reply, surface: Surface, lang: Lang): Promise<void> {
  const result = await rt.host.delivery.reveal('slack', surface.userId, reply);
  if (result === 'sent') return;
  const s = strings(lang);
  if (result === 'closed') {
    // As the design allows; never public, and ephemeral. The notification text stays the
    // generic one, so the code never reaches a preview even where a platform shows one.
    const fallback = renderReply({ ...reply, text: `${reply.text}\n\n${s.dmClosed}` }, { lang });
    if (await postEphemeralInPlace(rt, fallback, surface)) return;
    rt.log.warn({}, 'slack: DMs closed and no place to show a reveal');
  }
  await postEphemeralInPlace(rt, renderReply({ visibility: 'ephemeral', text: s.deliveryFailed }, { lang }), surface);
}

/** Only-the-user-sees-it in the place they acted; false when there is no such place. */
async function postEphemeralInPlace(rt: Runtime, msg: SlackMessage, surface: Surface): Promise<boolean> {
  if (surface.responseUrl) {
    await rt.postToResponseUrl(surface.responseUrl, { response_type: 'ephemeral', replace_original: false, ...msg });
    return true;
  }
  // In a channel or the bot's DM alike: ephemeral, since a normal message would last and show
  // in push previews.
  if (surface.channelId && (surface.place === 'channel' || surface.place === 'dm')) {
    await rt.client.chat.postEphemeral({
      channel: surface.channelId,
      user: surface.userId,
      ...msg,
      ...(surface.threadTs ? { thread_ts: surface.threadTs } : {}),
    });
    return true;
  }
  return false;
}

async function inDm(rt: Runtime, msg: SlackMessage, surface: Surface): Promise<void> {
  if (surface.responseUrl && !surface.threadTs) {
    // A command or button in the bot's DM: a normal message there.
    await rt.postToResponseUrl(surface.responseUrl, { response_type: 'in_channel', replace_original: false, ...msg });
    return;
  }
  const channel = surface.place === 'dm' && surface.channelId ? surface.channelId : await rt.dms.open(surface.userId);
  await rt.client.chat.postMessage({
    channel,
    ...msg,
    unfurl_links: false,
    ...(surface.threadTs && channel === surface.channelId ? { thread_ts: surface.threadTs } : {}),
  });
}

/** The same user, answered in the bot's DM with them (a new message, not a thread). */
function botDm(surface: Surface): Surface {
  return { ...surface, place: 'dm', channelId: undefined, threadTs: undefined, responseUrl: undefined };
}

async function post(rt: Runtime, visibility: Reply['visibility'], msg: SlackMessage, surface: Surface): Promise<void> {
  if (surface.place === 'dm') return inDm(rt, msg, surface);
  switch (visibility) {
    case 'dm':
      return inDm(rt, msg, botDm(surface));
    case 'public':
      if (surface.responseUrl) {
        await rt.postToResponseUrl(surface.responseUrl, {
          response_type: 'in_channel',
          replace_original: false,
          ...msg,
        });
        return;
      }
      if (surface.channelId) {
        await rt.client.chat.postMessage({
          channel: surface.channelId,
          ...msg,
          unfurl_links: false,
          ...(surface.threadTs ? { thread_ts: surface.threadTs } : {}),
        });
        return;
      }
      return inDm(rt, msg, { ...surface, place: 'dm', channelId: undefined, responseUrl: undefined });
    default:
      if (await postEphemeralInPlace(rt, msg, surface)) return;
      return inDm(rt, msg, botDm(surface));
  }
}

export function errName(err: unknown): string {
  const e = err as { code?: string; data?: { error?: string }; name?: string };
  return e?.data?.error ?? e?.code ?? e?.name ?? 'error';
}
