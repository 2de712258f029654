// Floors on the blind held-out questions (written by people who never saw the code). The
// lead adds test/fixtures/blind/heldout.jsonl; without it this suite skips, saying so.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/core/knowledge';
import { evaluate, parseQuestions } from '../../src/core/knowledge/evaluate';
import { UNDERSTANDING } from '../../src/core/knowledge/understand';

/**
 * Floors a change may not drop below: share of held-out questions with the right topic / with
 * the direct answer in the reply. Set just under what the engine measures (92.3% and 90.7% on
 * 2026-11-30, session 3; 89.5% / 87.1% in session 2, 83.8% / 79.7% before); the goal is 95% / 90% — raise them as the
 * engine gets there.
 */
export const TOPIC_FLOOR = 0.91;
export const DIRECT_FLOOR = 0.89;
/** Off-topic questions answered confidently with an entry (3 of 68 today; the goal is 0). */
export const OFF_TOPIC_CONFIDENT_MAX = 3;

const FILE = new URL('../fixtures/blind/heldout.jsonl', import.meta.url);
const present = existsSync(FILE);

describe.skipIf(!present)('blind held-out questions (test/fixtures/blind/heldout.jsonl)', () => {
  const questions = present ? parseQuestions(readFileSync(FILE, 'utf8')) : [];
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

  it(`off-topic questions answered with an entry at high confidence ≤ ${OFF_TOPIC_CONFIDENT_MAX}`, () => {
    expect(r.offTopicConfidentlyWrong, `of ${r.offTopicTotal}`).toBeLessThanOrEqual(OFF_TOPIC_CONFIDENT_MAX);
  });

  it(`topic accuracy ≥ ${TOPIC_FLOOR}`, () => {
    expect(r.accuracy, `${r.correct}/${r.total}; first misses:\n${misses((o) => !o.topicOk)}`).toBeGreaterThanOrEqual(
      TOPIC_FLOOR,
    );
  });

  it(`direct-answer rate ≥ ${DIRECT_FLOOR}`, () => {
    expect(
      r.direct.rate,
      `${r.direct.found}/${r.direct.total}; first misses:\n${misses((o) => o.directOk === false)}`,
    ).toBeGreaterThanOrEqual(DIRECT_FLOOR);
  });
});
