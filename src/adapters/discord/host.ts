// What the Discord adapter needs from the app (the shared AdapterHost plus its settings), and
// the per-process runtime shared by the interaction and DM handlers.
import type { Form } from '../../core/types';
import type { AdapterHost } from '../adapter';
import type { PendingForms } from './forms';

export interface DiscordHost extends AdapterHost {
  config: {
    discordToken?: string;
    discordApplicationId?: string;
    discordApiUrl?: string;
    discordGuildId?: string;
  };
}

export interface Runtime {
  host: DiscordHost;
  forms: PendingForms;
  /** Time the core gets before we defer (Discord allows 3 s from creation, minus latency). */
  budgetMs: number;
  /** Forms we showed, per user + form id, to label form errors and offer "try again". */
  shownForms: Map<string, Form>;
}
