/**
 * Every HTTP endpoint Haven serves, each with a well-formed request to start mutating from
 * and the headers a real client would send (live web chat tokens, the webhook secret).
 */
import type { Endpoint } from './load-malformed';

export interface EndpointOptions {
  /** the Telegram webhook, when the server runs with one */
  telegram?: { path: string; secret: string };
  /** live web chat conversations to send with (some requests reach a real turn) */
  tokens?: number;
  /** where Bot Framework replies go (a sink that accepts them); default: nowhere that answers */
  serviceUrl?: string;
}

export async function havenEndpoints(url: string, o: EndpointOptions = {}): Promise<Endpoint[]> {
  const tokens: string[] = [];
  for (let i = 0; i < (o.tokens ?? 20); i++) {
    const r = await fetch(`${url}/api/webchat/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `203.0.113.${i}` },
      body: JSON.stringify({ langHint: 'en' }),
    });
    if (r.status === 201) tokens.push(((await r.json()) as { token: string }).token);
  }
  let n = 0;
  const auth = (): Record<string, string> => {
    // Mostly a live token, sometimes none or one that was never issued.
    const roll = n++ % 10;
    if (roll === 0) return {};
    if (roll === 1) return { Authorization: `Bearer ${'A'.repeat(43)}` };
    return { Authorization: `Bearer ${tokens[n % Math.max(1, tokens.length)] ?? ''}` };
  };
  const list: Endpoint[] = [
    { name: 'page', method: 'GET', path: '/' },
    { name: 'asset', method: 'GET', path: '/webchat/webchat.js' },
    { name: 'healthz', method: 'GET', path: '/healthz' },
    { name: 'readyz', method: 'GET', path: '/readyz' },
    { name: 'metrics', method: 'GET', path: '/metrics' },
    { name: 'webchat start', method: 'POST', path: '/api/webchat/session', json: { langHint: 'uk-UA,uk;q=0.9' } },
    {
      name: 'webchat message',
      method: 'POST',
      path: '/api/webchat/messages',
      json: { input: { type: 'text', text: 'hello' }, requestId: 'r1', after: 0 },
      headers: auth,
    },
    { name: 'webchat poll', method: 'GET', path: '/api/webchat/messages', headers: auth },
    { name: 'webchat stream', method: 'GET', path: '/api/webchat/events', headers: auth },
    { name: 'webchat end', method: 'POST', path: '/api/webchat/end', headers: () => ({ 'Content-Type': 'text/plain' }) },
    { name: 'webchat ui', method: 'GET', path: '/api/webchat/ui/en' },
    {
      name: 'botframework',
      method: 'POST',
      path: '/api/messages',
      json: {
        type: 'message',
        id: 'a1',
        text: 'hello',
        channelId: 'emulator',
        serviceUrl: o.serviceUrl ?? 'http://127.0.0.1:9/',
        from: { id: 'user-1', name: 'User' },
        recipient: { id: 'bot', name: 'Bot' },
        conversation: { id: 'conv-1' },
        locale: 'en-US',
      },
    },
    { name: 'console', method: 'GET', path: '/console/' },
    { name: 'console api', method: 'POST', path: '/console/api/sign-in', json: { name: 'someone', password: 'x' } },
  ];
  if (o.telegram) {
    const t = o.telegram;
    list.push({
      name: 'telegram webhook',
      method: 'POST',
      path: t.path,
      json: {
        update_id: 1,
        message: { message_id: 1, date: 1_700_000_000, chat: { id: 4242, type: 'private' }, from: { id: 4242, is_bot: false, first_name: 'U' }, text: 'hello' },
      },
      headers: () => ({ 'X-Telegram-Bot-Api-Secret-Token': t.secret }),
    });
  }
  return list;
}
