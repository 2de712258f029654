// The one shape of a chat adapter (Slack, Discord, the terminal): what main.ts starts and
// stops, and what every adapter needs from the app. Each adapter folder has the same files:
// index.ts (start → ChatAdapter), inbound.ts (platform event → Inbound), deliver.ts (Outcome →
// platform, with the private-delivery fallback), render.ts (Reply → platform message),
// messenger.ts (the Messenger port: DMs), forms.ts (forms waiting for their button or prompt).
import type { PrivateDelivery } from '../core/delivery';
import type { EphemeralStore } from '../core/ports';
import type { Inbound, Messenger, Outcome, Platform } from '../core/types';
import type { Logger } from '../log';

/** What an adapter needs from the app (a structural slice of `App`, so tests can pass a small double). */
export interface AdapterHost {
  bot: { handle(event: Inbound): Promise<Outcome> };
  log: Logger;
  /** The adapter's Messenger, for reveals and the scheduler's DMs. */
  registerMessenger(m: Messenger): void;
  /** Sensitive replies: DM, else the adapter's in-place fallback, each deleted later (core/delivery.ts). */
  delivery: Pick<PrivateDelivery, 'reveal' | 'deleteFallbackLater'>;
  /** State shared by every instance (dedupe, pending forms); process memory without it. */
  ephemeral?: EphemeralStore;
}

/** A started adapter. `start<Platform>(host, options)` in the adapter's index.ts returns one. */
export interface ChatAdapter {
  readonly platform: Platform;
  /** Connected and taking events (drives /readyz). */
  ready(): boolean;
  /** Stops taking new events (first step of shutdown); replies in progress go on. */
  stopAccepting(): Promise<void> | void;
  /** Stops taking events, lets replies in progress finish (up to `graceMs`), then disconnects. */
  stop(graceMs?: number): Promise<void>;
}

/** Resolves to the value, or to `undefined` once `ms` have passed (the work itself goes on). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
    }),
  ]);
}
