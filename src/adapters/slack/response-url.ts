// POSTs a message to a Slack response_url. Plain node:http(s) with keep-alive agents rather
// than fetch: every command and button answers through here, and fetch's WHATWG machinery
// (Request/Response objects, web streams, abort signals) cost several times the CPU of the
// request itself on the thread that also acknowledges Slack within its 3 s window.
import http from 'node:http';
import https from 'node:https';

export type PostToResponseUrl = (url: string, body: Record<string, unknown>) => Promise<void>;

export interface ResponseUrlPoster {
  post: PostToResponseUrl;
  /** Closes idle keep-alive connections. */
  close(): void;
}

function failure(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A kept-alive connection unused this long is closed by us, before a server's usual 5 s or more. */
const IDLE_MS = 4_000;

/** Slack's own host for response_url; anything else (a forged payload) is never contacted. */
export const SLACK_RESPONSE_HOSTS = ['hooks.slack.com'];

/**
 * `allowedHosts`: host[:port] values a response_url may point to (default: hooks.slack.com over
 * https). Tests add the configured SLACK_API_URL's host.
 */
export function createResponseUrlPoster(opts: { timeoutMs?: number; allowedHosts?: string[] } = {}): ResponseUrlPoster {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const extra = new Set((opts.allowedHosts ?? []).map((h) => h.toLowerCase()));
  // An idle-socket timeout is what lets Node honour a server's `Keep-Alive: timeout=N` (it closes
  // the socket 1 s before); without one the hint is ignored, and a socket the server closed while
  // idle is found dead on its next use. IDLE_MS bounds it for servers that announce nothing.
  const agentOptions = { keepAlive: true, timeout: IDLE_MS };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const post: PostToResponseUrl = (url, body) =>
    new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return reject(failure('response_url is not a URL', 'response_url_invalid'));
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        return reject(failure('response_url is not http(s)', 'response_url_invalid'));
      const slack =
        target.protocol === 'https:' &&
        SLACK_RESPONSE_HOSTS.includes(target.hostname.toLowerCase()) &&
        (target.port === '' || target.port === '443');
      if (!slack && !extra.has(target.host.toLowerCase()))
        return reject(failure('response_url is not a Slack host', 'response_url_invalid'));
      const payload = Buffer.from(JSON.stringify(body));
      const request = target.protocol === 'https:' ? https.request : http.request;
      const agent = agents[target.protocol];
      const attempt = (retried: boolean) => {
        const req = request(target, {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
        });
        // One deadline for the whole exchange (connect, send, answer, a retry), like fetch's AbortSignal.timeout.
        const timer = setTimeout(
          () => req.destroy(failure(`response_url did not answer within ${timeoutMs} ms`, 'response_url_timeout')),
          Math.max(0, deadline - Date.now()),
        );
        let answered = false;
        const done = (err?: Error) => {
          clearTimeout(timer);
          if (err) reject(err);
          else resolve();
        };
        req.once('error', (err: Error & { code?: string }) => {
          // A kept-alive socket the server closed while idle fails on its next use before any
          // answer; the request was not taken, so it goes once more (the retry Node's http docs
          // give for `reusedSocket`). The agents' idle timeout makes that race rare. A server
          // that took the request and then reset would see it twice: a repeated reply was
          // judged better than none. Anything else is the caller's.
          if (!retried && !answered && req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
            clearTimeout(timer);
            attempt(true);
          } else done(err);
        });
        req.once('response', (res) => {
          answered = true;
          const status = res.statusCode ?? 0;
          res.once('error', done);
          res.once('end', () =>
            done(
              status >= 200 && status < 300
                ? undefined
                : failure(`response_url answered ${status}`, 'response_url_failed'),
            ),
          );
          res.resume(); // drain so the connection goes back to the pool
        });
        req.end(payload);
      };
      attempt(false);
    });

  return {
    post,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
