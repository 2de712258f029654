// What the Discord adapter needs from the app (a structural slice of `App` from src/app.ts),
// so the adapter can be driven by the real app or by a small test double.
import type { EphemeralStore } from '../../core/ports';
import type { Inbound, Messenger, Outcome, Platform, Reply } from '../../core/types';
import type { Logger } from '../../log';

export interface DiscordHost {
  bot: { handle(event: Inbound): Promise<Outcome> };
  config: {
    discordToken?: string;
    discordApplicationId?: string;
    discordApiUrl?: string;
    discordGuildId?: string;
    revealTtlSeconds: number;
  };
  log: Logger;
  registerMessenger(m: Messenger): void;
  deliverPrivately(platform: Platform, userId: string, reply: Reply): Promise<void>;
  /** Shared short-lived state (stashed button meanings survive a restart or another process); memory without it. */
  ephemeral?: EphemeralStore;
  /** Durable deletion of an interaction reply (see App); without it a process timer does it. */
  deleteInteractionLater?(platform: Platform, ref: string, afterSeconds: number, expiresAt: Date): Promise<void>;
}
