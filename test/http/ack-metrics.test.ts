// pccc_ack_seconds beyond Slack's HTTP mode: Discord (interaction received → initial response
// accepted) and Slack Socket Mode (envelope arrival → ack written back), scraped from the
// Prometheus registry after real traffic over real sockets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SocketModeClient } from '@slack/socket-mode';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { timeSocketAcks } from '../../src/adapters/slack';
import { setMetricsSink } from '../../src/core/metrics';
import { createPromMetrics } from '../../src/metrics';
import { createDiscordDriver } from '../fakes/discord/driver';
import { createTestApp } from '../helpers/app';

const ackCount = (text: string, platform: string) =>
  Number(text.match(new RegExp(`^pccc_ack_seconds_count\\{platform="${platform}"\\} (\\d+)$`, 'm'))?.[1] ?? 0);

afterEach(() => setMetricsSink(undefined));

describe('pccc_ack_seconds', () => {
  it('counts each Discord interaction once its initial response is accepted', { timeout: 60_000 }, async () => {
    const prom = createPromMetrics({ defaultMetrics: false });
    setMetricsSink(prom.sink);
    const app = await createTestApp();
    const d = await createDiscordDriver(app);
    try {
      await d.send({ kind: 'command', args: 'help' });
      await d.send({ kind: 'command', args: 'status' });
      const text = await prom.source.render();
      expect(ackCount(text, 'discord')).toBe(2);
      expect(text).toMatch(/^pccc_ack_seconds_bucket\{le="10",platform="discord"\} 2$/m);
      // A DM is not an interaction: nothing to acknowledge.
      await d.send({ kind: 'message', text: '유효기간' });
      expect(ackCount(await prom.source.render(), 'discord')).toBe(2);
    } finally {
      await d.close();
      await app.close();
    }
  });

  it('times Slack Socket Mode acks from envelope arrival to the ack on the socket', { timeout: 30_000 }, async () => {
    const prom = createPromMetrics({ defaultMetrics: false });
    setMetricsSink(prom.sink);
    // Slack's side: apps.connections.open hands out a WebSocket URL; the socket says hello,
    // sends two envelopes and collects the acks.
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
    const api: Server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url?.includes('apps.connections.open') ? { ok: true, url: wsUrl } : { ok: true }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const acks: string[] = [];
    const gotAcks = new Promise<void>((resolve) => {
      wss.on('connection', (ws: WebSocket) => {
        ws.on('message', (raw) => {
          acks.push(JSON.parse(String(raw)).envelope_id);
          if (acks.length === 2) resolve();
        });
        ws.send(JSON.stringify({ type: 'hello' }));
        for (const id of ['env-1', 'env-2'])
          ws.send(
            JSON.stringify({
              envelope_id: id,
              type: 'slash_commands',
              payload: { command: '/pccc', text: 'help' },
              accepts_response_payload: true,
            }),
          );
        // Never acked: not counted.
        ws.send(JSON.stringify({ envelope_id: 'env-3', type: 'interactive', payload: {} }));
      });
    });
    const client = new SocketModeClient({
      appToken: 'xapp-test',
      clientOptions: { slackApiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/` },
      autoReconnectEnabled: false,
    });
    // As in the adapter: Bolt's receiver listens first and acks after awaiting (authorization),
    // never inside the emit; our timing listener comes after it.
    client.on('slack_event', async ({ type, ack }: { type: string; ack: () => Promise<void> }) => {
      await Promise.resolve();
      if (type === 'slash_commands') await ack();
    });
    timeSocketAcks(client);
    try {
      await client.start();
      await gotAcks;
      expect(acks).toEqual(['env-1', 'env-2']);
      expect(ackCount(await prom.source.render(), 'slack')).toBe(2);
    } finally {
      await client.disconnect().catch(() => undefined);
      wss.close();
      await new Promise<void>((r) => api.close(() => r()));
    }
  });
});
