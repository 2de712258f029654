// How features plug into the bot: each feature (vault, reminders, UNI-PASS…) is a module
// of commands, forms and button actions. The router in bot.ts knows none of them by name.
import type { CommandSpec } from './commands';
import type { Clock, Stores } from './ports';
import type { Field, Inbound, Lang, Outcome, Reply, UserRef } from './types';

export interface BotContext {
  event: Inbound;
  user: UserRef;
  lang: Lang;
  stores: Stores;
  clock: Clock;
  /** A reply with the default visibility for where the event happened (DM → dm, channel → ephemeral). */
  reply(text: string, extra?: Omit<Reply, 'text' | 'visibility'> & { visibility?: Reply['visibility'] }): Reply;
}

export type Handled = Reply[] | Outcome;

export type CommandHandler = (
  | {
      /** The command as data (core/commands.ts): its words, summary and argument. */
      spec: CommandSpec;
      names?: undefined;
    }
  | {
      /** Words that select this command, in any case (for modules without a spec, e.g. in tests). */
      names: string[];
      spec?: undefined;
    }
) & { run(ctx: BotContext, rest: string): Promise<Handled> };

export interface BotModule {
  name: string;
  commands?: CommandHandler[];
  /** Submitted forms, by form id. */
  forms?: Record<string, (ctx: BotContext, values: Record<string, string>) => Promise<Handled>>;
  /** Button presses, by action id. */
  actions?: Record<string, (ctx: BotContext, value: string | undefined) => Promise<Handled>>;
  /** Lines for `/pccc status` (and Slack App Home). */
  statusFields?(ctx: BotContext): Promise<Field[]>;
  /** Extra help lines. */
  helpLines?(lang: Lang): string[];
}

/** A submitted form was invalid: the messages go next to their fields, and nothing was stored. */
export function invalidForm(ctx: BotContext, errors: Record<string, string>): Handled {
  return { replies: [ctx.reply(Object.values(errors).join('\n'))], formErrors: errors, lang: ctx.lang };
}
