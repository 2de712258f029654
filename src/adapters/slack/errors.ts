// Slack Web API failures → the core's DeliveryError kinds, so the scheduler knows whether to
// retry later (rate_limited / transient) or stop for good (permanent: DMs closed, user gone).
import { ErrorCode } from '@slack/web-api';
import { DeliveryError } from '../../core/types';

const PERMANENT = new Set([
  'cannot_dm_bot',
  'user_not_found',
  'users_not_found',
  'channel_not_found',
  'user_disabled',
  'account_inactive',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_arguments',
  'not_allowed_token_type',
  'missing_scope',
  'not_authed',
  'invalid_auth',
  'token_revoked',
  'restricted_action',
  'messages_tab_disabled',
  'team_access_not_granted',
]);

/** The Slack error code (`channel_not_found`, …) of a Web API error, if any. */
export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: unknown } };
  if (e?.code === ErrorCode.PlatformError && typeof e.data?.error === 'string') return e.data.error;
  return undefined;
}

export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { code?: string; retryAfter?: number; statusCode?: number };
  if (e?.code === ErrorCode.RateLimitedError)
    return new DeliveryError('slack: rate limited', 'rate_limited', (e.retryAfter ?? 1) * 1000);
  const code = slackErrorCode(err);
  if (code === 'ratelimited') return new DeliveryError('slack: rate limited', 'rate_limited', 1000);
  if (code && PERMANENT.has(code)) return new DeliveryError(`slack: ${code}`, 'permanent');
  if (code) return new DeliveryError(`slack: ${code}`, 'transient');
  if (
    e?.code === ErrorCode.HTTPError &&
    e.statusCode &&
    e.statusCode >= 400 &&
    e.statusCode < 500 &&
    e.statusCode !== 408
  ) {
    return new DeliveryError(`slack: HTTP ${e.statusCode}`, 'permanent');
  }
  return new DeliveryError('slack: request failed', 'transient');
}
