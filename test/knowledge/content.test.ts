import { describe, expect, it } from 'vitest';
import koJson from '../../src/core/knowledge/content/ko.json';
import enJson from '../../src/core/knowledge/content/en.json';
import { CONTENT, parseLanguageContent } from '../../src/core/knowledge/content';
import { TOPIC_IDS, topicAnswer, type Lang } from '../../src/core/knowledge';
import { aliasKey } from '../../src/core/knowledge/aliases';

const LANGS: Lang[] = ['ko', 'en'];
const CHAT_LIMIT = 900;

describe('topic content', () => {
  for (const lang of LANGS)
    for (const topic of TOPIC_IDS)
      it(`${topic} (${lang}) is complete and fits in a chat message`, () => {
        const a = topicAnswer(topic, lang);
        expect(a.topic).toBe(topic);
        expect(a.lang).toBe(lang);
        expect(a.confidence).toBe(1);
        expect(a.title.length).toBeGreaterThan(0);
        expect(a.text.length).toBeLessThanOrEqual(CHAT_LIMIT);
        expect(a.links.length).toBeGreaterThan(0);
        for (const l of a.links) {
          expect(l.url).toMatch(/^https:\/\/\S+$/);
          expect(a.text).toContain(l.url); // terminal shows only text
        }
        expect(a.followUps.length).toBeGreaterThanOrEqual(1);
        expect(a.followUps.length).toBeLessThanOrEqual(3);
        for (const f of a.followUps) {
          expect(TOPIC_IDS).toContain(f.topic);
          expect(f.topic).not.toBe(topic);
          expect(f.label.length).toBeGreaterThan(0);
        }
      });

  it('both languages suggest the same follow-up topics', () => {
    for (const topic of TOPIC_IDS)
      expect(CONTENT.en.topics[topic].followUps.map((f) => f.topic)).toEqual(
        CONTENT.ko.topics[topic].followUps.map((f) => f.topic),
      );
  });

  it('after theft, suggests reissue and usage alerts', () => {
    const topics = topicAnswer('theft', 'ko').followUps.map((f) => f.topic);
    expect(topics).toEqual(expect.arrayContaining(['reissue', 'usage']));
  });

  it('uses the official UNI-PASS personal page and the 125 call centre numbers', () => {
    for (const lang of LANGS) {
      expect(topicAnswer('issue', lang).text).toContain('https://unipass.customs.go.kr/csp/persIndex.do');
      const lookup = topicAnswer('lookup', lang).text;
      expect(lookup).toContain('125');
      expect(lookup).toContain('+82-2-3438-5199');
    }
  });

  it('names the site menus users must click', () => {
    expect(topicAnswer('reissue', 'ko').text).toMatch(/조회.*수정/);
    expect(topicAnswer('reissue', 'ko').text).toContain('사용정지');
    expect(topicAnswer('usage', 'ko').text).toContain('해외직구 통관내역 조회');
    expect(topicAnswer('usage', 'ko').text).toMatch(/국민비서.*알림 설정.*민원처리.*전자상거래 물품통관내역/);
    expect(topicAnswer('theft', 'ko').text).toContain('도용신고');
  });

  it('covers the 2026 changes in validity and mismatch', () => {
    const ko = topicAnswer('validity', 'ko').text;
    expect(ko).toContain('2027');
    expect(ko).toContain('30일');
    expect(ko).toContain('1년');
    const en = topicAnswer('validity', 'en').text;
    expect(en).toMatch(/birthday in 2027/);
    expect(en).toMatch(/30 days/);
    expect(topicAnswer('mismatch', 'ko').text).toContain('우편번호');
    expect(topicAnswer('mismatch', 'en').text).toMatch(/postal code/);
  });

  it('hedges the facts the sources disagree on', () => {
    expect(topicAnswer('foreigner', 'ko').text).toContain('확실하지 않아요');
    expect(topicAnswer('foreigner', 'en').text).toMatch(/different dates/);
    expect(topicAnswer('mismatch', 'en').text).toMatch(/differ/);
    expect(topicAnswer('reissue', 'en').text).toMatch(/unclear/);
  });

  it('the unknown menu lists every topic in both languages', () => {
    for (const lang of LANGS) {
      const a = topicAnswer('unknown', lang);
      expect(a.topic).toBe('unknown');
      expect(a.followUps.map((f) => f.topic)).toEqual([...TOPIC_IDS]);
      expect(a.text.length).toBeLessThanOrEqual(CHAT_LIMIT);
      for (const topic of TOPIC_IDS) expect(a.text).toContain(CONTENT[lang].topics[topic].label);
    }
  });

  it('no alias or label points at two different topics', () => {
    const owner = new Map<string, string>();
    for (const lang of LANGS)
      for (const topic of TOPIC_IDS) {
        const t = CONTENT[lang].topics[topic];
        for (const word of [...t.aliases, t.label, topic]) {
          const key = aliasKey(word);
          const prev = owner.get(key);
          expect(prev === undefined || prev === topic, `"${word}" is claimed by ${prev} and ${topic}`).toBe(true);
          owner.set(key, topic);
        }
      }
  });
});

describe('content schema check', () => {
  const clone = (x: unknown) => JSON.parse(JSON.stringify(x));

  it('accepts the shipped files', () => {
    expect(() => parseLanguageContent(koJson, 'ko')).not.toThrow();
    expect(() => parseLanguageContent(enJson, 'en')).not.toThrow();
  });

  it('fails naming the topic when one is missing', () => {
    const broken = clone(enJson);
    delete broken.topics.theft;
    expect(() => parseLanguageContent(broken, 'en')).toThrow(/topics\.theft/);
  });

  it('fails on a non-https link', () => {
    const broken = clone(koJson);
    broken.topics.issue.links[0].url = 'http://unipass.customs.go.kr';
    expect(() => parseLanguageContent(broken, 'ko')).toThrow(/https/);
  });

  it('fails on a follow-up to a topic that does not exist', () => {
    const broken = clone(koJson);
    broken.topics.what.followUps[0].topic = 'weather';
    expect(() => parseLanguageContent(broken, 'ko')).toThrow(/followUps/);
  });

  it('fails when a file is filed under the wrong language', () => {
    expect(() => parseLanguageContent(koJson, 'en')).toThrow(/lang/);
  });

  it('fails when a greeting reply is missing', () => {
    const broken = clone(koJson);
    delete broken.replies.greeting;
    expect(() => parseLanguageContent(broken, 'ko')).toThrow(/replies\.greeting/);
  });
});
