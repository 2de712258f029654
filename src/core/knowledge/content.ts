// Loads the answer texts (content/ko.json, content/en.json) and checks them
// with zod at import time, so a missing topic or a broken edit by a
// non-programmer fails loudly in tests instead of producing an empty reply.
import { z } from 'zod';
import koJson from './content/ko.json';
import enJson from './content/en.json';
import { httpsUrl, nonEmpty } from './schema';
import { TOPIC_IDS, type Lang, type TopicId } from './types';

const topicIdSchema = z.enum(TOPIC_IDS);
const linkSchema = z.object({
  label: nonEmpty,
  url: httpsUrl,
});

const topicContentSchema = z.object({
  label: nonEmpty.max(40),
  title: nonEmpty.max(80),
  body: z.array(nonEmpty).min(1).max(8),
  links: z.array(linkSchema).min(1).max(3),
  followUps: z
    .array(z.object({ topic: topicIdSchema, label: nonEmpty.max(30) }))
    .min(1)
    .max(3),
  aliases: z.array(nonEmpty).min(1),
});

const replySchema = z.object({ title: nonEmpty, body: z.array(nonEmpty).min(1) });

// z.object over every topic id: a missing topic is a schema error.
const topicsSchema = z.object(
  Object.fromEntries(TOPIC_IDS.map((id) => [id, topicContentSchema])) as Record<TopicId, typeof topicContentSchema>,
);

export const languageContentSchema = z.object({
  lang: z.enum(['ko', 'en']),
  topics: topicsSchema,
  replies: z.object({
    greeting: replySchema,
    thanks: replySchema,
    offTopic: replySchema,
    unknown: replySchema,
    menuHint: nonEmpty,
    followUpsLead: nonEmpty,
  }),
});

export type LanguageContent = z.infer<typeof languageContentSchema>;
export type TopicContent = z.infer<typeof topicContentSchema>;

/** Parses one language file; throws an Error naming the bad field. */
export function parseLanguageContent(raw: unknown, expected: Lang): LanguageContent {
  const result = languageContentSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`knowledge content (${expected}) is invalid: ${issues}`);
  }
  if (result.data.lang !== expected) {
    throw new Error(`knowledge content file for ${expected} declares lang ${result.data.lang}`);
  }
  return result.data;
}

export const CONTENT: Readonly<Record<Lang, LanguageContent>> = {
  ko: parseLanguageContent(koJson, 'ko'),
  en: parseLanguageContent(enJson, 'en'),
};
