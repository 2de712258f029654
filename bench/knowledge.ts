// Free-text understanding on one core: start-up (loading and indexing the entries, training
// the classifier) and questions per second through answer(), over the labelled question set.
import { readFileSync } from 'node:fs';

export async function benchKnowledge(): Promise<Record<string, number | string>> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { answer, ENTRIES } = await import('../src/core/knowledge');
  const startupMs = performance.now() - t0;
  const startupCpu = process.cpuUsage(c0);
  // The engine alone (tokenizing the paraphrases, the BM25 index, training the classifier),
  // once more now that modules are loaded: the part of start-up that grows with the content.
  const { createUnderstander } = await import('../src/core/knowledge/understand');
  const c2 = process.cpuUsage();
  createUnderstander([...ENTRIES]);
  const engine = process.cpuUsage(c2);
  const questions = readFileSync(new URL('../test/fixtures/questions.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  for (let r = 0; r < 3; r++) for (const q of questions) answer(q); // warm-up
  const rounds = 20;
  const t1 = process.hrtime.bigint();
  const c1 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const q of questions) answer(q);
  const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const cpu = process.cpuUsage(c1);
  // CPU time of this process too: on a shared machine wall time includes waiting for a core.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const n = rounds * questions.length;
  return {
    entries: ENTRIES.length,
    startupMs: Math.round(startupMs),
    startupCpuMs: Math.round((startupCpu.user + startupCpu.system) / 1000),
    engineBuildCpuMs: Math.round((engine.user + engine.system) / 1000),
    questions: n,
    seconds: Number(seconds.toFixed(2)),
    questionsPerSecond: Math.round(n / seconds),
    questionsPerCpuSecond: Math.round(n / cpuSeconds),
    target: '≥ 5,000/s',
    ratioToTarget: Number((n / seconds / 5000).toFixed(2)),
    ratioToTargetCpu: Number((n / cpuSeconds / 5000).toFixed(2)),
  };
}
