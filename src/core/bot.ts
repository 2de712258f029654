// The one platform-neutral entry: an inbound event in, replies out. Routes commands, forms
// and buttons to feature modules, answers free text through the knowledge matcher, and
// never throws: storage trouble becomes a short "temporarily unavailable".
import { findCodes, maskCode } from './code';
import { BUILTIN_SPECS, COMMAND_SPECS, helpLines, indexWords, routedWords } from './commands';
import { scrubReply } from './scrub';
import { t, langFromLocale } from './i18n';
import {
  answer,
  detectLang,
  entryAnswer,
  textLang,
  topicAnswer,
  topicFromAlias,
  type Answer,
  type ConversationContext,
} from './knowledge';
import type { BotContext, BotModule, Handled } from './module';
import { renderNotice } from './notices';
import { StorageUnavailable, type Clock, type Stores, type UserRecord } from './ports';
import type { Inbound, Lang, Outcome, Reply } from './types';
import { z } from 'zod';

export interface BotLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface BotDeps {
  stores: Stores;
  clock: Clock;
  log: BotLogger;
  modules: BotModule[];
  revealTtlSeconds: number;
}

/** Longest free text we try to understand; longer input gets a kind "too long". */
export const MAX_TEXT = 2000;

/** A question within this long after an answer is read as a follow-up to it. */
export const FOLLOW_UP_WINDOW_MS = 10 * 60_000;

/** Longest string any adapter may hand the core in one field (far above every platform's limit). */
const MAX_FIELD = 100_000;
const field = z.string().max(MAX_FIELD);
const inboundBase = {
  user: z.object({ platform: z.enum(['terminal', 'slack', 'discord']), id: z.string().min(1).max(200) }),
  place: z.enum(['dm', 'channel']),
  locale: z.string().max(64).optional(),
};
/** The contract of `Inbound` checked at the door: no adapter's bug can crash the core. */
const inboundSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), text: field, ...inboundBase }),
  z.object({ kind: z.literal('command'), args: field, ...inboundBase }),
  z.object({
    kind: z.literal('form'),
    formId: z.string().max(200),
    values: z.record(z.string(), field),
    ...inboundBase,
  }),
  z.object({ kind: z.literal('action'), actionId: z.string().max(255), value: field.optional(), ...inboundBase }),
]);

/** Form fields that ask for the code itself; a code anywhere else is refused. */
const CODE_FIELDS = new Set(['code']);

export interface Bot {
  handle(event: Inbound): Promise<Outcome>;
}

export function createBot(deps: BotDeps): Bot {
  const commands = new Map<string, BotModule['commands'] extends (infer C)[] | undefined ? C : never>();
  const forms = new Map<string, NonNullable<BotModule['forms']>[string]>();
  const actions = new Map<string, NonNullable<BotModule['actions']>[string]>();
  // Every command word selects one command: a word claimed twice (by two modules, or by a module
  // and a built-in) stops start-up instead of silently shadowing one of them.
  const handlers = deps.modules.flatMap((m) =>
    (m.commands ?? []).map((c, i) => ({ c, owner: `${m.name}:${c.spec?.id ?? i}` })),
  );
  const builtins = [BUILTIN_SPECS.help, BUILTIN_SPECS.status, BUILTIN_SPECS.lang, BUILTIN_SPECS.topic].map((s) => ({
    owner: s.id,
    words: routedWords(s),
  }));
  indexWords([
    ...builtins,
    ...handlers.map(({ c, owner }) => ({ owner, words: c.spec ? routedWords(c.spec) : c.names })),
  ]);
  const HELP = routedWords(BUILTIN_SPECS.help);
  const STATUS = routedWords(BUILTIN_SPECS.status);
  const LANG = routedWords(BUILTIN_SPECS.lang);
  const TOPIC = routedWords(BUILTIN_SPECS.topic);
  for (const { c } of handlers)
    for (const n of c.spec ? routedWords(c.spec) : c.names) commands.set(n.toLowerCase(), c);
  // Help lists the built-ins and the commands of the modules present, in COMMAND_SPECS order.
  const present = new Set<string>([
    ...Object.keys(BUILTIN_SPECS),
    ...handlers.flatMap(({ c }) => (c.spec ? [c.spec.id] : [])),
  ]);
  const listed = COMMAND_SPECS.filter((s) => present.has(s.id));
  for (const m of deps.modules) {
    for (const [id, f] of Object.entries(m.forms ?? {})) forms.set(id, f);
    for (const [id, a] of Object.entries(m.actions ?? {})) actions.set(id, a);
  }

  /**
   * One language per person: an explicit `lang` wins; then the language of this message
   * when it is free text; then the language of the person's latest free text (kept on the
   * user row); then the platform locale; then Korean.
   */
  function resolveLang(event: Inbound, user: UserRecord | undefined): Lang {
    if (user?.lang) return user.lang;
    if (event.kind === 'message') {
      const own = textLang(event.text);
      if (own) return own;
    }
    // A command typed with Korean words (`/pccc 재발급`) is Korean whatever the locale.
    if (event.kind === 'command' && /[\uac00-\ud7a3\u3131-\u318e]/.test(event.args)) return 'ko';
    if (user?.detectedLang) return user.detectedLang;
    const args = event.kind === 'command' ? event.args : '';
    return langFromLocale(event.locale) ?? (/[\p{L}]{2}/u.test(args) ? detectLang(args) : 'ko');
  }

  function context(event: Inbound, lang: Lang): BotContext {
    return {
      event,
      user: event.user,
      lang,
      stores: deps.stores,
      clock: deps.clock,
      reply: (text, extra = {}) => ({
        ...extra,
        text,
        visibility: extra.visibility ?? (event.place === 'dm' ? 'dm' : 'ephemeral'),
      }),
    };
  }

  function answerReply(ctx: BotContext, a: Answer): Reply {
    const choices = (a.choices ?? []).map((c) => ({ id: 'faq', label: c.label, value: c.faq }));
    const more = a.followUps.map((f) => ({ id: 'topic', label: f.label, value: f.topic }));
    const buttons = [...choices, ...more];
    return ctx.reply(a.text, { title: a.title, links: a.links, buttons: buttons.length ? buttons : undefined });
  }

  /** The previous answer, if it is recent enough for a follow-up. */
  async function recall(ctx: BotContext): Promise<ConversationContext | undefined> {
    const store = deps.stores.conversations;
    if (!store) return undefined;
    const user = await deps.stores.users.find(ctx.user);
    if (!user) return undefined;
    const r = await store.get(user.id, deps.clock.now());
    return r ? { faq: r.faq, topic: r.topic as ConversationContext['topic'], lang: r.lang } : undefined;
  }

  /** Remembers what an answer was about (entry id, topic, language — nothing else). */
  async function remember(ctx: BotContext, a: Answer): Promise<void> {
    const store = deps.stores.conversations;
    if (!store || a.topic === 'unknown') return;
    const user = await deps.stores.users.ensure(ctx.user);
    const now = deps.clock.now();
    await store.put(
      user.id,
      { faq: a.faq ?? null, topic: a.topic, lang: a.lang },
      new Date(now.getTime() + FOLLOW_UP_WINDOW_MS),
    );
  }

  /** The language of the person's latest free text sticks for their commands, forms and DMs. */
  async function noteLang(ctx: BotContext, text: string): Promise<void> {
    const lang = textLang(text);
    if (!lang) return;
    const found = await deps.stores.users.find(ctx.user);
    if (found?.detectedLang === lang) return;
    const user = found ?? (await deps.stores.users.ensure(ctx.user));
    await deps.stores.users.setDetectedLang(user.id, lang);
  }

  async function help(ctx: BotContext): Promise<Handled> {
    const extra = deps.modules.flatMap((m) => m.helpLines?.(ctx.lang) ?? []);
    const text = [
      t(ctx.lang, 'helpIntro'),
      '',
      t(ctx.lang, 'helpCommands'),
      ...helpLines(ctx.lang, listed),
      t(ctx.lang, 'helpTopics'),
      ...extra,
    ].join('\n');
    return [ctx.reply(text, { title: t(ctx.lang, 'helpTitle') })];
  }

  async function status(ctx: BotContext): Promise<Handled> {
    const fields = (await Promise.all(deps.modules.map((m) => m.statusFields?.(ctx) ?? Promise.resolve([])))).flat();
    const text = [t(ctx.lang, 'statusTitle'), ...fields.map((f) => `• ${f.label}: ${f.value}`)].join('\n');
    return [ctx.reply(text, { title: t(ctx.lang, 'statusTitle'), fields })];
  }

  async function setLang(ctx: BotContext, rest: string): Promise<Handled> {
    const want = rest.trim().toLowerCase();
    const lang: Lang | null | undefined = ['ko', 'kr', '한국어', 'korean'].includes(want)
      ? 'ko'
      : ['en', 'english', '영어'].includes(want)
        ? 'en'
        : ['auto', '자동'].includes(want)
          ? null
          : undefined;
    if (lang === undefined) return [ctx.reply(t(ctx.lang, 'langUsage'))];
    const user = await deps.stores.users.ensure(ctx.user);
    await deps.stores.users.setLang(user.id, lang);
    const now = lang ?? ctx.lang;
    return [context(ctx.event, now).reply(t(now, lang ? 'langSet' : 'langAuto'))];
  }

  async function freeText(ctx: BotContext, text: string): Promise<Handled> {
    const codes = findCodes(text);
    if (codes.length > 0) {
      // Never echo a pasted code: answer with the masked form and offer the private form.
      return [
        ctx.reply(t(ctx.lang, 'codeInMessage', { masked: codes.map((c) => maskCode(c.code)).join(', ') }), {
          buttons: [{ id: 'vault.register', label: t(ctx.lang, 'registerButton'), style: 'primary' }],
        }),
      ];
    }
    if (text.length > MAX_TEXT) return [ctx.reply(t(ctx.lang, 'tooLong'))];
    await noteLang(ctx, text);
    const a = answer(text, { lang: ctx.lang, context: await recall(ctx) });
    await remember(ctx, a);
    return [answerReply(a.lang === ctx.lang ? ctx : context(ctx.event, a.lang), a)];
  }

  /** A code typed where none is asked (a B/L, a name, reminder text, a button value…): refused kindly, nothing runs. */
  function codeNotHere(ctx: BotContext, text: string): Handled | undefined {
    const codes = findCodes(text);
    if (codes.length === 0) return undefined;
    return [ctx.reply(t(ctx.lang, 'codeNotHere', { masked: codes.map((c) => maskCode(c.code)).join(', ') }))];
  }

  async function route(ctx: BotContext): Promise<Handled> {
    const e = ctx.event;
    // Only the private code fields (register, replace) may carry a code.
    if (e.kind === 'form') {
      const errors: Record<string, string> = {};
      for (const [field, value] of Object.entries(e.values)) {
        if (!CODE_FIELDS.has(field) && typeof value === 'string' && findCodes(value).length > 0)
          errors[field] = t(ctx.lang, 'codeNotHereField');
      }
      if (Object.keys(errors).length > 0)
        return { replies: [ctx.reply(Object.values(errors)[0]!)], formErrors: errors, lang: ctx.lang };
    }
    if (e.kind === 'action' && e.value) {
      const refused = codeNotHere(ctx, e.value);
      if (refused) return refused;
    }
    switch (e.kind) {
      case 'message':
        return freeText(ctx, e.text);
      case 'command': {
        const args = e.args.trim();
        const [head = '', ...restWords] = args.split(/\s+/);
        const rest = restWords.join(' ');
        const word = head.toLowerCase();
        if (word === '' || HELP.includes(word)) return help(ctx);
        if (STATUS.includes(word)) return status(ctx);
        if (LANG.includes(word)) return setLang(ctx, rest);
        const cmd = commands.get(word);
        if (cmd) return codeNotHere(ctx, rest) ?? cmd.run(ctx, rest);
        if (TOPIC.includes(word) && rest) {
          const topic = topicFromAlias(rest);
          if (topic) return [answerReply(ctx, topicAnswer(topic, ctx.lang))];
        }
        const topic = restWords.length === 0 ? topicFromAlias(head) : undefined;
        if (topic) return [answerReply(ctx, topicAnswer(topic, ctx.lang))];
        return freeText(ctx, args);
      }
      case 'action': {
        if (e.actionId === 'topic' && e.value) {
          const topic = topicFromAlias(e.value);
          return [answerReply(ctx, topicAnswer(topic ?? 'unknown', ctx.lang))];
        }
        if (e.actionId === 'faq' && e.value) {
          const a = entryAnswer(e.value, ctx.lang);
          if (a) {
            await remember(ctx, a);
            return [answerReply(ctx, a)];
          }
          return [answerReply(ctx, topicAnswer('unknown', ctx.lang))];
        }
        if (e.actionId === 'help') return help(ctx);
        if (e.actionId === 'status') return status(ctx);
        const a = actions.get(e.actionId);
        if (a) return a(ctx, e.value);
        const cmd = commands.get(e.actionId.toLowerCase());
        if (cmd) return cmd.run(ctx, e.value ?? '');
        return help(ctx);
      }
      case 'form': {
        const f = forms.get(e.formId);
        if (!f) return [ctx.reply(t(ctx.lang, 'unknownForm'))];
        return f(ctx, e.values);
      }
    }
  }

  /** Last line of defence: nothing but a `sensitive` reply's text may carry a code. */
  const scrub = scrubReply;

  return {
    handle: (event) => (deps.stores.eventScope ? deps.stores.eventScope(() => handleOne(event)) : handleOne(event)),
  };

  async function handleOne(event: Inbound): Promise<Outcome> {
    if (!inboundSchema.safeParse(event).success) {
      // An adapter passed something that is not an Inbound event: nothing runs, nothing is stored.
      const e = (typeof event === 'object' && event !== null ? event : {}) as Partial<Inbound>;
      const lang = (typeof e.locale === 'string' && langFromLocale(e.locale)) || 'ko';
      deps.log.warn(
        { kind: typeof e.kind === 'string' ? e.kind.slice(0, 20) : typeof e.kind },
        'invalid inbound event refused',
      );
      return { replies: [{ visibility: e.place === 'dm' ? 'dm' : 'ephemeral', text: t(lang, 'internalError') }], lang };
    }
    let lang: Lang = langFromLocale(event.locale) ?? 'ko';
    try {
      const user = await deps.stores.users.find(event.user);
      lang = resolveLang(event, user);
      const ctx = context(event, lang);
      const handled = await route(ctx);
      const outcome: Outcome = Array.isArray(handled) ? { replies: handled, lang } : handled;
      const notices = user?.pendingNotices.length ? await deps.stores.users.takeNotices(user.id) : [];
      const texts = notices.map((n) => renderNotice(lang, n)).filter((text): text is string => text !== null);
      outcome.replies.unshift(...texts.map((text) => ctx.reply(text)));
      return { ...outcome, replies: outcome.replies.map(scrub) };
    } catch (err) {
      const unavailable = err instanceof StorageUnavailable;
      if (unavailable) deps.log.warn({ err: { name: (err as Error).name } }, 'storage unavailable');
      else deps.log.error({ err, kind: event.kind }, 'handler failed');
      const visibility = event.place === 'dm' ? 'dm' : 'ephemeral';
      return { replies: [{ visibility, text: t(lang, unavailable ? 'unavailable' : 'internalError') }], lang };
    }
  }
}
