// Sends what Slack would send to the app's HTTP receiver: slash commands, Events API envelopes
// and interactivity payloads, signed with a real v0 signature (HMAC-SHA256 of `v0:{ts}:{body}`).
import { createHmac } from 'node:crypto';

export const FAKE_SIGNING_SECRET = 'fake-signing-secret-0123456789abcdef';

export function sign(body: string, secret: string, timestampSec: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Replace the computed signature (forgery tests). */
  signature?: string;
  retryNum?: number;
  contentType?: string;
}

export interface WireResponse {
  status: number;
  body: string;
  json(): any;
  ms: number;
}

export class SlackWire {
  constructor(
    readonly eventsUrl: string,
    readonly secret = FAKE_SIGNING_SECRET,
  ) {}

  async post(body: string, contentType: string, opts: PostOptions = {}): Promise<WireResponse> {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': opts.contentType ?? contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? sign(body, opts.secret ?? this.secret, timestamp),
    };
    if (opts.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(opts.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const started = performance.now();
    const res = await fetch(this.eventsUrl, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, body: text, json: () => JSON.parse(text), ms: performance.now() - started };
  }

  /** A slash command as Slack posts it (form-encoded). */
  command(fields: Record<string, string>, opts?: PostOptions) {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
  }

  /** An Events API envelope (JSON). */
  event(envelope: object, opts?: PostOptions) {
    return this.post(JSON.stringify(envelope), 'application/json', opts);
  }

  /** An interactivity payload (block_actions, view_submission): form-encoded `payload=<json>`. */
  interaction(payload: object, opts?: PostOptions) {
    return this.post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      opts,
    );
  }
}
