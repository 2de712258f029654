// npm run eval [-- --split tune|heldout] [--errors]
// Accuracy per intent and overall for both splits of the labelled question
// set, confusion pairs, confidence calibration, and questions per second.
import { readFileSync } from 'node:fs';
import { match } from '../src/core/knowledge';
import { INTENTS, parseQuestions, report, runAll, type Outcome } from '../src/core/knowledge/evaluate';

const args = process.argv.slice(2);
const only = args.includes('--split') ? args[args.indexOf('--split') + 1] : undefined;
const showErrors = args.includes('--errors');
if (only !== undefined && only !== 'tune' && only !== 'heldout') {
  console.error('--split must be tune or heldout');
  process.exit(2);
}

const questions = parseQuestions(readFileSync(new URL('../test/fixtures/questions.jsonl', import.meta.url), 'utf8'));
const splits = (['tune', 'heldout'] as const).filter((s) => !only || s === only);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

for (const split of splits) {
  const outcomes = runAll(questions.filter((q) => q.split === split), match);
  const r = report(outcomes);
  console.log(`\n=== ${split}: ${r.correct}/${r.total} = ${pct(r.accuracy)} ===`);
  for (const intent of INTENTS) {
    const p = r.perIntent[intent];
    if (p) console.log(`  ${intent.padEnd(11)} ${String(p.correct).padStart(3)}/${String(p.total).padEnd(3)} ${pct(p.accuracy)}`);
  }
  console.log('  confusions (expected → got):');
  if (r.confusions.length === 0) console.log('    none');
  for (const c of r.confusions) console.log(`    ${c.expected} → ${c.got}: ${c.count}`);
  calibration(outcomes);
  if (showErrors)
    for (const e of r.errors) console.log(`    ✗ [${e.q.expected} → ${e.got} ${e.confidence}] ${e.q.text}`);
}

function calibration(outcomes: Outcome[]) {
  // Confidence buckets vs how often the prediction was right.
  const bins = [0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
  const rows: string[] = [];
  for (let i = 0; i < bins.length - 1; i++) {
    const inBin = outcomes.filter((o) => o.confidence >= bins[i] && o.confidence < bins[i + 1]);
    if (inBin.length === 0) continue;
    const ok = inBin.filter((o) => o.got === o.q.expected).length;
    rows.push(`[${bins[i].toFixed(1)},${Math.min(1, bins[i + 1]).toFixed(1)}) n=${inBin.length} acc=${pct(ok / inBin.length)}`);
  }
  console.log(`  calibration: ${rows.join('  ')}`);
}

// Throughput: the whole set repeatedly for ~1.5 s on this core.
const texts = questions.map((q) => q.text);
for (const t of texts) match(t); // warm-up
let n = 0;
const start = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < 1.5) {
  for (const t of texts) match(t);
  n += texts.length;
  elapsed = Number(process.hrtime.bigint() - start) / 1e9;
}
console.log(`\nthroughput: ${Math.round(n / elapsed)} questions/s (${n} in ${elapsed.toFixed(2)} s, one core)`);
