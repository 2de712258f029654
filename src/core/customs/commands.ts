// The verify and parcel features as a bot module: `/pccc verify` (private form → one
// UNI-PASS check, nothing stored but the date), `/pccc track`, `parcels`, `untrack`.
import { maskCode } from '../code';
import { topicAnswer } from '../knowledge';
import { invalidForm, type BotContext, type BotModule, type Handled } from '../module';
import type { Form, Lang } from '../types';
import type { VaultService } from '../vault/service';
import { lockOrWrong } from '../vault/commands';
import { dailyLimit, personKey } from '../vault/limits';
import { PIN_LENGTH } from '../vault/pin';
import { ACTION_NOT_MINE, notMineButton, parcelListLine, stepLine } from './messages';
import type {
  BlGuess,
  CustomsRules,
  MismatchReason,
  ParcelProgress,
  ParcelQuery,
  ParcelStore,
  UnipassPort,
  VerifyResult,
} from './port';
import { FIRST_INTERVAL_MIN, lookupParcel, MAX_ACTIVE_PARCELS, MAX_ITEMS_PER_BL, nextPollAt, stepKey } from './polling';
import { CUSTOMS_SPECS } from './specs';
import { pick, tx, type TextKey } from './text';

export const FORM_VERIFY = 'customs.verify';
export const FORM_TRACK = 'customs.track';
export const ACTION_VERIFY = 'customs.verify';

/**
 * UNI-PASS checks per person and per code (the blind index identifies a code across people) per day; lookups
 * per person per day.
 */
export const VERIFY_PER_PERSON_DAY = 5;
export const VERIFY_PER_CODE_DAY = 10;
export const TRACK_PER_PERSON_DAY = 20;

export interface CustomsDeps {
  vault: VaultService;
  unipass: UnipassPort;
  rules: CustomsRules;
  parcels: ParcelStore;
}

const REASON_LABEL: Record<MismatchReason, TextKey> = {
  no_such_code: 'reasonNoSuchCode',
  name: 'reasonName',
  phone: 'reasonPhone',
  postal_code: 'reasonPostal',
  expired: 'reasonExpired',
  not_in_use: 'reasonNotInUse',
  other: 'reasonOther',
};
/** Problems with the code itself: an earlier "verified" no longer holds. */
const CODE_PROBLEMS: MismatchReason[] = ['no_such_code', 'expired', 'not_in_use'];

const invalid = invalidForm;

function verifyForm(lang: Lang): Form {
  return {
    id: FORM_VERIFY,
    title: tx(lang, 'verifyTitle'),
    intro: tx(lang, 'verifyIntro'),
    submitLabel: tx(lang, 'verifySubmit'),
    fields: [
      { id: 'name', label: tx(lang, 'fieldName'), kind: 'secret', maxLength: 50 },
      { id: 'phone', label: tx(lang, 'fieldPhone'), kind: 'secret', placeholder: '010-1234-5678', maxLength: 20 },
      { id: 'postalCode', label: tx(lang, 'fieldPostal'), kind: 'secret', placeholder: '04524', maxLength: 7 },
      // Verify is no PIN-less oracle: it needs the PIN, with the reveal's lockout.
      { id: 'pin', label: tx(lang, 'fieldVerifyPin'), kind: 'secret', minLength: PIN_LENGTH, maxLength: PIN_LENGTH },
    ],
  };
}

function trackForm(lang: Lang, year: number): Form {
  return {
    id: FORM_TRACK,
    title: tx(lang, 'trackTitle'),
    intro: tx(lang, 'trackIntro'),
    submitLabel: tx(lang, 'trackSubmit'),
    fields: [
      { id: 'blNo', label: tx(lang, 'fieldBl'), kind: 'text', maxLength: 40 },
      {
        id: 'year',
        label: tx(lang, 'fieldYear', { year }),
        kind: 'text',
        optional: true,
        placeholder: String(year),
        maxLength: 4,
      },
    ],
  };
}

/** `<B/L> [year]`: with two words the second is the year; with more, only a trailing 19xx/20xx is. */
export function splitTrackArgs(rest: string): { bl: string; year: string } {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  if (words.length === 2) return { bl: words[0]!, year: words[1]! };
  if (words.length > 2 && /^(19|20)\d{2}$/.test(words[words.length - 1]!))
    return { bl: words.slice(0, -1).join(''), year: words[words.length - 1]! };
  return { bl: words.join(''), year: '' };
}

/** A B/L year UNI-PASS can answer for: this year back to three years ago (Korean time). */
export function checkYear(
  text: string,
  currentYear: number,
): { ok: true; year: number; explicit: boolean } | { ok: false } {
  const t = text.normalize('NFKC').trim().replace(/년$/, '');
  if (t === '') return { ok: true, year: currentYear, explicit: false };
  if (!/^\d{4}$/.test(t)) return { ok: false };
  const year = Number(t);
  return year >= currentYear - 3 && year <= currentYear ? { ok: true, year, explicit: true } : { ok: false };
}

function labelOf(guess: BlGuess): string {
  return guess.kind === 'cargMtNo' ? guess.cargMtNo : guess.blNo;
}

export function customsModule(deps: CustomsDeps): BotModule {
  const { vault, unipass, rules, parcels } = deps;

  async function startVerify(ctx: BotContext): Promise<Handled> {
    const status = await vault.status(ctx.user);
    if (!status.registered || !status.code)
      return [
        ctx.reply(tx(ctx.lang, 'verifyNeedsCode'), {
          buttons: [
            {
              id: 'vault.register',
              label: tx(ctx.lang, 'storeCodeButton'),
              style: 'primary',
            },
          ],
        }),
      ];
    if (!unipass.canVerify)
      return [
        ctx.reply(
          [tx(ctx.lang, 'verifyFormatOnly', { masked: maskCode(status.code) }), '', rules.noKeyHelp(ctx.lang)].join(
            '\n',
          ),
        ),
      ];
    const form = verifyForm(ctx.lang);
    return [ctx.reply(form.intro!, { form })];
  }

  async function submitVerify(ctx: BotContext, v: Record<string, string>): Promise<Handled> {
    const errors: Record<string, string> = {};
    const name = rules.parseName(v.name ?? '');
    if (!name.ok) errors.name = pick(ctx.lang, name.error);
    const phone = rules.parsePhone(v.phone ?? '');
    if (!phone.ok)
      errors.phone = (phone.relay && rules.relayNumberWarning(v.phone ?? '', ctx.lang)) || pick(ctx.lang, phone.error);
    const postal = rules.parsePostalCode(v.postalCode ?? '');
    if (!postal.ok) errors.postalCode = pick(ctx.lang, postal.error);
    if (!name.ok || !phone.ok || !postal.ok) return invalid(ctx, errors);

    const status = await vault.status(ctx.user);
    if (!status.registered || !status.code) return [ctx.reply(tx(ctx.lang, 'verifyNeedsCode'))];
    const masked = maskCode(status.code);
    if (!unipass.canVerify)
      return [ctx.reply([tx(ctx.lang, 'verifyFormatOnly', { masked }), '', rules.noKeyHelp(ctx.lang)].join('\n'))];
    if (!v.pin) return invalid(ctx, { pin: tx(ctx.lang, 'fieldVerifyPin') });
    const checked = await vault.checkPin(ctx.user, v.pin, 'verify');
    if (checked.kind !== 'ok') return lockOrWrong(ctx, checked, 'pin');
    const now = ctx.clock.now();
    // Per person by a hash of the platform identity, not the user row: `forget` must not reset it.
    if (!(await dailyLimit(ctx.stores, `verify:who:${personKey(ctx.user)}`, VERIFY_PER_PERSON_DAY, now, null))) {
      return [ctx.reply(tx(ctx.lang, 'verifyLimitPerson', { n: VERIFY_PER_PERSON_DAY }))];
    }
    if (!(await dailyLimit(ctx.stores, `verify:code:${vault.codeKey(checked.row)}`, VERIFY_PER_CODE_DAY, now, null))) {
      return [ctx.reply(tx(ctx.lang, 'verifyLimitCode', { n: VERIFY_PER_CODE_DAY }))];
    }
    const result = await unipass.verify({
      code: status.code,
      name: name.value,
      phone: phone.value,
      postalCode: postal.value,
    });
    return verifyAnswer(ctx, result, masked);
  }

  async function verifyAnswer(ctx: BotContext, r: VerifyResult, masked: string): Promise<Handled> {
    const lang = ctx.lang;
    switch (r.kind) {
      case 'match':
        await vault.markVerified(ctx.user, ctx.clock.now());
        return [ctx.reply(tx(lang, 'verifyMatch', { masked }))];
      case 'mismatch': {
        const lines = [tx(lang, 'verifyMismatch')];
        for (const reason of r.reasons)
          lines.push('', `• ${tx(lang, REASON_LABEL[reason])}: ${rules.mismatchAdvice(reason, lang)}`);
        if (r.reasons.some((x) => CODE_PROBLEMS.includes(x)) && (await vault.status(ctx.user)).verifiedAt) {
          await vault.markVerified(ctx.user, null);
          lines.push('', tx(lang, 'verifyCodeCleared'));
        }
        lines.push('', tx(lang, 'verifyRetry'));
        return [ctx.reply(lines.join('\n'), { title: tx(lang, 'verifyTitle') })];
      }
      case 'invalid': {
        const message = pick(lang, r.message);
        return r.field === 'code' ? [ctx.reply(message)] : invalid(ctx, { [r.field]: message });
      }
      case 'no_key':
        return [ctx.reply([tx(lang, 'verifyFormatOnly', { masked }), '', rules.noKeyHelp(lang)].join('\n'))];
      case 'bad_key':
        return [ctx.reply([tx(lang, 'serviceBadKey'), '', rules.noKeyHelp(lang)].join('\n'))];
      case 'unavailable':
        return [ctx.reply(tx(lang, 'serviceDown'))];
    }
  }

  async function track(ctx: BotContext, blText: string, yearText: string): Promise<Handled> {
    const lang = ctx.lang;
    if (!unipass.canTrack) return [ctx.reply([tx(lang, 'trackNoKey'), '', rules.noKeyHelp(lang)].join('\n'))];
    const now = ctx.clock.now();
    const currentYear = rules.defaultBlYear(now);
    const errors: Record<string, string> = {};
    const bl = rules.parseBl(blText);
    if (!bl.ok) errors.blNo = pick(lang, bl.error);
    const year = checkYear(yearText, currentYear);
    if (!year.ok) errors.year = tx(lang, 'yearBad', { from: currentYear - 3, to: currentYear });
    if (!bl.ok || !year.ok) return invalid(ctx, errors);

    const label = labelOf(bl.value);
    const user = await ctx.stores.users.ensure(ctx.user);
    // Each lookup can make up to four UNI-PASS calls.
    if (!(await dailyLimit(ctx.stores, `track:who:${personKey(ctx.user)}`, TRACK_PER_PERSON_DAY, now, null)))
      return [ctx.reply(tx(lang, 'trackLimitDay', { n: TRACK_PER_PERSON_DAY }))];
    const mine = await parcels.list(user.id);
    const same = mine.filter((p) => p.label === label || p.cargMtNo === label);
    if (same.some((p) => p.state === 'active')) return [ctx.reply(tx(lang, 'trackExists', { label }))];
    // A finished or paused parcel tracked again starts over.
    if (same.length > 0) await parcels.remove(user.id, label);
    if (mine.filter((p) => p.state === 'active').length >= MAX_ACTIVE_PARCELS)
      return [ctx.reply(tx(lang, 'trackLimit', { n: MAX_ACTIVE_PARCELS }))];

    const query: ParcelQuery =
      bl.value.kind === 'cargMtNo'
        ? { by: 'cargMtNo', cargMtNo: bl.value.cargMtNo }
        : { by: bl.value.tryAs[0], blNo: bl.value.blNo, year: year.year, tryPreviousYear: !year.explicit };
    const result = await lookupParcel(unipass, query);
    const base = {
      userId: user.id,
      label,
      query,
      lang,
      createdAt: now,
      nextPollAt: nextPollAt(now, FIRST_INTERVAL_MIN, now),
      intervalMinutes: FIRST_INTERVAL_MIN,
    };
    const waiting = { ...base, cargMtNo: null, goods: null, lastStep: null, lastStepAt: null, seenSteps: [] };

    switch (result.kind) {
      case 'no_key':
        return [ctx.reply([tx(lang, 'trackNoKey'), '', rules.noKeyHelp(lang)].join('\n'))];
      case 'bad_key':
        return [ctx.reply([tx(lang, 'serviceBadKey'), '', rules.noKeyHelp(lang)].join('\n'))];
      case 'invalid':
        return invalid(ctx, { blNo: pick(lang, result.message) });
      case 'not_found':
      case 'unavailable': {
        const added = await parcels.add(waiting);
        if (!added) return [ctx.reply(tx(lang, 'trackExists', { label }))];
        return [
          ctx.reply(
            tx(lang, result.kind === 'not_found' ? 'trackWaiting' : 'trackDownSaved', { label, year: year.year }),
          ),
        ];
      }
      case 'found': {
        const items = result.items.slice(0, MAX_ITEMS_PER_BL);
        const open = items.filter((i) => !i.released);
        if (open.length === 0)
          return [
            ctx.reply(tx(lang, 'trackReleased', { label, step: items[0]?.steps[0]?.name ?? items[0]?.status ?? '' })),
          ];
        let added = 0;
        for (const item of open) if (await parcels.add({ ...base, ...seen(item) })) added++;
        if (added === 0) return [ctx.reply(tx(lang, 'trackExists', { label }))];
        const lines = [tx(lang, open.length > 1 ? 'trackAddedMany' : 'trackAdded', { label, n: open.length })];
        if (result.year !== undefined && query.by !== 'cargMtNo' && result.year !== query.year)
          lines.push(tx(lang, 'yearFallback', { asked: query.year, year: result.year }));
        for (const item of open) {
          const step = item.steps[0];
          if (!step) continue;
          lines.push(
            '',
            `${open.length > 1 ? `[${item.cargMtNo}] ` : ''}${tx(lang, 'currentStep', { step: stepLine(step, lang) })}`,
            rules.explainStep(step.name, lang),
          );
        }
        return [ctx.reply(lines.join('\n'), { title: tx(lang, 'trackTitle'), buttons: [notMineButton(lang, label)] })];
      }
    }
  }

  async function list(ctx: BotContext): Promise<Handled> {
    const user = await ctx.stores.users.find(ctx.user);
    const mine = user ? await parcels.list(user.id) : [];
    if (mine.length === 0) return [ctx.reply(tx(ctx.lang, 'parcelsNone'))];
    const fields = mine.map((p) => parcelListLine(p, ctx.lang));
    const text = [tx(ctx.lang, 'parcelsTitle'), ...fields.map((f) => `• ${f.label}: ${f.value}`)].join('\n');
    return [ctx.reply(text, { title: tx(ctx.lang, 'parcelsTitle'), fields })];
  }

  async function untrack(ctx: BotContext, rest: string): Promise<Handled> {
    const bl = rules.parseBl(rest);
    if (!rest.trim() || !bl.ok) return [ctx.reply(tx(ctx.lang, 'untrackUsage'))];
    const label = labelOf(bl.value);
    const user = await ctx.stores.users.find(ctx.user);
    const removed = user ? await parcels.remove(user.id, label) : 0;
    return [ctx.reply(tx(ctx.lang, removed > 0 ? 'untracked' : 'untrackNone', { label }))];
  }

  return {
    name: 'customs',
    commands: [
      { spec: CUSTOMS_SPECS.verify, run: (ctx) => startVerify(ctx) },
      {
        spec: CUSTOMS_SPECS.track,
        run: async (ctx, rest) => {
          if (rest.trim() === '') {
            if (!unipass.canTrack)
              return [ctx.reply([tx(ctx.lang, 'trackNoKey'), '', rules.noKeyHelp(ctx.lang)].join('\n'))];
            const form = trackForm(ctx.lang, rules.defaultBlYear(ctx.clock.now()));
            return [ctx.reply(form.intro!, { form })];
          }
          const { bl, year } = splitTrackArgs(rest);
          return track(ctx, bl, year);
        },
      },
      { spec: CUSTOMS_SPECS.parcels, run: (ctx) => list(ctx) },
      { spec: CUSTOMS_SPECS.untrack, run: (ctx, rest) => untrack(ctx, rest) },
    ],
    forms: {
      [FORM_VERIFY]: submitVerify,
      [FORM_TRACK]: (ctx, v) => track(ctx, v.blNo ?? '', v.year ?? ''),
    },
    actions: {
      [ACTION_VERIFY]: (ctx) => startVerify(ctx),
      [ACTION_NOT_MINE]: async (ctx, value) => {
        const a = topicAnswer('theft', ctx.lang);
        const bl = value ? rules.parseBl(value) : undefined;
        const intro = bl?.ok ? `${tx(ctx.lang, 'notMineIntro', { label: labelOf(bl.value) })}\n\n` : '';
        return [ctx.reply(intro + a.text, { title: a.title, links: a.links })];
      },
    },
    async statusFields(ctx) {
      const fields = [
        {
          label: tx(ctx.lang, 'statusUnipass'),
          value: tx(ctx.lang, unipass.canVerify ? 'statusUnipassOn' : 'statusUnipassOff'),
        },
      ];
      const user = await ctx.stores.users.find(ctx.user);
      const mine = user ? await parcels.list(user.id) : [];
      if (mine.length > 0) {
        const active = mine.filter((p) => p.state === 'active').length;
        fields.push({
          label: tx(ctx.lang, 'statusParcels'),
          value: tx(ctx.lang, 'statusParcelsValue', { active, done: mine.length - active }),
        });
      }
      return fields;
    },
  };
}

/** A found shipment as a new parcel row: its steps count as told (the reply shows the current one). */
function seen(item: ParcelProgress) {
  return {
    cargMtNo: item.cargMtNo,
    goods: item.goods ?? null,
    lastStep: item.steps[0]?.name ?? null,
    lastStepAt: item.steps[0]?.at ?? null,
    seenSteps: item.steps.map(stepKey),
  };
}
