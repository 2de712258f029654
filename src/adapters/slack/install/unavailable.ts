// Many workspaces, database down: an event whose installation cannot be read (and is not held
// from a recent read, see store.ts) cannot be authorised, and Bolt acks it with an empty body —
// silence. A slash command or a button still has its response_url: the person is told, kindly,
// to try again in a moment. The URL is only used, never logged.
import type { PostToResponseUrl } from '../response-url';
import { InstallationUnavailable } from './store';

/** Both languages: without the installation there is no users.info to learn the locale from. */
export const UNAVAILABLE_TEXT =
  '지금은 잠시 처리할 수 없어요. 잠시 뒤 다시 시도해 주세요.\nTemporarily unavailable — please try again in a moment.';

/** True when `err` (Bolt's AuthorizationError wrapping @slack/oauth's) comes from an unreadable store. */
export function fromUnavailableStore(err: unknown): boolean {
  let e = err as { original?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 6; depth++) {
    if (e instanceof InstallationUnavailable) return true;
    e = (e.original ?? e.cause) as typeof e;
  }
  return false;
}

/** Answers through the request's response_url when authorisation failed for that reason; true if it did. */
export async function answerUnavailable(err: unknown, body: unknown, post: PostToResponseUrl): Promise<boolean> {
  if (!fromUnavailableStore(err)) return false;
  const url = (body as { response_url?: unknown } | undefined)?.response_url;
  if (typeof url !== 'string' || !url) return false;
  await post(url, { response_type: 'ephemeral', replace_original: false, text: UNAVAILABLE_TEXT }).catch(
    () => undefined,
  );
  return true;
}

/** An event acked before its worker died (SLACK_WORKER): the person is told to try again, if we can reach them. */
export async function answerLost(body: unknown, post: PostToResponseUrl): Promise<void> {
  const url = (body as { response_url?: unknown } | undefined)?.response_url;
  if (typeof url !== 'string' || !url) return;
  await post(url, { response_type: 'ephemeral', replace_original: false, text: UNAVAILABLE_TEXT }).catch(
    () => undefined,
  );
}
