import { describe, expect, it } from 'vitest';
import { topicFromAlias, topicLabel, TOPIC_IDS } from '../../src/core/knowledge';

describe('topicFromAlias (slash commands)', () => {
  it.each([
    ['발급', 'issue'],
    ['lookup', 'lookup'],
    ['LOOK UP', 'lookup'],
    ['조회', 'lookup'],
    ['도용', 'theft'],
    ['재발급', 'reissue'],
    ['사용 정지', 'reissue'],
    ['유효기간', 'validity'],
    ['renew', 'validity'],
    ['Renewal', 'validity'],
    ['면세', 'dutyfree'],
    ['duty-free', 'dutyfree'],
    ['외국인', 'foreigner'],
    ['알림', 'usage'],
    ['불일치', 'mismatch'],
    ['예방', 'prevention'],
    [' 재발급 ', 'reissue'],
  ] as const)('%s → %s', (word, topic) => {
    expect(topicFromAlias(word)).toBe(topic);
  });

  it('every topic id is its own alias', () => {
    for (const t of TOPIC_IDS) expect(topicFromAlias(t)).toBe(t);
  });

  it('returns undefined for unknown words and bad input', () => {
    expect(topicFromAlias('pizza')).toBeUndefined();
    expect(topicFromAlias('')).toBeUndefined();
    expect(topicFromAlias(undefined as unknown as string)).toBeUndefined();
  });
});

describe('topicLabel', () => {
  it('gives a short label in each language', () => {
    expect(topicLabel('reissue', 'ko')).toBe('재발급·사용정지');
    expect(topicLabel('reissue', 'en')).toBe('Reissue / suspend');
    for (const t of TOPIC_IDS)
      for (const l of ['ko', 'en'] as const) expect(topicLabel(t, l).length).toBeLessThanOrEqual(40);
  });
});
