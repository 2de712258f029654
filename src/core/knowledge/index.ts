// Public entry of the knowledge module: topics in Korean and English and the
// free-text matcher. Imports nothing outside src/core/knowledge.
import { CONTENT } from './content';
import { lookupAlias } from './aliases';
import { replyAnswer, topicAnswerFor } from './compose';
import { matchText, mentionsDomain } from './matcher';
import { detectLang as detect } from './normalize';
import { isTopicId, type Answer, type Lang, type Match, type TopicId } from './types';

export { TOPIC_IDS, isTopicId } from './types';
export type { Answer, Intent, Lang, Match, TopicId } from './types';

export function detectLang(text: string): Lang {
  return detect(text);
}

/** Maps free text to an intent; never throws (non-string input → unknown). */
export function match(text: string): Match {
  return matchText(typeof text === 'string' ? text : '');
}

/** Answers free text. `opts.lang` forces the answer language. */
export function answer(text: string, opts?: { lang?: Lang }): Answer {
  const input = typeof text === 'string' ? text : '';
  const m = match(input);
  const lang: Lang = opts?.lang === 'ko' || opts?.lang === 'en' ? opts.lang : m.lang;
  switch (m.intent) {
    case 'greeting':
      return replyAnswer('greeting', lang, 'greeting', m.confidence);
    case 'thanks':
      return replyAnswer('thanks', lang, 'thanks', m.confidence);
    case 'unknown':
      // About customs but unclear → topic menu; about something else → say what we do.
      return replyAnswer(mentionsDomain(input) ? 'unknown' : 'offTopic', lang, 'unknown', m.confidence);
    default:
      return topicAnswerFor(m.intent, lang, m.intent, m.confidence);
  }
}

/** The answer for a topic picked from a menu or slash command (confidence 1). */
export function topicAnswer(topic: TopicId | 'unknown', lang: Lang): Answer {
  const l: Lang = lang === 'en' ? 'en' : 'ko';
  if (isTopicId(topic)) return topicAnswerFor(topic, l, topic, 1);
  return replyAnswer('unknown', l, 'unknown', 1);
}

/** '발급' → 'issue', 'LOOK UP' → 'lookup'; case-, space- and hyphen-insensitive. */
export function topicFromAlias(word: string): TopicId | undefined {
  return lookupAlias(word);
}

export function topicLabel(topic: TopicId, lang: Lang): string {
  const l: Lang = lang === 'en' ? 'en' : 'ko';
  return isTopicId(topic) ? CONTENT[l].topics[topic].label : topic;
}
