// What the reminders feature needs from storage. Implemented in src/db/stores-reminders.ts;
// the core never sees SQL.
import type { ImportCheckSchedule, Lang } from './types';
import type { Platform } from '../types';

/** Durable job kind for "did you finish the theft steps?" three days later. */
export const THEFT_FOLLOW_UP_JOB = 'remind.theft-followup';

export type ReminderKind = 'checks' | 'renewal';

export interface ReminderSettings {
  checks: ImportCheckSchedule | null;
  checksPaused: boolean;
  snoozedUntil: Date | null;
  lastCheckedAt: Date | null;
  expiry: string | null;
  renewalPaused: boolean;
  /** The renewal reminders' zone (the checks carry their own). */
  renewalTimeZone: string | null;
}

export interface Recipient {
  platform: Platform;
  platformUserId: string;
  lang: Lang;
  /** The language the user chose with `/pccc lang`, if any. */
  explicitLang: Lang | null;
}

export interface ReminderStore {
  get(userId: string): Promise<ReminderSettings>;
  /**
   * Saves the import-check schedule (re-activating a paused one). `baseline` is the moment
   * from which slots count (nothing before it is "missed"); `nextDue` the first slot.
   */
  setChecks(
    userId: string,
    v: { schedule: ImportCheckSchedule; lang: Lang; baseline: Date; nextDue: Date },
  ): Promise<void>;
  /** Saves the expiry date (only the date) and the first renewal slot (null: all past). */
  setRenewal(
    userId: string,
    v: { expiry: string; timeZone: string; lang: Lang; baseline: Date; nextDue: Date | null },
  ): Promise<void>;
  off(userId: string, kind: ReminderKind): Promise<boolean>;
  /** Moves the next import check to `until`; false when no active schedule. */
  snooze(userId: string, until: Date): Promise<boolean>;
  recordCheck(userId: string, at: Date): Promise<void>;
  /** Who to DM for a durable job (theft follow-up). */
  recipient(userId: string): Promise<Recipient | undefined>;
}
