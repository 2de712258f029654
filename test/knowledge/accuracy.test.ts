// Regression floor on the held-out split of the labelled questions. The
// floors sit a little below the measured figures (see `npm run eval`), so a
// change that makes the matcher worse fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { match, TOPIC_IDS } from '../../src/core/knowledge';
import { parseQuestions, report, runAll } from '../../src/core/knowledge/evaluate';

const questions = parseQuestions(readFileSync(new URL('../fixtures/questions.jsonl', import.meta.url), 'utf8'));

const OVERALL_FLOOR = 0.93; // measured 97.8% (131/134)
const PER_TOPIC_FLOOR = 0.85; // lowest measured: lookup 90% (9/10)

describe('labelled question set', () => {
  it('is big enough and covers every topic in both languages', () => {
    expect(questions.length).toBeGreaterThanOrEqual(300);
    for (const t of TOPIC_IDS) {
      const qs = questions.filter((q) => q.expected === t);
      expect(qs.length, t).toBeGreaterThanOrEqual(15);
      expect(qs.some((q) => q.lang === 'ko') && qs.some((q) => q.lang === 'en'), t).toBe(true);
    }
    expect(questions.filter((q) => q.expected === 'unknown').length).toBeGreaterThanOrEqual(30);
    expect(new Set(questions.map((q) => q.text)).size).toBe(questions.length);
  });

  it('has a fixed split of about 60/40', () => {
    const tune = questions.filter((q) => q.split === 'tune').length / questions.length;
    expect(tune).toBeGreaterThan(0.5);
    expect(tune).toBeLessThan(0.7);
  });
});

describe('held-out accuracy', () => {
  const r = report(runAll(questions.filter((q) => q.split === 'heldout'), match));

  it(`overall ≥ ${OVERALL_FLOOR * 100}%`, () => {
    expect(r.accuracy).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });

  for (const intent of [...TOPIC_IDS, 'unknown'] as const)
    it(`${intent} ≥ ${PER_TOPIC_FLOOR * 100}%`, () => {
      const p = r.perIntent[intent];
      expect(p, `no held-out questions for ${intent}`).toBeDefined();
      expect(p!.accuracy, `${intent}: ${p!.correct}/${p!.total}`).toBeGreaterThanOrEqual(PER_TOPIC_FLOOR);
    });
});
