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

export function parseQuestions(jsonl: string): LabelledQuestion[] {
  return jsonl
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const r = labelledQuestionSchema.safeParse(JSON.parse(line));
      if (!r.success)
        throw new Error(`questions line ${i + 1}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
      return r.data;
    });
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
