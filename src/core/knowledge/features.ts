// Turns one question into evidence: keyword weight per topic (longest match
// first, typo- and 초성-tolerant for Korean, spell-corrected for English),
// whether it is about the customs code at all (anchor), greeting/thanks
// words, and the leftover text for the similarity score.
import { TOPIC_IDS, type TopicId } from './types';
import type { Lexicon } from './lexicon';
import { basicNormalize, boundedLevenshtein, choseongOf, compactForm, jamoOf, spacedForm } from './normalize';

export interface Features {
  kw: Record<TopicId, number>;
  anchor: boolean;
  codeTerm: boolean;
  greeting: boolean;
  thanks: boolean;
  /** Hangul/digit text with code terms removed, for n-grams. */
  koResidual: string;
  /** English words (spell-corrected) with code terms removed. */
  enResidual: string[];
  /** true when the text has nothing left to go on (empty, only punctuation). */
  empty: boolean;
}

/** Longer inputs are cut: nobody asks a chat question in more than this. */
export const MAX_INPUT_CHARS = 400;

const FUZZY_WEIGHT_SHORT = 0.5; // 2-syllable typo matches are weaker evidence
const FUZZY_WEIGHT_LONG = 0.8;
const CHOSEONG_WEIGHT = 0.8;
/** A greeting/thanks may carry this much else: "안녕하세요", "thank you so much". */
const SOCIAL_EXTRA_CHARS = 5;
const SOCIAL_EXTRA_WORDS = 2;

function zeroScores(): Record<TopicId, number> {
  return Object.fromEntries(TOPIC_IDS.map((t) => [t, 0])) as Record<TopicId, number>;
}

function isConsonantJamo(ch: string): boolean {
  return ch >= '\u3131' && ch <= '\u314e';
}

export function extractFeatures(input: string, lex: Lexicon): Features {
  const norm = basicNormalize(input.slice(0, MAX_INPUT_CHARS));
  const compact = compactForm(norm);
  // Where the user's words start in `compact`: a keyword may bridge a space
  // ("통관 부호") only if it starts where a word starts, so "도용되면 세금"
  // does not yield "면세".
  const wordStart = new Array<boolean>(compact.length + 1).fill(false);
  const spaceBefore = new Array<boolean>(compact.length + 1).fill(false);
  {
    let pos = 0;
    for (const w of norm.split(/[^\p{L}\p{N}]+/u)) {
      if (!w) continue;
      wordStart[pos] = true;
      if (pos > 0) spaceBefore[pos] = true;
      pos += w.length;
    }
  }
  const bridgesBadly = (start: number, len: number) => {
    if (wordStart[start]) return false;
    for (let k = start + 1; k < start + len; k++) if (spaceBefore[k]) return true;
    return false;
  };
  const kw = zeroScores();
  let anchor = false;
  let codeTerm = false;

  // ---------- Korean side: compact text, one mask slot per UTF-16 unit ----------
  const chars = compact.split('');
  const masked = new Array<boolean>(chars.length).fill(false);
  const codeMask = new Array<boolean>(chars.length).fill(false);
  const hitKo = new Set<number>();

  for (const a of lex.anchorsKo) if (compact.includes(a)) anchor = true;

  const free = (start: number, len: number) => {
    for (let k = start; k < start + len; k++) if (masked[k]) return false;
    return true;
  };
  const claim = (idx: number, start: number, len: number, weight: number) => {
    const e = lex.ko[idx];
    for (let k = start; k < start + len; k++) {
      masked[k] = true;
      if (e.kind === 'code') codeMask[k] = true;
    }
    if (hitKo.has(idx)) return;
    hitKo.add(idx);
    if (e.kind === 'code') codeTerm = anchor = true;
    else if (e.kind === 'topic' && e.topic) kw[e.topic] += weight;
  };

  if (compact.length > 0) {
    // Exact matches, longest first.
    lex.ko.forEach((e, idx) => {
      let from = 0;
      for (;;) {
        const at = compact.indexOf(e.word, from);
        if (at < 0) break;
        if (free(at, e.word.length) && !bridgesBadly(at, e.word.length)) claim(idx, at, e.word.length, e.weight);
        from = at + 1;
      }
    });
    // Typo and 초성 matches on what is left ("통간번호", "재발금", "ㅌㄱㅂㅎ").
    const cho = chars.map(choseongOf);
    lex.ko.forEach((e, idx) => {
      if (!e.allSyllables || hitKo.has(idx) || e.kind === 'neutral') return;
      const L = e.syllables;
      for (let i = 0; i + L <= chars.length; i++) {
        if (!free(i, L) || bridgesBadly(i, L)) continue;
        const sameCho = cho.slice(i, i + L).join('') === e.choseong;
        if (!sameCho && chars[i] !== e.word[0]) continue;
        const window = chars.slice(i, i + L);
        // 초성-only input ("ㅌㄱㅂㅎ ㅈㅎ"); two-letter 초성 only next to a code term, as "ㄱㅅ" is thanks.
        if (sameCho && window.every(isConsonantJamo) && (L >= 3 || codeTerm)) {
          claim(idx, i, L, e.weight * CHOSEONG_WEIGHT);
          break;
        }
        const maxDist = L >= 4 ? 2 : 1;
        const dist = boundedLevenshtein(window.map(jamoOf).join(''), e.jamo, maxDist);
        if (dist <= maxDist) {
          claim(idx, i, L, e.weight * (L >= 3 ? FUZZY_WEIGHT_LONG : FUZZY_WEIGHT_SHORT));
          break;
        }
      }
    });
  }

  // ---------- English side: word-start prefix matching on spaced text ----------
  const words = spacedForm(norm).trim().split(' ').filter(Boolean);
  const corrected = words.map((w) => spellCorrect(w, lex.enVocab));
  let spaced = ` ${corrected.join(' ')} `;
  for (const a of lex.anchorsEn) if (spaced.includes(` ${a}`)) anchor = true;
  const enCodeSpans: [number, number][] = [];
  const hitEn = new Set<number>();
  lex.en.forEach((e, idx) => {
    let from = 0;
    for (;;) {
      const at = spaced.indexOf(` ${e.phrase}`, from);
      if (at < 0) break;
      const start = at + 1;
      // Mask with '#' so shorter phrases cannot re-use these letters.
      spaced = spaced.slice(0, start) + '#'.repeat(e.phrase.length) + spaced.slice(start + e.phrase.length);
      if (!hitEn.has(idx)) {
        hitEn.add(idx);
        if (e.kind === 'code') codeTerm = anchor = true;
        else if (e.kind === 'topic' && e.topic) kw[e.topic] += e.weight;
      }
      if (e.kind === 'code') enCodeSpans.push([start, e.phrase.length]);
      from = start + e.phrase.length;
    }
  });

  // ---------- greeting / thanks ----------
  // Only a short message counts as a greeting: "translate hello to french" is not one.
  const wordSet = ` ${corrected.join(' ')} `;
  const socialEn = (list: string[]) =>
    list.some((w) => wordSet.includes(` ${w} `) && corrected.length <= w.split(' ').length + SOCIAL_EXTRA_WORDS);
  const socialKo = (list: string[]) =>
    list.some((w) => compact.includes(w) && compact.length <= w.length + SOCIAL_EXTRA_CHARS);
  const greeting = socialKo(lex.greetingKo) || socialEn(lex.greetingEn);
  const thanks = socialKo(lex.thanksKo) || socialEn(lex.thanksEn);

  // ---------- residual text for similarity ----------
  let koResidual = '';
  for (let k = 0; k < chars.length; k++) if (!codeMask[k] && !/[a-z]/.test(chars[k])) koResidual += chars[k];
  const enResidual = corrected.filter((w) => /^[a-z]+$/.test(w) && !lex.enCodeWords.has(w));

  return {
    kw,
    anchor,
    codeTerm,
    greeting,
    thanks,
    koResidual,
    enResidual,
    empty: compact.length === 0,
  };
}

/** Maps an unknown English word of 5+ letters to a vocabulary word one edit away. */
function spellCorrect(word: string, vocab: Set<string>): string {
  if (word.length < 5 || vocab.has(word) || !/^[a-z]+$/.test(word)) return word;
  const max = word.length >= 8 ? 2 : 1;
  let best = word;
  let bestDist = max + 1;
  for (const v of vocab) {
    if (v.length < 4 || Math.abs(v.length - word.length) > max || v[0] !== word[0]) continue;
    const d = boundedLevenshtein(word, v, max);
    if (d < bestDist) {
      bestDist = d;
      best = v;
    }
  }
  return best;
}
