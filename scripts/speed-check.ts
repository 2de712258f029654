// Speed work on the free-text engine must not change a single answer.
//   npx tsx scripts/speed-check.ts record [FILE]   records every answer on the blind dev splits
//   npx tsx scripts/speed-check.ts compare [FILE]  answers again, lists every difference (exit 1)
// Each question is answered bare, inside a follow-up window of every topic, and by the
// retrieval-only engine, so the classifier's prior and both rankers are covered. Also prints
// start-up CPU time (import, i.e. loading + training) and questions per CPU-second on dev.
// Never reads the held-out split.
import { readFileSync, writeFileSync } from 'node:fs';

const c0 = process.cpuUsage();
const { answer, ENTRIES, TOPIC_IDS } = await import('../src/core/knowledge');
const importCpu = process.cpuUsage(c0);
const { createUnderstander } = await import('../src/core/knowledge/understand');

const [mode = 'compare', file = '/tmp/speed-check.json'] = process.argv.slice(2);
const SPLITS = ['dev', 'dev2', 'dev3'].map((s) => `test/fixtures/blind/${s}.jsonl`);
const texts = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);

const c1 = process.cpuUsage();
const retrieval = createUnderstander([...ENTRIES], 'retrieval');
const combinedBuild = (() => {
  const c = process.cpuUsage();
  createUnderstander([...ENTRIES]);
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
})();
const retrievalBuild = (process.cpuUsage(c1).user + process.cpuUsage(c1).system) / 1000 - combinedBuild;

const out: Record<string, string> = {};
const rec = (key: string, a: ReturnType<typeof answer>) => {
  out[key] = JSON.stringify([
    a.topic,
    a.faq ?? null,
    a.confidence,
    a.text,
    a.intent,
    a.followUps,
    a.choices,
    a.title,
    a.links,
  ]);
};
for (const path of SPLITS)
  texts(path).forEach((t, i) => {
    const k = `${path}#${i}`;
    rec(`${k} bare`, answer(t));
    rec(`${k} retrieval`, answer(t, { engine: retrieval }));
    for (const topic of TOPIC_IDS) rec(`${k} ctx:${topic}`, answer(t, { context: { faq: null, topic, lang: 'ko' } }));
  });

if (mode === 'record') {
  writeFileSync(file, JSON.stringify(out));
  console.log(`recorded ${Object.keys(out).length} answers to ${file}`);
} else {
  const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  let diffs = 0;
  for (const k of new Set([...Object.keys(before), ...Object.keys(out)]))
    if (before[k] !== out[k]) {
      if (++diffs <= 20) console.log(`DIFF ${k}\n  before ${before[k]}\n  after  ${out[k]}`);
    }
  console.log(`${Object.keys(out).length} answers compared, ${diffs} differences`);
  if (diffs) process.exitCode = 1;
}

// Throughput on dev, CPU time (the machine is shared), best of 5 rounds of ≥ 1 CPU-second.
const dev = texts(SPLITS[0]!);
for (const t of dev) answer(t);
let best = 0;
for (let r = 0; r < 5; r++) {
  const c = process.cpuUsage();
  let n = 0;
  let cpu = 0;
  while (cpu < 1) {
    for (const t of dev) answer(t);
    n += dev.length;
    const d = process.cpuUsage(c);
    cpu = (d.user + d.system) / 1e6;
  }
  best = Math.max(best, n / cpu);
}
console.log(
  `import (load + train) ${Math.round((importCpu.user + importCpu.system) / 1000)} ms CPU; ` +
    `engine build ${Math.round(combinedBuild)} ms CPU (retrieval-only ${Math.round(retrievalBuild)}); ` +
    `dev ${Math.round(best)} q per CPU-second`,
);
