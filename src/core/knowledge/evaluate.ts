// Scoring of the labelled question set (test/fixtures/questions.jsonl). Pure:
// callers read the file; used by scripts/eval.ts and the accuracy test.
import { z } from 'zod';
import { TOPIC_IDS, type Intent, type Match } from './types';

export const INTENTS = [...TOPIC_IDS, 'unknown', 'greeting', 'thanks'] as const;

export const labelledQuestionSchema = z.object({
  text: z.string().min(1),
  expected: z.enum(INTENTS),
  lang: z.enum(['ko', 'en']),
  kind: z.string().min(1),
  split: z.enum(['tune', 'heldout']),
});
export type LabelledQuestion = z.infer<typeof labelledQuestionSchema>;

export function parseQuestions(jsonl: string): LabelledQuestion[] {
  return jsonl
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const r = labelledQuestionSchema.safeParse(JSON.parse(line));
      if (!r.success) throw new Error(`questions line ${i + 1}: ${r.error.issues[0]?.message}`);
      return r.data;
    });
}

export interface Outcome {
  q: LabelledQuestion;
  got: Intent;
  confidence: number;
}

export interface SplitReport {
  total: number;
  correct: number;
  accuracy: number;
  perIntent: Record<string, { total: number; correct: number; accuracy: number }>;
  /** "expected → got" with counts, most frequent first */
  confusions: { expected: Intent; got: Intent; count: number }[];
  errors: Outcome[];
}

export function runAll(questions: LabelledQuestion[], match: (t: string) => Match): Outcome[] {
  return questions.map((q) => {
    const m = match(q.text);
    return { q, got: m.intent, confidence: m.confidence };
  });
}

export function report(outcomes: Outcome[]): SplitReport {
  const perIntent: SplitReport['perIntent'] = {};
  const conf = new Map<string, number>();
  let correct = 0;
  for (const o of outcomes) {
    const p = (perIntent[o.q.expected] ??= { total: 0, correct: 0, accuracy: 0 });
    p.total++;
    if (o.got === o.q.expected) {
      p.correct++;
      correct++;
    } else {
      const key = `${o.q.expected}\u0000${o.got}`;
      conf.set(key, (conf.get(key) ?? 0) + 1);
    }
  }
  for (const p of Object.values(perIntent)) p.accuracy = p.total ? p.correct / p.total : 0;
  const confusions = [...conf.entries()]
    .map(([k, count]) => {
      const [expected, got] = k.split('\u0000') as [Intent, Intent];
      return { expected, got, count };
    })
    .sort((a, b) => b.count - a.count);
  return {
    total: outcomes.length,
    correct,
    accuracy: outcomes.length ? correct / outcomes.length : 0,
    perIntent,
    confusions,
    errors: outcomes.filter((o) => o.got !== o.q.expected),
  };
}
