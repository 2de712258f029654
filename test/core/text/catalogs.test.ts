// Every piece of user-facing text lives in a catalog with Korean and English side by side: both
// languages present, nothing empty, the same placeholders, one register (해요체), one locale mapping.
import { describe, expect, it } from 'vitest';
import { coreLocale, STRINGS } from '../../../src/adapters/discord/locale';
import { langOfLocale, strings } from '../../../src/adapters/slack/strings';
import { defineCatalog, fill, placeholders } from '../../../src/core/text/catalog';
import { CORE_CATALOGS, isTextKey, langFromLocale, renderNotice } from '../../../src/core/text';
import { UNIPASS_TEXT } from '../../../src/unipass/text';
import { CHROME_TEXT, PAGE_TEXTS } from '../../../src/web/content';
import { SLACK_TEXT } from '../../../src/adapters/slack/strings';
import { DISCORD_TEXT } from '../../../src/adapters/discord/locale';

type Pair = { ko: string; en: string };

/** Every text of every catalog, named `<catalog>.<key>` (web pages by their path). */
function allTexts(): [string, Pair][] {
  const catalogs = [...Object.values(CORE_CATALOGS), UNIPASS_TEXT, SLACK_TEXT, DISCORD_TEXT, CHROME_TEXT];
  const out: [string, Pair][] = catalogs.flatMap((c) =>
    c.keys.map((k): [string, Pair] => [`${c.name}.${k}`, c.entry(k as never)]),
  );
  const walk = (v: unknown, path: string) => {
    if (v && typeof v === 'object' && 'ko' in v && 'en' in v) out.push([path, v as Pair]);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(PAGE_TEXTS, 'web.pages');
  return out;
}

/** Sentence endings of the formal registers (합니다체, 하십시오체) the bot does not use. */
function formalEndings(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/([가-힣])(니다|니까)/g)) {
    const c = m[1]!.charCodeAt(0) - 0xac00;
    if (m[1] === '습' || c % 28 === 17) found.push(m[0]); // 습니다, or a syllable ending in ㅂ + 니다
  }
  for (const m of text.matchAll(/십시오|십시요/g)) found.push(m[0]);
  return found;
}

const TEXTS = allTexts();

describe('the catalogs', () => {
  it('hold the texts of every feature (core, UNI-PASS, Slack, Discord, web)', () => {
    const names = new Set(TEXTS.map(([n]) => n.split('.')[0]));
    expect([...names].sort()).toEqual(
      ['code', 'customs', 'discord', 'reminders', 'slack', 'ui', 'unipass', 'vault', 'web'].sort(),
    );
    expect(TEXTS.length).toBeGreaterThan(300);
  });

  it.each(TEXTS)('%s has both languages, neither empty, with the same placeholders', (_name, t) => {
    expect(t.ko.trim()).not.toBe('');
    expect(t.en.trim()).not.toBe('');
    expect(placeholders(t.ko)).toEqual(placeholders(t.en));
  });

  it.each(TEXTS)('%s speaks Korean in 해요체', (_name, t) => {
    expect(formalEndings(t.ko)).toEqual([]);
  });

  it('the register check itself catches 합니다체 and 하십시오체, and lets 해요체 pass', () => {
    expect(formalEndings('저장되지 않았습니다.')).toEqual(['습니다']);
    expect(formalEndings('확인합니다. 입력하십시오.')).toEqual(['합니다', '십시오']);
    expect(formalEndings('잘못된 번호입니다')).toEqual(['입니다']);
    expect(formalEndings('저장했어요. 다시 시도해 주세요. 아니다')).toEqual([]);
  });
});

describe('defineCatalog', () => {
  it('refuses a data file with a language missing, an empty text or placeholders in one language only', () => {
    expect(() => defineCatalog('t', { a: { ko: '가' } } as never)).toThrow(/t is invalid: a\.en/);
    expect(() => defineCatalog('t', { a: { ko: ' ', en: 'x' } })).toThrow(/a\.ko: empty text/);
    expect(() => defineCatalog('t', { a: { ko: '{n}개', en: 'items' } })).toThrow(/different \{placeholders\}/);
    expect(() => defineCatalog('t', { a: { ko: '가', en: 'a', fr: 'à' } } as never)).toThrow(/invalid/);
  });

  it('renders placeholders, joins a list of lines, and ignores parameters a text does not use', () => {
    const c = defineCatalog('t', { a: { ko: ['{n}개', '끝'], en: ['{n} items', 'end'] } });
    expect(c.render('ko', 'a', { n: 3, unused: 'x' })).toBe('3개\n끝');
    expect(c.render('en', 'a', { n: 3 })).toBe('3 items\nend');
    expect(c.both('a', { n: 1 })).toEqual({ ko: '1개\n끝', en: '1 items\nend' });
  });

  it('a missing parameter is an error under test, naming the text and the parameter', () => {
    const c = defineCatalog('t', { a: { ko: '{n}개', en: '{n} items' } });
    expect(() => c.render('en', 'a')).toThrow('text t.a (en): missing parameter {n}');
    expect(() => fill('{x}', {}, 'here')).toThrow('text here: missing parameter {x}');
  });
});

describe('one locale mapping', () => {
  it.each([
    ['ko', 'ko'],
    ['ko-KR', 'ko'],
    ['KO', 'ko'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    ['ja', 'en'],
    ['zh-CN', 'en'],
  ])('%s → %s, the same in the core, Slack and Discord', (locale, lang) => {
    expect(langFromLocale(locale)).toBe(lang);
    expect(langOfLocale(locale)).toBe(lang);
    expect(coreLocale(locale)).toBe(lang);
  });

  it('no locale: the core and Discord leave the choice to the caller, Slack guesses Korean', () => {
    expect(langFromLocale(undefined)).toBeUndefined();
    expect(coreLocale(null)).toBeUndefined();
    expect(langOfLocale(undefined)).toBe('ko');
  });
});

describe('notices stored as key and parameters', () => {
  it('render in the language of the moment they are shown', () => {
    expect(renderNotice('ko', 'customs.pausedNotice', { label: 'HBL123' })).toContain('HBL123');
    expect(renderNotice('en', 'customs.pausedNotice', { label: 'HBL123' })).toContain(
      'customs alerts for HBL123 are stopped',
    );
    expect(renderNotice('ko', 'reminders.pausedNotice')).toContain('잠시 멈췄어요');
    expect(renderNotice('en', 'reminders.pausedNotice')).toContain('reminders are paused');
  });

  it('a key read back from storage is checked before use', () => {
    expect(isTextKey('reminders.pausedNotice')).toBe(true);
    expect(isTextKey('reminders.nope')).toBe(false);
    expect(isTextKey('toString.x')).toBe(false);
    expect(isTextKey('pausedNotice')).toBe(false);
    expect(() => renderNotice('ko', 'reminders.nope' as never)).toThrow('no text reminders.nope');
  });
});

describe('adapter wording keeps its shape', () => {
  it('Slack hands out one language at a time, Korean before the core has said', () => {
    expect(strings('en').cancel).toBe('Cancel');
    expect(strings(undefined).cancel).toBe('취소');
  });

  it('Discord looks texts up by key, then language', () => {
    expect(STRINGS.done.ko).toBe('완료했어요.');
    expect(STRINGS.done.en).toBe('Done.');
  });
});
