// Modal submissions. Slack shows inline errors only in the ack, so the core is given until a
// deadline (~2.5 s of Slack's 3 s) to validate; later results arrive by views.update and
// messages. Submitted values are secrets: they go to the core and nowhere else.
import type { App, SlackViewAction, ViewOutput, ViewResponseAction } from '@slack/bolt';
import type { types } from '@slack/bolt';
import type { FormEvent, Outcome, Reply } from '../../../core/types';
import type { Runtime } from '../host';
import { deliver, errName, type Surface } from '../deliver';
import {
  decodeFormContext,
  escapeMrkdwn,
  truncate,
  FORM_CALLBACK_ID,
  formErrorsToSlack,
  INPUT_ACTION_ID,
  renderModal,
  renderNoticeModal,
  type FormContext,
} from '../render';
import { langOfLocale, strings } from '../strings';
import { within } from '../../adapter';
import { handleSafely } from '../inbound';
import { viewSubmissionSchema } from '../payloads';

/** block_id → typed value, for the input blocks of this adapter's form modals. */
export function readValues(view: Pick<ViewOutput, 'state'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(view.state?.values ?? {})) {
    const v = actions[INPUT_ACTION_ID]?.value;
    out[blockId] = typeof v === 'string' ? v : '';
  }
  return out;
}

export function inputBlockIds(view: Pick<ViewOutput, 'blocks'>): string[] {
  return (view.blocks ?? [])
    .filter((b: { type: string; block_id?: string }) => b.type === 'input' && b.block_id)
    .map((b: { block_id?: string }) => b.block_id!);
}

/** What the ack says once the core's outcome is known in time. */
export type SubmissionAck =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: types.ModalView }
  | undefined;

/** Decides the ack and which replies still need delivering. Pure. */
export function planSubmission(
  outcome: Outcome,
  ctx: FormContext,
  inputIds: string[],
): { ack: SubmissionAck; rest: Reply[] } {
  if (outcome.formErrors && Object.keys(outcome.formErrors).length > 0) {
    // Invalid: nothing was stored; the modal stays open with the messages by the fields.
    return { ack: { response_action: 'errors', errors: formErrorsToSlack(outcome.formErrors, inputIds) }, rest: [] };
  }
  const next = outcome.replies.find((r) => r.form);
  if (next?.form) {
    // A follow-up form (e.g. the next step) replaces this modal in place.
    const view = renderModal(
      next.form,
      { ...ctx, formId: next.form.id, lang: outcome.lang },
      { lang: outcome.lang, leadText: next.text },
    );
    return { ack: { response_action: 'update', view }, rest: outcome.replies.filter((r) => r !== next) };
  }
  return { ack: undefined, rest: outcome.replies };
}

function surfaceOf(userId: string, ctx: FormContext): Surface {
  return {
    userId,
    place: ctx.place,
    channelId: ctx.channelId,
    threadTs: ctx.threadTs,
    responseUrl: ctx.responseUrl,
    receivedAt: 0,
  };
}

/** The submitted modal again, with late validation messages on top (secret inputs come back empty). */
function modalWithErrors(view: ViewOutput, errors: Record<string, string>, lang: FormContext['lang']): types.ModalView {
  const inputs = (view.blocks as types.KnownBlock[]).filter((b) => b.type === 'input');
  const s = strings(lang);
  const head: types.KnownBlock = {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: truncate(escapeMrkdwn([s.tryAgainErrors, ...Object.values(errors).map((e) => `• ${e}`)].join('\n')), 3000),
    },
  };
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: view.title as types.PlainTextElement,
    ...(view.submit ? { submit: view.submit as types.PlainTextElement } : {}),
    ...(view.close ? { close: view.close as types.PlainTextElement } : {}),
    private_metadata: view.private_metadata,
    blocks: [
      head,
      ...inputs.map(({ block_id, type, label, element, optional, hint }: types.InputBlock) => ({
        block_id,
        type,
        label,
        element,
        optional,
        ...(hint ? { hint } : {}),
      })),
    ],
  };
}

export async function runSubmission(
  rt: Runtime,
  body: SlackViewAction,
  ack: (r?: ViewResponseAction) => Promise<void>,
  receivedAt: number,
): Promise<void> {
  const view = body.view;
  const userId = body.user.id;
  const ctx = decodeFormContext(view.private_metadata);
  if (!ctx) {
    await ack({ response_action: 'update', view: renderNoticeModal('pccc', strings(undefined).formExpired) });
    return;
  }
  const budget = () => rt.submissionDeadlineMs - (Date.now() - receivedAt);
  const locale = await within(rt.locales.get(userId), Math.min(300, budget()));
  const event: FormEvent = {
    kind: 'form',
    formId: ctx.formId,
    values: readValues(view),
    user: { platform: 'slack', id: userId },
    place: ctx.place,
    locale,
  };
  const work = handleSafely(rt, event);
  const inTime = await within(work, budget());
  const surface = surfaceOf(userId, ctx);

  if (inTime) {
    const plan = planSubmission(inTime, ctx, inputBlockIds(view));
    await ack(plan.ack as ViewResponseAction | undefined);
    await deliver(rt, { ...inTime, replies: plan.rest }, surface);
    return;
  }

  // Too slow for an inline answer: close the loop now, finish later.
  const lang = ctx.lang ?? langOfLocale(locale);
  const s = strings(lang);
  await ack({ response_action: 'update', view: renderNoticeModal(s.workingTitle, s.working) });
  const outcome = await work;
  const plan = planSubmission(outcome, ctx, inputBlockIds(view));
  try {
    if (plan.ack?.response_action === 'errors') {
      await rt.client.views.update({
        view_id: view.id,
        view: modalWithErrors(view, outcome.formErrors ?? {}, outcome.lang),
      });
    } else if (plan.ack?.response_action === 'update') {
      await rt.client.views.update({ view_id: view.id, view: plan.ack.view });
    } else {
      await rt.client.views.update({
        view_id: view.id,
        view: renderNoticeModal(strings(outcome.lang).done, strings(outcome.lang).doneText),
      });
    }
  } catch (err) {
    rt.log.info({ err: errName(err) }, 'slack: views.update after a slow submission failed (modal closed?)');
    if (plan.ack?.response_action === 'errors') {
      // The modal is gone; the user must still learn why nothing was saved.
      const text = [
        strings(outcome.lang).tryAgainErrors,
        ...Object.values(outcome.formErrors ?? {}).map((e) => `• ${e}`),
      ].join('\n');
      await deliver(rt, { lang: outcome.lang, replies: [{ visibility: 'ephemeral', text }] }, surface);
    }
  }
  await deliver(rt, { ...outcome, replies: plan.rest }, surface);
}

export function registerViews(bolt: App, rt: Runtime): void {
  bolt.view({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ ack, body }) => {
    const receivedAt = Date.now();
    if (!viewSubmissionSchema.safeParse(body).success) {
      await ack({
        response_action: 'update',
        view: renderNoticeModal('pccc', strings(undefined).formExpired),
      } as never);
      return;
    }
    await runSubmission(rt, body as SlackViewAction, ack as (r?: ViewResponseAction) => Promise<void>, receivedAt);
  });
}
