// Questions about something else that share words with an entry (a refund of duty, the dollar
// rate) are held below the answer threshold by the blind-written off-topic examples.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answer, ENTRIES } from '../../src/core/knowledge';
import { loadOffTopic, OFF_TOPIC_FILE } from '../../src/core/knowledge/entries';
import { createUnderstander, UNDERSTANDING } from '../../src/core/knowledge/understand';

const examples = loadOffTopic(OFF_TOPIC_FILE);
const without = createUnderstander([...ENTRIES]);
const withExamples = createUnderstander([...ENTRIES], 'combined', examples);

describe('off-topic examples (content/offtopic.json)', () => {
  it('are loaded in both languages', () => {
    expect(examples.length).toBeGreaterThan(100);
    expect(examples.some((q) => /[가-힣]/.test(q))).toBe(true);
    expect(examples.some((q) => /^[\x20-\x7e]+$/.test(q))).toBe(true);
  });

  it.each(['what is the exchange rate for usd today', '직구한 거 반품하면 관부가세 환급 돼요?'])(
    'keep "%s" from a confident answer it would otherwise get',
    (q) => {
      expect(without.understand(q).verdict.confidence).toBeGreaterThanOrEqual(UNDERSTANDING.threshold);
      const v = withExamples.understand(q).verdict;
      expect(v.kind).not.toBe('answer');
      expect(v.confidence).toBeLessThan(UNDERSTANDING.threshold);
    },
  );

  it.each(['통관번호 까먹었어요', 'I forgot my PCCC', '재발급 몇 번까지 돼요?'])('leave "%s" answered', (q) => {
    expect(withExamples.understand(q).verdict.kind).toBe('answer');
    expect(answer(q).confidence).toBeGreaterThanOrEqual(UNDERSTANDING.threshold);
  });

  it('refuse a malformed file, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'offtopic-'));
    const file = join(dir, 'offtopic.json');
    writeFileSync(file, JSON.stringify({ ko: ['ok'], en: [''] }));
    expect(() => loadOffTopic(pathToFileURL(file))).toThrow(/offtopic\.json is invalid/);
  });
});
