/**
 * Engine outputs as Bot Framework activities: choices as suggested actions (imBack, the one
 * kind every channel supports; the label comes back as text and the engine matches it),
 * services as hero cards with call and website buttons. Pure, and built on the activity
 * schema package alone (what MessageFactory and CardFactory produce), so it is testable
 * without the hosting stack.
 */
import { ActionTypes, Activity, ActivityTypes, AttachmentLayoutTypes, InputHints, type Attachment, type CardAction } from '@microsoft/agents-activity';
import { cardLines, noCardsText, telUri } from '../../conversation/service-card-text';
import type { Texts } from '../../engine/texts';
import type { ChoiceOption, Output, ServiceCard } from '../../engine/types';

/** The Bot Framework content type of a hero card. */
export const HERO_CARD = 'application/vnd.microsoft.card.hero';

export function renderOutputs(outputs: readonly Output[], texts: Texts): Activity[] {
  const out: Activity[] = [];
  for (const o of outputs) {
    let activity: Activity | null = null;
    if (o.kind === 'event') {
      if (o.event?.type === 'services') activity = servicesActivity(o.event.results ?? [], texts, o.lang);
    } else if (o.text) {
      // A location question offers its alternatives too: Bot Framework channels cannot ask
      // for a location, and typing a town works.
      activity = message(o.text, o.choices?.length ? { suggestedActions: { actions: o.choices.map(suggestion), to: [] } } : {});
    }
    if (!activity) continue;
    activity.locale = o.lang;
    out.push(activity);
  }
  return out;
}

function message(text: string | undefined, fields: Record<string, unknown>): Activity {
  return Activity.fromObject({
    type: ActivityTypes.Message,
    inputHint: InputHints.AcceptingInput,
    ...(text !== undefined ? { text } : {}),
    ...fields,
  });
}

function suggestion(c: ChoiceOption): CardAction {
  return { type: ActionTypes.ImBack, title: c.label, value: c.label };
}

function servicesActivity(cards: readonly ServiceCard[], texts: Texts, lang: string): Activity {
  if (cards.length === 0) return message(noCardsText(texts, lang), {});
  return message(undefined, { attachmentLayout: AttachmentLayoutTypes.List, attachments: cards.map((c) => heroCard(c, texts, lang)) });
}

export function heroCard(card: ServiceCard, texts: Texts, lang: string): Attachment {
  const [title = card.name, ...lines] = cardLines(card, texts, lang);
  const t = (key: string, values: Record<string, unknown>) => texts.render(lang, 'cards', key, values) ?? '';
  const buttons: CardAction[] = card.phones.map((phone) => ({ type: ActionTypes.Call, title: t('call', { phone }), value: telUri(phone) }));
  if (card.website) buttons.push({ type: ActionTypes.OpenUrl, title: t('website', { url: card.website }), value: card.website });
  return { contentType: HERO_CARD, content: { title, text: lines.join('\n'), buttons } };
}
