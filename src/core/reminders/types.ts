/** Shared types of the reminders feature (pure data; no I/O). */

import type { Button, Lang, Link } from '../types';

export type { Lang };

export type Cadence = 'weekly' | 'biweekly' | 'monthly';

/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ImportCheckSchedule {
  cadence: Cadence;
  /** Required for weekly and biweekly. */
  weekday?: IsoWeekday;
  /** Required for monthly; 29–31 fall back to the month's last day in shorter months. */
  dayOfMonth?: number;
  /** Local wall time, 'HH:MM' (24 h). */
  time: string;
  /** IANA time zone, e.g. 'Asia/Seoul'. */
  timeZone: string;
  /**
   * Biweekly only: the local date (YYYY-MM-DD) the series counts from. The first slot is
   * the first matching weekday on or after it; later slots follow every 14 days. Without
   * it a fixed epoch (2024-01-01) is used so parity is still stable — set it with
   * `anchorSchedule` when the user chooses the schedule.
   */
  anchor?: string;
}

/**
 * A platform-neutral reminder message; maps 1:1 onto the core `Reply` (`text` is the
 * complete plain-text rendering, links included, so the terminal needs nothing else).
 */
export interface ReminderMessage {
  title: string;
  text: string;
  buttons: Button[];
  links: Link[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Seoul';
