/**
 * What the page receives: one `WebMessage` per thing the bot says, in the shape the HTTP API
 * documents (docs/webchat-api.md). Each carries its own language and direction, so a page can
 * lay out Arabic right to left from the message on which the language changed.
 */
import type { Texts } from '../../engine/texts';
import type { Output } from '../../engine/types';
import { cardView } from './card-view';

/** One thing the bot says, as the page receives it (`WireMessage` in wire.d.ts). */
export type WebMessage = WireMessage;

export type UnnumberedMessage = Omit<WebMessage, 'seq'>;

/**
 * The engine's outputs as web messages. Events other than `services` have nothing to show
 * (`erase` is reported as the end of the conversation; a handoff's words come from its flow).
 */
export function webMessages(outputs: readonly Output[], texts: Texts): UnnumberedMessage[] {
  const out: UnnumberedMessage[] = [];
  for (const o of outputs) {
    const base = { lang: o.lang, dir: o.dir };
    if (o.kind === 'event') {
      if (o.event?.type !== 'services') continue;
      const results = o.event.results ?? [];
      const m: UnnumberedMessage = { kind: 'services', ...base, cards: results.map((c) => cardView(c, texts, o.lang)) };
      if (results.length === 0) m.text = texts.render(o.lang, 'cards', 'none', undefined) ?? '';
      out.push(m);
      continue;
    }
    const m: UnnumberedMessage = { kind: o.kind, ...base, text: o.text ?? '' };
    if (o.choices?.length) m.choices = o.choices.map((c) => ({ id: c.id, label: c.label }));
    out.push(m);
  }
  return out;
}

/** True when the turn erased the conversation (DELETE): the web chat then forgets it too. */
export function erased(outputs: readonly Output[]): boolean {
  return outputs.some((o) => o.event?.type === 'erase');
}
