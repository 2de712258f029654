// Korean-aware tokens for retrieval and classification. One normal form for questions and
// paraphrases alike: NFKC, lower case, loose jamo put back together ("ㅈㅐ발급" → "재발급"),
// every name of the code (통관번호, 개통부호, 세관번호, customs ID, P번호…) folded into one
// token, a few concept families folded likewise (잊어버렸/까먹/기억 안 → one token), then:
//   - Korean: syllable bigrams over the text with spaces removed (spacing varies), concepts
//   - Korean: jamo trigrams, so one wrong vowel or consonant costs little
//   - English: light-stemmed words (stop words dropped) and letter trigrams for typos
import { assemble, disassemble } from 'es-hangul';
import { basicNormalize } from './normalize';
import { REAL_WORDS } from './real-words';

/** Canonical token the code's many names fold into (Korean and English alike). */
export const CODE_TOKEN = '통관부호';

/**
 * Names of the code. Korean ones match with spaces removed; English ones on word
 * boundaries. Longest first so "개인통관고유부호" wins over "통관부호".
 */
const CODE_NAMES_KO = [
  '개인통관고유부호',
  '개인통관고유번호',
  '개인통관고유코드',
  '개인통관번호',
  '개인통관부호',
  '개인통관코드',
  '통관고유부호',
  '통관고유번호',
  '통관고유코드',
  '개인고유통관부호',
  '개인고유통관번호',
  '통관부호',
  '통관번호',
  '통관코드',
  '통관넘버',
  '통관id',
  '통관아이디',
  '개통부호',
  '개통번호',
  '개통코드',
  '세관번호',
  '세관부호',
  '세관코드',
  '직구번호',
  '직구부호',
  '직구코드',
  '고유부호',
  '고유통관번호',
  'p번호',
  'p코드',
  'p부호',
  '피번호',
  '피코드',
  'pccc',
  '피씨씨씨',
  // typed as 초성 only
  'ㄱㅇㅌㄱㄱㅇㅂㅎ',
  'ㄱㅇㅌㄱㅂㅎ',
  'ㅌㄱㅂㅎ',
  'ㅌㄱㅂㄹ',
  'ㅌㄱㅋㄷ',
];
const CODE_NAMES_EN = [
  'personal customs clearance code',
  'personal customs clearance number',
  'personal custom clearance code',
  'personal customs code',
  'personal customs number',
  'personal customs id',
  'personal clearance code',
  'customs clearance code',
  'customs clearance number',
  'custom clearance code',
  'clearance code',
  'customs code',
  'custom code',
  'customs id',
  'customs number',
  'customs no',
  'customs pin',
  'p number',
  'p code',
  'pcc code',
  'pccc code',
  'pccc number',
  'pccc',
];

/**
 * Concept families: different ways of saying one thing fold into the first word, in
 * questions and paraphrases alike. Phenomena (verbs, slang, spelling), not sentences.
 */
const CONCEPTS_KO: [string, string[]][] = [
  [
    '까먹',
    [
      '잊어버렸',
      '잊어버림',
      '잊어먹',
      '잊었',
      '잊음',
      '잃어버렸',
      '기억이안',
      '기억안',
      '생각이안',
      '생각안',
      '모르겠',
      '몰라',
      '까묵',
      '까머',
      '까먹',
      '기억을못',
      '기억못',
      '기억이잘안',
      '기억나지않',
      '기억이나지않',
      '생각나지않',
      '생각이나지않',
      '날아갔',
      '날라갔',
    ],
  ],
  [
    '재발급',
    [
      'ㅈㅂㄱ',
      '재발행',
      '다시발급',
      '새로발급',
      '재발금',
      '제발급',
      '재발굽',
      '제발행',
      '새번호',
      '번호교체',
      '번호변경',
      '번호바꾸',
    ],
  ],
  [
    '도용',
    [
      'ㄷㅇ',
      '명의도용',
      '훔쳐',
      '훔친',
      '남이썼',
      '누가썼',
      '누가사용',
      '모르는주문',
      '모르는택배',
      '모르는물건',
      '시킨적없',
      '주문한적없',
      '산적없',
      '직구한적없',
      '구매한적없',
      '도용당',
    ],
  ],
  ['갱신', ['연장', '리뉴얼', '재등록']],
  ['만료', ['ㅇㅎㄱㄱ', '유효기간', '유효기한', '만기', '기한', '만료일', '끝나']],
  ['외국인', ['외국인등록', '외국사람', '유학생', '외국국적', '검은머리외국인']],
  ['조회', ['찾기', '찾는', '찾을', '확인하', '알아내', '알아보', '알수있']],
  ['본인인증', ['휴대폰인증', '핸드폰인증', '폰인증', '본인확인', '실명인증', '인증']],
  ['조회', ['ㅈㅎ']],
  ['잘못', ['잘못입력', '잘못적', '잘못넣', '잘못썼', '잘못써', '틀리게', '틀렸', '틀린', '오타']],
  ['타인', ['남의', '다른사람', '남이', '타인의']],
  ['발급', ['ㅂㄱ', '발행']],
  ['사용정지', ['정지', '중지']],
  ['알림', ['알람', '통보', '메시지']],
  ['예방', ['방지', '막으려', '막으면', '막는', '막을', '안당하', '당하지않', '안전하게', '보호하']],
  ['국민비서', ['구삐']],
  ['면세', ['면세한도', '면세기준', '무관세', '비과세']],
  ['관세', ['관부가세', '부가세', '관세']],
  ['건강기능식품', ['건기식']],
];
const CONCEPTS_EN: [string, string[]][] = [
  ['forgot', ['forget', 'forgotten', 'lost', 'misplaced', 'remember', 'recall']],
  ['reissue', ['re issue', 'reissuing', 'reissued', 'new code', 'new number', 'change my code', 'replace']],
  [
    'stolen',
    ['steal', 'stole', 'theft', 'misuse', 'misused', 'identity theft', 'someone else used', 'someone used', 'fraud'],
  ],
  ['renew', ['renewal', 'renewing', 'extend', 'extension']],
  ['expire', ['expiry', 'expiration', 'expires', 'expired', 'valid', 'validity', 'lifetime']],
  [
    'foreigner',
    ['foreign resident', 'foreign national', 'alien registration', 'arc', 'non korean', 'expat', 'foreign'],
  ],
  ['lookup', ['look up', 'find', 'retrieve', 'check my']],
  ['prevent', ['prevention', 'preventing', 'protect', 'protecting', 'keep safe', 'safeguard', 'avoid']],
  ['tax', ['duty', 'duties', 'taxes', 'taxed', 'vat', 'tariff']],
];

const EN_STOP = new Set(
  [
    'a an the my i to is it for of on in me and or with do does did could be am are was were will',
    'would should if at by from this that you your we our there their so just about any got please',
  ]
    .join(' ')
    .split(' '),
);

const COMPAT_VOWEL = /[\u314f-\u3163]/;
const NFKC_STABLE = /^[\x20-\x7e\uac00-\ud7a3\u3131-\u318e]*$/;
const NOT_LETTER_OR_DIGIT = /[^a-zA-Z0-9\uac00-\ud7a3\u3131-\u318e]+/g;
const HAS_LATIN = /[a-z]/;

interface Rule {
  from: string;
  to: string;
  /** folded for matching, but the cue words see the word itself (Normalized.cue) */
  keep?: boolean;
}

// Words that fold into a concept for matching but are read as themselves by the cue words:
// 도난 is theft of anything (a bicycle, a phone), so it is not the strong cue 도용, but beside
// the code it matches the code's theft entries as 도용 does. Not folded at all (a0147a9),
// 통관번호 도난 처벌 fell from theft.punishment 0.994 to 0.405 and 통관번호 도난당했어요 어떻게
// 해요? became what.without-code 0.583.
const KEPT_CONCEPTS_KO: [string, string[]][] = [['도용', ['도난']]];

function compileKo(): Rule[] {
  const rules: Rule[] = CODE_NAMES_KO.map((from) => ({ from, to: CODE_TOKEN }));
  for (const [to, forms] of CONCEPTS_KO) for (const from of new Set([to, ...forms])) rules.push({ from, to });
  for (const [to, forms] of KEPT_CONCEPTS_KO) for (const from of forms) rules.push({ from, to, keep: true });
  return rules.sort((a, b) => b.from.length - a.from.length);
}
function compileEn(): Rule[] {
  const rules: Rule[] = CODE_NAMES_EN.map((from) => ({ from, to: 'pccc' }));
  for (const [to, forms] of CONCEPTS_EN) for (const from of forms) if (from !== to) rules.push({ from, to });
  return rules.sort((a, b) => b.from.length - a.from.length);
}
const KO_RULES = compileKo();
const EN_RULES = compileEn();
// Rules by first character, longest first: a character tries only the rules that start with it.
const KO_BY_FIRST = new Map<string, Rule[]>();
for (const r of KO_RULES) {
  const list = KO_BY_FIRST.get(r.from[0]!);
  if (list) list.push(r);
  else KO_BY_FIRST.set(r.from[0]!, [r]);
}

// A four-syllable code name typed with one jamo wrong ("통간번호", "통관버호") still names the code.
const FUZZY_CODE = CODE_NAMES_KO.filter((w) => w.length === 4 && /^[\uac00-\ud7a3]+$/.test(w)).map((w) =>
  disassemble(w),
);
function fuzzyCode(window: string): boolean {
  if (!/^[\uac00-\ud7a3]{4}$/.test(window)) return false;
  const j = disassemble(window);
  return FUZZY_CODE.some((c) => withinOne(j, c));
}
function withinOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let k = 0;
  let edits = 0;
  while (i < a.length && k < b.length) {
    if (a[i] === b[k]) {
      i++;
      k++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) k++;
    else {
      i++;
      k++;
    }
  }
  return edits + (a.length - i) + (b.length - k) <= 1;
}
const FUZZY_FIRST = new Set(['통', '퉁', '톤', '동', '개', '세', '직']);

/**
 * Folds the code's names and the concept families inside a compact (space-free) string:
 * each is written in its canonical form and also reported as a whole-word concept, so
 * "재발급" earns a token "발급" does not (cutting the syllables out instead measured worse).
 */
function foldKo(compact: string, concepts: string[], kept?: { hit: boolean }): string {
  let out = '';
  for (let i = 0; i < compact.length; ) {
    const ch = compact[i]!;
    let hit: Rule | undefined;
    const rules = KO_BY_FIRST.get(ch);
    if (rules)
      for (const r of rules)
        if ((kept || !r.keep) && compact.startsWith(r.from, i)) {
          hit = r;
          break;
        }
    if (!hit && FUZZY_FIRST.has(ch) && fuzzyCode(compact.slice(i, i + 4)))
      hit = { from: compact.slice(i, i + 4), to: CODE_TOKEN };
    if (hit) {
      if (hit.keep && kept) kept.hit = true;
      out += hit.to;
      concepts.push(hit.to);
      i += hit.from.length;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

// English words the rules know, for spelling correction ("clearence" → "clearance").
const EN_VOCAB = [
  ...new Set(
    [...CODE_NAMES_EN, ...CONCEPTS_EN.flatMap(([to, forms]) => [to, ...forms])]
      .flatMap((p) => p.split(' '))
      .filter((w) => w.length >= 5),
  ),
];
const spellCache = new Map<string, string>();
/**
 * A typo of a word the rules know, corrected ("clearence" → "clearance"); a real English word
 * (real-words.ts: "store", "customer", "missed") is never one, whatever it is close to.
 */
export function spell(word: string): string {
  if (word.length < 5 || !/^[a-z]+$/.test(word) || REAL_WORDS.has(word)) return word;
  let hit = spellCache.get(word);
  if (hit !== undefined) return hit;
  hit = word;
  if (!EN_VOCAB.includes(word)) {
    const max = word.length >= 8 ? 2 : 1;
    for (const v of EN_VOCAB)
      if (v[0] === word[0] && Math.abs(v.length - word.length) <= max && editDistance(word, v, max) <= max) {
        hit = v;
        break;
      }
  }
  if (spellCache.size < 5000) spellCache.set(word, hit);
  return hit;
}
function editDistance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

// The rules with their spaces around, made once rather than twice per rule per question,
// and each rule's first word.
const EN_PADDED = EN_RULES.map((r) => [` ${r.from} `, ` ${r.to} `, r.from.split(' ')[0]!] as const);
// A rule matches only where its first word is a word of the text, and the text's words are
// always its own or words a rule writes (rules replace whole words, spaces kept): the rules
// by first word, and those whose first word a rule writes, are the only ones worth trying.
const EN_BY_FIRST = new Map<string, number[]>();
EN_PADDED.forEach(([, , first], i) => {
  const list = EN_BY_FIRST.get(first);
  if (list) list.push(i);
  else EN_BY_FIRST.set(first, [i]);
});
const EN_WRITTEN = new Set(EN_RULES.flatMap((r) => r.to.split(' ')));
const EN_ALWAYS = new Uint8Array(EN_PADDED.map(([, , first]) => (EN_WRITTEN.has(first) ? 1 : 0)));
const enTry = new Uint8Array(EN_PADDED.length);
function foldEn(spaced: string): string {
  const words = spaced.split(' ').map(spell);
  let s = ` ${words.join(' ')} `;
  enTry.set(EN_ALWAYS);
  for (const w of words) {
    const list = EN_BY_FIRST.get(w);
    if (list) for (const i of list) enTry[i] = 1;
  }
  for (let i = 0; i < EN_PADDED.length; i++) {
    const [from, to] = EN_PADDED[i]!;
    if (enTry[i] && s.includes(from)) s = s.split(from).join(to);
  }
  return s.trim();
}

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export interface Normalized {
  /** Hangul and digits, spaces removed, concepts cut out ('|'). */
  ko: string;
  /** Korean concepts found (the code's names fold to CODE_TOKEN). */
  concepts: string[];
  /** English words, folded and stemmed, stop words dropped. */
  en: string[];
  /**
   * ko and concepts as the cue words read them, when a word folded for matching is no cue word
   * of its concept's (도난 folds into 도용 but is not the strong cue 도용).
   */
  cue?: { ko: string; concepts: string[] };
}

/**
 * Inputs beyond this are cut: nobody asks a chat question in more. What is kept is the start
 * and, longer, the end, where a pasted notice or story is followed by the question itself.
 */
export const MAX_CHARS = 500;
const KEEP_START = 150;

function cut(text: string): string {
  if (text.length <= MAX_CHARS) return text;
  return `${text.slice(0, KEEP_START)} ${text.slice(text.length - (MAX_CHARS - KEEP_START))}`;
}

export function normalizeQuestion(text: string): Normalized {
  const raw = typeof text === 'string' ? cut(text) : '';
  // ASCII and Hangul syllables are their own NFKC (checked over every one of them): such
  // text needs only basicNormalize's lower case and apostrophes.
  let s = NFKC_STABLE.test(raw) ? raw.toLowerCase().replace(/['`]/g, '') : basicNormalize(raw);
  if (COMPAT_VOWEL.test(s)) {
    try {
      s = assemble([disassemble(s)]);
    } catch {
      /* leave as is */
    }
  }
  // Codes themselves carry no meaning for the question ("P123456789012 유효기간").
  // A code typed in the question still says what the question is about: it counts as a
  // mention of the code (one concept), its digits do not.
  let typedCode = false;
  s = s.replace(/p\s*[-.]?\s*\d(?:[\s-]?\d){11}/g, () => {
    typedCode = true;
    return ' ';
  });
  // Korean side: everything but Latin letters, spaces dropped, then folded. Latin words
  // that name the code inside Korean text ("pccc 재발급") fold on the English side.
  // (Over ASCII and Hangul, letters and digits are these ranges: checked over every one of
  // them; a plain class is much cheaper than the Unicode properties. The tests before each
  // replace skip it where it could change nothing.)
  let compact = s.replace(NFKC_STABLE.test(s) ? NOT_LETTER_OR_DIGIT : /[^\p{L}\p{N}]+/gu, '');
  if (HAS_LATIN.test(compact))
    compact = compact.replace(/[a-z]+/g, (w: string, off: number, str: string) =>
      w === 'pccc' ? CODE_TOKEN : w === 'p' && /^(번호|코드|부호)/.test(str.slice(off + 1)) ? 'p' : '',
    );
  let concepts: string[] = typedCode ? [CODE_TOKEN] : [];
  const kept = { hit: false };
  let ko = foldKo(compact, concepts, kept);
  // A kept word (도난) is read twice, only when there is one: folded for matching, as itself for
  // the cue words. It folds only beside the code or its number (통관번호 도난, 번호 도난당한 것
  // 같아요): 차량 도난 신고 방법 stays a theft of something else (theft.how-report 1.000 folded).
  let cue: { ko: string; concepts: string[] } | undefined;
  if (kept.hit) {
    const asItself = typedCode ? [CODE_TOKEN] : [];
    const koAsItself = foldKo(compact, asItself);
    if (!asItself.includes(CODE_TOKEN) && !/번호|부호|코드/.test(koAsItself)) {
      ko = koAsItself;
      concepts = asItself;
    } else cue = { ko: koAsItself.replace(/[a-z]+/g, ''), concepts: asItself };
  }
  if (HAS_LATIN.test(ko)) ko = ko.replace(/[a-z]+/g, '');
  // Digits alone belong to the English side.
  if (!/[\uac00-\ud7a3\u3131-\u318e]/.test(ko) && concepts.length === 0) ko = '';
  const enWords = /[a-z0-9$]/.test(s) ? s.replace(/[^a-z0-9$]+/g, ' ').trim() : '';
  const en = enWords
    ? foldEn(enWords)
        .split(' ')
        .filter((w) => w.length > 1 && !EN_STOP.has(w))
        .map(stem)
    : [];
  // beside the code, a word kept for the cues (도난): concepts were found, so ko is never blanked
  return cue ? { ko, concepts, en, cue } : { ko, concepts, en };
}

/**
 * The same question without the code's name ("통관부호 재발급 어떻게 해요" → "재발급 어떻게
 * 해요"), as people ask it in a chat that is already about the code; undefined when it does
 * not name the code or names nothing else.
 */
export function withoutCodeName(n: Normalized): Normalized | undefined {
  if (!n.concepts.includes(CODE_TOKEN) && !n.en.includes('pccc')) return undefined;
  const out: Normalized = {
    ko: n.ko.split(CODE_TOKEN).join(''),
    concepts: n.concepts.filter((c) => c !== CODE_TOKEN),
    en: n.en.filter((w) => w !== 'pccc'),
  };
  return out.ko || out.en.length > 0 ? out : undefined;
}

/** Syllable bigrams, concepts and English words. */
export function wordTokens(n: Normalized): string[] {
  const out: string[] = [];
  for (const seg of n.ko.split('|')) {
    // Bigrams only: syllable unigrams (particles, endings) measured slightly worse and slower.
    if (seg.length === 1) out.push(seg);
    for (let i = 0; i + 1 < seg.length; i++) out.push(seg.slice(i, i + 2));
  }
  for (const c of n.concepts) out.push(c === CODE_TOKEN ? '#code' : `c:${c}`);
  for (const w of n.en) out.push(w === 'pccc' ? '#code' : `w:${w}`);
  return out;
}

/**
 * Syllable trigrams and skip-bigrams (one syllable skipped) of the Korean side: longer and
 * looser context than bigrams, for the logistic classifier only (it learns which of them
 * matter; in BM25 they would only add noise and postings). Syllable unigrams too: a word
 * the paraphrases never wrote whole still shares syllables with them (paraphrase
 * cross-validation: entry +1.0; blind dev2 direct 91.3% → 92.2%, dev3 92.7% → 93.6%).
 */
export function shapeTokens(n: Normalized): string[] {
  const out: string[] = [];
  for (const seg of n.ko.split('|')) {
    for (let i = 0; i + 2 < seg.length; i++) out.push(`t:${seg.slice(i, i + 3)}`, `s:${seg[i]}${seg[i + 2]}`);
    for (const ch of seg) out.push(`u:${ch}`);
  }
  return out;
}

/** Jamo trigrams of the Korean side and letter trigrams of English words (typo tolerance). */
export function gramTokens(n: Normalized): string[] {
  const out: string[] = [];
  for (const seg of n.ko.split('|')) {
    const jamo = seg ? disassembleCached(seg) : '';
    for (let i = 0; i + 3 <= jamo.length; i++) out.push(`j:${jamo.slice(i, i + 3)}`);
  }
  for (const w of n.en) {
    if (w.length < 4 || w === 'pccc') continue;
    const p = `^${w}$`;
    for (let i = 0; i + 3 <= p.length; i++) out.push(`e:${p.slice(i, i + 3)}`);
  }
  return out;
}

const jamoCache = new Map<string, string>();
function disassembleCached(ko: string): string {
  let out = '';
  for (const ch of ko) {
    let j = jamoCache.get(ch);
    if (j === undefined) {
      j = /[\uac00-\ud7a3\u3131-\u318e]/.test(ch) ? disassemble(ch) : ch;
      jamoCache.set(ch, j);
    }
    out += j;
  }
  return out;
}

export function allTokens(text: string): string[] {
  const n = normalizeQuestion(text);
  return [...wordTokens(n), ...gramTokens(n)];
}

// Token ids. Every index and model in the process numbers tokens alike, so a question's
// tokens are looked up once and the ids are shared by retrieval, the classifier and the
// off-topic matcher, which then index typed arrays instead of three or four Maps and Sets
// of strings. Only training text (paraphrases, off-topic examples) adds ids; a question's
// unknown tokens get negative ids, one per distinct token in that list.
const TOKEN_IDS = new Map<string, number>();
const unknownIds = new Map<string, number>();

// The n-grams (all but concepts and English words) are also keyed by numbers: a kind and
// up to three UTF-16 code units in two int32s, one key per token string and back. A
// question's n-grams are looked up by key (questionIds) without building their strings,
// which cost more than the rest of its tokenization (profile).
const W1 = 1; // a one-character Korean side: 'X'
const W2 = 2; // syllable bigram: 'XY'
const J3 = 3; // 'j:XYZ'
const E3 = 4; // 'e:XYZ'
const T3 = 5; // 't:XYZ'
const S2 = 6; // 's:XZ'
const U1 = 7; // 'u:X'
const U2 = 8; // 'u:XY' (a surrogate pair)

/**
 * Open addressing from a two-int32 key to an id (≥ 0); clear() empties it in O(1). A slot
 * is four int32s side by side (stamp, key, key, id): one cache line per probe.
 */
class KeyTable {
  private t: Int32Array;
  private mask: number;
  private gen = 1;
  private size = 0;

  constructor(capacity: number) {
    this.t = new Int32Array(capacity * 4);
    this.mask = capacity - 1;
  }

  clear(): void {
    this.gen++;
    this.size = 0;
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ b;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    return (h ^ (h >>> 13)) & this.mask;
  }

  /** The id under (a, b), or −1. */
  get(a: number, b: number): number {
    const { t, gen, mask } = this;
    for (let i = this.slot(a, b); ; i = (i + 1) & mask) {
      const at = i << 2;
      if (t[at] !== gen) return -1;
      if (t[at + 1] === a && t[at + 2] === b) return t[at + 3]!;
    }
  }

  /** Puts (a, b) → v; (a, b) must be absent. */
  add(a: number, b: number, v: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const { t, gen, mask } = this;
    let i = this.slot(a, b);
    while (t[i << 2] === gen) i = (i + 1) & mask;
    const at = i << 2;
    t[at] = gen;
    t[at + 1] = a;
    t[at + 2] = b;
    t[at + 3] = v;
    this.size++;
  }

  private grow(): void {
    const { t, gen } = this;
    this.t = new Int32Array(t.length * 2);
    this.mask = t.length / 2 - 1;
    this.gen = 1;
    this.size = 0;
    for (let at = 0; at < t.length; at += 4) if (t[at] === gen) this.add(t[at + 1]!, t[at + 2]!, t[at + 3]!);
  }
}

const GRAM_IDS = new KeyTable(1 << 17);

/** The numeric key of an n-gram token string, as [kind << 16 | a, b << 16 | c], or undefined. */
function gramKey(t: string): [number, number] | undefined {
  const u = (i: number) => t.charCodeAt(i);
  if (t.length === 1) return [(W1 << 16) | u(0), 0];
  if (t.length === 2) return [(W2 << 16) | u(0), u(1) << 16];
  if (t[1] !== ':') return undefined;
  const p = t[0];
  if (t.length === 5 && (p === 'j' || p === 'e' || p === 't'))
    return [((p === 'j' ? J3 : p === 'e' ? E3 : T3) << 16) | u(2), (u(3) << 16) | u(4)];
  if (t.length === 4 && p === 's') return [(S2 << 16) | u(2), u(3) << 16];
  if (t.length === 3 && p === 'u') return [(U1 << 16) | u(2), 0];
  if (t.length === 4 && p === 'u') return [(U2 << 16) | u(2), u(3) << 16];
  return undefined;
}

/** How many token ids training text has made so far (ids are 0 … vocabSize() − 1). */
export function vocabSize(): number {
  return TOKEN_IDS.size;
}

/** Ids of training tokens, numbering new ones. */
export function internTokens(tokens: string[]): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let id = TOKEN_IDS.get(t);
    if (id === undefined) {
      id = TOKEN_IDS.size;
      TOKEN_IDS.set(t, id);
      const key = gramKey(t);
      if (key) GRAM_IDS.add(key[0], key[1], id);
    }
    out[i] = id;
  }
  return out;
}

/** Ids of a question's tokens: never numbers new ones (unknown → −1, −2, … per distinct token). */
export function tokenIds(tokens: string[]): Int32Array {
  unknownIds.clear();
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let id = TOKEN_IDS.get(t);
    if (id === undefined) {
      id = unknownIds.get(t);
      if (id === undefined) {
        id = -1 - unknownIds.size;
        unknownIds.set(t, id);
      }
    }
    out[i] = id;
  }
  return out;
}

/** A text's three token lists as ids: words (w), typo grams (g), shapes (x, classifier only). */
export interface TokenIds {
  w: Int32Array;
  g: Int32Array;
  x: Int32Array;
}

/**
 * One token list of a question as ids, what tokenIds(list of strings) gives: n-grams by
 * numeric key, the few other tokens (concepts, English words) by string.
 */
class IdList {
  private ids = new Int32Array(256);
  private n = 0;
  private unknown = 0;
  private readonly unknownKeys = new KeyTable(256);
  private readonly unknownWords = new Map<string, number>();

  start(): void {
    this.n = 0;
    this.unknown = 0;
    this.unknownKeys.clear();
    this.unknownWords.clear();
  }

  private push(id: number): void {
    if (this.n === this.ids.length) {
      const more = new Int32Array(this.n * 2);
      more.set(this.ids);
      this.ids = more;
    }
    this.ids[this.n++] = id;
  }

  gram(a: number, b: number): void {
    let id = GRAM_IDS.get(a, b);
    if (id < 0) {
      const u = this.unknownKeys.get(a, b);
      if (u >= 0) id = -1 - u;
      else {
        this.unknownKeys.add(a, b, this.unknown);
        id = -1 - this.unknown++;
      }
    }
    this.push(id);
  }

  word(t: string): void {
    let id = TOKEN_IDS.get(t);
    if (id === undefined) {
      id = this.unknownWords.get(t);
      if (id === undefined) {
        id = -1 - this.unknown++;
        this.unknownWords.set(t, id);
      }
    }
    this.push(id);
  }

  done(): Int32Array {
    return this.ids.slice(0, this.n);
  }
}

const W_IDS = new IdList();
const G_IDS = new IdList();
const X_IDS = new IdList();
/** A question's jamo, as code units (reused). */
let jamoBuf = new Uint16Array(1024);
const jamoOf = new Map<number, string>();

/** Jamo code units of ko[from … to), as disassembleCached gives them; returns their count. */
function jamoUnits(ko: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = ko.charCodeAt(i);
    // disassembleCached leaves everything but Hangul (surrogates included) as it is.
    const hangul = (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3131 && c <= 0x318e);
    let j: string | undefined;
    if (hangul) {
      j = jamoOf.get(c);
      if (j === undefined) {
        j = disassemble(String.fromCharCode(c));
        jamoOf.set(c, j);
      }
    }
    const len = j === undefined ? 1 : j.length;
    if (n + len > jamoBuf.length) {
      const more = new Uint16Array(Math.max(jamoBuf.length * 2, n + len));
      more.set(jamoBuf);
      jamoBuf = more;
    }
    if (j === undefined) jamoBuf[n++] = c;
    else for (let k = 0; k < j.length; k++) jamoBuf[n++] = j.charCodeAt(k);
  }
  return n;
}

/** questionIds(n) as tokenIds of wordTokens, gramTokens and shapeTokens, token for token. */
export function questionIds(n: Normalized): TokenIds {
  const ko = n.ko;
  const w = W_IDS;
  const g = G_IDS;
  const x = X_IDS;
  w.start();
  g.start();
  x.start();
  // Segments of ko between '|' (split('|') gives one empty segment for an empty ko).
  for (let from = 0; from <= ko.length; ) {
    let to = ko.indexOf('|', from);
    if (to < 0) to = ko.length;
    const len = to - from;
    // wordTokens
    if (len === 1) w.gram((W1 << 16) | ko.charCodeAt(from), 0);
    for (let i = from; i + 1 < to; i++) w.gram((W2 << 16) | ko.charCodeAt(i), ko.charCodeAt(i + 1) << 16);
    // gramTokens
    if (len > 0) {
      const m = jamoUnits(ko, from, to);
      for (let i = 0; i + 3 <= m; i++) g.gram((J3 << 16) | jamoBuf[i]!, (jamoBuf[i + 1]! << 16) | jamoBuf[i + 2]!);
    }
    // shapeTokens
    for (let i = from; i + 2 < to; i++) {
      const a = ko.charCodeAt(i);
      const c = ko.charCodeAt(i + 2);
      x.gram((T3 << 16) | a, (ko.charCodeAt(i + 1) << 16) | c);
      x.gram((S2 << 16) | a, c << 16);
    }
    for (let i = from; i < to; i++) {
      const a = ko.charCodeAt(i);
      const b = i + 1 < to ? ko.charCodeAt(i + 1) : 0;
      // a code point: a surrogate pair is one
      if (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff) {
        x.gram((U2 << 16) | a, b << 16);
        i++;
      } else x.gram((U1 << 16) | a, 0);
    }
    from = to + 1;
  }
  for (const c of n.concepts) w.word(c === CODE_TOKEN ? '#code' : `c:${c}`);
  for (const word of n.en) w.word(word === 'pccc' ? '#code' : `w:${word}`);
  for (const word of n.en) {
    if (word.length < 4 || word === 'pccc') continue;
    // the letter trigrams of ^word$
    const last = word.length + 1;
    const at = (i: number) => (i === 0 ? 0x5e : i === last ? 0x24 : word.charCodeAt(i - 1));
    for (let i = 0; i + 3 <= last + 1; i++) g.gram((E3 << 16) | at(i), (at(i + 1) << 16) | at(i + 2));
  }
  return { w: w.done(), g: g.done(), x: x.done() };
}

/**
 * Marks ids (a question's negative ones too) as seen, once per round: removes duplicates
 * from a token list without a Set per question.
 */
export class SeenIds {
  private pos = new Int32Array(1024);
  private neg = new Int32Array(64);
  private round = 0;

  next(): void {
    this.round++;
  }

  /** True the first time `id` is met in this round. */
  first(id: number): boolean {
    let arr = this.pos;
    let i = id;
    if (id < 0) {
      arr = this.neg;
      i = -1 - id;
    }
    if (i >= arr.length) {
      const more = new Int32Array(Math.max(arr.length * 2, i + 1));
      more.set(arr);
      if (id < 0) this.neg = more;
      else this.pos = more;
      arr = more;
    }
    if (arr[i] === this.round) return false;
    arr[i] = this.round;
    return true;
  }
}
