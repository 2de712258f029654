// `npm run cli -- discord register-commands`: compare the local command data with what
// Discord has (globally, or in one guild) and bulk-overwrite only when they differ.
import { REST, Routes } from 'discord.js';
import type { Logger } from '../../log';
import { commandDefinitions } from './definitions';
import { toDeliveryError } from './messenger';
import { diffCommands } from './sync';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register in one guild (instant, for development) instead of globally. */
  guildId?: string;
  /** REST base, e.g. `http://127.0.0.1:8080/api` (discord.js appends `/v10`). */
  apiUrl?: string;
  log: Pick<Logger, 'info' | 'warn'>;
  /** Preconfigured REST client (tests); otherwise one is made from token + apiUrl. */
  rest?: REST;
}

export async function registerCommands(opts: RegisterOptions): Promise<{ changed: boolean; diff: string[] }> {
  const rest = opts.rest ?? new REST(opts.apiUrl ? { api: opts.apiUrl } : {}).setToken(opts.token);
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const scope = opts.guildId ? `guild ${opts.guildId}` : 'global';
  const local = commandDefinitions();
  let remote: Record<string, unknown>[];
  try {
    remote = (await rest.get(route)) as Record<string, unknown>[];
  } catch (err) {
    throw new Error(
      `Could not read the registered commands (${scope}): ${toDeliveryError(err, 'GET commands').message}. ` +
        'Check DISCORD_TOKEN and DISCORD_APPLICATION_ID.',
    );
  }
  const diff = diffCommands(remote, local as unknown as Record<string, unknown>[]);
  if (diff.length === 0) {
    opts.log.info({ scope }, 'discord: commands are up to date, nothing written');
    return { changed: false, diff };
  }
  try {
    await rest.put(route, { body: local });
  } catch (err) {
    throw new Error(`Could not write the commands (${scope}): ${toDeliveryError(err, 'PUT commands').message}.`);
  }
  opts.log.info({ scope, changes: diff.length }, 'discord: commands updated');
  return { changed: true, diff };
}
