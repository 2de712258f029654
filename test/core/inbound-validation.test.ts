// bot.handle checks its Inbound event at the door: whatever an adapter passes, the core answers
// kindly, logs no failure and stores nothing (the Slack fuzz found `args` as a number).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbound } from '../../src/core/types';
import { createTestApp, type TestApp } from '../helpers/app';

describe('bot.handle with an event that is not an Inbound', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });
  const user = { platform: 'slack' as const, id: 'TFAKE:U0CORE1' };

  it.each([
    ['args that is a number', { kind: 'command', args: 5, user, place: 'dm' }],
    ['text that is null', { kind: 'message', text: null, user, place: 'channel' }],
    [
      'a form value that is an object',
      { kind: 'form', formId: 'vault.reveal', values: { pin: { x: 1 } }, user, place: 'dm' },
    ],
    ['an action value that is an array', { kind: 'action', actionId: 'topic', value: ['a'], user, place: 'dm' }],
    ['no user', { kind: 'command', args: 'help', place: 'dm' }],
    ['an unknown kind', { kind: 'explode', user, place: 'dm' }],
  ])('refuses %s kindly, without a failure or a row', async (_what, event) => {
    const from = app.logs.length;
    const outcome = await app.bot.handle(event as unknown as Inbound);
    expect(outcome.replies).toHaveLength(1);
    expect(outcome.replies[0]!.text.length).toBeGreaterThan(0);
    expect(app.logs.slice(from).join('')).not.toMatch(/handler failed/);
    expect(await app.dumpAllTables()).not.toContain('U0CORE1');
  });

  it('still answers a well-formed command', async () => {
    const outcome = await app.bot.handle({ kind: 'command', args: 'help', user, place: 'dm' });
    expect(outcome.replies[0]!.text).toMatch(/register|등록/);
  });
});
