// Matcher throughput on one core, over the labelled question set.
import { readFileSync } from 'node:fs';
import { answer } from '../src/core/knowledge';

export async function benchKnowledge(): Promise<Record<string, number | string>> {
  const questions = readFileSync(new URL('../test/fixtures/questions.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  for (const q of questions) answer(q); // warm-up
  const rounds = 40;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const q of questions) answer(q);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const n = rounds * questions.length;
  return { questions: n, seconds: Number(seconds.toFixed(2)), questionsPerSecond: Math.round(n / seconds), target: '≥ 1,000/s', ratioToTarget: Number((n / seconds / 1000).toFixed(1)) };
}
