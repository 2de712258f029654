// Socket Mode's counterpart of the HTTP guard (payloads.ts): every frame from Slack's socket is
// checked before SocketModeClient parses it and hands it to Bolt. The client reads
// `payload.event.type` without a check (a rejection nobody catches, which ends the process) and
// emits envelope types by name; Bolt throws on the same shapes as over HTTP.
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../log';
import { errName } from './deliver';
import { checkSocketFrame } from './payloads';

type Client = SocketModeReceiver['client'];
type Listener = (data: unknown, isBinary: boolean) => unknown;

/**
 * Puts the check in front of the client's own `ws_message` listener (the socket emits each
 * frame on the client under that name). A frame that fails is acknowledged when it has an
 * envelope id (Slack would otherwise send it again) and dropped; the log line names the reason
 * only, never the frame's content.
 */
export function guardSocketFrames(client: Client, log: Logger): void {
  const inner = client.listeners('ws_message') as Listener[];
  // An upgrade of @slack/socket-mode that renames it must fail loudly, not run unguarded.
  if (inner.length === 0) throw new Error('slack: Socket Mode client has no ws_message listener to guard');
  client.removeAllListeners('ws_message');
  const failed = (err: unknown) => log.error({ err: errName(err) }, 'slack: Socket Mode frame failed');
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    // Binary frames: the client ignores them itself.
    const check = isBinary ? ({ ok: true } as const) : checkSocketFrame(decode(data));
    if (!check.ok) {
      log.warn(
        { reason: check.reason, acked: Boolean(check.envelopeId) },
        'slack: dropped a malformed Socket Mode frame',
      );
      // The client's ack is `send(envelope_id)`, typed private but the one way to answer an envelope.
      if (check.envelopeId)
        (client as unknown as { send(id: string): Promise<void> })
          .send(check.envelopeId)
          .catch((err) => log.warn({ err: errName(err) }, 'slack: could not acknowledge a malformed frame'));
      return;
    }
    for (const l of inner) {
      // The client's listener is async: what it throws would otherwise be an unhandled rejection.
      try {
        void Promise.resolve(l.call(client, data, isBinary)).catch(failed);
      } catch (err) {
        failed(err);
      }
    }
  });
}

/** A frame as text ('' when it is not text, which then fails as JSON). */
function decode(data: unknown): string {
  if (typeof data === 'string') return data;
  try {
    return new TextDecoder().decode(data as ArrayBuffer);
  } catch {
    return '';
  }
}
