// Commands are declared once as specs (src/core/commands.ts); the router, Discord's definitions,
// Slack's App Home and the Slack manifest derive from them, and a word claimed twice stops start-up.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { argsFor, commandDefinitions, SUBCOMMANDS } from '../../src/adapters/discord/definitions';
import { HOME_SHORTCUTS } from '../../src/adapters/slack/render';
import { createBot } from '../../src/core/bot';
import {
  COMMAND_SPECS,
  CommandCollision,
  helpLines,
  homeShortcuts,
  indexWords,
  routedWords,
  slackManifestCommand,
} from '../../src/core/commands';
import type { BotModule } from '../../src/core/module';
import { systemClock, type Stores } from '../../src/core/ports';

const quietLog = { warn: () => {}, error: () => {} };
const noStores = {
  users: { find: async () => undefined },
} as unknown as Stores;
const bot = (modules: BotModule[]) =>
  createBot({ stores: noStores, clock: systemClock, log: quietLog, modules, revealTtlSeconds: 60 });
const run = async () => [];

describe('command specs', () => {
  it('give every command a unique id, an English word equal to its id, and short summaries', () => {
    const ids = COMMAND_SPECS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of COMMAND_SPECS) {
      expect(s.names.en).toContain(s.id);
      expect(s.names.ko.length).toBeGreaterThan(0);
      for (const l of ['ko', 'en'] as const) {
        expect(s.summary[l].length).toBeGreaterThan(0);
        expect(s.summary[l].length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('claim each word once across all commands', () => {
    expect(() => indexWords(COMMAND_SPECS.map((s) => ({ owner: s.id, words: routedWords(s) })))).not.toThrow();
  });

  it('are what Discord registers: one subcommand per spec, same order, options from the argument', () => {
    expect(SUBCOMMANDS.map((s) => s.name)).toEqual(COMMAND_SPECS.map((s) => s.id));
    const [root] = commandDefinitions() as Array<{
      options: Array<{ name: string; name_localizations: { ko: string }; description: string; options: unknown[] }>;
    }>;
    for (const [i, spec] of COMMAND_SPECS.entries()) {
      const o = root!.options[i]!;
      expect(o).toMatchObject({
        name: spec.id,
        name_localizations: { ko: spec.names.ko[0]!.toLowerCase() },
        description: spec.summary.en,
      });
      expect(o.options).toHaveLength(spec.argument ? 1 : 0);
    }
    expect(argsFor('track', 'AB123 2025')).toBe('track AB123 2025');
    expect(argsFor('ask', ' 유효기간? ')).toBe('유효기간?');
    expect(argsFor('show', 'ignored')).toBe('show');
  });

  it('are the help text: one line per command, in both languages', async () => {
    const b = bot([
      {
        name: 'v',
        commands: COMMAND_SPECS.filter((s) => ['register', 'show'].includes(s.id)).map((spec) => ({ spec, run })),
      },
    ]);
    for (const [locale, lang] of [
      ['ko', 'ko'],
      ['en-US', 'en'],
    ] as const) {
      const out = await b.handle({
        kind: 'command',
        args: 'help',
        user: { platform: 'terminal', id: 'h' },
        place: 'dm',
        locale,
      });
      const text = out.replies[0]!.text;
      expect(text).toContain(
        helpLines(
          lang,
          COMMAND_SPECS.filter((s) => s.id === 'register'),
        )[0],
      );
      expect(text).toMatch(/• help — /);
      expect(text).toMatch(/• lang ko\|en\|auto — /);
      // Commands of modules that are not loaded are not advertised.
      expect(text).not.toMatch(/• track /);
    }
  });

  it('are what Slack App Home offers as shortcuts', () => {
    expect(HOME_SHORTCUTS).toEqual(homeShortcuts().map((s) => s.id));
    expect(HOME_SHORTCUTS).toEqual(['help', 'register', 'show', 'remind', 'forget']);
  });

  it("match the Slack manifest's /pccc description and usage hint (manifest.yml)", () => {
    const manifest = readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8');
    const block = manifest.slice(manifest.indexOf('- command: /pccc'));
    const field = (name: string) => {
      const m = new RegExp(`\\n\\s+${name}: (.*)`).exec(block);
      const raw = m?.[1]?.trim() ?? '';
      return raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    };
    const want = slackManifestCommand();
    expect(field('description')).toBe(want.description);
    expect(field('usage_hint')).toBe(want.usageHint);
  });
});

describe('start-up with colliding command words', () => {
  it('refuses two modules that claim the same word', () => {
    const a: BotModule = { name: 'a', commands: [{ names: ['frob', '프롭'], run }] };
    const b: BotModule = { name: 'b', commands: [{ names: ['FROB'], run }] };
    expect(() => bot([a, b])).toThrow(CommandCollision);
    expect(() => bot([a, b])).toThrow(/"frob" is claimed by both "a:0" and "b:0"/);
  });

  it('refuses a module word that a built-in already answers (it would never be reached)', () => {
    expect(() => bot([{ name: 'm', commands: [{ names: ['상태'], run }] }])).toThrow(
      /"상태" is claimed by both "status" and "m:0"/,
    );
    expect(() =>
      bot([
        { name: 'm', commands: [{ spec: COMMAND_SPECS.find((s) => s.id === 'register')!, run }] },
        { name: 'n', commands: [{ names: ['보관'], run }] },
      ]),
    ).toThrow(CommandCollision);
  });

  it('accepts distinct words', () => {
    expect(() =>
      bot([
        { name: 'a', commands: [{ names: ['frob'], run }] },
        { name: 'b', commands: [{ names: ['frab'], run }] },
      ]),
    ).not.toThrow();
  });
});
