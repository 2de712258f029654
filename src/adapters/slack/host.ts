// What the Slack adapter needs from the app (the shared AdapterHost plus its settings, database
// and health), and the per-process runtime shared by the listeners.
import type { WebClient } from '@slack/web-api';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { Logger } from '../../log';
import type { AdapterHost } from '../adapter';
import type { EventDedupe } from './dedupe';
import type { LocaleCache } from './locale';
import type { DmChannels } from './messenger';
import type { PendingFormStore } from './forms';

export interface SlackHost extends AdapterHost {
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
  /** true when the database answers (drives /readyz). */
  health?(): Promise<boolean>;
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
