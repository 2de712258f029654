import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log';

const CANARY = 'P260987654321';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _e, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

describe('logger', () => {
  it('writes structured JSON lines', () => {
    const { log, lines } = capture();
    log.info({ userId: 'u1', kind: 'command' }, 'handled');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, userId: 'u1', kind: 'command', msg: 'handled' });
  });

  it('redacts secret fields by name, at any depth', () => {
    const { log, lines } = capture();
    log.info({ pin: '740528', code: CANARY, event: { values: { pin: '740528' }, phone: '01012345678' } }, 'form');
    const out = lines.join('');
    expect(out).not.toContain('740528');
    expect(out).not.toContain(CANARY);
    expect(out).not.toContain('01012345678');
    expect(out).toContain('[redacted]');
  });

  it('masks code-shaped text in messages, free fields and errors', () => {
    const { log, lines } = capture();
    log.warn({ note: `user typed ${CANARY}`, err: new Error(`bad ${CANARY}`) }, `saw p2609 8765 4321 in a message`);
    const out = lines.join('');
    expect(out).not.toContain(CANARY);
    expect(out).not.toContain('8765 4321');
    expect(out).toContain('P26*******321');
  });
});

describe('logger: errors stay readable, secrets do not', () => {
  it('keeps an error’s class name, driver code and message (codes masked)', () => {
    const { log, lines } = capture();
    const err = Object.assign(new TypeError(`connect failed for ${CANARY}`), { code: 'ECONNREFUSED' });
    log.error({ err }, 'boom');
    const entry = JSON.parse(lines[0]!);
    expect(entry.err).toMatchObject({ type: 'TypeError', code: 'ECONNREFUSED' });
    expect(entry.err.message).toContain('connect failed for P26*******321');
    expect(lines[0]).not.toContain('[redacted]');
  });

  it('still redacts a person’s name, a typed code field and the known secret fields', () => {
    const { log, lines } = capture();
    log.info(
      {
        input: { name: '김하늘', code: '9001011234567', phone: '01012345678', postalCode: '04524', crkyCn: 'KEY' },
        err: { name: 'StorageUnavailable', code: '57P01' },
      },
      'x',
    );
    const out = lines.join('');
    for (const secret of ['김하늘', '9001011234567', '01012345678', '04524', 'KEY"']) expect(out).not.toContain(secret);
    expect(out).toContain('StorageUnavailable');
    expect(out).toContain('57P01');
  });
});
