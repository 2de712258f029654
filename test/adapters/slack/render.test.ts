import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/types';
import {
  actionId,
  decodeFormContext,
  encodeFormContext,
  escapeMrkdwn,
  formErrorsToSlack,
  LIMITS,
  parseActionId,
  renderHome,
  renderModal,
  renderReply,
  splitText,
  truncate,
} from '../../../src/adapters/slack/render';
import { blockKitProblems } from '../../fakes/slack/api';

const reply = (over: Partial<Reply> = {}): Reply => ({ visibility: 'ephemeral', text: 'hello', ...over });

describe('renderReply', () => {
  it('renders title, text, fields, buttons and links with the full text as fallback', () => {
    const m = renderReply(
      reply({
        title: '발급',
        text: '본문 <b> & co',
        fields: [{ label: '상태', value: '보관 중' }],
        buttons: [{ id: 'x.go', label: 'Go', value: 'v', style: 'primary' }],
        links: [{ label: 'UNI-PASS', url: 'https://unipass.customs.go.kr/csp/persIndex.do' }],
      }),
    );
    expect(m.text).toBe('발급\n본문 <b> & co');
    expect(m.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context']);
    expect(JSON.stringify(m.blocks)).toContain('본문 &lt;b&gt; &amp; co');
    expect((m.blocks[3] as any).elements[0]).toMatchObject({ action_id: 'c:0:x.go', value: 'v', style: 'primary' });
    expect((m.blocks[4] as any).elements[0].text).toBe('<https://unipass.customs.go.kr/csp/persIndex.do|UNI-PASS>');
    expect(blockKitProblems(m.blocks, 'msg')).toEqual([]);
  });

  it('respects Block Kit limits whatever the reply size', () => {
    const m = renderReply(
      reply({
        title: 'T'.repeat(400),
        text: Array.from({ length: 400 }, (_, i) => `paragraph ${i} ${'가'.repeat(300)}`).join('\n\n'),
        fields: Array.from({ length: 23 }, (_, i) => ({ label: `f${i}`, value: 'x'.repeat(3000) })),
        buttons: Array.from({ length: 60 }, (_, i) => ({ id: 'same', label: `button ${'b'.repeat(100)} ${i}` })),
        links: Array.from({ length: 12 }, (_, i) => ({ label: `l${i}`, url: `https://example.com/${i}` })),
      }),
    );
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(blockKitProblems(m.blocks, 'msg')).toEqual([]);
    // buttons survive the cut and every action_id is unique even for equal core ids
    const ids = m.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b: any) => b.elements.map((e: any) => e.action_id));
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(ids.map((id) => parseActionId(id))).toEqual(ids.map(() => ({ kind: 'core', id: 'same' })));
    expect(m.text.length).toBeLessThanOrEqual(LIMITS.messageText);
  });

  it('adds an "open private form" button when a form cannot be opened right away', () => {
    const m = renderReply(reply({ form: { id: 'f', title: 't', submitLabel: 's', fields: [] } }), {
      lang: 'en',
      openFormValue: 'nonce',
    });
    expect((m.blocks.at(-1) as any).elements[0]).toMatchObject({
      action_id: 'f:0',
      value: 'nonce',
      text: { text: 'Open private form' },
    });
  });

  it('drops links that are not http(s)', () => {
    const m = renderReply(reply({ links: [{ label: 'bad', url: 'javascript:alert(1)' }] }));
    expect(m.blocks.some((b) => b.type === 'context')).toBe(false);
  });
});

describe('text helpers', () => {
  it('truncates without splitting a surrogate pair', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
    expect(truncate('a😀b', 3)).toBe('a…');
  });
  it('splits long text on boundaries into pieces within the limit', () => {
    const parts = splitText(`${'a'.repeat(2000)}\n\n${'b'.repeat(2000)}`, 3000);
    expect(parts).toEqual(['a'.repeat(2000), 'b'.repeat(2000)]);
    expect(splitText('x'.repeat(7000), 3000).map((p) => p.length)).toEqual([3000, 3000, 1000]);
  });
  it('escapes mrkdwn control characters', () => {
    expect(escapeMrkdwn('<@U1> & <!channel>')).toBe('&lt;@U1&gt; &amp; &lt;!channel&gt;');
  });
  it('round-trips action ids and rejects foreign ones', () => {
    expect(parseActionId(actionId.core(3, 'vault:consent:1'))).toEqual({ kind: 'core', id: 'vault:consent:1' });
    expect(parseActionId(actionId.openForm(0))).toEqual({ kind: 'open_form' });
    expect(parseActionId(actionId.command(2))).toEqual({ kind: 'command' });
    expect(parseActionId('something_else')).toBeUndefined();
  });
});

describe('modals', () => {
  const form = {
    id: 'vault.register',
    title: '개인통관고유부호 안전하게 보관하기',
    intro: '비공개',
    submitLabel: '저장하고 암호화하기 (안전하게)',
    fields: [
      { id: 'code', label: 'Code', kind: 'secret' as const, placeholder: 'P…', maxLength: 40 },
      { id: 'pin', label: 'PIN', kind: 'secret' as const, minLength: 6, maxLength: 6, hint: '6 digits' },
      { id: 'note', label: 'Note', kind: 'text' as const, optional: true },
    ],
  };

  it('renders inputs keyed by field id, limits titles to 24 chars, carries routing only in private_metadata', () => {
    const v = renderModal(
      form,
      { formId: form.id, place: 'channel', channelId: 'C1', responseUrl: 'https://hooks.slack.com/x' },
      { lang: 'ko' },
    );
    expect(v.title.text.length).toBeLessThanOrEqual(24);
    expect(v.submit!.text.length).toBeLessThanOrEqual(24);
    expect(
      v.blocks
        .filter((b) => b.type === 'input')
        .map((b: any) => [b.block_id, b.optional, b.element.min_length, b.element.max_length]),
    ).toEqual([
      ['code', false, undefined, 40],
      ['pin', false, 6, 6],
      ['note', true, undefined, undefined],
    ]);
    expect(decodeFormContext(v.private_metadata)).toEqual({
      formId: form.id,
      place: 'channel',
      channelId: 'C1',
      responseUrl: 'https://hooks.slack.com/x',
      threadTs: undefined,
      lang: undefined,
    });
    expect(blockKitProblems(v.blocks, 'modal', 100)).toEqual([]);
  });

  it('rejects tampered or foreign metadata', () => {
    expect(decodeFormContext('not json')).toBeUndefined();
    expect(decodeFormContext(JSON.stringify({ f: 1, p: 'dm' }))).toBeUndefined();
    expect(decodeFormContext(JSON.stringify({ f: 'x', p: 'public' }))).toBeUndefined();
  });

  it('keeps private_metadata within 3000 chars by dropping the response_url first', () => {
    const s = encodeFormContext({ formId: 'f', place: 'channel', responseUrl: `https://x/${'r'.repeat(3100)}` });
    expect(s.length).toBeLessThanOrEqual(3000);
    expect(decodeFormContext(s)!.responseUrl).toBeUndefined();
  });

  it('maps field errors to block ids, and errors for unknown fields onto the first input', () => {
    expect(formErrorsToSlack({ pin: 'too easy', form: 'locked' }, ['code', 'pin'])).toEqual({
      pin: 'too easy',
      code: 'locked',
    });
  });
});

describe('App Home', () => {
  it('shows the status replies and unique shortcut buttons', () => {
    const home = renderHome(
      [reply({ title: 'Status', buttons: [{ id: 'a', label: 'A' }] }), reply({ buttons: [{ id: 'a', label: 'A2' }] })],
      'en',
    );
    expect(home.type).toBe('home');
    const ids = home.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b: any) => b.elements.map((e: any) => e.action_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['c:0:a', 'c:1:a', 'h:0', 'h:1', 'h:2', 'h:3', 'h:4']);
    expect(blockKitProblems(home.blocks, 'home', 100)).toEqual([]);
  });
});

describe('text from outside stays literal on Slack', () => {
  it('escapes &, <, > and turns off auto-linking (verbatim) in text and fields', () => {
    const msg = renderReply({
      visibility: 'dm',
      text: 'Goods: <https://phish.example|Refund here> & <!channel> www.phish.example',
      fields: [{ label: 'Goods', value: '<@U123> <https://x.example|y>' }],
    });
    const sections = msg.blocks.filter((b: any) => b.type === 'section') as any[];
    for (const s of sections) {
      for (const t of [s.text, ...(s.fields ?? [])].filter(Boolean)) {
        expect(t.verbatim).toBe(true);
        expect(t.text).not.toMatch(/<(https?:|!|@)/);
      }
    }
    expect(JSON.stringify(msg.blocks)).toContain('&lt;https://phish.example|Refund here&gt; &amp; &lt;!channel&gt;');
  });

  it('a sensitive reply: the notification text is generic, the code only in the blocks', () => {
    const msg = renderReply({
      visibility: 'dm',
      text: '내 개인통관고유부호: P260987654321',
      notification: '요청하신 정보를 보냈어요.',
      secret: 'P260987654321',
      sensitive: { deleteAfterSeconds: 600 },
    });
    expect(msg.text).toBe('요청하신 정보를 보냈어요.');
    expect(JSON.stringify(msg.blocks)).toContain('P260987654321');
  });
});
