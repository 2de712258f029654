// Scoring of labelled questions (JSONL, one {"text","expected",…} per line): topic accuracy
// per topic with confusions, the direct-answer rate (the line's `answer` regex found in the
// reply), and off-topic questions answered with confidence. Pure: callers read the file;
// used by scripts/eval.ts and the blind test.
import { z } from 'zod';
import { TOPIC_IDS, type TopicId } from './types';

export const INTENTS = [...TOPIC_IDS, 'unknown', 'greeting', 'thanks'] as const;

export const labelledQuestionSchema = z.object({
  text: z.string(),
  /** a topic, or unknown for off-topic (greeting / thanks read as unknown) */
  expected: z.enum(INTENTS),
  lang: z.enum(['ko', 'en']).optional(),
  voice: z.string().optional(),
  /** regex source the reply must contain; null for off-topic */
  answer: z.string().nullable().optional(),
  asks: z.unknown().optional(),
  kind: z.string().optional(),
  split: z.string().optional(),
});
export type LabelledQuestion = z.infer<typeof labelledQuestionSchema>;

/** JSONL lines, each checked against `schema`; the first bad line throws, naming `what` and the line. */
function parseLines<T>(jsonl: string, schema: z.ZodType<T>, what: string): T[] {
  return jsonl
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const r = schema.safeParse(JSON.parse(line));
      if (!r.success)
        throw new Error(`${what} line ${i + 1}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
      return r.data;
    });
}

export function parseQuestions(jsonl: string): LabelledQuestion[] {
  return parseLines(jsonl, labelledQuestionSchema, 'questions');
}

/** What an approach says about one question. */
export interface Response {
  topic: TopicId | 'unknown';
  confidence: number;
  faq: string | null;
  text: string;
}
export type Responder = (text: string) => Response;

export interface Outcome {
  q: LabelledQuestion;
  expected: TopicId | 'unknown';
  r: Response;
  topicOk: boolean;
  /** null when the line has no answer regex */
  directOk: boolean | null;
}

export interface Report {
  total: number;
  correct: number;
  accuracy: number;
  perTopic: Record<string, { total: number; correct: number; accuracy: number }>;
  /** "expected → got" with counts, most frequent first */
  confusions: { expected: string; got: string; count: number }[];
  direct: { total: number; found: number; rate: number };
  /** off-topic questions answered with an entry / topic at confidence ≥ threshold */
  offTopicConfidentlyWrong: number;
  offTopicTotal: number;
  outcomes: Outcome[];
}

const expectedTopic = (e: LabelledQuestion['expected']): TopicId | 'unknown' =>
  e === 'greeting' || e === 'thanks' ? 'unknown' : e;

// Writers escape quotes (`won\'t`), which the `u` flag rejects as an invalid escape; such a
// pattern is read without `u` rather than turned into a literal that never matches.
function directRegex(source: string): RegExp {
  for (const flags of ['iu', 'i']) {
    try {
      return new RegExp(source, flags);
    } catch {}
  }
  return new RegExp(source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

export function evaluate(questions: LabelledQuestion[], respond: Responder, threshold: number): Report {
  const outcomes: Outcome[] = questions.map((q) => {
    const r = respond(q.text);
    const expected = expectedTopic(q.expected);
    const directOk = q.answer ? directRegex(q.answer).test(r.text) : null;
    return { q, expected, r, topicOk: r.topic === expected, directOk };
  });
  const perTopic: Report['perTopic'] = {};
  const conf = new Map<string, number>();
  for (const o of outcomes) {
    const p = (perTopic[o.expected] ??= { total: 0, correct: 0, accuracy: 0 });
    p.total++;
    if (o.topicOk) p.correct++;
    else {
      const key = `${o.expected} → ${o.r.topic}`;
      conf.set(key, (conf.get(key) ?? 0) + 1);
    }
  }
  for (const p of Object.values(perTopic)) p.accuracy = p.total ? p.correct / p.total : 0;
  const correct = outcomes.filter((o) => o.topicOk).length;
  const withRegex = outcomes.filter((o) => o.directOk !== null);
  const found = withRegex.filter((o) => o.directOk).length;
  const off = outcomes.filter((o) => o.expected === 'unknown');
  return {
    total: outcomes.length,
    correct,
    accuracy: outcomes.length ? correct / outcomes.length : 0,
    perTopic,
    confusions: [...conf.entries()]
      .map(([k, count]) => {
        const [expected, got] = k.split(' → ') as [string, string];
        return { expected, got, count };
      })
      .sort((a, b) => b.count - a.count),
    direct: { total: withRegex.length, found, rate: withRegex.length ? found / withRegex.length : 0 },
    offTopicConfidentlyWrong: off.filter((o) => o.r.topic !== 'unknown' && o.r.confidence >= threshold).length,
    offTopicTotal: off.length,
    outcomes,
  };
}

/** A follow-up pair: a first question, then what the same person typed next. */
export const followUpSchema = z.object({
  first: z.string(),
  followup: z.string(),
  /** the follow-up's topic, read together with the first question */
  expected: z.enum(TOPIC_IDS),
  lang: z.enum(['ko', 'en']).optional(),
  answer: z.string().nullable().optional(),
  asks: z.unknown().optional(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export function parseFollowUps(jsonl: string): FollowUp[] {
  return parseLines(jsonl, followUpSchema, 'follow-ups');
}

/** What the bot keeps of an answer for the next message (bot.ts remember): no text. */
export interface Kept {
  topic: TopicId;
  faq: string | null;
  lang: 'ko' | 'en';
}
export type FollowUpResponder = (text: string, kept?: Kept) => Response & { lang: 'ko' | 'en' };

export interface FollowUpScore {
  topic: number;
  direct: number;
}
export interface FollowUpReport {
  total: number;
  /** follow-ups with an answer regex */
  withPattern: number;
  withContext: FollowUpScore;
  withoutContext: FollowUpScore;
  /** the misses with the context: the pair, what the first answer kept, the reply */
  misses: { pair: FollowUp; kept?: Kept; r: Response }[];
}

/**
 * Each follow-up answered after its first question, with what the bot keeps of the first
 * answer (its entry, topic and language, when it had a topic), and alone for comparison.
 */
export function evaluateFollowUps(pairs: FollowUp[], respond: FollowUpResponder): FollowUpReport {
  const report: FollowUpReport = {
    total: pairs.length,
    withPattern: 0,
    withContext: { topic: 0, direct: 0 },
    withoutContext: { topic: 0, direct: 0 },
    misses: [],
  };
  for (const pair of pairs) {
    const first = respond(pair.first);
    const kept: Kept | undefined =
      first.topic === 'unknown' ? undefined : { topic: first.topic, faq: first.faq, lang: first.lang };
    const pattern = pair.answer ? directRegex(pair.answer) : undefined;
    if (pattern) report.withPattern++;
    const score = (r: Response, s: FollowUpScore) => {
      const topicOk = r.topic === pair.expected;
      const directOk = pattern ? pattern.test(r.text) : true;
      if (topicOk) s.topic++;
      if (pattern && directOk) s.direct++;
      return topicOk && directOk;
    };
    const r = respond(pair.followup, kept);
    if (!score(r, report.withContext)) report.misses.push({ pair, kept, r });
    score(respond(pair.followup), report.withoutContext);
  }
  return report;
}

/** Questions per second over `texts`, for about `seconds` on this core. */
export function throughput(texts: string[], respond: (t: string) => unknown, seconds = 1.5): number {
  if (texts.length === 0) return 0;
  for (const t of texts) respond(t); // warm-up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (const t of texts) respond(t);
    n += texts.length;
    elapsed = performance.now() - start;
  }
  return Math.round(n / (elapsed / 1000));
}
