// The vault as bot commands: register (consent → private form), show, pin, replace, forget.
import { codeErrorMessage, maskCode, parseCode } from '../code';
import { formatDate, formatDateTime, t } from '../i18n';
import { invalidForm, type BotContext, type BotModule, type Handled } from '../module';
import type { Form, Lang } from '../types';
import { checkPin, pinProblemMessage, PIN_LENGTH } from './pin';
import type { PinFailure, VaultService } from './service';
import { VAULT_SPECS } from './specs';

export const FORM_REGISTER = 'vault.register';
export const FORM_REVEAL = 'vault.reveal';
export const FORM_PIN = 'vault.pin';
export const FORM_REPLACE = 'vault.replace';

const pinField = (id: string, label: string) => ({
  id,
  label,
  kind: 'secret' as const,
  minLength: PIN_LENGTH,
  maxLength: PIN_LENGTH,
});

function registerForm(lang: Lang, existing = false): Form {
  return {
    id: FORM_REGISTER,
    title: t(lang, 'registerFormTitle'),
    intro: t(lang, 'registerFormIntro'),
    submitLabel: t(lang, 'save'),
    fields: [
      { id: 'code', label: t(lang, 'fieldCode'), kind: 'secret', placeholder: 'P123456789012', maxLength: 40 },
      pinField('pin', t(lang, 'fieldPin', { n: PIN_LENGTH })),
      pinField('pin2', t(lang, 'fieldPin2')),
      // Over a stored code, the current PIN (like replace): registering again must not reset the lockout.
      ...(existing ? [pinField('currentPin', t(lang, 'fieldCurrentPin'))] : []),
    ],
  };
}

/** The message for a PIN operation that did not go ahead (shared with the customs module). */
export function pinFailureMessage(lang: Lang, r: Exclude<PinFailure, { kind: 'none' }>): string {
  const when = (d: Date) => formatDateTime(d, lang);
  switch (r.kind) {
    case 'locked':
      return t(lang, 'locked', { until: when(r.until) });
    case 'busy':
      return t(lang, 'pinBusy');
    case 'rate_limited':
      return t(lang, 'pinRateLimited', { until: when(r.until) });
    case 'wrong_pin':
      return r.lockedUntil
        ? t(lang, 'lockedNow', { until: when(r.lockedUntil) })
        : t(lang, 'wrongPin', { n: r.remaining });
  }
}

export function lockOrWrong(ctx: BotContext, r: PinFailure, field: string): Handled {
  if (r.kind === 'none') return [ctx.reply(t(ctx.lang, 'notRegistered'))];
  const msg = pinFailureMessage(ctx.lang, r);
  return { replies: [ctx.reply(msg)], formErrors: { [field]: msg }, lang: ctx.lang };
}

const invalid = invalidForm;

export function vaultModule(vault: VaultService, opts: { revealTtlSeconds: number }): BotModule {
  const ttlMin = Math.max(1, Math.round(opts.revealTtlSeconds / 60));

  async function requireRegistered(ctx: BotContext, form: Form): Promise<Handled> {
    const status = await vault.status(ctx.user);
    if (!status.registered)
      return [
        ctx.reply(t(ctx.lang, 'notRegistered'), {
          buttons: [{ id: 'vault.register', label: t(ctx.lang, 'registerButton'), style: 'primary' }],
        }),
      ];
    return [ctx.reply(form.intro ?? form.title, { form })];
  }

  const startRegister = async (ctx: BotContext): Promise<Handled> => [
    ctx.reply(`${t(ctx.lang, 'consentTitle')}\n${t(ctx.lang, 'consent')}`, {
      title: t(ctx.lang, 'consentTitle'),
      buttons: [
        { id: 'vault.consent', label: t(ctx.lang, 'consentAccept'), style: 'primary' },
        { id: 'vault.cancel', label: t(ctx.lang, 'cancel') },
      ],
    }),
  ];

  return {
    name: 'vault',
    commands: [
      { spec: VAULT_SPECS.register, run: (ctx) => startRegister(ctx) },
      {
        spec: VAULT_SPECS.show,
        run: (ctx) =>
          requireRegistered(ctx, {
            id: FORM_REVEAL,
            title: t(ctx.lang, 'revealFormTitle'),
            intro: t(ctx.lang, 'revealFormIntro', { ttl: ttlMin }),
            submitLabel: t(ctx.lang, 'show'),
            fields: [pinField('pin', t(ctx.lang, 'fieldPin', { n: PIN_LENGTH }))],
          }),
      },
      {
        spec: VAULT_SPECS.pin,
        run: (ctx) =>
          requireRegistered(ctx, {
            id: FORM_PIN,
            title: t(ctx.lang, 'pinFormTitle'),
            submitLabel: t(ctx.lang, 'save'),
            fields: [
              pinField('pin', t(ctx.lang, 'fieldCurrentPin')),
              pinField('newPin', t(ctx.lang, 'fieldNewPin', { n: PIN_LENGTH })),
              pinField('newPin2', t(ctx.lang, 'fieldNewPin2')),
            ],
          }),
      },
      {
        spec: VAULT_SPECS.replace,
        run: (ctx) =>
          requireRegistered(ctx, {
            id: FORM_REPLACE,
            title: t(ctx.lang, 'replaceFormTitle'),
            submitLabel: t(ctx.lang, 'save'),
            fields: [
              pinField('pin', t(ctx.lang, 'fieldCurrentPin')),
              {
                id: 'code',
                label: t(ctx.lang, 'fieldCode'),
                kind: 'secret',
                placeholder: 'P123456789012',
                maxLength: 40,
              },
            ],
          }),
      },
      {
        spec: VAULT_SPECS.forget,
        run: async (ctx) => [
          ctx.reply(t(ctx.lang, 'forgetConfirm'), {
            title: t(ctx.lang, 'forgetTitle'),
            buttons: [
              { id: 'vault.forget', label: t(ctx.lang, 'forgetButton'), style: 'danger' },
              { id: 'vault.cancel', label: t(ctx.lang, 'cancel') },
            ],
          }),
        ],
      },
    ],
    actions: {
      'vault.register': (ctx) => startRegister(ctx),
      'vault.consent': async (ctx) => {
        await vault.giveConsent(ctx.user);
        const form = registerForm(ctx.lang, (await vault.status(ctx.user)).registered);
        return [ctx.reply(form.intro!, { form })];
      },
      'vault.cancel': async (ctx) => [ctx.reply(t(ctx.lang, 'cancelled'))],
      'vault.forget': async (ctx) => [
        ctx.reply(t(ctx.lang, (await vault.forget(ctx.user)) ? 'forgotten' : 'nothingToForget')),
      ],
    },
    forms: {
      [FORM_REGISTER]: async (ctx, v) => {
        const errors: Record<string, string> = {};
        const parsed = parseCode(v.code ?? '');
        if (!parsed.ok) errors.code = codeErrorMessage(parsed.error, ctx.lang);
        const pinProblem = checkPin(v.pin ?? '', v.pin2 ?? '');
        if (pinProblem) errors[pinProblem === 'mismatch' ? 'pin2' : 'pin'] = pinProblemMessage(pinProblem, ctx.lang);
        if (Object.keys(errors).length > 0 || !parsed.ok) return invalid(ctx, errors);
        if (!(await vault.hasRecentConsent(ctx.user))) return invalid(ctx, { code: t(ctx.lang, 'consentNeeded') });
        const existing = (await vault.status(ctx.user)).registered;
        if (existing && !v.currentPin) return invalid(ctx, { currentPin: t(ctx.lang, 'registerCurrentPinNeeded') });
        const result = await vault.register(ctx.user, parsed.code, v.pin!, existing ? v.currentPin : undefined);
        if (result.kind !== 'ok') return lockOrWrong(ctx, result, existing ? 'currentPin' : 'pin');
        const lines = [t(ctx.lang, result.replaced ? 'replaced' : 'registered', { masked: maskCode(parsed.code) })];
        if (result.sharedWithOthers) lines.push(t(ctx.lang, 'sharedWarning'));
        lines.push('', t(ctx.lang, 'afterRegister'));
        return [
          ctx.reply(lines.join('\n'), {
            buttons: [
              { id: 'remind.setup', label: t(ctx.lang, 'remindButton'), style: 'primary' },
              { id: 'customs.verify', label: t(ctx.lang, 'verifyButton') },
            ],
          }),
        ];
      },
      [FORM_REVEAL]: async (ctx, v) => {
        if (!v.pin) return invalid(ctx, { pin: pinProblemMessage('empty', ctx.lang) });
        const r = await vault.reveal(ctx.user, v.pin);
        if (r.kind !== 'ok') return lockOrWrong(ctx, r, 'pin');
        return [
          {
            visibility: 'dm',
            text: t(ctx.lang, 'revealed', { code: r.code, ttl: ttlMin }),
            // Push and lock-screen previews show only this.
            notification: t(ctx.lang, 'revealNotice'),
            secret: r.code,
            sensitive: { deleteAfterSeconds: opts.revealTtlSeconds },
          },
          ctx.reply(t(ctx.lang, 'revealSent', { ttl: ttlMin })),
        ];
      },
      [FORM_PIN]: async (ctx, v) => {
        const problem = checkPin(v.newPin ?? '', v.newPin2 ?? '');
        if (problem)
          return invalid(ctx, {
            [problem === 'mismatch' ? 'newPin2' : 'newPin']: pinProblemMessage(problem, ctx.lang),
          });
        const r = await vault.changePin(ctx.user, v.pin ?? '', v.newPin!);
        if (r.kind !== 'ok') return lockOrWrong(ctx, r, 'pin');
        return [ctx.reply(t(ctx.lang, 'pinChanged'))];
      },
      [FORM_REPLACE]: async (ctx, v) => {
        const parsed = parseCode(v.code ?? '');
        if (!parsed.ok) return invalid(ctx, { code: codeErrorMessage(parsed.error, ctx.lang) });
        // Keeps the same PIN: checked once, its hash reused.
        const result = await vault.replace(ctx.user, parsed.code, v.pin ?? '');
        if (result.kind !== 'ok') return lockOrWrong(ctx, result, 'pin');
        const lines = [t(ctx.lang, 'replaced', { masked: maskCode(parsed.code) })];
        if (result.sharedWithOthers) lines.push(t(ctx.lang, 'sharedWarning'));
        if (result.changed) lines.push(t(ctx.lang, 'newCodeNewYear'));
        return [ctx.reply(lines.join('\n'))];
      },
    },
    async statusFields(ctx) {
      const s = await vault.status(ctx.user);
      if (!s.registered) return [{ label: t(ctx.lang, 'statusCode'), value: t(ctx.lang, 'statusNone') }];
      const fields = [
        { label: t(ctx.lang, 'statusCode'), value: maskCode(s.code!) },
        {
          label: t(ctx.lang, 'statusCheck'),
          value: s.verifiedAt
            ? t(ctx.lang, 'verifiedOn', { date: formatDate(s.verifiedAt, ctx.lang) })
            : t(ctx.lang, 'formatOnly'),
        },
      ];
      if (s.lockedUntil)
        fields.push({
          label: t(ctx.lang, 'statusLock'),
          value: t(ctx.lang, 'locked', { until: formatDateTime(s.lockedUntil, ctx.lang) }),
        });
      return fields;
    },
  };
}
