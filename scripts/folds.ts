// One fold of the entries' paraphrases for cross-validation (scripts/cv.ts, scripts/fit-rerank.ts):
// every K-th paraphrase of each entry is held out; an entry keeps at least its first one.
import type { Entry } from '../src/core/knowledge/entries';

export function foldSplit(
  entries: readonly Entry[],
  k: number,
  f: number,
): { train: Entry[]; held: [string, Entry][] } {
  const keep = (_: string, i: number) => i % k !== f;
  const held: [string, Entry][] = [];
  const train = entries.map((e) => {
    const hold = (qs: string[]) => qs.forEach((q, i) => i % k === f && held.push([q, e]));
    hold(e.ko.q);
    hold(e.en.q);
    const ko = e.ko.q.filter(keep);
    const en = e.en.q.filter(keep);
    return {
      ...e,
      ko: { ...e.ko, q: ko.length ? ko : e.ko.q.slice(0, 1) },
      en: { ...e.en, q: en.length ? en : e.en.q.slice(0, 1) },
    };
  });
  return { train, held };
}
