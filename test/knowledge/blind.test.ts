// Floors on the blind measurement sets (written by people who never saw the code): the
// round-1 held-out split and the round-7 test split, neither ever tuned on. The lead adds
// them under test/fixtures/blind/; a set that is missing skips, saying so.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/core/knowledge';
import { evaluate, parseQuestions } from '../../src/core/knowledge/evaluate';
import { UNDERSTANDING } from '../../src/core/knowledge/understand';

interface Floors {
  /** share of questions with the writer's topic */
  topic: number;
  /** share of questions with the fact asked in the reply */
  direct: number;
  /** off-topic questions answered with an entry at high confidence, at most */
  offTopicConfident: number;
}

/**
 * Set just under what the engine measures; the goal is 95% / 90% / 0 — raise them as the
 * engine gets there. Held-out: 93.4% / 92.6% / 4 of 68 on 2026-12-01 (92.8% / 92.4% / 3 of 68
 * on 2026-11-30, session 4; 92.3% / 90.7% in session 3, 89.5% / 87.1% in session 2, 83.8% /
 * 79.7% before). Round-7 test split: 92.3% / 85.0% / 0 of 51 (91.9% / 85.5% / 0 after
 * session 4, 88.1% / 81.6% / 0 before it).
 * The held-out off-topic ceiling went from 3 to 4 with the round-8 off-topic examples: one
 * held-out question left the confident answers and two joined them, while on 250 new near-miss
 * off-topic questions written after the change (never tuned on) the confident answers fell
 * from 10 to 3 and those kept off rose from 75.2% to 83.6%.
 */
export const FLOORS: Record<string, Floors> = {
  'heldout.jsonl': { topic: 0.93, direct: 0.92, offTopicConfident: 4 },
  'test7.jsonl': { topic: 0.92, direct: 0.84, offTopicConfident: 0 },
};

for (const [name, floors] of Object.entries(FLOORS)) {
  const file = new URL(`../fixtures/blind/${name}`, import.meta.url);
  const present = existsSync(file);

  describe.skipIf(!present)(`blind questions (test/fixtures/blind/${name})`, () => {
    const questions = present ? parseQuestions(readFileSync(file, 'utf8')) : [];
    const r = evaluate(
      questions,
      (text) => {
        const a = answer(text);
        return { topic: a.topic, confidence: a.confidence, faq: a.faq ?? null, text: a.text };
      },
      UNDERSTANDING.threshold,
    );
    const misses = (pred: (o: (typeof r.outcomes)[number]) => boolean) =>
      r.outcomes
        .filter(pred)
        .slice(0, 15)
        .map((o) => `[${o.expected} → ${o.r.topic} ${o.r.faq ?? ''}] ${o.q.text}`)
        .join('\n');

    it(`off-topic questions answered with an entry at high confidence ≤ ${floors.offTopicConfident}`, () => {
      expect(r.offTopicConfidentlyWrong, `of ${r.offTopicTotal}`).toBeLessThanOrEqual(floors.offTopicConfident);
    });

    it(`topic accuracy ≥ ${floors.topic}`, () => {
      expect(r.accuracy, `${r.correct}/${r.total}; first misses:\n${misses((o) => !o.topicOk)}`).toBeGreaterThanOrEqual(
        floors.topic,
      );
    });

    it(`direct-answer rate ≥ ${floors.direct}`, () => {
      expect(
        r.direct.rate,
        `${r.direct.found}/${r.direct.total}; first misses:\n${misses((o) => o.directOk === false)}`,
      ).toBeGreaterThanOrEqual(floors.direct);
    });
  });
}
