// A local fake of Slack's Socket Mode side: apps.connections.open hands out the URL of a WebSocket
// server on 127.0.0.1 that says hello, sends whatever frames a test writes and records the acks.
// Every other /api/ call is passed on to the fake Web API (api.ts), so SLACK_API_URL points here.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const FAKE_APP_TOKEN = 'xapp-1-fake-app-token';

export interface FakeSocketMode {
  /** Base for SLACK_API_URL (ends with `/api/`). */
  url: string;
  /** Envelope ids acknowledged by the app, in order. */
  acks: string[];
  /** apps.connections.open calls that came without the app token. */
  problems: string[];
  /** Sends a frame as is (a string is sent verbatim, anything else as JSON). */
  send(frame: unknown): void;
  /** Resolves when `envelopeId` has been acknowledged. */
  acked(envelopeId: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(webApiUrl: string): Promise<FakeSocketMode> {
  const upstream = new URL(webApiUrl);
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
  const acks: string[] = [];
  const problems: string[] = [];
  let socket: WebSocket | undefined;
  const waiting: Array<() => void> = [];
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (raw) => {
      const id = (JSON.parse(String(raw)) as { envelope_id?: unknown }).envelope_id;
      if (typeof id === 'string') acks.push(id);
      for (const w of waiting.splice(0)) w();
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1 }));
  });

  const server: Server = createServer((req, res) => {
    if (req.url?.endsWith('/apps.connections.open')) {
      if (req.headers.authorization !== `Bearer ${FAKE_APP_TOKEN}`)
        problems.push('apps.connections.open: no app token');
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, url: wsUrl }));
      return;
    }
    const path = `${upstream.pathname.replace(/\/api\/$/, '')}${req.url}`;
    const out = request(
      { host: upstream.hostname, port: upstream.port, path, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;

  return {
    url,
    acks,
    problems,
    send(frame) {
      if (!socket) throw new Error('fake Socket Mode: the app has not connected');
      socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    },
    async acked(envelopeId, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (!acks.includes(envelopeId)) {
        if (Date.now() > until) throw new Error(`fake Socket Mode: ${envelopeId} was not acknowledged`);
        await new Promise<void>((r) => {
          waiting.push(r);
          setTimeout(r, 50);
        });
      }
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
