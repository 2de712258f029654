// Reply → Block Kit, pure. Every message also carries the full plain-text `text` (notifications,
// screen readers, clients without blocks). Slack's limits are enforced here, not hoped for:
// ≤ 50 blocks per message (100 per view), section text ≤ 3000, ≤ 10 fields, ≤ 25 elements
// per actions block, button text ≤ 75, modal title/submit/close ≤ 24, unique action_ids.
import type { types } from '@slack/bolt';
import type { Form, Lang, Reply } from '../../core/types';
import { homeShortcuts } from '../../core/commands';
import { strings } from './strings';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;
type HomeView = types.HomeView;
type ButtonElement = types.Button;

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  headerText: 150,
  contextElements: 10,
  modalTitle: 24,
  messageText: 40_000,
  privateMetadata: 3000,
  placeholder: 150,
  label: 2000,
  hint: 2000,
} as const;

/** The callback_id of every form modal this adapter opens. */
export const FORM_CALLBACK_ID = 'pccc_form';
/** action_id of a plain-text input inside an input block (block_id = field id). */
export const INPUT_ACTION_ID = 'value';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Cuts `s` to at most `max` UTF-16 units, ending with … when cut (never splits a surrogate pair). */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut -= 1;
  return `${s.slice(0, cut)}…`;
}

/** mrkdwn treats & < > as control characters; everything from the core is literal text. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Splits text into chunks ≤ max, preferring paragraph, then line, then word boundaries. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let at = window.lastIndexOf('\n\n');
    if (at < max / 2) at = window.lastIndexOf('\n');
    if (at < max / 2) at = window.lastIndexOf(' ');
    if (at < max / 2) at = max;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^\s+/, '');
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
}

const chunk = <T>(xs: T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

// ---- action ids -------------------------------------------------------------------------
// Slack needs action_ids unique per message; the core's button ids need not be. The prefix
// tells the three kinds apart: a core button, "open the pending form", a Home shortcut.
export type ParsedAction = { kind: 'core'; id: string } | { kind: 'open_form' } | { kind: 'command' };

export const actionId = {
  core: (index: number, id: string) => `c:${index}:${id}`,
  openForm: (index: number) => `f:${index}`,
  command: (index: number) => `h:${index}`,
};

export function parseActionId(raw: string): ParsedAction | undefined {
  const m = /^([cfh]):(\d+)(?::([\s\S]*))?$/.exec(raw);
  if (!m) return undefined;
  if (m[1] === 'c') return m[3] ? { kind: 'core', id: m[3] } : undefined;
  return m[1] === 'f' ? { kind: 'open_form' } : { kind: 'command' };
}

// ---- messages ---------------------------------------------------------------------------
export interface RenderOptions {
  lang?: Lang;
  /** When the reply has a form that can't be opened right now: value for an "open form" button. */
  openFormValue?: string;
  maxBlocks?: number;
  /** First index used in this reply's action_ids (several replies on one surface stay unique). */
  indexBase?: number;
}

function button(text: string, action_id: string, value?: string, style?: 'primary' | 'danger'): ButtonElement {
  const b: ButtonElement = {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text || '·', LIMITS.buttonText), emoji: true },
    action_id,
  };
  if (value !== undefined) b.value = truncate(value, LIMITS.buttonValue);
  if (style) b.style = style;
  return b;
}

/** The body blocks of a reply (no size cap applied). */
function replyBlocks(reply: Reply, opts: RenderOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (reply.title) {
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: truncate(reply.title, LIMITS.headerText), emoji: true },
    });
  }
  const body = reply.text.trim();
  if (body) {
    for (const part of splitText(escapeMrkdwn(body), LIMITS.sectionText)) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part, verbatim: true } });
    }
  }
  const fields = (reply.fields ?? []).filter((f) => f.label || f.value);
  for (const group of chunk(fields, LIMITS.fields)) {
    blocks.push({
      type: 'section',
      fields: group.map((f) => ({
        type: 'mrkdwn' as const,
        text: truncate(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.fieldText),
        verbatim: true,
      })),
    });
  }
  const elements: ButtonElement[] = (reply.buttons ?? []).map((b, i) =>
    button(b.label, actionId.core((opts.indexBase ?? 0) + i, b.id), b.value, b.style),
  );
  if (reply.form && opts.openFormValue !== undefined) {
    elements.unshift(
      button(
        strings(opts.lang).openForm,
        actionId.openForm((opts.indexBase ?? 0) + elements.length),
        opts.openFormValue,
        'primary',
      ),
    );
  }
  for (const group of chunk(elements, LIMITS.actionsElements)) blocks.push({ type: 'actions', elements: group });
  const links = (reply.links ?? []).filter((l) => /^https?:\/\//i.test(l.url));
  for (const group of chunk(links, LIMITS.contextElements)) {
    blocks.push({
      type: 'context',
      elements: group.map((l) => ({
        type: 'mrkdwn' as const,
        text: truncate(
          `<${l.url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(l.label).replace(/\|/g, '¦')}>`,
          LIMITS.sectionText,
        ),
      })),
    });
  }
  return blocks;
}

/** Keeps at most `max` blocks; when cut, the last one says so (the text fallback stays complete). */
function capBlocks(blocks: KnownBlock[], max: number, lang: Lang | undefined): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  // Keep buttons reachable: drop body blocks before actions blocks.
  const actions = blocks.filter((b) => b.type === 'actions');
  const keepActions = actions.slice(0, Math.max(0, Math.min(actions.length, max - 2)));
  const room = max - 1 - keepActions.length;
  const body = blocks.filter((b) => b.type !== 'actions').slice(0, room);
  return [...body, { type: 'context', elements: [{ type: 'mrkdwn', text: strings(lang).truncated }] }, ...keepActions];
}

export function renderReply(reply: Reply, opts: RenderOptions = {}): SlackMessage {
  const blocks = capBlocks(replyBlocks(reply, opts), opts.maxBlocks ?? LIMITS.messageBlocks, opts.lang);
  // A sensitive reply's notification text keeps the secret out of push/lock-screen previews.
  const full = reply.title && !reply.text.startsWith(reply.title) ? `${reply.title}\n${reply.text}` : reply.text;
  const text = truncate(reply.notification ?? full, LIMITS.messageText) || '·';
  return { text, blocks };
}

// ---- modals ----------------------------------------------------------------------------
/** What a modal remembers between open and submit. Ids and routing only — never secrets. */
export interface FormContext {
  formId: string;
  place: 'dm' | 'channel';
  channelId?: string;
  threadTs?: string;
  responseUrl?: string;
  lang?: Lang;
}

export function encodeFormContext(ctx: FormContext): string {
  const compact = { f: ctx.formId, p: ctx.place, c: ctx.channelId, t: ctx.threadTs, r: ctx.responseUrl, l: ctx.lang };
  let s = JSON.stringify(compact);
  if (s.length > LIMITS.privateMetadata) s = JSON.stringify({ ...compact, r: undefined });
  return s;
}

export function decodeFormContext(raw: string | undefined): FormContext | undefined {
  if (!raw) return undefined;
  try {
    const o = JSON.parse(raw) as Record<string, unknown>;
    if (typeof o.f !== 'string' || (o.p !== 'dm' && o.p !== 'channel')) return undefined;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const lang = o.l === 'en' || o.l === 'ko' ? o.l : undefined;
    return { formId: o.f, place: o.p, channelId: str(o.c), threadTs: str(o.t), responseUrl: str(o.r), lang };
  } catch {
    return undefined;
  }
}

export interface ModalOptions {
  lang?: Lang;
  /** Text shown above the inputs when the form has no intro of its own (e.g. the reply's notice). */
  leadText?: string;
  /** Messages shown at the top (a late validation result that could not be shown inline). */
  errors?: string[];
}

export function renderModal(form: Form, ctx: FormContext, opts: ModalOptions = {}): ModalView {
  const s = strings(opts.lang);
  const blocks: KnownBlock[] = [];
  if (opts.errors?.length) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          escapeMrkdwn([s.tryAgainErrors, ...opts.errors.map((e) => `• ${e}`)].join('\n')),
          LIMITS.sectionText,
        ),
      },
    });
  }
  const lead = (form.intro ?? opts.leadText ?? '').trim();
  for (const part of lead ? splitText(escapeMrkdwn(lead), LIMITS.sectionText).slice(0, 5) : []) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part } });
  }
  for (const field of form.fields.slice(0, LIMITS.viewBlocks - blocks.length)) {
    const element: types.PlainTextInput = { type: 'plain_text_input', action_id: INPUT_ACTION_ID };
    if (field.placeholder)
      element.placeholder = { type: 'plain_text', text: truncate(field.placeholder, LIMITS.placeholder) };
    if (field.minLength !== undefined) element.min_length = Math.max(0, Math.min(field.minLength, 3000));
    if (field.maxLength !== undefined) element.max_length = Math.max(1, Math.min(field.maxLength, 3000));
    const input: types.InputBlock = {
      type: 'input',
      block_id: field.id,
      label: { type: 'plain_text', text: truncate(field.label || field.id, LIMITS.label) },
      element,
      optional: field.optional ?? false,
    };
    if (field.hint) input.hint = { type: 'plain_text', text: truncate(field.hint, LIMITS.hint) };
    blocks.push(input);
  }
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: { type: 'plain_text', text: truncate(form.title || 'pccc', LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: truncate(form.submitLabel || 'OK', LIMITS.modalTitle) },
    close: { type: 'plain_text', text: s.cancel },
    private_metadata: encodeFormContext(ctx),
    blocks,
  };
}

/** A modal with only a message (the "still working" / "done" states after a submission). */
export function renderNoticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'OK' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(text), LIMITS.sectionText) } }],
  };
}

/**
 * Maps the core's field errors to Slack's `response_action: errors` (keyed by input block_id).
 * An error for a field the modal doesn't show goes to the first input so it is never lost
 * (Slack rejects unknown block ids).
 */
export function formErrorsToSlack(formErrors: Record<string, string>, inputBlockIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const stray: string[] = [];
  for (const [field, message] of Object.entries(formErrors)) {
    if (inputBlockIds.includes(field)) out[field] = out[field] ? `${out[field]} ${message}` : message;
    else stray.push(message);
  }
  if (stray.length && inputBlockIds.length) {
    const first = inputBlockIds[0]!;
    out[first] = [out[first], ...stray].filter(Boolean).join(' ');
  }
  for (const k of Object.keys(out)) out[k] = truncate(out[k]!, 2000);
  return out;
}

// ---- App Home ----------------------------------------------------------------------------
/** Home shortcuts (from the core's command specs): each is a `/pccc <args>` the core routes like a typed command. */
export const HOME_SHORTCUTS = homeShortcuts().map((s) => s.id);
const HOME_LABELS = new Map(homeShortcuts().map((s) => [s.id, s.label]));

export function renderHome(replies: Reply[], lang: Lang): HomeView {
  const s = strings(lang);
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: s.homeTitle, emoji: true } }];
  const shortcuts: KnownBlock = {
    type: 'actions',
    block_id: 'home_shortcuts',
    elements: HOME_SHORTCUTS.map((args, i) =>
      button(
        HOME_LABELS.get(args)![lang === 'en' ? 'en' : 'ko'],
        actionId.command(i),
        args,
        args === 'register' ? 'primary' : undefined,
      ),
    ),
  };
  // The status replies first (their buttons keep the core's ids), then the shortcuts.
  const body: KnownBlock[] = [];
  let indexBase = 0;
  for (const reply of replies) {
    if (body.length) body.push({ type: 'divider' });
    body.push(...replyBlocks(reply, { lang, indexBase }));
    indexBase += reply.buttons?.length ?? 0;
  }
  const capped = capBlocks(body, LIMITS.viewBlocks - 3, lang);
  blocks.push(...capped, { type: 'divider' }, shortcuts);
  return { type: 'home', blocks };
}
