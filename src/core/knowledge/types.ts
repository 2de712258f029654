// Shared types of the knowledge module. Kept apart from index.ts so internal
// modules can import them without an import cycle through the public entry.
export type Lang = 'ko' | 'en';

export const TOPIC_IDS = [
  'what',
  'issue',
  'lookup',
  'reissue',
  'validity',
  'theft',
  'prevention',
  'usage',
  'mismatch',
  'foreigner',
  'dutyfree',
] as const;

export type TopicId = (typeof TOPIC_IDS)[number];
export type Intent = TopicId | 'unknown' | 'greeting' | 'thanks';

export interface Match {
  intent: Intent;
  topic: TopicId | 'unknown';
  confidence: number;
  lang: Lang;
}

export interface Answer {
  /** greeting / thanks / off-topic → 'unknown' */
  topic: TopicId | 'unknown';
  intent: Intent;
  /** 0..1 */
  confidence: number;
  lang: Lang;
  title: string;
  /** Full plain-text answer, links inline, ready to print. */
  text: string;
  links: { label: string; url: string }[];
  /** 1–3 suggestions; for unknown: the topic menu. */
  followUps: { topic: TopicId; label: string }[];
  /** The question-level entry answered (id), when one was. */
  faq?: string;
  /** Entries offered as buttons: "did you mean…" or related questions. */
  choices?: { faq: string; label: string }[];
}

export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && (TOPIC_IDS as readonly string[]).includes(value);
}
