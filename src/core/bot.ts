// The one platform-neutral entry: an inbound event in, replies out. Routes commands, forms
// and buttons to feature modules, answers free text through the knowledge matcher, and
// never throws: storage trouble becomes a short "temporarily unavailable".
import { findCodes, maskCode } from './code';
import { scrubReply } from './scrub';
import { t, langFromLocale } from './i18n';
import { answer, detectLang, topicAnswer, topicFromAlias, type Answer } from './knowledge';
import type { BotContext, BotModule, Handled } from './module';
import { StorageUnavailable, type Clock, type Stores, type UserRecord } from './ports';
import type { Inbound, Lang, Outcome, Reply } from './types';

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

/** Form fields that ask for the code itself; a code anywhere else is refused. */
const CODE_FIELDS = new Set(['code']);

export interface Bot {
  handle(event: Inbound): Promise<Outcome>;
}

export function createBot(deps: BotDeps): Bot {
  const commands = new Map<string, BotModule['commands'] extends (infer C)[] | undefined ? C : never>();
  const forms = new Map<string, NonNullable<BotModule['forms']>[string]>();
  const actions = new Map<string, NonNullable<BotModule['actions']>[string]>();
  for (const m of deps.modules) {
    for (const c of m.commands ?? []) for (const n of c.names) commands.set(n.toLowerCase(), c);
    for (const [id, f] of Object.entries(m.forms ?? {})) forms.set(id, f);
    for (const [id, a] of Object.entries(m.actions ?? {})) actions.set(id, a);
  }

  function resolveLang(event: Inbound, user: UserRecord | undefined): Lang {
    if (user?.lang) return user.lang;
    const text = event.kind === 'message' ? event.text : event.kind === 'command' ? event.args : '';
    // A question's own language wins for free text; commands follow the platform locale.
    if (event.kind === 'message' && /[\p{L}]/u.test(text)) return detectLang(text);
    return langFromLocale(event.locale) ?? (/[\p{L}]{2}/u.test(text) ? detectLang(text) : 'ko');
  }

  function context(event: Inbound, lang: Lang): BotContext {
    return {
      event,
      user: event.user,
      lang,
      stores: deps.stores,
      clock: deps.clock,
      reply: (text, extra = {}) => ({ ...extra, text, visibility: extra.visibility ?? (event.place === 'dm' ? 'dm' : 'ephemeral') }),
    };
  }

  function answerReply(ctx: BotContext, a: Answer): Reply {
    const more = a.followUps.map((f) => ({ id: 'topic', label: f.label, value: f.topic }));
    return ctx.reply(a.text, { title: a.title, links: a.links, buttons: more.length ? more : undefined });
  }

  async function help(ctx: BotContext): Promise<Handled> {
    const extra = deps.modules.flatMap((m) => m.helpLines?.(ctx.lang) ?? []);
    const text = [t(ctx.lang, 'help', { ttl: Math.round(deps.revealTtlSeconds / 60) }), ...extra].join('\n');
    return [ctx.reply(text, { title: t(ctx.lang, 'helpTitle') })];
  }

  async function status(ctx: BotContext): Promise<Handled> {
    const fields = (await Promise.all(deps.modules.map((m) => m.statusFields?.(ctx) ?? Promise.resolve([])))).flat();
    const text = [t(ctx.lang, 'statusTitle'), ...fields.map((f) => `• ${f.label}: ${f.value}`)].join('\n');
    return [ctx.reply(text, { title: t(ctx.lang, 'statusTitle'), fields })];
  }

  async function setLang(ctx: BotContext, rest: string): Promise<Handled> {
    const want = rest.trim().toLowerCase();
    const lang: Lang | null | undefined = ['ko', 'kr', '한국어', 'korean'].includes(want) ? 'ko' : ['en', 'english', '영어'].includes(want) ? 'en' : ['auto', '자동'].includes(want) ? null : undefined;
    if (lang === undefined) return [ctx.reply(t(ctx.lang, 'langUsage'))];
    const user = await deps.stores.users.ensure(ctx.user);
    await deps.stores.users.setLang(user.id, lang);
    const now = lang ?? ctx.lang;
    return [context(ctx.event, now).reply(t(now, lang ? 'langSet' : 'langAuto'))];
  }

  function freeText(ctx: BotContext, text: string): Handled {
    const codes = findCodes(text);
    if (codes.length > 0) {
      // Never echo a pasted code: answer with the masked form and offer the private form.
      return [ctx.reply(t(ctx.lang, 'codeInMessage', { masked: codes.map((c) => maskCode(c.code)).join(', ') }), { buttons: [{ id: 'vault.register', label: t(ctx.lang, 'registerButton'), style: 'primary' }] })];
    }
    if (text.length > MAX_TEXT) return [ctx.reply(t(ctx.lang, 'tooLong'))];
    return [answerReply(ctx, answer(text, { lang: ctx.lang }))];
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
        if (!CODE_FIELDS.has(field) && typeof value === 'string' && findCodes(value).length > 0) errors[field] = t(ctx.lang, 'codeNotHereField');
      }
      if (Object.keys(errors).length > 0) return { replies: [ctx.reply(Object.values(errors)[0]!)], formErrors: errors, lang: ctx.lang };
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
        if (word === '' || ['help', '도움말', '도움', '?', 'menu', '메뉴'].includes(word)) return help(ctx);
        if (['status', '상태', '내정보'].includes(word)) return status(ctx);
        if (['lang', 'language', '언어'].includes(word)) return setLang(ctx, rest);
        const cmd = commands.get(word);
        if (cmd) return codeNotHere(ctx, rest) ?? cmd.run(ctx, rest);
        if (['topic', '주제'].includes(word) && rest) {
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
    let lang: Lang = langFromLocale(event.locale) ?? 'ko';
    try {
      const user = await deps.stores.users.find(event.user);
      lang = resolveLang(event, user);
      const ctx = context(event, lang);
      const handled = await route(ctx);
      const outcome: Outcome = Array.isArray(handled) ? { replies: handled, lang } : handled;
      const notice = user?.pendingNotice ? await deps.stores.users.takeNotice(user.id) : null;
      if (notice) outcome.replies.unshift(ctx.reply(notice));
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
