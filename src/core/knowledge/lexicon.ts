// Compiles content/matcher.json into lookup structures once at import time:
// length-sorted Korean and English entries, anchor lists, greeting/thanks
// words, the English spelling vocabulary, and the example-phrase index.
import { z } from 'zod';
import raw from './content/matcher.json';
import { TOPIC_IDS, type TopicId } from './types';
import { basicNormalize, choseongOf, compactForm, isSyllable, jamoString, spacedForm } from './normalize';

const weightMap = z.record(z.string().min(1), z.number().positive().max(10));
const langLists = z.object({ ko: z.array(z.string().min(1)), en: z.array(z.string().min(1)) });
const topicRules = z.object({ ko: weightMap, en: weightMap, examples: z.array(z.string().min(1)).min(1) });

export const matcherDataSchema = z.object({
  _help: z.string().optional(),
  codeTerms: langLists,
  anchors: langLists,
  neutral: langLists,
  greeting: langLists,
  thanks: langLists,
  topics: z.object(
    Object.fromEntries(TOPIC_IDS.map((id) => [id, topicRules])) as Record<TopicId, typeof topicRules>,
  ),
});
export type MatcherData = z.infer<typeof matcherDataSchema>;

export type EntryKind = 'code' | 'neutral' | 'topic';

export interface KoEntry {
  word: string; // compact form
  kind: EntryKind;
  topic?: TopicId;
  weight: number;
  syllables: number; // length in characters
  allSyllables: boolean; // eligible for typo / 초성 matching
  jamo: string;
  choseong: string;
}

export interface EnEntry {
  phrase: string; // spaced form without padding, e.g. "look up"
  kind: EntryKind;
  topic?: TopicId;
  weight: number;
}

export interface Lexicon {
  ko: KoEntry[];
  en: EnEntry[];
  anchorsKo: string[];
  anchorsEn: string[];
  greetingKo: string[];
  greetingEn: string[];
  thanksKo: string[];
  thanksEn: string[];
  enVocab: Set<string>;
  /** Words of the English code terms, dropped before the similarity score. */
  enCodeWords: Set<string>;
  examples: { topic: TopicId; text: string }[];
}

const koKey = (w: string) => compactForm(basicNormalize(w));
const enKey = (w: string) => spacedForm(basicNormalize(w)).trim();

function koEntry(word: string, kind: EntryKind, weight: number, topic?: TopicId): KoEntry {
  const chars = Array.from(word);
  return {
    word,
    kind,
    topic,
    weight,
    syllables: chars.length,
    allSyllables: chars.length >= 2 && chars.every(isSyllable),
    jamo: jamoString(word),
    choseong: chars.map(choseongOf).join(''),
  };
}

export function buildLexicon(input: unknown): Lexicon {
  const data = matcherDataSchema.parse(input);
  const ko: KoEntry[] = [];
  const en: EnEntry[] = [];
  for (const w of data.codeTerms.ko) ko.push(koEntry(koKey(w), 'code', 0));
  for (const w of data.codeTerms.en) en.push({ phrase: enKey(w), kind: 'code', weight: 0 });
  for (const w of data.neutral.ko) ko.push(koEntry(koKey(w), 'neutral', 0));
  for (const w of data.neutral.en) en.push({ phrase: enKey(w), kind: 'neutral', weight: 0 });
  for (const topic of TOPIC_IDS) {
    const rules = data.topics[topic];
    for (const [w, weight] of Object.entries(rules.ko)) ko.push(koEntry(koKey(w), 'topic', weight, topic));
    for (const [w, weight] of Object.entries(rules.en)) en.push({ phrase: enKey(w), kind: 'topic', weight, topic });
  }
  // Longest first: "재발급" must claim its characters before "발급" can.
  // Equal length: the stronger entry first.
  // Equal length: code terms first, then the stronger entry.
  const rank = (kind: EntryKind, weight: number) => (kind === 'code' ? 100 : weight);
  ko.sort((a, b) => b.word.length - a.word.length || rank(b.kind, b.weight) - rank(a.kind, a.weight));
  en.sort((a, b) => b.phrase.length - a.phrase.length || rank(b.kind, b.weight) - rank(a.kind, a.weight));

  const enVocab = new Set<string>();
  for (const e of en) for (const w of e.phrase.split(' ')) if (/^[a-z]+$/.test(w)) enVocab.add(w);

  const enCodeWords = new Set(data.codeTerms.en.flatMap((w) => enKey(w).split(' ')));
  const examples = TOPIC_IDS.flatMap((topic) => data.topics[topic].examples.map((text) => ({ topic, text })));
  return {
    ko,
    en,
    anchorsKo: data.anchors.ko.map(koKey),
    anchorsEn: data.anchors.en.map(enKey),
    greetingKo: data.greeting.ko.map(koKey),
    greetingEn: data.greeting.en.map(enKey),
    thanksKo: data.thanks.ko.map(koKey),
    thanksEn: data.thanks.en.map(enKey),
    enVocab,
    enCodeWords,
    examples,
  };
}

export const LEXICON: Lexicon = buildLexicon(raw);
