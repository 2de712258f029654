// The platform-neutral contract between the core and every adapter.
// Adapters translate their platform's events into `Inbound` and render `Reply`.
// Nothing here may mention Slack, Discord, the terminal or a SQL driver.

export type Lang = 'ko' | 'en';
export type Platform = 'terminal' | 'slack' | 'discord';

/** A user as the core sees them: platform + that platform's opaque user id. */
export interface UserRef {
  platform: Platform;
  /** Platform user id (Slack `U…`, Discord snowflake, terminal `local`). Opaque to the core. */
  id: string;
}

/** Where the inbound event happened. Decides reply visibility defaults. */
export type Place = 'dm' | 'channel';

interface InboundBase {
  user: UserRef;
  place: Place;
  /** Platform locale hint (e.g. Slack user locale, Discord interaction locale). */
  locale?: string;
}

/** Free text typed to the bot (DM, mention, terminal line without a slash). */
export interface MessageEvent extends InboundBase {
  kind: 'message';
  text: string;
}

/** `/pccc <args>`: `args` is everything after the command name. */
export interface CommandEvent extends InboundBase {
  kind: 'command';
  args: string;
}

/** A submitted private-input form (modal / hidden prompt). */
export interface FormEvent extends InboundBase {
  kind: 'form';
  formId: string;
  values: Record<string, string>;
}

/** A button pressed. */
export interface ActionEvent extends InboundBase {
  kind: 'action';
  actionId: string;
  value?: string;
}

export type Inbound = MessageEvent | CommandEvent | FormEvent | ActionEvent;

/** Who may see a reply. `ephemeral`: only the user, in place; `dm`: a direct message; `public`: the channel. */
export type Visibility = 'ephemeral' | 'dm' | 'public';

export interface Button {
  /** Action id the adapter sends back in an ActionEvent (e.g. `register.start`). */
  id: string;
  label: string;
  value?: string;
  style?: 'primary' | 'danger';
}

export interface Link {
  label: string;
  url: string;
}

export interface Field {
  label: string;
  value: string;
}

export interface FormField {
  id: string;
  label: string;
  /** `secret` input is never echoed (hidden prompt; on Slack/Discord a modal field). */
  kind: 'text' | 'secret';
  placeholder?: string;
  hint?: string;
  optional?: boolean;
  minLength?: number;
  maxLength?: number;
}

/** A request for private input. Adapters open a modal / hidden prompt and answer with a FormEvent. */
export interface Form {
  id: string;
  title: string;
  intro?: string;
  submitLabel: string;
  fields: FormField[];
}

export interface Reply {
  visibility: Visibility;
  /** Complete plain-text rendering; always present (fallback and terminal). */
  text: string;
  title?: string;
  fields?: Field[];
  links?: Link[];
  buttons?: Button[];
  /** Ask the user for private input. */
  form?: Form;
  /**
   * The text for notifications and lock-screen previews (Slack `text`, Discord `content`).
   * Set on sensitive replies so the secret never shows in a preview: adapters then show
   * `text` only in the message body (Slack blocks, a Discord embed).
   */
  notification?: string;
  /** The secret inside `text` (the revealed code); Discord hides it behind a spoiler. */
  secret?: string;
  /**
   * Set when the reply carries the revealed customs code. Adapters must send it as a DM
   * (ephemeral fallback when DMs are closed) and schedule its deletion after `deleteAfterSeconds`.
   */
  sensitive?: { deleteAfterSeconds: number };
}

/**
 * The answer to one inbound event. `formErrors` is set when a submitted form was invalid:
 * adapters show the messages next to the fields (Slack `response_action: errors`,
 * terminal re-prompt, Discord ephemeral message) and nothing was stored.
 */
export interface Outcome {
  replies: Reply[];
  formErrors?: Record<string, string>;
  lang: Lang;
}

/**
 * A send the scheduler may repeat (a reminder): `key` marks the message so a repeat after an
 * answer that was lost (5xx, timeout: maybe delivered) can be recognised by the platform
 * (Discord nonce) or by the messenger (Slack: the DM's recent history, from `since`).
 * `recheck`: an earlier attempt may have gone out; look before sending.
 */
export interface SendOptions {
  key?: string;
  since?: Date;
  recheck?: boolean;
}

/** Sends and deletes direct messages on one platform (used by reveals and the scheduler). */
export interface Messenger {
  readonly platform: Platform;
  /** Sends a DM; resolves to an opaque reference usable for deletion. */
  sendDirect(userId: string, reply: Reply, opts?: SendOptions): Promise<{ ref: string }>;
  deleteDirect(ref: string): Promise<void>;
  /**
   * Deletes an ephemeral interaction reply (the closed-DM fallback of a reveal) from a reference
   * the messenger made with `interactionReplyRef`. Optional: only platforms with such replies.
   */
  deleteInteractionReply?(ref: string): Promise<void>;
}

/** Errors a Messenger throws so the scheduler can decide: retry later, or pause for good. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly kind: 'rate_limited' | 'transient' | 'permanent',
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
