/**
 * A fake Bot Connector service: the `serviceUrl` a Bot Framework channel names in each
 * activity, where the bot POSTs its replies. Records every reply with the path it came to,
 * and every other request (a bot must never fetch a user's attachment).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface Reply {
  conversationId: string;
  replyToId: string | null;
  activity: any;
  authorization: string | undefined;
}

export class FakeBotConnector {
  readonly replies: Reply[] = [];
  readonly otherRequests: string[] = [];
  private server: Server | null = null;
  url = '';
  private nextId = 1;

  async start(): Promise<string> {
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    const reply = (req: express.Request, res: express.Response, replyToId: string | null) => {
      this.replies.push({ conversationId: String(req.params.conversationId), replyToId, activity: req.body, authorization: req.get('authorization') });
      res.json({ id: `bot-${this.nextId++}` });
    };
    app.post('/v3/conversations/:conversationId/activities/:replyToId', (req, res) => reply(req, res, String(req.params.replyToId)));
    app.post('/v3/conversations/:conversationId/activities', (req, res) => reply(req, res, null));
    app.use((req, res) => {
      this.otherRequests.push(`${req.method} ${req.path}`);
      res.status(404).end();
    });
    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  repliesTo(conversationId: string): Reply[] {
    return this.replies.filter((r) => r.conversationId === conversationId);
  }
}
