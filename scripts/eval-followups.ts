// Follow-up questions read in the light of the previous answer, as the bot does (bot.ts
// remember/recall: the answer's entry, topic and language, when it had a topic).
//   npm run eval:followups [-- FILE.jsonl] [--errors]   (default: the blind test half of round 9)
// Each line: {"first", "followup", "expected" (the follow-up's topic), "answer" (regex or null)}.
// Prints the follow-ups' topic and direct-answer rates with the context and without it.
import { readFileSync } from 'node:fs';
import { answer } from '../src/core/knowledge';
import { evaluateFollowUps, parseFollowUps } from '../src/core/knowledge/evaluate';

const args = process.argv.slice(2);
const flag = args.find((a) => a === '--errors');
const file = args.find((a) => a !== '--errors') ?? 'test/fixtures/blind/followups9-test.jsonl';
const r = evaluateFollowUps(parseFollowUps(readFileSync(file, 'utf8')), (text, kept) => {
  const a = answer(text, { context: kept });
  return { topic: a.topic, confidence: a.confidence, faq: a.faq ?? null, text: a.text, lang: a.lang };
});
if (flag === '--errors')
  for (const m of r.misses)
    console.log(
      `  ✗ [${m.pair.expected} → ${m.r.topic} ${m.r.faq ?? ''} ${m.r.confidence}] after ${m.kept?.faq ?? '(nothing kept)'}: ` +
        `${m.pair.first} ⟶ ${m.pair.followup}`,
    );
const pct = (a: number, b: number) => `${a}/${b} = ${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(`${r.total} follow-ups`);
for (const [name, s] of [
  ['with the context', r.withContext],
  ['without the context', r.withoutContext],
] as const)
  console.log(`${name}: topic ${pct(s.topic, r.total)}, direct ${pct(s.direct, r.withPattern)}`);
