// Builds the platform-neutral Answer objects from the content files. `text`
// is self-contained (links inline) because the terminal shows only text.
import { CONTENT, type LanguageContent } from './content';
import { sideOf, type Entry } from './entries';
import { et } from './engine-text';
import { TOPIC_IDS, type Answer, type Intent, type Lang, type TopicId } from './types';

export function topicAnswerFor(topic: TopicId, lang: Lang, intent: Intent, confidence: number): Answer {
  const c = CONTENT[lang];
  const t = c.topics[topic];
  const followUps = t.followUps.map((f) => ({ topic: f.topic, label: f.label }));
  const links = t.links.map((l) => ({ label: l.label, url: l.url }));
  const lines = [
    t.title,
    ...t.body,
    ...links.map(linkLine),
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

/** A link as the text shows it (the terminal shows only text). */
const linkLine = (l: { label: string; url: string }) => `- ${l.label}: ${l.url}`;

/** The "more: <topic>" button under an entry's answer: the topic card. */
function moreOf(topic: TopicId, lang: Lang): { topic: TopicId; label: string } {
  return { topic, label: et(lang, 'more', { label: CONTENT[lang].topics[topic].label }) };
}

function menuOf(c: LanguageContent): { topic: TopicId; label: string }[] {
  return TOPIC_IDS.map((topic) => ({ topic, label: c.topics[topic].label }));
}

// ---------- question-level entries ----------

const BUTTON_LABEL_MAX = 70;
const HEDGED = new RegExp(
  [
    '확인되지|확실하지|알려져|라고들|공식.{0,12}(없|않)',
    'not confirmed|unconfirmed|no official|reportedly|commonly said|not certain|unclear',
  ].join('|'),
  'i',
);
const clip = (s: string) => (s.length > BUTTON_LABEL_MAX ? `${s.slice(0, BUTTON_LABEL_MAX - 1)}…` : s);

export function choiceOf(e: Entry, lang: Lang): { faq: string; label: string } {
  return { faq: e.id, label: clip(sideOf(e, lang).q[0]!) };
}

function entryBody(e: Entry, lang: Lang): { lines: string[]; links: { label: string; url: string }[] } {
  const side = sideOf(e, lang);
  const links = (e.links ?? []).map((l) => ({ label: lang === 'en' ? l.en : l.ko, url: l.url }));
  const lines = [side.a];
  if (side.steps?.length) lines.push(...side.steps.map((s, i) => `${i + 1}. ${s}`));
  // An unsure entry is hedged; the engine adds the hedge only when the answer has none of its own.
  if (e.unsure && !HEDGED.test(side.a)) lines.push(et(lang, 'hedge'));
  lines.push(...links.map(linkLine));
  return { lines, links };
}

/** The answer to one entry: the direct answer first, then steps and links; the topic card as "more". */
export function entryAnswerFor(e: Entry, lang: Lang, confidence: number, related: Entry[] = []): Answer {
  const side = sideOf(e, lang);
  const { lines, links } = entryBody(e, lang);
  const choices = related
    .filter((r) => r.id !== e.id)
    .slice(0, 2)
    .map((r) => choiceOf(r, lang));
  return {
    topic: e.topic,
    intent: e.topic,
    confidence,
    lang,
    title: side.q[0]!,
    text: lines.join('\n'),
    links,
    followUps: [moreOf(e.topic, lang)],
    faq: e.id,
    ...(choices.length ? { choices } : {}),
  };
}

/**
 * Not sure: with a likely entry, its direct answer under "is this what you asked?"; always
 * the 2–3 likeliest entries as buttons. Reports the likely entry's topic (or unknown).
 */
export function unsureAnswerFor(lang: Lang, confidence: number, candidates: Entry[], likely?: Entry): Answer {
  const choices = candidates.slice(0, 3).map((c) => choiceOf(c, lang));
  const lines: string[] = [];
  let links: { label: string; url: string }[] = [];
  if (likely) {
    const body = entryBody(likely, lang);
    lines.push(et(lang, 'unsureLead'), `“${sideOf(likely, lang).q[0]}”`, ...body.lines);
    links = body.links;
    if (choices.length > 1)
      lines.push(
        '',
        `${et(lang, 'related')}:`,
        ...choices.filter((c) => c.faq !== likely.id).map((c) => `• ${c.label}`),
      );
  } else {
    lines.push(et(lang, 'unsurePick'), ...choices.map((c) => `• ${c.label}`));
  }
  lines.push(et(lang, 'unsureHint'));
  const topic = likely?.topic ?? 'unknown';
  return {
    topic,
    intent: topic,
    confidence,
    lang,
    title: et(lang, 'unsureTitle'),
    text: lines.join('\n'),
    links,
    followUps: likely ? [moreOf(likely.topic, lang)] : menuOf(CONTENT[lang]).slice(0, 3),
    ...(likely ? { faq: likely.id } : {}),
    choices,
  };
}

/** Empty input, digits only (a PIN?), or no letters at all (emoji, punctuation). */
export function inputAnswerFor(kind: 'empty' | 'digits' | 'noText', lang: Lang): Answer {
  const title = et(lang, kind === 'empty' ? 'emptyTitle' : kind === 'digits' ? 'digitsTitle' : 'noTextTitle');
  const body = et(lang, kind === 'empty' ? 'empty' : kind);
  return {
    topic: 'unknown',
    intent: 'unknown',
    confidence: 1,
    lang,
    title,
    text: `${title}\n${body}`,
    links: [],
    followUps: menuOf(CONTENT[lang]),
  };
}
