// Bolt's receiver errors as pages: an unknown path gets the plain 404 page, never a stack.
import { sendNotFound } from '../../../web/routes';

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
