// Reply → Discord payloads. Pure: no network, no discord.js objects. Limits are Discord's
// (content 2000, 5 rows × 5 buttons, label 80, modal title/label 45, 5 modal components).
import { escapeMarkdown } from 'discord.js';
import type { Form, Lang, Reply } from '../../core/types';
import { buttonId, modalId, pendingId } from './ids';
import { STRINGS } from './locale';
import type { PendingForms } from './forms';

export const CONTENT_MAX = 2000;
const ROWS_MAX = 5;
const PER_ROW = 5;
const MODAL_COMPONENTS_MAX = 5;

export const MessageFlagsEphemeral = 1 << 6;

export interface ApiButton {
  type: 2;
  style: 1 | 2 | 4 | 5;
  label: string;
  custom_id?: string;
  url?: string;
}
export interface ApiRow {
  type: 1;
  components: ApiButton[];
}
/** A message body in Discord API shape (snake_case), valid for channel messages and webhooks. */
export interface ApiMessage {
  content: string;
  /** Used for sensitive replies: the body, with the secret behind a spoiler, out of the notification. */
  embeds?: { description: string }[];
  components: ApiRow[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * Everything the core says is literal text (goods names from UNI-PASS are written by shippers):
 * every markdown construct is escaped, masked links included, so "[Refund](https://…)" stays text.
 */
export function escapeText(s: string): string {
  // discord.js escapes `*` in pairs; an odd run (a masked code's 7 stars) keeps a bare one, so
  // every star left unescaped is escaped here too.
  return escapeMarkdown(s, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }).replace(
    /(?<!\\)\*/g,
    '\\*',
  );
}

/** Title and fields the plain text does not already contain, then the text. */
export function renderContent(reply: Reply): string {
  const parts: string[] = [];
  if (reply.title && !reply.text.includes(reply.title)) parts.push(`**${escapeText(reply.title)}**`);
  parts.push(escapeText(reply.text));
  const extra = (reply.fields ?? []).filter((f) => !reply.text.includes(f.value));
  if (extra.length) parts.push(extra.map((f) => `**${escapeText(f.label)}**: ${escapeText(f.value)}`).join('\n'));
  return clip(parts.join('\n'), CONTENT_MAX);
}

/** A sensitive reply's body: escaped text with the secret as a spoiler. */
function secretBody(reply: Reply): string {
  const text = escapeText(reply.text);
  const secret = reply.secret ? escapeText(reply.secret) : undefined;
  return clip(secret && text.includes(secret) ? text.split(secret).join(`||${secret}||`) : text, 4096);
}

export interface RenderContext {
  ephemeral: boolean;
  lang: Lang;
  forms: PendingForms;
}

/** A reply as a message. A `form` becomes an "open the form" button (a modal cannot follow a message). */
export function renderMessage(reply: Reply, ctx: RenderContext): ApiMessage {
  const buttons: ApiButton[] = [];
  if (reply.form) {
    buttons.push({
      type: 2,
      style: 1,
      label: clip(STRINGS.openForm[ctx.lang], 80),
      custom_id: pendingId(ctx.forms.put({ kind: 'form', form: reply.form })),
    });
  }
  for (const b of reply.buttons ?? []) {
    const custom_id =
      buttonId(b.id, b.value) ?? pendingId(ctx.forms.put({ kind: 'action', actionId: b.id, value: b.value }));
    buttons.push({
      type: 2,
      style: b.style === 'danger' ? 4 : b.style === 'primary' ? 1 : 2,
      label: clip(b.label, 80),
      custom_id,
    });
  }
  for (const l of reply.links ?? []) {
    if (/^https?:\/\//.test(l.url)) buttons.push({ type: 2, style: 5, label: clip(l.label, 80), url: l.url });
  }
  const components: ApiRow[] = [];
  for (let i = 0; i < buttons.length && components.length < ROWS_MAX; i += PER_ROW) {
    components.push({ type: 1, components: buttons.slice(i, i + PER_ROW) });
  }
  // Sensitive: the notification (push/lock-screen preview) says only "here is what you asked for".
  const msg: ApiMessage = reply.notification
    ? {
        content: clip(escapeText(reply.notification), CONTENT_MAX),
        embeds: [{ description: secretBody(reply) }],
        components,
        allowed_mentions: { parse: [] },
      }
    : { content: renderContent(reply), components, allowed_mentions: { parse: [] } };
  if (ctx.ephemeral) msg.flags = MessageFlagsEphemeral;
  return msg;
}

export interface ApiModal {
  custom_id: string;
  title: string;
  components: Array<
    | { type: 10; content: string }
    | {
        type: 18;
        label: string;
        description?: string;
        component: {
          type: 4;
          custom_id: string;
          style: 1 | 2;
          required: boolean;
          placeholder?: string;
          min_length?: number;
          max_length?: number;
        };
      }
  >;
}

/**
 * A form as a modal: one labelled text input per field (secret fields too: the modal is
 * private to the user), plus the intro as a text block when there is room. Discord allows
 * five top-level components; fields beyond five cannot be shown and are reported.
 */
export function renderModal(form: Form): { modal: ApiModal; dropped: string[] } {
  const fields = form.fields.slice(0, MODAL_COMPONENTS_MAX);
  const dropped = form.fields.slice(MODAL_COMPONENTS_MAX).map((f) => f.id);
  const components: ApiModal['components'] = [];
  if (form.intro && fields.length < MODAL_COMPONENTS_MAX)
    components.push({ type: 10, content: clip(form.intro, 4000) });
  for (const f of fields) {
    const input: ApiModal['components'][number] & { type: 18 } = {
      type: 18,
      label: clip(f.label, 45),
      component: { type: 4, custom_id: f.id, style: 1, required: !f.optional },
    };
    if (f.hint) input.description = clip(f.hint, 100);
    if (f.placeholder) input.component.placeholder = clip(f.placeholder, 100);
    if (f.minLength !== undefined) input.component.min_length = Math.max(0, Math.min(4000, f.minLength));
    if (f.maxLength !== undefined) input.component.max_length = Math.max(1, Math.min(4000, f.maxLength));
    components.push(input);
  }
  return { modal: { custom_id: modalId(form.id), title: clip(form.title, 45), components }, dropped };
}

/** Outcome.formErrors as one clear message: what to fix, per field, and that nothing was stored. */
export function renderFormErrors(errors: Record<string, string>, lang: Lang, form?: Form): string {
  const label = (id: string) => form?.fields.find((f) => f.id === id)?.label ?? id;
  const lines = Object.entries(errors).map(([id, msg]) => `• **${label(id)}**: ${msg}`);
  return clip([STRINGS.fixThese[lang], ...lines].join('\n'), CONTENT_MAX);
}
