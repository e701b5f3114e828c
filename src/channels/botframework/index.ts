/**
 * Bot Framework channels (Azure Bot Service: Web Chat, Direct Line, Teams...; the Emulator
 * locally) through the Microsoft 365 Agents SDK, at POST /api/messages.
 */
import { defineChannel } from '../channel';
import { HavenAgent } from './activities';
import { createAdapter } from './auth';
import { renderOutputs } from './render';
import { MESSAGES_PATH, messagesRouter } from './route';
import { botFrameworkSettings } from './settings';

export const channel = defineChannel({
  name: 'botframework',
  settings: botFrameworkSettings,
  create(ctx, settings) {
    if (!settings.BOTFRAMEWORK_ENABLED) return null;
    const log = ctx.log;
    let adapter;
    try {
      adapter = createAdapter(settings);
    } catch (e) {
      // The SDK refuses anonymous access when NODE_ENV=production and no client id is set.
      log.warn({ channel: 'botframework', reason: e instanceof Error ? e.message : String(e) }, 'Bot Framework channel off');
      return null;
    }
    const agent = new HavenAgent({ conversations: ctx.conversations, secret: ctx.secret, log });
    const authenticated = adapter.getClientId() !== undefined;
    const texts = ctx.conversations.engine.texts;
    // A caseworker's words reach the person proactively, on the conversation they wrote from.
    ctx.delivery?.register('botframework', async (address, outputs) => {
      const reference = JSON.parse(address) as Parameters<typeof adapter.continueConversation>[1];
      await adapter.continueConversation(adapter.getClientId() ?? 'anonymous', reference, async (turn) => {
        const activities = renderOutputs(outputs, texts);
        if (activities.length) await turn.sendActivities(activities);
      });
    });
    return {
      mount(app) {
        app.use(messagesRouter(adapter, agent, ctx.conversations.engine.texts, log));
      },
      async start() {
        if (authenticated) log.info({ channel: 'botframework', path: MESSAGES_PATH }, 'Bot Framework channel: JWT authentication on');
        else {
          log.warn(
            { channel: 'botframework', path: MESSAGES_PATH },
            'Bot Framework channel is open without authentication (no MICROSOFT_APP_ID): for local development only; replies go to this machine only',
          );
        }
      },
    };
  },
});
