// Application commands as data: one `/pccc` command with subcommands. The adapter only
// turns a chosen subcommand back into the `/pccc <args>` text the core routes; it never
// decides what a subcommand does.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  ApplicationIntegrationType,
} from 'discord.js';
import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { COMMAND_SPECS, commandText, ROOT_COMMAND, TOPIC_CHOICES } from '../../core/commands';

/** Topic ids from the design contract, with short labels for the choice list. */
export const TOPICS = TOPIC_CHOICES;

interface Sub {
  name: string;
  ko: string;
  description: string;
  koDescription: string;
  option?: {
    name: string;
    ko: string;
    description: string;
    koDescription: string;
    required: boolean;
    maxLength?: number;
    choices?: ReadonlyArray<{ id: string; en: string; ko: string }>;
  };
}

/** The subcommands, derived from the core's command specs (src/core/commands.ts). */
export const SUBCOMMANDS: readonly Sub[] = COMMAND_SPECS.map((spec) => ({
  name: spec.id,
  ko: spec.names.ko[0]!.toLowerCase(),
  description: spec.summary.en,
  koDescription: spec.summary.ko,
  ...(spec.argument
    ? {
        option: {
          name: spec.argument.name,
          ko: spec.argument.label.ko,
          description: spec.argument.description.en,
          koDescription: spec.argument.description.ko,
          required: spec.argument.required,
          ...(spec.argument.maxLength ? { maxLength: spec.argument.maxLength } : {}),
          ...(spec.argument.choices ? { choices: spec.argument.choices } : {}),
        },
      }
    : {}),
}));

export const COMMAND_NAME = ROOT_COMMAND.name;

/** The full set of commands, exactly the body of the bulk-overwrite PUT. */
export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: COMMAND_NAME,
      name_localizations: { ko: ROOT_COMMAND.koName },
      description: ROOT_COMMAND.summary.en,
      description_localizations: { ko: ROOT_COMMAND.summary.ko },
      // Installable to a server and to a person's account (user install), so /pccc works in
      // servers, in the bot's DM, and in any DM or group DM the person is in. Outside the bot's
      // DM every answer is ephemeral (inbound.ts placeOf).
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
      integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
      options: SUBCOMMANDS.map((s) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: s.name,
        name_localizations: { ko: s.ko },
        description: s.description,
        description_localizations: { ko: s.koDescription },
        options: s.option
          ? [
              {
                type: ApplicationCommandOptionType.String,
                name: s.option.name,
                name_localizations: { ko: s.option.ko },
                description: s.option.description,
                description_localizations: { ko: s.option.koDescription },
                required: s.option.required,
                ...(s.option.maxLength ? { max_length: s.option.maxLength } : {}),
                ...(s.option.choices
                  ? {
                      choices: s.option.choices.map((c) => ({
                        name: c.en,
                        name_localizations: { ko: c.ko },
                        value: c.id,
                      })),
                    }
                  : {}),
              },
            ]
          : [],
      })),
    },
  ];
}

/**
 * The `/pccc <args>` text for a chosen subcommand. `option` is the subcommand's only
 * string option, if any. The core does all routing from this text.
 */
export function argsFor(subcommand: string, option?: string | null): string {
  const spec = COMMAND_SPECS.find((s) => s.id === subcommand);
  return spec ? commandText(spec, option) : subcommand;
}
