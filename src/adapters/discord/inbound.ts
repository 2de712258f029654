// Discord events → the core's Inbound events. Small pure-ish functions that read only the
// few properties they need; they never log or inspect the user's text. And the core call
// itself (handleSafely), which cannot throw into discord.js.
import type { Inbound, Lang, Outcome, Place } from '../../core/types';
import { argsFor, COMMAND_NAME } from './definitions';
import { decodeId } from './ids';
import type { Runtime } from './host';
import { coreLocale, STRINGS } from './locale';
import type { PendingForms, Pending } from './forms';

interface InteractionLike {
  user: { id: string };
  guildId: string | null;
  locale?: string | null;
  /** Discord's interaction context: 0 guild, 1 the bot's DM, 2 a DM or group DM between people (user install). */
  context?: number | null;
}

/** BOT_DM context: the only place a reply may be a normal (non-ephemeral) message. */
const BOT_DM = 1;

/**
 * 'dm' only in the bot's own DM. A user-installed command used in a DM between two people
 * (context 2) has no guild either, but the other person would see a normal reply there.
 */
export function placeOf(i: { guildId: string | null; context?: number | null }): Place {
  if (i.context !== undefined && i.context !== null) return i.context === BOT_DM ? 'dm' : 'channel';
  return i.guildId ? 'channel' : 'dm';
}

function base(i: InteractionLike) {
  const locale = coreLocale(i.locale);
  return { user: { platform: 'discord' as const, id: i.user.id }, place: placeOf(i), ...(locale ? { locale } : {}) };
}

interface CommandOptionLike {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly CommandOptionLike[];
}

/** `/pccc <sub> [option]` → CommandEvent; undefined for a command that is not ours. */
export function commandInbound(
  i: InteractionLike & { commandName: string; options: { data: readonly CommandOptionLike[] } },
): Inbound | undefined {
  if (i.commandName !== COMMAND_NAME) return undefined;
  const sub = i.options.data[0];
  if (!sub) return { ...base(i), kind: 'command', args: '' };
  const opt = sub.options?.find((o) => typeof o.value === 'string');
  return { ...base(i), kind: 'command', args: argsFor(sub.name, opt?.value as string | undefined) };
}

export type ButtonResult =
  | { kind: 'event'; event: Inbound }
  | { kind: 'openForm'; form: Extract<Pending, { kind: 'form' }>['form'] }
  | { kind: 'expired' }
  | { kind: 'foreign' };

/** A button click → ActionEvent, or a pending form to open, or "expired". */
export function buttonInbound(i: InteractionLike & { customId: string }, forms: PendingForms): ButtonResult {
  const id = decodeId(i.customId);
  if (id.kind === 'action') return actionEvent(i, id);
  if (id.kind === 'pending') {
    const item = forms.get(id.key);
    if (!item) return { kind: 'expired' };
    if (item.kind === 'form') return { kind: 'openForm', form: item.form };
    return actionEvent(i, item);
  }
  return { kind: 'foreign' };
}

/** The action a button names, in its id or kept in the pending forms. */
function actionEvent(i: InteractionLike, { actionId, value }: { actionId: string; value?: string }): ButtonResult {
  return { kind: 'event', event: { ...base(i), kind: 'action', actionId, ...(value !== undefined ? { value } : {}) } };
}

/** A modal submit → FormEvent with values keyed by field id (the text inputs' custom ids). */
export function formInbound(
  i: InteractionLike & { customId: string; fields: { fields: Iterable<[string, object]> } },
): Inbound | undefined {
  const id = decodeId(i.customId);
  if (id.kind !== 'form') return undefined;
  const values: Record<string, string> = {};
  for (const [key, field] of i.fields.fields) {
    const value = (field as { value?: unknown }).value;
    if (typeof value === 'string') values[key] = value;
  }
  return { ...base(i), kind: 'form', formId: id.formId, values };
}

/** A DM to the bot → MessageEvent. Bots, guild messages and empty messages are ignored. */
export function messageInbound(m: {
  author: { id: string; bot: boolean };
  guildId: string | null;
  content: string;
}): Inbound | undefined {
  if (m.author.bot || m.guildId || !m.content.trim()) return undefined;
  return { user: { platform: 'discord', id: m.author.id }, place: 'dm', kind: 'message', text: m.content };
}

/** The core never throws by contract; if it does anyway, the user still gets an answer. */
export async function handleSafely(rt: Runtime, event: Inbound, lang: Lang): Promise<Outcome> {
  try {
    return await rt.host.bot.handle(event);
  } catch (err) {
    rt.host.log.error({ err: err instanceof Error ? err.name : 'error', kind: event.kind }, 'discord: core failed');
    return { lang, replies: [{ visibility: 'ephemeral', text: STRINGS.unavailable[lang] }] };
  }
}
