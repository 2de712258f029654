// A bare HTTP server on 127.0.0.1 that serves only the public pages (as the production HTTP
// server or the Slack receiver would mount them).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webRoutes, type WebConfig } from '../../src/web/routes';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

export const WEB_CONFIG: WebConfig = {
  discordApplicationId: '123456789012345678',
  revealTtlSeconds: 600,
  privacyContact: '개인정보 보호책임자 홍길동 <privacy@example.org>',
  slackClientId: '1111.2222',
};

export async function startPageServer(config: WebConfig = WEB_CONFIG): Promise<PageServer> {
  const handle = webRoutes(config, { notFound: true });
  const server: Server = createServer((req, res) => {
    void handle(req, res).then((done) => {
      if (!done) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not mine\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
