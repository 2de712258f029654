// The question-level entries: checked with zod at load, failing loudly with the file and
// the entry named; both languages complete; ids unique; each answer fits a chat message.
import { describe, expect, it } from 'vitest';
import { CONTENT } from '../../src/core/knowledge/content';
import { checkEntries, parseEntryFile, type Entry } from '../../src/core/knowledge/entries';
import { ENTRIES, entryAnswer, TOPIC_IDS } from '../../src/core/knowledge';
import { ENGINE_TEXT } from '../../src/core/knowledge/engine-text';

const good = {
  topic: 'reissue',
  entries: [
    {
      id: 'reissue.limit',
      ko: { q: ['재발급 몇 번까지 돼요?'], a: '1년에 5번까지로 알려져 있어요.' },
      en: { q: ['how many times can I reissue it'], a: 'Reportedly five times a year.' },
      links: [{ ko: 'UNI-PASS', en: 'UNI-PASS', url: 'https://unipass.customs.go.kr/csp/persIndex.do' }],
      unsure: true,
    },
  ],
};

describe('entry files', () => {
  it('parse a well-formed file and tag each entry with its topic', () => {
    expect(parseEntryFile(good, 'reissue.json')).toEqual([
      expect.objectContaining({ id: 'reissue.limit', topic: 'reissue' }),
    ]);
  });

  it('fail loudly, naming the file and the entry', () => {
    const bad = structuredClone(good);
    (bad.entries[0]!.en as { a: string }).a = '';
    expect(() => parseEntryFile(bad, 'reissue.json')).toThrow(/reissue\.json.*entry reissue\.limit.*en\.a/);
    const noEn = structuredClone(good) as { topic: string; entries: Record<string, unknown>[] };
    delete noEn.entries[0]!.en;
    expect(() => parseEntryFile(noEn, 'reissue.json')).toThrow(/entry reissue\.limit: entries\.0\.en/);
    expect(() =>
      parseEntryFile(
        { ...good, entries: [{ ...good.entries[0], links: [{ ko: 'x', en: 'x', url: 'http://x' }] }] },
        'reissue.json',
      ),
    ).toThrow(/https/);
  });

  it('reject a file whose topic is not its name, and an id used twice', () => {
    expect(() => parseEntryFile(good, 'theft.json')).toThrow(/declare topic reissue, expected theft/);
    const e = parseEntryFile(good, 'reissue.json');
    expect(() => checkEntries([...e, ...e])).toThrow(/reissue\.limit is used twice/);
  });
});

describe('the entries shipped', () => {
  it('exist for every topic', () => {
    for (const t of TOPIC_IDS)
      expect(
        ENTRIES.some((e) => e.topic === t),
        t,
      ).toBe(true);
  });

  it.each(ENTRIES.map((e) => [e.id, e] as [string, Entry]))(
    '%s has both languages, and its answer reads well',
    (_id, e) => {
      for (const side of [e.ko, e.en]) {
        expect(side.q.length).toBeGreaterThan(0);
        expect(side.a.trim().length).toBeGreaterThan(0);
      }
      expect(e.ko.a).toMatch(/[가-힣]/);
      expect(e.en.q.some((q) => /[a-z]/i.test(q))).toBe(true);
      for (const lang of ['ko', 'en'] as const) {
        const a = entryAnswer(e.id, lang)!;
        expect(a.faq).toBe(e.id);
        expect(a.text.startsWith(lang === 'ko' ? e.ko.a : e.en.a)).toBe(true); // the direct answer first
        expect(a.text.length).toBeLessThanOrEqual(1500);
        expect(a.followUps[0]!.label).toContain(CONTENT[lang].topics[e.topic].label);
        for (const l of a.links) expect(a.text).toContain(l.url);
      }
    },
  );

  it('ids are unique', () => {
    expect(new Set(ENTRIES.map((e) => e.id)).size).toBe(ENTRIES.length);
  });

  it('the engine text has every key in both languages', () => {
    expect(Object.keys(ENGINE_TEXT.en).sort()).toEqual(Object.keys(ENGINE_TEXT.ko).sort());
  });
});
