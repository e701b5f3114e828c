/**
 * Haven's Bot Framework agent: one-to-one conversations only (a group chat in Teams is
 * ignored, as on Telegram), keyed by `pseudonym(secret, 'botframework', channel:conversation:user)`
 * so two visitors of a web page that gives everyone the same user id never share a session.
 * The greeting starts when a user joins; messages become engine inputs. Activities are never
 * logged: they carry names and text.
 */
import type { Activity } from '@microsoft/agents-activity';
import { ActivityHandler, type TurnContext } from '@microsoft/agents-hosting';
import type { Conversations } from '../../conversation/conversations';
import type { Input } from '../../engine/types';
import { pickLanguage } from '../../i18n/language';
import { pseudonym } from '../../privacy/pseudonym';
import type { Logger } from '../../server/logger';
import { readActivity } from './inbound';
import { renderOutputs } from './render';

export const CHANNEL = 'botframework';
export const BOTFRAMEWORK_NS = 'botframework';

export interface AgentDeps {
  conversations: Conversations;
  secret: string;
  log: Logger;
}

export function botFrameworkKey(secret: string, activity: Activity): string | null {
  const user = activity.from?.id;
  const conversation = activity.conversation?.id;
  if (!user || !conversation) return null;
  return pseudonym(secret, CHANNEL, `${activity.channelId ?? ''}:${conversation}:${user}`);
}

export class HavenAgent extends ActivityHandler {
  constructor(private readonly d: AgentDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const bot = context.activity.recipient?.id;
      // The user joined (not the bot itself): say hello, as a /start would.
      if (context.activity.membersAdded?.some((m) => m.id !== bot)) await this.turn(context, { type: 'start', ...hint(context.activity) });
      await next();
    });
  }

  private async message(context: TurnContext): Promise<void> {
    const inbound = readActivity(context.activity);
    switch (inbound.kind) {
      case 'input':
        return this.turn(context, inbound.input);
      case 'too_long':
        return this.say(context, 'too_long');
      case 'unsupported':
        return this.say(context, 'media');
      case 'ignore':
        return;
    }
  }

  private async turn(context: TurnContext, input: Input): Promise<void> {
    if (context.activity.conversation?.isGroup) return;
    const key = botFrameworkKey(this.d.secret, context.activity);
    if (!key) return;
    // The conversation reference is where a caseworker's words are sent during a handoff.
    const address = JSON.stringify(context.activity.getConversationReference());
    const { outputs } = this.d.conversations.turn(key, input, { channel: CHANNEL, address });
    // Nothing is said before the turn is on disk, so no answered turn can be lost in a crash.
    await this.d.conversations.committed();
    const activities = renderOutputs(outputs, this.d.conversations.engine.texts);
    if (activities.length) await context.sendActivities(activities);
  }

  /** A channel sentence in the language of the activity's locale. */
  private async say(context: TurnContext, key: string): Promise<void> {
    if (context.activity.conversation?.isGroup) return;
    const texts = this.d.conversations.engine.texts;
    const lang = languageOf(context.activity, texts.languages);
    await context.sendActivity(texts.render(lang, BOTFRAMEWORK_NS, key, undefined) ?? '…');
  }
}

export function languageOf(activity: Activity, languages: readonly string[]): string {
  return pickLanguage(activity.locale, languages) ?? languages[0] ?? 'en';
}

function hint(activity: Activity): { langHint?: string } {
  return activity.locale ? { langHint: activity.locale } : {};
}
