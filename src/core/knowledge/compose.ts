// Builds the platform-neutral Answer objects from the content files. `text`
// is self-contained (links inline) because the terminal shows only text.
import { CONTENT, type LanguageContent } from './content';
import { TOPIC_IDS, type Answer, type Intent, type Lang, type TopicId } from './types';

export function topicAnswerFor(topic: TopicId, lang: Lang, intent: Intent, confidence: number): Answer {
  const c = CONTENT[lang];
  const t = c.topics[topic];
  const followUps = t.followUps.map((f) => ({ topic: f.topic, label: f.label }));
  const links = t.links.map((l) => ({ label: l.label, url: l.url }));
  const lines = [
    t.title,
    ...t.body,
    ...links.map((l) => `- ${l.label}: ${l.url}`),
    `${c.replies.followUpsLead}: ${followUps.map((f) => f.label).join(' · ')}`,
  ];
  return { topic, intent, confidence, lang, title: t.title, text: lines.join('\n'), links, followUps };
}

export type ReplyKind = 'greeting' | 'thanks' | 'offTopic' | 'unknown';

/** Replies that are not a topic: all report topic 'unknown' and offer the topic menu. */
export function replyAnswer(kind: ReplyKind, lang: Lang, intent: Intent, confidence: number): Answer {
  const c = CONTENT[lang];
  const r = c.replies[kind];
  const menu = menuOf(c);
  const lines = [r.title, ...r.body];
  // Greeting and thanks stay short; the menu goes in the buttons only.
  if (kind === 'offTopic' || kind === 'unknown') {
    lines.push(...menu.map((m) => `• ${m.label}`), c.replies.menuHint);
  }
  return {
    topic: 'unknown',
    intent,
    confidence,
    lang,
    title: r.title,
    text: lines.join('\n'),
    links: [],
    followUps: menu,
  };
}

function menuOf(c: LanguageContent): { topic: TopicId; label: string }[] {
  return TOPIC_IDS.map((topic) => ({ topic, label: c.topics[topic].label }));
}
