import { z } from 'zod';
import { defineNode, to, WAIT } from '../node-kind';
import { I18nKey, keyRef, NodeId, nodeRef } from './common';

/**
 * The person's side of a live chat with a caseworker. Everything they type is relayed (a `relay`
 * event) and never saved in the session; the host shows the caseworker's words as they come.
 * They can end the chat with a button. The host's signals move it on: when the caseworker ends
 * the chat, or, when nobody is available or nobody answers in time, the person is offered the
 * national helplines (a `services` search) and the choice to keep waiting.
 */
export const relayNode = defineNode({
  kind: 'relay',
  schema: z
    .object({
      kind: z.literal('relay'),
      text: I18nKey.describe('i18n key said on arrival ("You can write here...")'),
      end: I18nKey.describe('i18n key of the "end the chat" button'),
      unavailable: I18nKey.describe('i18n key said when nobody can answer now'),
      keep: I18nKey.describe('i18n key of the "keep waiting" button'),
      category: z.string().regex(/^[a-z_]+$/).describe('directory category offered while nobody answers (e.g. child_helpline)'),
      next: NodeId.describe('where to go when the chat ends'),
    })
    .strict(),
  waits: true,
  exits: () => false,
  refs: (n) => [keyRef(n.text, 'text'), keyRef(n.end, 'end'), keyRef(n.unavailable, 'unavailable'), keyRef(n.keep, 'keep'), nodeRef(n.next, 'next')],
  enter(n, run) {
    run.ask(n.text, [{ id: 'end', label: run.t(n.end) }]);
    return WAIT;
  },
  answer(n, input, run) {
    switch (input.type) {
      case 'text':
        run.emit({ type: 'relay', text: input.text });
        return WAIT; // stay, silently: the caseworker answers
      case 'choice':
        if (input.id === 'end') {
          run.emit({ type: 'handoff', action: 'end' });
          return to(n.next);
        }
        if (input.id === 'keep') return WAIT;
        return null;
      case 'signal':
        if (input.name === 'handoff_closed') return to(n.next);
        if (input.name === 'handoff_unavailable' || input.name === 'handoff_unanswered') {
          const country = run.state.vars['country'];
          run.emit({ type: 'services', category: n.category, point: null, place: null, country: typeof country === 'string' ? country : null });
          run.ask(n.unavailable, [
            { id: 'keep', label: run.t(n.keep) },
            { id: 'end', label: run.t(n.end) },
          ]);
        }
        return WAIT;
      default:
        return null;
    }
  },
});
