import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLineSource } from '../../../src/adapters/terminal/lines';
import { renderReply } from '../../../src/adapters/terminal/render';

function streams(tty: boolean) {
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = new PassThrough();
  let seen = '';
  output.on('data', (c) => (seen += String(c)));
  return { input, output, seen: () => seen };
}

describe('terminal line source', () => {
  it('hides secret input on a TTY but echoes ordinary input', async () => {
    const s = streams(true);
    const lines = createLineSource(s.input, s.output);
    const plain = lines.next('> ');
    s.input.write('hello\r');
    expect(await plain).toBe('hello');
    const secret = lines.next('PIN: ', { secret: true });
    s.input.write('740528\r');
    expect(await secret).toBe('740528');
    expect(s.seen()).toContain('hello');
    expect(s.seen()).toContain('PIN: ');
    expect(s.seen()).not.toContain('740528');
    lines.close();
  });

  it('reads piped input line by line without echo and reports EOF as null', async () => {
    const s = streams(false);
    const lines = createLineSource(s.input, s.output);
    s.input.end('one\ntwo\n');
    expect(await lines.next('> ')).toBe('one');
    expect(await lines.next('PIN: ', { secret: true })).toBe('two');
    expect(await lines.next('> ')).toBeNull();
    expect(s.seen()).not.toContain('two');
  });
});

describe('terminal rendering', () => {
  it('numbers buttons, shows fields and links once, and marks DMs', () => {
    const text = renderReply(
      {
        visibility: 'dm',
        text: 'Status',
        fields: [{ label: 'Code', value: 'P26*******321' }],
        links: [{ label: 'UNI-PASS', url: 'https://unipass.customs.go.kr/csp/persIndex.do' }],
        buttons: [
          { id: 'a', label: 'Yes' },
          { id: 'b', label: 'No' },
        ],
      },
      2,
    );
    expect(text).toContain('Code: P26*******321');
    expect(text).toContain('↗ UNI-PASS: https://unipass.customs.go.kr/csp/persIndex.do');
    expect(text).toContain('[3] Yes   [4] No');
    expect(renderReply({ visibility: 'dm', text: 'x', sensitive: { deleteAfterSeconds: 600 } })).toMatch(/^📩 \[DM\]/);
  });
});
