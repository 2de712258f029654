// What the Slack adapter needs from the application (structurally a subset of src/app.ts's App),
// and the per-process runtime shared by the listeners.
import type { WebClient } from '@slack/web-api';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { Inbound, Messenger, Outcome, Platform, Reply } from '../../core/types';
import type { Logger } from '../../log';
import type { EphemeralStore } from '../../core/ports';
import type { EventDedupe } from './dedupe';
import type { LocaleCache } from './locale';
import type { DmChannels } from './messenger';
import type { PendingFormStore } from './pending-forms';

export interface SlackHost {
  bot: { handle(event: Inbound): Promise<Outcome> };
  config: Pick<Config, 'slackBotToken' | 'slackSigningSecret' | 'slackAppToken' | 'slackApiUrl' | 'port'> &
    Partial<
      Pick<
        Config,
        | 'slackClientId'
        | 'slackClientSecret'
        | 'slackStateSecret'
        | 'vaultKeys'
        | 'pinPepper'
        | 'blindIndexKey'
        | 'dataDir'
        | 'discordApplicationId'
        | 'revealTtlSeconds'
        | 'privacyContact'
        | 'slackWorker'
      >
    >;
  /** The app's database: Slack installations (OAuth) and the re-key of legacy user ids live there. */
  database?: Database;
  log: Logger;
  registerMessenger(m: Messenger): void;
  deliverPrivately(platform: Platform, userId: string, reply: Reply): Promise<void>;
  /** true when the database answers (drives /readyz). */
  health?(): Promise<boolean>;
  /** State shared by every instance (event dedupe, open-form buttons); process memory without it. */
  ephemeral?: EphemeralStore;
}

export interface Runtime {
  host: SlackHost;
  client: WebClient;
  log: Logger;
  dms: DmChannels;
  locales: LocaleCache;
  pending: PendingFormStore;
  seen: EventDedupe;
  /** POSTs a message to a response_url (commands, buttons, remembered by modals). */
  postToResponseUrl(url: string, body: Record<string, unknown>): Promise<void>;
  /** Deadline for a view_submission's validation before acking "still working". */
  submissionDeadlineMs: number;
}
