// Button clicks: acknowledged at once. A core button becomes an ActionEvent, a Home shortcut a
// CommandEvent, and "open private form" opens the pending form with this click's trigger_id.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Runtime } from '../host';
import { deliver, errName, type Surface } from '../deliver';
import { parseActionId, renderModal } from '../render';
import { langOfLocale, strings } from '../strings';
import { publishHome } from './home';
import { handleSafely, placeOf } from '../inbound';
import { blockActionSchema, blockActionsSchema } from '../payloads';

export const ACTION_PATTERN = /^[cfh]:\d+/;

async function surfaceOf(rt: Runtime, body: BlockAction, receivedAt: number): Promise<Surface> {
  const userId = body.user.id;
  const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
  if (!channelId) {
    // Home tab (or a modal): private to the user; answers go to the DM.
    return { userId, place: 'dm', triggerId: body.trigger_id, receivedAt };
  }
  const place = await placeOf(rt, userId, channelId);
  return { userId, place, channelId, responseUrl: body.response_url, triggerId: body.trigger_id, receivedAt };
}

export async function runAction(
  rt: Runtime,
  body: BlockAction,
  action: ButtonAction,
  receivedAt: number,
): Promise<void> {
  const parsed = parseActionId(action.action_id);
  if (!parsed) return;
  const userId = body.user.id;
  const [locale, surface] = await Promise.all([rt.locales.get(userId), surfaceOf(rt, body, receivedAt)]);
  const user = { platform: 'slack' as const, id: userId };

  if (parsed.kind === 'open_form') {
    const pending = await rt.pending.get(action.value ?? '', userId);
    const lang = typeof pending === 'object' ? pending.lang : langOfLocale(locale);
    if (typeof pending === 'object') {
      try {
        await rt.client.views.open({
          trigger_id: body.trigger_id,
          view: renderModal(pending.form, pending.context, { lang, leadText: pending.leadText }),
        });
        return;
      } catch (err) {
        rt.log.info({ err: errName(err) }, 'slack: views.open from button failed');
      }
    }
    const text = pending === 'not_yours' ? strings(lang).notYourForm : strings(lang).formExpired;
    await deliver(
      rt,
      { lang: lang ?? 'ko', replies: [{ visibility: 'ephemeral', text }] },
      { ...surface, triggerId: undefined },
    );
    return;
  }

  const outcome = await handleSafely(
    rt,
    parsed.kind === 'core'
      ? {
          kind: 'action',
          actionId: parsed.id,
          ...(action.value !== undefined ? { value: action.value } : {}),
          user,
          place: surface.place,
          locale,
        }
      : // A Home shortcut's value is its command text; only a string is one.
        {
          kind: 'command',
          args: typeof action.value === 'string' ? action.value : '',
          user,
          place: surface.place,
          locale,
        },
  );
  await deliver(rt, outcome, surface);
  if (body.view?.type === 'home') await publishHome(rt, userId);
}

export function registerActions(bolt: App, rt: Runtime): void {
  bolt.action<BlockAction>(ACTION_PATTERN, async ({ ack, body, action }) => {
    const receivedAt = Date.now();
    await ack();
    if (action.type !== 'button') return;
    // The fields read below, as Slack sends them; anything else is ignored (already acked).
    if (!blockActionsSchema.safeParse(body).success || !blockActionSchema.safeParse(action).success) return;
    await runAction(rt, body, action as ButtonAction, receivedAt);
  });
}
