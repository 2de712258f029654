import { describe, expect, it } from 'vitest';
import { ENTRIES } from '../../src/core/knowledge';
import {
  gramTokens,
  normalizeQuestion,
  questionIds,
  shapeTokens,
  tokenIds,
  withoutCodeName,
  wordTokens,
} from '../../src/core/knowledge/tokenize';

// questionIds looks n-grams up by numeric key, without their strings: it must give what the
// string tokens give, id for id (unknown ids included), or answers change.
const viaStrings = (text: string) => {
  const n = normalizeQuestion(text);
  return { w: tokenIds(wordTokens(n)), g: tokenIds(gramTokens(n)), x: tokenIds(shapeTokens(n)) };
};
const same = (text: string) => {
  const a = questionIds(normalizeQuestion(text));
  const b = viaStrings(text);
  return a.w.join() === b.w.join() && a.g.join() === b.g.join() && a.x.join() === b.x.join();
};

describe('questionIds (numeric keys) = tokenIds of the string tokens', () => {
  it('on every paraphrase, reversed, and with unknown words added', () => {
    const differ: string[] = [];
    for (const e of ENTRIES)
      for (const q of [...e.ko.q, ...e.en.q])
        for (const text of [q, [...q].reverse().join(''), `${q} 뷁햏뷁 xyzzy plugh`])
          if (!same(text)) differ.push(text);
    expect(differ).toEqual([]);
  });

  it('on odd text: empty, one character, astral and lone surrogates, other scripts, codes', () => {
    for (const text of [
      '',
      'a',
      '가',
      'ㄱ',
      '𠀀가나 𠀀𠀀',
      '가\ud800나',
      '\udc00가',
      '😀😀 관세',
      '漢字 통관 Ωmega ñ',
      'ㅌㄱㅂㅎ 까먹 ㅈㅐ발급',
      'P123456789012 유효기간',
      'clearence cod pccc renewal 50$',
      '뷁뷁뷁뷁 뷁뷁뷁뷁 zzzz qqqq zzzz',
    ])
      expect(questionIds(normalizeQuestion(text))).toEqual(viaStrings(text));
  });
});

describe('withoutCodeName: a paraphrase as asked in a chat already about the code', () => {
  it("drops the code's name, Korean and English, and keeps the rest", () => {
    expect(withoutCodeName(normalizeQuestion('통관부호 재발급 어떻게 해요'))).toEqual({
      ko: '재발급어떻게해요',
      concepts: ['재발급'],
      en: [],
    });
    expect(withoutCodeName(normalizeQuestion('how do I reissue my PCCC'))?.en).toEqual(['how', 'reissue']);
  });

  it('has nothing to give for a text without the name, or with nothing else', () => {
    expect(withoutCodeName(normalizeQuestion('재발급 어떻게 해요'))).toBeUndefined();
    expect(withoutCodeName(normalizeQuestion('개인통관고유부호'))).toBeUndefined();
  });
});

describe('concepts: forgetting, however it is said, is one token', () => {
  it.each([
    '통관번호 까먹었어요',
    '어머니가 번호를 기억을 못 하세요',
    '번호가 기억이 나지 않아요',
    '폰 바꾸면서 번호가 다 날아갔어요',
  ])('"%s" → 까먹', (q) => {
    expect(normalizeQuestion(q).concepts).toContain('까먹');
  });
});
