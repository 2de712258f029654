// The public pages on the Slack receiver (Bolt customRoutes for GET / /privacy /terms) and the
// answer for every other path: the plain 404 page, never a stack.
import type { CustomRoute } from '@slack/bolt';
import { sendNotFound, webRoutes, WEB_PATHS } from '../../../web/routes';
import type { SlackHost } from '../host';

/** The public pages (/, /privacy, /terms) on the Slack HTTP server. */
export function webPageRoutes(host: SlackHost): CustomRoute[] {
  const c = host.config;
  const web = webRoutes(
    {
      discordApplicationId: c.discordApplicationId,
      revealTtlSeconds: c.revealTtlSeconds ?? 600,
      privacyContact: c.privacyContact,
      slackClientId: c.slackClientId,
    },
    { notFound: true },
  );
  return Object.keys(WEB_PATHS).map((path) => ({
    path,
    method: ['GET', 'HEAD'],
    handler: (req, res) => void web(req, res),
  }));
}

/** Unknown paths get the 404 page; anything else that fails before routing a plain 400, never a stack. */
export function dispatchError({
  error,
  request,
  response,
}: {
  error: Error;
  request: import('node:http').IncomingMessage;
  response: import('node:http').ServerResponse;
}): void {
  if (response.headersSent) return void response.end();
  if (
    (error as { code?: string }).code === 'slack_bolt_http_receiver_deferred_request_error' &&
    (request.method === 'GET' || request.method === 'HEAD')
  )
    return sendNotFound(request, response);
  const unknownPath = (error as { code?: string }).code === 'slack_bolt_http_receiver_deferred_request_error';
  response.writeHead(unknownPath ? 404 : 400, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
  });
  response.end(unknownPath ? 'Not found\n' : 'Bad request\n');
}
