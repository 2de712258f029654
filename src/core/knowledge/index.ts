// Public entry of the knowledge module: question-level entries and topic cards in Korean
// and English, and the free-text understanding. Imports nothing outside src/core/knowledge.
import { CONTENT } from './content';
import { lookupAlias } from './aliases';
import { entryAnswerFor, inputAnswerFor, replyAnswer, topicAnswerFor, unsureAnswerFor } from './compose';
import { ENTRIES_DIR, loadEntryDir, loadOffTopic, OFF_TOPIC_FILE, type Entry } from './entries';
import { createUnderstander, type Understander, type Understanding } from './understand';
import { detectLang as detect } from './normalize';
import { isTopicId, type Answer, type Lang, type Match, type TopicId } from './types';

export { TOPIC_IDS, isTopicId } from './types';
export type { Answer, Intent, Lang, Match, TopicId } from './types';

/** What a conversation remembers between two messages: never the question, never a code. */
export interface ConversationContext {
  faq: string | null;
  topic: TopicId | 'unknown';
  lang: Lang;
}

export const ENTRIES: readonly Entry[] = loadEntryDir(ENTRIES_DIR);
const BY_ID = new Map(ENTRIES.map((e) => [e.id, e]));
const ENGINE = createUnderstander([...ENTRIES], 'combined', loadOffTopic(OFF_TOPIC_FILE));

export function detectLang(text: string): Lang {
  return detect(text);
}

/** The language a free-text message is written in, or undefined when it has no words to tell. */
export function textLang(text: string): Lang | undefined {
  if (typeof text !== 'string') return undefined;
  if (/[\uac00-\ud7a3\u3131-\u318e]/.test(text)) return 'ko';
  const words = text.replace(/\bp\s*[-.]?\s*\d(?:[\s-]?\d){11}\b/gi, ' ').match(/[a-z]{2,}/gi);
  return words && words.length > 0 ? 'en' : undefined;
}

// "and in English?", "영어로", "한국어로 다시" — the previous answer in the other language.
// "can you say that in English?", "다시 한국어로" too (before: dutyfree.us-postal 0.66 after the duty-free
// limit). A question that starts with the words ("영어로 된 사이트 있어요?") still counts: read on its own in
// the window it was a confident wrong entry (dutyfree.supplements-quantity 0.745).
const ASK_AGAIN = '(can|could|would) you (please )?(say|answer|explain|write|repeat|reply|tell me)( that| it| this)?';
const askIn = (en: string, ko: string) =>
  new RegExp(
    `^(and |what about |now |again )?(in |into )?${en}( please| pls)?[?.!\\s]*$|^${ASK_AGAIN}( again)? in ${en}` +
      `( please| pls)?[?.!\\s]*$|^(다시 |그거 |이거 |그럼 )?(${ko})`,
    'i',
  );
const ASK_EN = askIn('english', '영어로|영문으로|english로');
const ASK_KO = askIn('korean', '한국어로|한글로|한국말로');

function understandingOf(text: string, context?: ConversationContext, engine: Understander = ENGINE): Understanding {
  const ctx = context && isTopicId(context.topic) ? { topic: context.topic } : undefined;
  return engine.understand(typeof text === 'string' ? text : '', ctx);
}

/** Maps free text to an intent; never throws (non-string input → unknown). */
export function match(text: string): Match & { faq: string | null } {
  const u = understandingOf(text);
  const v = u.verdict;
  const entry = v.kind === 'answer' || v.kind === 'unsure' ? v.entry : undefined;
  const intent = v.kind === 'greeting' || v.kind === 'thanks' ? v.kind : entry ? entry.topic : 'unknown';
  return {
    intent,
    topic: entry ? entry.topic : 'unknown',
    confidence: v.confidence,
    lang: u.lang,
    faq: entry?.id ?? null,
  };
}

/**
 * Answers free text. `opts.lang` forces the answer language; `opts.context` (the previous
 * answer, within the follow-up window) lets "그럼 외국인은요?" or "and in English?" be read
 * in its light.
 */
export function answer(
  text: string,
  opts?: { lang?: Lang; context?: ConversationContext; engine?: Understander },
): Answer {
  const input = typeof text === 'string' ? text : '';
  const forced: Lang | undefined = opts?.lang === 'ko' || opts?.lang === 'en' ? opts.lang : undefined;
  const context = opts?.context;
  const trimmed = input.trim();
  if (context && (ASK_EN.test(trimmed) || ASK_KO.test(trimmed))) {
    const want: Lang = ASK_EN.test(trimmed) ? 'en' : 'ko';
    const prev = context.faq ? BY_ID.get(context.faq) : undefined;
    if (prev) return entryAnswerFor(prev, want, 1);
    if (isTopicId(context.topic)) return topicAnswerFor(context.topic, want, context.topic, 1);
  }
  const u = understandingOf(input, context, opts?.engine);
  const lang: Lang = forced ?? u.lang;
  const v = u.verdict;
  switch (v.kind) {
    case 'answer':
      return entryAnswerFor(
        v.entry,
        lang,
        v.confidence,
        v.candidates.map((c) => c.entry),
      );
    case 'unsure':
      if (v.candidates.length === 0) return replyAnswer('unknown', lang, 'unknown', v.confidence);
      return unsureAnswerFor(
        lang,
        v.confidence,
        v.candidates.map((c) => c.entry),
        v.entry,
      );
    case 'greeting':
    case 'thanks':
      return replyAnswer(v.kind, lang, v.kind, v.confidence);
    case 'offTopic':
      return replyAnswer('offTopic', lang, 'unknown', v.confidence);
    default:
      return inputAnswerFor(v.kind, lang);
  }
}

/** A language from a caller that may pass anything: English only when asked, else Korean. */
function langOr(lang: unknown): Lang {
  return lang === 'en' ? 'en' : 'ko';
}

/** The answer of one entry (a "did you mean" button), or undefined for an unknown id. */
export function entryAnswer(id: string, lang: Lang): Answer | undefined {
  const e = typeof id === 'string' ? BY_ID.get(id) : undefined;
  return e ? entryAnswerFor(e, langOr(lang), 1) : undefined;
}

/** The answer for a topic picked from a menu or slash command (confidence 1). */
export function topicAnswer(topic: TopicId | 'unknown', lang: Lang): Answer {
  const l = langOr(lang);
  if (isTopicId(topic)) return topicAnswerFor(topic, l, topic, 1);
  return replyAnswer('unknown', l, 'unknown', 1);
}

/** '발급' → 'issue', 'LOOK UP' → 'lookup'; case-, space- and hyphen-insensitive. */
export function topicFromAlias(word: string): TopicId | undefined {
  return lookupAlias(word);
}

export function topicLabel(topic: TopicId, lang: Lang): string {
  const l = langOr(lang);
  return isTopicId(topic) ? CONTENT[l].topics[topic].label : topic;
}
