// Free text → intent with a confidence in 0..1. Keyword evidence plus n-gram
// similarity, damped when nothing marks the text as being about the customs
// code; below THRESHOLD the answer is 'unknown' (or greeting / thanks).
import { TOPIC_IDS, type Match, type TopicId } from './types';
import { LEXICON, type Lexicon } from './lexicon';
import { extractFeatures } from './features';
import { SimilarityIndex, grams } from './similarity';
import { detectLang } from './normalize';

/** Tuned on the `tune` split of test/fixtures/questions.jsonl only. */
export const TUNING = {
  /** weight of the n-gram cosine (0..1) next to keyword weights (~1–3 each) */
  similarityWeight: 1.5,
  /** multiplier when the text never mentions the code or customs */
  noAnchorFactor: 0.25,
  /** raw score giving ~63% strength: 1 - exp(-raw / scale) */
  strengthScale: 1.6,
  /** share of confidence that depends on the lead over the runner-up */
  marginShare: 0.25,
  /** below this confidence → unknown / greeting / thanks */
  threshold: 0.4,
  /** confidence reported for a recognised greeting or thanks */
  socialConfidence: 0.9,
} as const;

export interface Scored {
  match: Match;
  scores: Record<TopicId, number>;
}

export function createMatcher(lex: Lexicon = LEXICON) {
  const index = new SimilarityIndex(
    lex.examples.map((ex) => ({ topic: ex.topic, grams: grams(extractFeatures(ex.text, lex)) })),
  );

  function score(text: string): Scored {
    const input = typeof text === 'string' ? text : '';
    const lang = detectLang(input);
    const f = extractFeatures(input, lex);
    const sim = index.score(grams(f));
    const scores = {} as Record<TopicId, number>;
    let best: TopicId = TOPIC_IDS[0];
    let second = 0;
    for (const t of TOPIC_IDS) {
      let s = f.kw[t] + TUNING.similarityWeight * sim[t];
      if (!f.anchor) s *= TUNING.noAnchorFactor;
      scores[t] = s;
    }
    for (const t of TOPIC_IDS) if (scores[t] > scores[best]) best = t;
    for (const t of TOPIC_IDS) if (t !== best && scores[t] > second) second = scores[t];

    const top = scores[best];
    const strength = 1 - Math.exp(-top / TUNING.strengthScale);
    const margin = top > 0 ? (top - second) / top : 0;
    const confidence = round(strength * (1 - TUNING.marginShare + TUNING.marginShare * margin));

    let match: Match;
    if (top > 0 && confidence >= TUNING.threshold) {
      match = { intent: best, topic: best, confidence, lang };
    } else if (f.thanks) {
      match = { intent: 'thanks', topic: 'unknown', confidence: TUNING.socialConfidence, lang };
    } else if (f.greeting) {
      match = { intent: 'greeting', topic: 'unknown', confidence: TUNING.socialConfidence, lang };
    } else {
      // Confidence that nothing fits: high when no topic had any pull.
      match = { intent: 'unknown', topic: 'unknown', confidence: round(1 - confidence), lang };
    }
    return { match, scores };
  }

  return { score, match: (text: string): Match => score(text).match };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

const DEFAULT = createMatcher();
export const scoreText = DEFAULT.score;
export const matchText = DEFAULT.match;

/** True when the question mentions the code or customs at all (used to pick the unknown reply). */
export function mentionsDomain(text: string): boolean {
  return typeof text === 'string' && extractFeatures(text, LEXICON).anchor;
}
