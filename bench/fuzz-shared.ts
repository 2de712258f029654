// Pieces both fuzzers use (bench/fuzz.ts through the bot, bench/fuzz-platforms.ts through the adapters).
import type { FuzzCounts } from './fuzz';

/** The button actions the core answers: the ids a fuzzed click names most of the time. */
export const ACTION_IDS = [
  'vault.consent',
  'vault.register',
  'vault.forget',
  'customs.notMine',
  'customs.verify',
  'topic',
  'track',
  'remind.snooze',
] as const;

/** A target's counts before its first run. */
export function zeroCounts(target: string, runs: number): FuzzCounts {
  return { target, runs, crashes: 0, unhandledRejections: 0, invalidRows: 0, codesEchoed: 0 };
}
