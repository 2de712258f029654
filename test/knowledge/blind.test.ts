// Floors on the blind measurement sets (written by people who never saw the code): the
// round-1 held-out split, the round-7 and round-9 test sets and the test half of round 9's
// follow-up pairs, none ever tuned on. The lead adds
// them under test/fixtures/blind/; a set that is missing skips, saying so.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/core/knowledge';
import { evaluate, evaluateFollowUps, parseFollowUps, parseQuestions } from '../../src/core/knowledge/evaluate';
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
 * engine gets there. Held-out: 93.2% / 92.2% / 4 of 68 at the end of 2026-12-01 (93.4% /
 * 92.6% / 4 before that day's small-talk examples; 92.8% / 92.4% / 3 of 68 on 2026-11-30,
 * session 4; 92.3% / 90.7% in session 3, 89.5% / 87.1% in session 2, 83.8% / 79.7% before).
 * Round-7 test split: 93.0% / 84.6% / 0 of 51 (91.9% / 85.5% / 0 after session 4, 88.1% /
 * 81.6% / 0 before it).
 * The held-out off-topic ceiling went from 3 to 4 with the round-8 off-topic examples: one
 * held-out question left the confident answers and two joined them, while on 250 new near-miss
 * off-topic questions written after the change (never tuned on) the confident answers fell
 * from 10 to 3 and those kept off rose from 75.2% to 83.6%.
 */
export const FLOORS: Record<string, Floors> = {
  'heldout.jsonl': { topic: 0.93, direct: 0.92, offTopicConfident: 4 },
  'test7.jsonl': { topic: 0.92, direct: 0.84, offTopicConfident: 0 },
  // Round 9 (two new writers, 2026-12-01), measured once when it came in: 92.3% / 92.8% / 3 of
  // 80 (91.3% / 92.2% / 3 on the engine of the start of that day); 92.0% / 92.8% / 3 at its end.
  'test9.jsonl': { topic: 0.91, direct: 0.91, offTopicConfident: 3 },
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

/**
 * Follow-up pairs (a question, then what the same person typed next), never tuned on, each
 * measured once when it came in (2026-12-01), with the previous answer / alone:
 * - round 9's test half (75; the dev half is followups9-dev.jsonl): 80.0% topic / 81.3% fact
 *   asked in the reply (80.0% / 80.0% on the engine of the start of that day); alone 61.3% /
 *   78.7%. After the small-talk change it reads 80.0% / 80.0% (looked at, not tuned on).
 * - round 10 (160, a new writer, after every change of that day): 84.4% / 86.9% (81.3% / 83.1%
 *   on the engine of the start of the day); alone 63.1% / 75.6%.
 */
const FOLLOW_UP_FLOORS: Record<string, { topic: number; direct: number }> = {
  'followups9-test.jsonl': { topic: 0.78, direct: 0.78 },
  'followups10.jsonl': { topic: 0.82, direct: 0.85 },
};

for (const [name, floors] of Object.entries(FOLLOW_UP_FLOORS)) {
  const file = new URL(`../fixtures/blind/${name}`, import.meta.url);
  const present = existsSync(file);

  describe.skipIf(!present)(`blind follow-ups (test/fixtures/blind/${name})`, () => {
    const pairs = present ? parseFollowUps(readFileSync(file, 'utf8')) : [];
    const r = evaluateFollowUps(pairs, (text, kept) => {
      const a = answer(text, { context: kept });
      return { topic: a.topic, confidence: a.confidence, faq: a.faq ?? null, text: a.text, lang: a.lang };
    });
    const misses = r.misses
      .slice(0, 15)
      .map((m) => `[${m.pair.expected} → ${m.r.topic} ${m.r.faq ?? ''}] ${m.pair.first} ⟶ ${m.pair.followup}`)
      .join('\n');

    it(`read with the previous answer, the follow-up's topic ≥ ${floors.topic}`, () => {
      expect(r.withContext.topic / r.total, `${r.withContext.topic}/${r.total}\n${misses}`).toBeGreaterThanOrEqual(
        floors.topic,
      );
    });

    it(`read with the previous answer, the fact asked is in the reply ≥ ${floors.direct}`, () => {
      expect(
        r.withContext.direct / r.withPattern,
        `${r.withContext.direct}/${r.withPattern}\n${misses}`,
      ).toBeGreaterThanOrEqual(floors.direct);
    });

    it('the previous answer helps: more follow-ups understood with it than without', () => {
      expect(r.withContext.topic).toBeGreaterThan(r.withoutContext.topic);
    });
  });
}
