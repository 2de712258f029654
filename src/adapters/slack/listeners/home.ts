// App Home: the user's status as the core reports it (`status`), plus shortcut buttons.
import type { App } from '@slack/bolt';
import type { Runtime } from '../host';
import { renderHome } from '../render';
import { langOfLocale, strings } from '../strings';
import { errName } from '../deliver';
import { handleSafely } from '../inbound';

export async function publishHome(rt: Runtime, userId: string): Promise<void> {
  const locale = await rt.locales.get(userId);
  const outcome = await handleSafely(rt, {
    kind: 'command',
    args: 'status',
    user: { platform: 'slack', id: userId },
    place: 'dm',
    locale,
  });
  // The Home tab is visible to its owner only, but a revealed code still never goes there.
  const replies = outcome.replies.filter((r) => !r.sensitive).map((r) => ({ ...r, form: undefined }));
  const fallback = [
    { visibility: 'ephemeral' as const, text: strings(outcome.lang ?? langOfLocale(locale)).homeUnavailable },
  ];
  try {
    await rt.client.views.publish({
      user_id: userId,
      view: renderHome(replies.length ? replies : fallback, outcome.lang),
    });
  } catch (err) {
    rt.log.warn({ err: errName(err) }, 'slack: views.publish failed');
  }
}

export function registerHome(bolt: App, rt: Runtime): void {
  bolt.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await publishHome(rt, event.user);
  });
}
