// Answers one interaction within Discord's 3-second window. A modal can only be the FIRST
// response, so the core is asked first; if it answers within `budgetMs` we respond
// directly (modal or message), otherwise we defer and edit the reply later. Modal
// submits are always deferred at once (the work behind them — PIN hashing, storage — may
// be slow, and a modal cannot answer a modal anyway).
import { DiscordAPIError } from 'discord.js';
import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import { DeliveryError } from '../../core/types';
import type { Form, Inbound, Lang, Outcome, Reply } from '../../core/types';
import { InteractionResponder } from './callback';
import type { DiscordHost } from './host';
import { buttonInbound, commandInbound, formInbound, placeOf } from './inbound';
import { coreLocale, STRINGS } from './locale';
import { MessageFlagsEphemeral, renderFormErrors, renderMessage, renderModal, type ApiMessage } from './render';
import { decodeId, stashedId } from './ids';
import type { Stash } from './stash';
import { interactionReplyRef } from './messenger';

type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export interface ResponderDeps {
  host: DiscordHost;
  stash: Stash;
  /** Time the core gets before we defer (Discord allows 3 s from creation, minus latency). */
  budgetMs: number;
  /** Forms we showed, per user + form id, to label form errors and offer "try again". */
  shownForms: Map<string, Form>;
  /** Pending deletions of ephemeral fallbacks; cleared on stop. */
  timers: Set<NodeJS.Timeout>;
}

const TIMEOUT = Symbol('timeout');
const SHOWN_FORMS_MAX = 5_000;
/** Interaction tokens live 15 minutes; an ephemeral fallback can be deleted until then. */
const TOKEN_LIFETIME_MS = 14 * 60_000;
/** Discord: an interaction token is valid 15 minutes from the interaction's creation. */
const INTERACTION_TOKEN_MS = 15 * 60_000;

function unavailable(lang: Lang): Outcome {
  return { lang, replies: [{ visibility: 'ephemeral', text: STRINGS.unavailable[lang] }] };
}

/** The core never throws by contract; this is the belt to those braces. */
async function ask(deps: ResponderDeps, event: Inbound, lang: Lang): Promise<Outcome> {
  try {
    return await deps.host.bot.handle(event);
  } catch (err) {
    deps.host.log.error({ err: err instanceof Error ? err.name : 'error', kind: event.kind }, 'discord: core failed');
    return unavailable(lang);
  }
}

function race<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), ms))),
  ]).finally(() => clearTimeout(timer));
}

export async function handleInteraction(interaction: Answerable, deps: ResponderDeps): Promise<void> {
  const lang: Lang = coreLocale(interaction.locale) ?? 'en';
  const ephemeral = placeOf(interaction) === 'channel';
  const respond = new InteractionResponder(interaction.client.rest, interaction);
  try {
    if (interaction.isModalSubmit()) {
      const event = formInbound(interaction);
      if (!event) return;
      await respond.defer(ephemeral);
      await deliver(interaction, respond, await ask(deps, event, lang), deps, { ephemeral, started: true });
      return;
    }

    let event: Inbound | undefined;
    if (interaction.isChatInputCommand()) {
      event = commandInbound(interaction);
    } else {
      // A stashed key may come from another process (shards across hosts, a restart).
      const id = decodeId(interaction.customId);
      if (id.kind === 'stashed') await deps.stash.load(id.key);
      const b = buttonInbound(interaction, deps.stash);
      if (b.kind === 'openForm') return await showForm(interaction, respond, b.form, deps);
      if (b.kind === 'expired') {
        await respond.reply({ content: STRINGS.formExpired[lang], flags: MessageFlagsEphemeral });
        return;
      }
      if (b.kind === 'event') event = b.event;
    }
    if (!event) return;

    const work = ask(deps, event, lang);
    const early = await race(work, deps.budgetMs);
    if (early === TIMEOUT) {
      await respond.defer(ephemeral);
      await deliver(interaction, respond, await work, deps, { ephemeral, started: true });
      return;
    }
    const formReply = early.formErrors ? undefined : early.replies.find((r) => r.form);
    if (formReply?.form) return await showForm(interaction, respond, formReply.form, deps);
    // A reveal needs a DM round trip before we know what to say: acknowledge first.
    const slow = early.replies.some((r) => r.sensitive);
    if (slow) await respond.defer(ephemeral);
    await deliver(interaction, respond, early, deps, { ephemeral, started: slow });
  } catch (err) {
    // Usually an expired interaction (10062) or a closed webhook: nothing to answer any more.
    const code = err instanceof DiscordAPIError ? err.code : undefined;
    deps.host.log.warn({ code, type: interaction.type }, 'discord: could not answer an interaction');
  }
}

async function showForm(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  respond: InteractionResponder,
  form: Form,
  deps: ResponderDeps,
): Promise<void> {
  const { modal, dropped } = renderModal(form);
  if (dropped.length)
    deps.host.log.warn(
      { formId: form.id, dropped: dropped.length },
      'discord: form has more fields than a modal can hold',
    );
  remember(deps, interaction.user.id, form);
  await respond.showModal(modal);
}

function remember(deps: ResponderDeps, userId: string, form: Form): void {
  const key = `${userId}:${form.id}`;
  deps.shownForms.delete(key);
  deps.shownForms.set(key, form);
  if (deps.shownForms.size > SHOWN_FORMS_MAX) deps.shownForms.delete(deps.shownForms.keys().next().value as string);
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
  deps: ResponderDeps,
  opts: { ephemeral: boolean; started: boolean },
): Promise<void> {
  const lang = outcome.lang;
  const ctx = { ephemeral: opts.ephemeral, lang, stash: deps.stash };
  const out: Outgoing[] = [];

  if (outcome.formErrors) {
    const submitted = interaction.isModalSubmit() ? decodeId(interaction.customId) : undefined;
    const formId = submitted?.kind === 'form' ? submitted.formId : undefined;
    const form =
      outcome.replies.find((r) => r.form)?.form ??
      (formId ? deps.shownForms.get(`${interaction.user.id}:${formId}`) : undefined);
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
            custom_id: stashedId(deps.stash.put({ kind: 'form', form })),
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
      const result = await revealPrivately(interaction.user.id, reply, deps, lang);
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
      if (fallback) await scheduleDelete(interaction, respond, '@original', deps);
    } else if (canUseOriginal) {
      await respond.editOriginal(message);
      originalUsed = true;
      if (fallback) await scheduleDelete(interaction, respond, '@original', deps);
    } else {
      const sent = await respond.followUp(fallback ? { ...message, flags: MessageFlagsEphemeral } : message);
      if (fallback) await scheduleDelete(interaction, respond, sent.id, deps);
    }
  }
  if (!originalUsed && opts.started) {
    // Only follow-ups went out (or nothing): don't leave "thinking…" behind.
    await respond
      .editOriginal({ content: out.length ? STRINGS.dmClosed[lang] : STRINGS.done[lang], components: [] })
      .catch(() => undefined);
  }
}

/**
 * Removal of the ephemeral fallback while the interaction token still lives: a durable job
 * (the token sealed in it) when the host offers one, so a restart in between still deletes
 * it; a process timer otherwise. If the job cannot be scheduled, the reply is deleted now.
 */
async function scheduleDelete(
  interaction: Answerable,
  respond: InteractionResponder,
  messageId: string,
  deps: ResponderDeps,
): Promise<void> {
  const ttlMs = deps.host.config.revealTtlSeconds * 1000;
  if (deps.host.deleteInteractionLater) {
    const expiresAt = new Date(interaction.createdTimestamp + INTERACTION_TOKEN_MS);
    try {
      await deps.host.deleteInteractionLater(
        'discord',
        interactionReplyRef(interaction.applicationId, interaction.token, messageId),
        Math.min(ttlMs, TOKEN_LIFETIME_MS) / 1000,
        expiresAt,
      );
      return;
    } catch (err) {
      deps.host.log.warn(
        { err: err instanceof Error ? err.name : 'error' },
        'discord: could not schedule the fallback deletion; deleting it now',
      );
      await respond.delete(messageId).catch(() => undefined);
      return;
    }
  }
  const timer = setTimeout(
    () => {
      deps.timers.delete(timer);
      respond.delete(messageId).catch(() => undefined);
    },
    Math.min(ttlMs, TOKEN_LIFETIME_MS),
  );
  timer.unref();
  deps.timers.add(timer);
}

async function revealPrivately(
  userId: string,
  reply: Reply,
  deps: ResponderDeps,
  lang: Lang,
): Promise<'sent' | 'closed' | 'failed'> {
  try {
    await deps.host.deliverPrivately('discord', userId, reply);
    return 'sent';
  } catch (err) {
    if (err instanceof DeliveryError && err.kind === 'permanent') return 'closed';
    deps.host.log.warn(
      { kind: err instanceof DeliveryError ? err.kind : 'error', lang },
      'discord: private delivery failed',
    );
    return 'failed';
  }
}
