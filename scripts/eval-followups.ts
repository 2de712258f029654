// Follow-up questions read in the light of the previous answer, as the bot does (bot.ts
// remember/recall: the answer's entry, topic and language, when it had a topic).
//   npx tsx scripts/eval-followups.ts FILE.jsonl [--errors]
// Each line: {"first", "followup", "expected" (the follow-up's topic), "answer" (regex or null), "lang"}.
// Prints the follow-ups' topic and direct-answer rates with the context and without it.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { answer, type ConversationContext } from '../src/core/knowledge';

const Line = z.object({
  first: z.string(),
  followup: z.string(),
  expected: z.string(),
  answer: z.string().nullable().optional(),
  lang: z.enum(['ko', 'en']).optional(),
});
const [file, flag] = process.argv.slice(2);
if (!file) throw new Error('usage: eval-followups.ts FILE.jsonl [--errors]');
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => Line.parse(JSON.parse(l)));

let firstRight = 0;
const score = { with: { topic: 0, direct: 0 }, without: { topic: 0, direct: 0 } };
let withPattern = 0;
for (const l of lines) {
  const first = answer(l.first);
  const context: ConversationContext | undefined =
    first.topic === 'unknown' ? undefined : { faq: first.faq ?? null, topic: first.topic, lang: first.lang };
  const pattern = l.answer ? new RegExp(l.answer, 'i') : undefined;
  if (pattern) withPattern++;
  for (const [mode, a] of [
    ['with', answer(l.followup, { context })],
    ['without', answer(l.followup)],
  ] as const) {
    const s = score[mode];
    if (a.topic === l.expected) s.topic++;
    if (pattern?.test(a.text)) s.direct++;
    if (mode === 'with' && flag === '--errors' && (a.topic !== l.expected || (pattern && !pattern.test(a.text))))
      console.log(
        `  ✗ [${l.expected} → ${a.topic} ${a.faq ?? ''} ${a.confidence}] after ${first.faq}: ${l.first} ⟶ ${l.followup}`,
      );
  }
  if (context?.topic) firstRight++;
}
const pct = (a: number, b: number) => `${a}/${b} = ${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(`${lines.length} follow-ups; first questions given a topic: ${firstRight}`);
for (const mode of ['with', 'without'] as const)
  console.log(
    `${mode} the context: topic ${pct(score[mode].topic, lines.length)}, direct ${pct(score[mode].direct, withPattern)}`,
  );
