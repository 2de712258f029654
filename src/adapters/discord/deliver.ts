// Outcome → Discord. An interaction is answered within Discord's 3-second window. A modal can only be the FIRST
// response, so the core is asked first; if it answers within `budgetMs` we respond
// directly (modal or message), otherwise we defer and edit the reply later. Modal
// submits are always deferred at once (the work behind them — PIN hashing, storage — may
// be slow, and a modal cannot answer a modal anyway). A DM to the bot is answered in the DM.
// A reveal goes through the core's private delivery; with DMs closed it is shown here,
// ephemeral, and its deletion is scheduled by the same service.
import { DiscordAPIError, Routes } from 'discord.js';
import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Client,
  Message,
  ModalSubmitInteraction,
} from 'discord.js';
import type { Form, Inbound, Lang, Outcome } from '../../core/types';
import { within } from '../adapter';
import type { Runtime } from './host';
import { buttonInbound, commandInbound, formInbound, handleSafely, messageInbound, placeOf } from './inbound';
import { coreLocale, STRINGS } from './locale';
import { MessageFlagsEphemeral, renderFormErrors, renderMessage, renderModal, type ApiMessage } from './render';
import { decodeId, pendingId } from './ids';
import { InteractionResponder, interactionReplyRef } from './messenger';

type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

const SHOWN_FORMS_MAX = 5_000;
/** Discord: an interaction token is valid 15 minutes from the interaction's creation. */
const INTERACTION_TOKEN_MS = 15 * 60_000;

export async function handleInteraction(interaction: Answerable, rt: Runtime): Promise<void> {
  const lang: Lang = coreLocale(interaction.locale) ?? 'en';
  const ephemeral = placeOf(interaction) === 'channel';
  const respond = new InteractionResponder(interaction.client.rest, interaction);
  try {
    if (interaction.isModalSubmit()) {
      const event = formInbound(interaction);
      if (!event) return;
      await respond.defer(ephemeral);
      await deliver(interaction, respond, await handleSafely(rt, event, lang), rt, { ephemeral, started: true });
      return;
    }

    let event: Inbound | undefined;
    if (interaction.isChatInputCommand()) {
      event = commandInbound(interaction);
    } else {
      // A pending key may come from another process (shards across hosts, a restart).
      const id = decodeId(interaction.customId);
      if (id.kind === 'pending') await rt.forms.load(id.key);
      const b = buttonInbound(interaction, rt.forms);
      if (b.kind === 'openForm') return await showForm(interaction, respond, b.form, rt);
      if (b.kind === 'expired') {
        await respond.reply({ content: STRINGS.formExpired[lang], flags: MessageFlagsEphemeral });
        return;
      }
      if (b.kind === 'event') event = b.event;
    }
    if (!event) return;

    const work = handleSafely(rt, event, lang);
    const early = await within(work, rt.budgetMs);
    if (!early) {
      await respond.defer(ephemeral);
      await deliver(interaction, respond, await work, rt, { ephemeral, started: true });
      return;
    }
    const formReply = early.formErrors ? undefined : early.replies.find((r) => r.form);
    if (formReply?.form) return await showForm(interaction, respond, formReply.form, rt);
    // A reveal needs a DM round trip before we know what to say: acknowledge first.
    const slow = early.replies.some((r) => r.sensitive);
    if (slow) await respond.defer(ephemeral);
    await deliver(interaction, respond, early, rt, { ephemeral, started: slow });
  } catch (err) {
    // Usually an expired interaction (10062) or a closed webhook: nothing to answer any more.
    const code = err instanceof DiscordAPIError ? err.code : undefined;
    rt.host.log.warn({ code, type: interaction.type }, 'discord: could not answer an interaction');
  }
}

async function showForm(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  respond: InteractionResponder,
  form: Form,
  rt: Runtime,
): Promise<void> {
  const { modal, dropped } = renderModal(form);
  if (dropped.length)
    rt.host.log.warn(
      { formId: form.id, dropped: dropped.length },
      'discord: form has more fields than a modal can hold',
    );
  remember(rt, interaction.user.id, form);
  await respond.showModal(modal);
}

function remember(rt: Runtime, userId: string, form: Form): void {
  const key = `${userId}:${form.id}`;
  rt.shownForms.delete(key);
  rt.shownForms.set(key, form);
  if (rt.shownForms.size > SHOWN_FORMS_MAX) rt.shownForms.delete(rt.shownForms.keys().next().value as string);
}

interface Outgoing {
  message: ApiMessage;
  /** The revealed code shown in place because DMs are closed: ephemeral and deleted later. */
  fallback?: boolean;
}

/** Sends an outcome: the first message as the interaction's reply, the rest as follow-ups. */
async function deliver(
  interaction: Answerable,
  respond: InteractionResponder,
  outcome: Outcome,
  rt: Runtime,
  opts: { ephemeral: boolean; started: boolean },
): Promise<void> {
  const lang = outcome.lang;
  const ctx = { ephemeral: opts.ephemeral, lang, forms: rt.forms };
  const out: Outgoing[] = [];

  if (outcome.formErrors) {
    const submitted = interaction.isModalSubmit() ? decodeId(interaction.customId) : undefined;
    const formId = submitted?.kind === 'form' ? submitted.formId : undefined;
    const form =
      outcome.replies.find((r) => r.form)?.form ??
      (formId ? rt.shownForms.get(`${interaction.user.id}:${formId}`) : undefined);
    const msg: ApiMessage = {
      content: renderFormErrors(outcome.formErrors, lang, form),
      components: [],
      allowed_mentions: { parse: [] },
      flags: MessageFlagsEphemeral,
    };
    if (form)
      msg.components.push({
        type: 1,
        components: [
          {
            type: 2,
            style: 1,
            label: STRINGS.tryAgain[lang],
            custom_id: pendingId(rt.forms.put({ kind: 'form', form })),
          },
        ],
      });
    // The core's own reply repeats the same messages; one list is clearer.
    out.push({ message: msg });
  } else {
    for (const reply of outcome.replies) {
      if (!reply.sensitive) {
        out.push({ message: renderMessage(reply, ctx) });
        continue;
      }
      // The core follows a reveal with its own "sent by DM" line; that only holds if it was.
      const result = await rt.host.delivery.reveal('discord', interaction.user.id, reply);
      if (result === 'sent') continue;
      if (result === 'closed')
        out.push({
          fallback: true,
          message: renderMessage(
            { ...reply, notification: undefined, text: `${STRINGS.dmClosed[lang]}\n\n${reply.text}` },
            { ...ctx, ephemeral: true },
          ),
        });
      else out.push({ message: renderMessage({ visibility: 'ephemeral', text: STRINGS.unavailable[lang] }, ctx) });
      break;
    }
  }

  // The original response is private when deferred/sent ephemeral; a fallback may only
  // take its place then, otherwise it goes out as its own ephemeral follow-up.
  let originalUsed = false;
  for (const { message, fallback } of out) {
    const canUseOriginal = !originalUsed && (!fallback || opts.ephemeral || !opts.started);
    if (canUseOriginal && !opts.started) {
      await respond.reply(fallback ? { ...message, flags: MessageFlagsEphemeral } : message);
      originalUsed = true;
      if (fallback) await scheduleDelete(interaction, respond, '@original', rt);
    } else if (canUseOriginal) {
      await respond.editOriginal(message);
      originalUsed = true;
      if (fallback) await scheduleDelete(interaction, respond, '@original', rt);
    } else {
      const sent = await respond.followUp(fallback ? { ...message, flags: MessageFlagsEphemeral } : message);
      if (fallback) await scheduleDelete(interaction, respond, sent.id, rt);
    }
  }
  if (!originalUsed && opts.started) {
    // Only follow-ups went out (or nothing): don't leave "thinking…" behind.
    await respond
      .editOriginal({ content: out.length ? STRINGS.dmClosed[lang] : STRINGS.done[lang], components: [] })
      .catch(() => undefined);
  }
}

/** The ephemeral fallback is deleted by the core's private delivery while the token lives. */
async function scheduleDelete(
  interaction: Answerable,
  respond: InteractionResponder,
  messageId: string,
  rt: Runtime,
): Promise<void> {
  await rt.host.delivery.deleteFallbackLater(
    'discord',
    interactionReplyRef(interaction.applicationId, interaction.token, messageId),
    new Date(interaction.createdTimestamp + INTERACTION_TOKEN_MS),
    () => respond.delete(messageId),
  );
}

/** Free text in a DM: answered in the same DM. The text is never logged or echoed raw. */
export async function answerDirectMessage(message: Message, client: Client, rt: Runtime): Promise<void> {
  const event = messageInbound(message);
  if (!event || message.author.id === client.user?.id) return;
  try {
    const outcome = await rt.host.bot.handle(event);
    for (const reply of outcome.replies) {
      if (reply.sensitive) {
        // Closed DMs cannot be answered here either; a failure is logged by the delivery.
        await rt.host.delivery.reveal('discord', message.author.id, reply);
        continue;
      }
      const body = renderMessage(reply, { ephemeral: false, lang: outcome.lang, forms: rt.forms });
      await client.rest.post(Routes.channelMessages(message.channelId), { body });
    }
  } catch (err) {
    rt.host.log.warn({ err: err instanceof Error ? err.name : 'error' }, 'discord: could not answer a DM');
  }
}
