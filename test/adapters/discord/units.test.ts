// Pure pieces: rendering, custom ids, diffing, inbound translation, error mapping, and the
// fake's own validator (it must be able to fail).
import { DiscordAPIError } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { buttonId, decodeId, modalId, pendingId } from '../../../src/adapters/discord/ids';
import { buttonInbound, commandInbound, formInbound, messageInbound } from '../../../src/adapters/discord/inbound';
import { coreLocale } from '../../../src/adapters/discord/locale';
import { toDeliveryError } from '../../../src/adapters/discord/messenger';
import { renderFormErrors, renderMessage, renderModal } from '../../../src/adapters/discord/render';
import { PendingForms } from '../../../src/adapters/discord/forms';
import { diffCommands, normaliseCommand } from '../../../src/adapters/discord/sync';
import { commandDefinitions } from '../../../src/adapters/discord/definitions';
import type { Form } from '../../../src/core/types';
import { checkRequest } from '../../fakes/discord/spec';

const form: Form = {
  id: 'vault.register',
  title: 'Keep my customs code — a title that is much longer than forty-five characters',
  intro: 'Your code is encrypted.',
  submitLabel: 'Save',
  fields: [
    { id: 'code', label: 'Customs code', kind: 'secret', placeholder: 'P123456789012', maxLength: 40 },
    { id: 'pin', label: 'PIN', kind: 'secret', minLength: 6, maxLength: 6, hint: 'Six digits' },
  ],
};

describe('render', () => {
  test('a modal: labelled text inputs keyed by field id, intro, Discord limits, valid per the spec', () => {
    const { modal, dropped } = renderModal(form);
    expect(dropped).toEqual([]);
    expect(modal.custom_id).toBe('pccc:f|vault.register');
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components[0]).toEqual({ type: 10, content: 'Your code is encrypted.' });
    expect(modal.components[2]).toEqual({
      type: 18,
      label: 'PIN',
      description: 'Six digits',
      component: { type: 4, custom_id: 'pin', style: 1, required: true, min_length: 6, max_length: 6 },
    });
    expect(checkRequest('POST', '/interactions/1/t/callback', { type: 9, data: modal }).errors).toEqual([]);
  });

  test('more than five fields: the first five are shown (no intro) and the rest reported', () => {
    const many: Form = {
      ...form,
      fields: Array.from({ length: 7 }, (_, i) => ({ id: `f${i}`, label: `F${i}`, kind: 'text' as const })),
    };
    const { modal, dropped } = renderModal(many);
    expect(modal.components).toHaveLength(5);
    expect(modal.components.every((c) => c.type === 18)).toBe(true);
    expect(dropped).toEqual(['f5', 'f6']);
  });

  test('buttons: core buttons, links, a form as "open" button; rows of five; ephemeral flag', () => {
    const forms = new PendingForms();
    const msg = renderMessage(
      {
        visibility: 'ephemeral',
        text: 'Hello',
        form,
        buttons: Array.from({ length: 6 }, (_, i) => ({
          id: 'topic',
          label: `T${i}`,
          value: `v${i}`,
          style: i === 0 ? ('danger' as const) : undefined,
        })),
        links: [{ label: 'UNI-PASS', url: 'https://unipass.customs.go.kr/csp/persIndex.do' }],
      },
      { ephemeral: true, lang: 'ko', forms },
    );
    expect(msg.flags).toBe(64);
    expect(msg.components.map((r) => r.components.length)).toEqual([5, 3]);
    const all = msg.components.flatMap((r) => r.components);
    expect(all[0]!.label).toBe('입력 창 열기');
    expect(decodeId(all[0]!.custom_id!)).toMatchObject({ kind: 'pending' });
    expect(all[1]).toMatchObject({ style: 4, custom_id: 'pccc:a|topic|v0' });
    expect(all.at(-1)).toMatchObject({ style: 5, url: 'https://unipass.customs.go.kr/csp/persIndex.do' });
    expect(checkRequest('POST', '/channels/1/messages', msg).errors).toEqual([]);
  });

  test('content: title and fields not already in the text are added; 2000 characters at most', () => {
    const msg = renderMessage(
      { visibility: 'dm', title: 'Status', text: 'x'.repeat(3000), fields: [{ label: 'a', value: 'b' }] },
      { ephemeral: false, lang: 'en', forms: new PendingForms() },
    );
    expect(msg.content.length).toBe(2000);
    expect(msg.content.startsWith('**Status**')).toBe(true);
    expect(msg.flags).toBeUndefined();
  });

  test('form errors name the fields by their labels and say nothing was saved', () => {
    expect(renderFormErrors({ code: 'Too short.', pin: 'Six digits.' }, 'en', form)).toBe(
      'Please fix the following. Nothing was saved.\n• **Customs code**: Too short.\n• **PIN**: Six digits.',
    );
  });
});

describe('custom ids', () => {
  test('round trip, including values with separators and non-ASCII action ids', () => {
    expect(decodeId(buttonId('topic', 'a|b')!)).toEqual({ kind: 'action', actionId: 'topic', value: 'a|b' });
    expect(decodeId(buttonId('도움|x')!)).toEqual({ kind: 'action', actionId: '도움|x' });
    expect(decodeId(modalId('vault.pin'))).toEqual({ kind: 'form', formId: 'vault.pin' });
    expect(decodeId(pendingId('k1'))).toEqual({ kind: 'pending', key: 'k1' });
    expect(decodeId('someone-else')).toEqual({ kind: 'unknown' });
  });

  test('a value too long for custom_id goes through the forms instead', () => {
    expect(buttonId('topic', 'v'.repeat(120))).toBeUndefined();
    const forms = new PendingForms();
    const msg = renderMessage(
      { visibility: 'ephemeral', text: 't', buttons: [{ id: 'topic', label: 'L', value: 'v'.repeat(120) }] },
      { ephemeral: true, lang: 'en', forms },
    );
    const id = msg.components[0]!.components[0]!.custom_id!;
    expect(id.length).toBeLessThanOrEqual(100);
    const r = buttonInbound({ user: { id: '1' }, guildId: null, locale: 'ko', customId: id }, forms);
    expect(r).toEqual({
      kind: 'event',
      event: {
        kind: 'action',
        actionId: 'topic',
        value: 'v'.repeat(120),
        user: { platform: 'discord', id: '1' },
        place: 'dm',
        locale: 'ko',
      },
    });
  });

  test('forms entries expire', () => {
    let now = 0;
    const forms = new PendingForms(1000, 10, () => now);
    const key = forms.put({ kind: 'action', actionId: 'x' });
    now = 2000;
    expect(buttonInbound({ user: { id: '1' }, guildId: 'g', customId: pendingId(key) }, forms)).toEqual({
      kind: 'expired',
    });
  });
});

describe('inbound', () => {
  test('command: subcommand and option become args; guild → channel, ko locale → ko', () => {
    const e = commandInbound({
      user: { id: '9' },
      guildId: '5',
      locale: 'ko',
      commandName: 'pccc',
      options: { data: [{ name: 'topic', type: 1, options: [{ name: 'id', type: 3, value: 'theft' }] }] },
    });
    expect(e).toEqual({
      kind: 'command',
      args: 'topic theft',
      user: { platform: 'discord', id: '9' },
      place: 'channel',
      locale: 'ko',
    });
    expect(
      commandInbound({ user: { id: '9' }, guildId: null, commandName: 'other', options: { data: [] } }),
    ).toBeUndefined();
  });

  test('modal submit: values keyed by text input custom id', () => {
    const fields = new Map<string, object>([
      ['code', { value: 'P1' }],
      ['pin', { value: '123456' }],
    ]);
    expect(
      formInbound({
        user: { id: '9' },
        guildId: null,
        locale: 'en-US',
        customId: 'pccc:f|vault.register',
        fields: { fields },
      }),
    ).toEqual({
      kind: 'form',
      formId: 'vault.register',
      values: { code: 'P1', pin: '123456' },
      user: { platform: 'discord', id: '9' },
      place: 'dm',
      locale: 'en',
    });
  });

  test('DM messages: bots, guild messages and empty text are ignored', () => {
    expect(messageInbound({ author: { id: '1', bot: true }, guildId: null, content: 'hi' })).toBeUndefined();
    expect(messageInbound({ author: { id: '1', bot: false }, guildId: '2', content: 'hi' })).toBeUndefined();
    expect(messageInbound({ author: { id: '1', bot: false }, guildId: null, content: '  ' })).toBeUndefined();
    expect(messageInbound({ author: { id: '1', bot: false }, guildId: null, content: 'hi' })).toEqual({
      kind: 'message',
      text: 'hi',
      place: 'dm',
      user: { platform: 'discord', id: '1' },
    });
  });

  test('locale', () => {
    expect(coreLocale('ko')).toBe('ko');
    expect(coreLocale('en-GB')).toBe('en');
    expect(coreLocale(undefined)).toBeUndefined();
  });
});

describe('messenger error mapping', () => {
  const apiError = (status: number, code: number) =>
    new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', 'https://x/api/v10/channels/1/messages', {
      body: { content: 'secret P240012345678' },
    } as never);

  test('50007 → permanent; 5xx → transient; the request body never leaks into the message', () => {
    const closed = toDeliveryError(apiError(403, 50007), 'sending a DM');
    expect(closed.kind).toBe('permanent');
    expect(closed.message).not.toContain('P240012345678');
    expect(toDeliveryError(apiError(502, 0), 'x').kind).toBe('transient');
    expect(toDeliveryError(new Error('socket hang up'), 'x').kind).toBe('transient');
  });
});

describe('sync', () => {
  test('normalisation ignores ids, versions, nulls and defaults Discord adds', () => {
    const [local] = commandDefinitions() as any[];
    const remote = JSON.parse(JSON.stringify(local));
    Object.assign(remote, {
      id: '1',
      application_id: '2',
      version: '3',
      dm_permission: true,
      default_member_permissions: null,
      nsfw: false,
    });
    for (const o of remote.options) for (const p of o.options) p.required ??= false;
    remote.options[0].name_localizations = { ko: '도움말' };
    expect(normaliseCommand(remote)).toEqual(normaliseCommand(local));
    expect(diffCommands([remote], [local])).toEqual([]);
  });

  test('reordered subcommands are a change (Discord shows them in order)', () => {
    const [local] = commandDefinitions() as any[];
    const remote = JSON.parse(JSON.stringify(local));
    remote.options.reverse();
    expect(diffCommands([remote], [local])).toEqual(['~ /pccc.options: order changed']);
  });
});

describe('the fake validates against the OpenAPI description', () => {
  test('an invalid body is reported', () => {
    expect(
      checkRequest('POST', '/interactions/1/t/callback', {
        type: 9,
        data: { custom_id: 'x', title: 'y'.repeat(60), components: [] },
      }).errors.length,
    ).toBeGreaterThan(0);
    expect(
      checkRequest('POST', '/users/@me/channels', { recipient_id: 'not-a-snowflake' }).errors.length,
    ).toBeGreaterThan(0);
    expect(checkRequest('POST', '/nope', {}).errors.length).toBe(1);
  });
});
