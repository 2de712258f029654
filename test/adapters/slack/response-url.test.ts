import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createResponseUrlPoster, type ResponseUrlPoster } from '../../../src/adapters/slack/response-url';

async function server(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const s = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    handler(req, Buffer.concat(chunks).toString('utf8'), res);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(s.address() as AddressInfo).port}`,
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/response/R1`,
    close: () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

describe('response_url poster', () => {
  let poster: ResponseUrlPoster | undefined;
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    poster?.close();
    for (const c of closers.splice(0)) await c();
  });

  it('POSTs the message as JSON and reuses the connection', async () => {
    const seen: Array<{ method?: string; type?: string; body: string; port?: number }> = [];
    const s = await server((req, body, res) => {
      seen.push({ method: req.method, type: req.headers['content-type'], body, port: req.socket.remotePort });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    closers.push(s.close);
    poster = createResponseUrlPoster({ allowedHosts: [s.host] });
    await poster.post(s.url, { response_type: 'ephemeral', text: '안녕하세요' });
    await poster.post(s.url, { text: 'again' });
    expect(seen[0]).toMatchObject({ method: 'POST', type: 'application/json' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ response_type: 'ephemeral', text: '안녕하세요' });
    expect(seen[1]!.port).toBe(seen[0]!.port); // keep-alive
  });

  it('rejects with code response_url_failed when Slack answers an error status', async () => {
    const s = await server((_req, _body, res) => res.writeHead(404).end('expired_url'));
    closers.push(s.close);
    poster = createResponseUrlPoster({ allowedHosts: [s.host] });
    await expect(poster.post(s.url, { text: 'x' })).rejects.toMatchObject({
      code: 'response_url_failed',
      message: 'response_url answered 404',
    });
  });

  it('gives up after the deadline', async () => {
    const s = await server(() => {
      /* never answers */
    });
    closers.push(s.close);
    poster = createResponseUrlPoster({ timeoutMs: 100, allowedHosts: [s.host] });
    await expect(poster.post(s.url, { text: 'x' })).rejects.toMatchObject({ code: 'response_url_timeout' });
  });

  it('only posts to Slack (hooks.slack.com over https) or an allowed host; never to a forged response_url', async () => {
    let hits = 0;
    const s = await server((_req, _body, res) => {
      hits++;
      res.end();
    });
    closers.push(s.close);
    poster = createResponseUrlPoster();
    await expect(poster.post(s.url, { text: 'x' })).rejects.toMatchObject({ code: 'response_url_invalid' });
    await expect(poster.post('http://hooks.slack.com/actions/T/1/x', { text: 'x' })).rejects.toMatchObject({
      code: 'response_url_invalid',
    });
    await expect(poster.post('https://hooks.slack.com.evil.example/actions', { text: 'x' })).rejects.toMatchObject({
      code: 'response_url_invalid',
    });
    await expect(poster.post('https://169.254.169.254/latest', { text: 'x' })).rejects.toMatchObject({
      code: 'response_url_invalid',
    });
    expect(hits).toBe(0);
  });

  it('rejects a URL that is not http(s) without sending anything', async () => {
    poster = createResponseUrlPoster();
    await expect(poster.post('not a url', { text: 'x' })).rejects.toMatchObject({ code: 'response_url_invalid' });
    await expect(poster.post('file:///etc/passwd', { text: 'x' })).rejects.toMatchObject({
      code: 'response_url_invalid',
    });
  });

  it('rejects when nobody listens', async () => {
    const s = await server((_req, _body, res) => res.end());
    await s.close();
    poster = createResponseUrlPoster({ allowedHosts: [s.host] });
    await expect(poster.post(s.url, { text: 'x' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
  it('sends once more on a fresh connection when the server closed the kept-alive one', async () => {
    const seen: Array<{ text: string; port?: number }> = [];
    const perSocket = new WeakMap<object, number>();
    const s = await server((req, body, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      seen.push({ text: JSON.parse(body).text, port: req.socket.remotePort });
      // The second request on a connection meets it closed, as when the server's idle timeout won the race.
      if (n === 2) req.socket.resetAndDestroy();
      else res.end();
    });
    closers.push(s.close);
    poster = createResponseUrlPoster({ allowedHosts: [s.host] });
    await poster.post(s.url, { text: 'first' });
    await poster.post(s.url, { text: 'second' });
    expect(seen.map((x) => x.text)).toEqual(['first', 'second', 'second']);
    expect(seen[2]!.port).not.toBe(seen[1]!.port);
  });

  it('does not send again when a fresh connection fails, nor more than once on a reused one', async () => {
    let hits = 0;
    const s = await server((req, _body, res) => {
      hits++;
      if (hits === 1) res.end();
      else req.socket.resetAndDestroy();
    });
    closers.push(s.close);
    poster = createResponseUrlPoster({ allowedHosts: [s.host] });
    await poster.post(s.url, { text: 'ok' });
    await expect(poster.post(s.url, { text: 'x' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(hits).toBe(3); // the reused socket, then one fresh one
    poster.close();
    poster = createResponseUrlPoster({ allowedHosts: [s.host] });
    await expect(poster.post(s.url, { text: 'y' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(hits).toBe(4);
  });
});

describe('response_url poster: idle kept-alive connections', () => {
  it('closes an idle connection before the server’s announced Keep-Alive timeout, so none is found dead', async () => {
    const closedAt: number[] = [];
    const s = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end());
    });
    // Announced as `Keep-Alive: timeout=3`: Node's agent closes its side 1 s before.
    s.keepAliveTimeout = 3_000;
    s.on('connection', (socket) => socket.on('close', () => closedAt.push(Date.now())));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(s.address() as AddressInfo).port}`;
    const poster = createResponseUrlPoster({ allowedHosts: [host] });
    try {
      const sent = Date.now();
      await poster.post(`http://${host}/response/R1`, { text: 'x' });
      await new Promise((r) => setTimeout(r, 2_600));
      // Closed by the client (at ~2 s), not by the server's own timer (3 s).
      expect(closedAt).toHaveLength(1);
      expect(closedAt[0]! - sent).toBeLessThan(2_600);
    } finally {
      poster.close();
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  });
});
