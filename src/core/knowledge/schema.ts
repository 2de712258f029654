// Field rules both content checks (content.ts: topic cards, entries.ts: entries) apply.
import { z } from 'zod';

export const nonEmpty = z.string().trim().min(1);
export const httpsUrl = z.string().regex(/^https:\/\/[^\s]+$/, 'links must be https URLs');
