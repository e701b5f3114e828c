/**
 * The same 5-step conversation written the Bot Framework way, with
 * @microsoft/agents-hosting-dialogs (the maintained port of botbuilder-dialogs): a waterfall of
 * prompts, dialog state in ConversationState over MemoryStorage, one TurnContext per message.
 * It uses the agents-hosting copy that the dialogs package depends on, so both agree on types.
 */
import path from 'node:path';
import * as dialogs from '@microsoft/agents-hosting-dialogs';
import { SCRIPT, WORDS } from './five-step';

// The dialogs package pins its own agents-hosting (0.6.x); use that copy, not the app's 1.x,
// so TurnContext and state accessors are the classes the dialogs expect.
type Hosting = typeof import('../node_modules/@microsoft/agents-hosting-dialogs/node_modules/@microsoft/agents-hosting/dist/src/index');
type ActivityLib = typeof import('../node_modules/@microsoft/agents-hosting-dialogs/node_modules/@microsoft/agents-activity/dist/src/index');
const base = path.dirname(require.resolve('@microsoft/agents-hosting-dialogs/package.json'));
const hostingPath = require.resolve('@microsoft/agents-hosting', { paths: [base] });
const hosting: Hosting = require(hostingPath);
const activityLib: ActivityLib = require(require.resolve('@microsoft/agents-activity', { paths: [path.dirname(hostingPath)] }));
type TurnContext = InstanceType<Hosting['TurnContext']>;

class SilentAdapter extends hosting.BaseAdapter {
  authConfig = { clientId: '', issuers: [] };
  sent = 0;
  async sendActivities(_c: TurnContext, activities: unknown[]) {
    this.sent += activities.length;
    return activities.map(() => ({ id: '' }));
  }
  async updateActivity() {}
  async deleteActivity() {}
  async continueConversation() {}
  async uploadAttachment() {
    return { id: '' };
  }
  async getAttachmentInfo(): Promise<never> {
    throw new Error('not used');
  }
  async getAttachment(): Promise<never> {
    throw new Error('not used');
  }
}

export type PromptStyle = 'prompts' | 'text';

/**
 * A dialog bot for the 5-step conversation. `prompts` uses ChoicePrompt and NumberPrompt as
 * a Bot Framework author would; `text` uses TextPrompt throughout, the lightest possible
 * waterfall, as a stricter baseline.
 */
export function dialogsBot(style: PromptStyle) {
  const adapter = new SilentAdapter();
  const conversationState = new hosting.ConversationState(new hosting.MemoryStorage());
  const dialogState = conversationState.createProperty<dialogs.DialogState>('dialogState');
  const set = new dialogs.DialogSet(dialogState);
  const choice = (id: string, labels: string[]) =>
    style === 'prompts'
      ? async (step: dialogs.WaterfallStepContext) =>
          step.prompt('choice', { prompt: (WORDS as Record<string, string>)[id], choices: dialogs.ChoiceFactory.toChoices(labels) })
      : async (step: dialogs.WaterfallStepContext) => step.prompt('text', { prompt: (WORDS as Record<string, string>)[id] });
  if (style === 'prompts') {
    set.add(new dialogs.ChoicePrompt('choice'));
    set.add(new dialogs.NumberPrompt('number'));
  }
  set.add(new dialogs.TextPrompt('text'));
  set.add(
    new dialogs.WaterfallDialog('intake', [
      choice('who', [WORDS.me, WORDS.friend, WORDS.child]),
      async (step) => {
        Object.assign(step.values, { who: step.result });
        return choice('topic', [WORDS.job, WORDS.travel, WORDS.online])(step);
      },
      async (step) => {
        Object.assign(step.values, { topic: step.result });
        return step.prompt(style === 'prompts' ? 'number' : 'text', { prompt: WORDS.age });
      },
      async (step) => {
        Object.assign(step.values, { age: step.result });
        return choice('country', [WORDS.pl, WORDS.de, WORDS.co])(step);
      },
      async (step) => {
        Object.assign(step.values, { country: step.result });
        return choice('contact', [WORDS.yes, WORDS.no])(step);
      },
      async (step) => {
        Object.assign(step.values, { contact: step.result });
        await step.context.sendActivity(WORDS.thanks);
        return step.endDialog();
      },
    ]),
  );

  /** One user message in conversation `id`. */
  async function turn(id: string, turnIndex: number): Promise<void> {
    const activity = activityLib.Activity.fromObject({
      type: 'message',
      id: `${id}-${turnIndex}`,
      text: SCRIPT[turnIndex],
      locale: 'en-US',
      channelId: 'bench',
      serviceUrl: 'http://localhost/',
      conversation: { id },
      from: { id: `user-${id}` },
      recipient: { id: 'bot' },
    });
    const context = new hosting.TurnContext(adapter, activity);
    const dc = await set.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === dialogs.DialogTurnStatus.empty) await dc.beginDialog('intake');
    await conversationState.saveChanges(context, false);
  }
  return { turn, adapter };
}
