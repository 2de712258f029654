// The terminal as a ChatAdapter: ready while it takes lines, and stop() ends a conversation
// that is waiting at its prompt (shutdown does not hang on stdin).
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { startTerminal } from '../../../src/adapters/terminal';
import { createTestApp } from '../../helpers/app';

it('stops while waiting for a line: no longer ready, finished, and says bye', async () => {
  const app = await createTestApp();
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (c) => (screen += String(c)));
  try {
    const t = await startTerminal(app, { input, output });
    expect(t.platform).toBe('terminal');
    expect(t.ready()).toBe(true);
    await t.stop(60_000);
    await t.finished;
    expect(t.ready()).toBe(false);
    expect(screen).toMatch(/bye\n$/);
  } finally {
    input.end();
    await app.close();
  }
});
