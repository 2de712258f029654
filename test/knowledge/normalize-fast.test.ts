import { describe, expect, it } from 'vitest';
import { basicNormalize } from '../../src/core/knowledge/normalize';
import { CODE_TOKEN, normalizeQuestion } from '../../src/core/knowledge/tokenize';

// normalizeQuestion skips NFKC and uses a plain character class for text made only of ASCII,
// Hangul syllables and compatibility jamo. What that rests on, over every such character:
const RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xac00, 0xd7a3],
  [0x3131, 0x318e],
];
const chars = RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i)));

describe('the fast path of normalizeQuestion', () => {
  it('ASCII and Hangul syllables are their own NFKC, alone and side by side', () => {
    const moved = chars
      .filter((c) => c.charCodeAt(0) < 0x3131 || c.charCodeAt(0) > 0x318e)
      .filter((c) => c.normalize('NFKC') !== c);
    expect(moved).toEqual([]);
    for (let i = 0; i + 2 < chars.length; i += 97) {
      const text = chars[i]! + chars[i + 1]! + chars[(i * 7) % chars.length]!;
      expect(basicNormalize(text)).toBe(text.toLowerCase().replace(/['`]/g, ''));
    }
  });

  it('letters and digits among them are a-z, A-Z, 0-9 and the two Hangul ranges', () => {
    const plain = /^[a-zA-Z0-9\uac00-\ud7a3\u3131-\u318e]$/;
    expect(chars.filter((c) => /^[\p{L}\p{N}]$/u.test(c) !== plain.test(c))).toEqual([]);
  });

  it('text beyond them still takes the full path', () => {
    expect(normalizeQuestion('ＰＣＣＣ 재발급').concepts).toContain(CODE_TOKEN);
    expect(normalizeQuestion('What’s my ｃｕｓｔｏｍｓ code').en).toEqual(['what', 'pccc']);
    expect(normalizeQuestion('통관·번호 ㈜ 재발급').ko).toBe(normalizeQuestion('통관번호 주 재발급').ko);
  });
});
