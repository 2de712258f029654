// Cross-validation on the entries' own paraphrases (and the off-topic examples): for each of
// K folds, every entry's paraphrases at index ≡ fold (mod K) are held out, the engine is built
// from the rest, and the held-out ones are answered. Development signal that never touches
// the blind sets.   npx tsx scripts/cv.ts [K=5] [folds to run, e.g. 0,1]
import { ENTRIES } from '../src/core/knowledge';
import { loadOffTopic, OFF_TOPIC_FILE } from '../src/core/knowledge/entries';
import { createUnderstander, UNDERSTANDING } from '../src/core/knowledge/understand';
import { LOGISTIC } from '../src/core/knowledge/logistic';
import { foldSplit } from './folds';

Object.assign(LOGISTIC, JSON.parse(process.env.LOGISTIC ?? '{}'));

const K = Number(process.argv[2] ?? 5);
const only = process.argv[3]?.split(',').map(Number);
const offTopic = loadOffTopic(OFF_TOPIC_FILE);

let total = 0;
let topicOk = 0;
let entryOk = 0;
let answered = 0;
let answeredRight = 0;
let offTotal = 0;
let offConfident = 0;
let offUnknown = 0;
let buildMs = 0;
let at3 = 0;
let topicLostToVerdict = 0;
const t0 = performance.now();
for (let f = 0; f < K; f++) {
  if (only && !only.includes(f)) continue;
  const keep = (_: string, i: number) => i % K !== f;
  const { train, held } = foldSplit(ENTRIES, K, f);
  const b = performance.now();
  const u = createUnderstander(train, 'combined', offTopic.filter(keep));
  buildMs += performance.now() - b;
  for (const [q, e] of held) {
    const v = u.understand(q).verdict;
    const got = v.kind === 'answer' || v.kind === 'unsure' ? v.entry : undefined;
    total++;
    if (got?.topic === e.topic) topicOk++;
    if (got?.id === e.id) entryOk++;
    else if (process.env.CV_ERRORS && Math.random() < 0.15) console.log(`${e.id} → ${got?.id ?? v.kind}: ${q}`);
    if ('candidates' in v && v.candidates.some((c) => c.entry.id === e.id)) at3++;
    if ('candidates' in v && v.candidates[0]?.entry.topic === e.topic && got?.topic !== e.topic) topicLostToVerdict++;
    if (v.kind === 'answer') {
      answered++;
      if (v.entry.id === e.id) answeredRight++;
    }
  }
  for (const q of offTopic.filter((_, i) => i % K === f)) {
    const v = u.understand(q).verdict;
    offTotal++;
    if (v.kind === 'answer') offConfident++;
    const got = v.kind === 'unsure' ? v.entry : undefined;
    if (!got && v.kind !== 'answer') offUnknown++;
  }
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(2)}%`;
console.log(
  `cv K=${K}: topic ${pct(topicOk, total)}  entry ${pct(entryOk, total)}  answered ${pct(answered, total)}` +
    ` (right ${pct(answeredRight, answered)})  off-topic confident ${offConfident}/${offTotal}` +
    ` unknown ${pct(offUnknown, offTotal)}  build ${(buildMs / 1000).toFixed(1)}s  all ${((performance.now() - t0) / 1000).toFixed(1)}s` +
    `  entry@3 ${pct(at3, total)}  topic right but no entry ${topicLostToVerdict}` +
    `  (threshold ${UNDERSTANDING.threshold})`,
);
