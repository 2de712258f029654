// Questions asked "the other way round" ("재발급하면 번호 그대로죠?", "중국에서 200달러까지 면세죠?"):
// an answer that opens with a bare yes / no reads as agreeing with the user's wrong guess, and
// then states the opposite. Answers whose question people ask both ways open with the fact.
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/core/knowledge/index';

const BARE = /^(네|예|아니요|아뇨|yes|no)[\s,.:!]/i;

// [question, a phrase the (confident) answer must state]
const CONTRARY: [string, RegExp][] = [
  ['중국에서 200달러까지 면세죠?', /150달러/],
  ['알리 200불까지 면세 맞죠?', /150달러/],
  ['재발급하면 번호 그대로죠?', /새로운 번호/],
  ['if I reissue, do I keep the same number?', /new number/],
  ['갱신해도 번호 안 바뀌죠?', /그대로/],
  ['is renewing different from reissuing?', /same number|new one/],
  ['휴대폰 번호 달라도 통관되죠?', /같아야/],
  ['휴대폰 번호 바꿨는데 통관부호는 그대로 둬도 되죠?', /바꿔야/],
  ['소액은 통관부호 없어도 되죠?', /필요/],
  ['면세면 통관부호 필요 없죠?', /필요/],
  ['관세청은 문자로 통관부호 안 물어보죠?', /요구하지 않/],
  ['050 안심번호는 안 되죠?', /보류/],
  ['한도 넘으면 전체에 세금 붙죠?', /전체/],
  ['판매국 세금은 빼고 계산하죠?', /포함/],
  ['외국인은 통관부호 못 받죠?', /받을 수 있/],
  ['미성년자는 통관부호 못 받죠?', /받을 수 있/],
  ['통관부호 해지하면 다시 살릴 수 있어요?', /해지/],
];

describe('answers to questions asked the other way round', () => {
  for (const [q, fact] of CONTRARY) {
    it(q, () => {
      const a = answer(q);
      const first = a.text.split('\n')[0]!;
      expect(a.confidence).toBeGreaterThanOrEqual(0.45);
      expect(first).toMatch(fact);
      expect(first).not.toMatch(BARE);
    });
  }
});

// The e-commerce limit given to a traveller ("duty free limit at the airport" is answered by
// dutyfree.limit with confidence 1): the answer says whose limit it is.
describe('the e-commerce duty-free limit, asked by a traveller', () => {
  for (const [q, scope] of [
    ['duty free limit at the airport', /travell?ers/i],
    ['what is the duty free limit for travelers', /travell?ers/i],
    ['직구 면세 한도 얼마예요?', /여행자/],
  ] as const) {
    it(q, () => {
      const a = answer(q);
      if (a.faq === 'dutyfree.limit') expect(a.text).toMatch(scope);
    });
  }
});
