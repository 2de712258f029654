import { describe, expect, it } from 'vitest';
import { normalizeQuestion, spell } from '../../src/core/knowledge/tokenize';

describe('spelling correction', () => {
  it('corrects typos of the words the rules know', () => {
    expect(spell('clearence')).toBe('clearance');
    expect(spell('reisue')).toBe('reissue');
    expect(spell('forgott')).toBe('forgot');
  });

  it('leaves real English words alone, whatever domain word they are close to', () => {
    for (const w of ['store', 'stone', 'style', 'customer', 'missed', 'charge', 'chance', 'present', 'project'])
      expect(spell(w)).toBe(w);
  });

  it('folds a real word into its own meaning, not a neighbour: "store" is not "stolen", "customer" is not customs', () => {
    expect(normalizeQuestion('where is the store').en).not.toContain('stolen');
    expect(normalizeQuestion('customer service number').en).not.toContain('custom');
    expect(normalizeQuestion('I missed the bus').en).not.toContain('stolen');
    expect(normalizeQuestion('my code was stollen').en).toContain('stolen');
  });
});
