import { z } from 'zod';
import { defineNode, to } from '../node-kind';
import { I18nKey, keyRef, NodeId, nodeRef, VarName } from './common';

/** Says one message, then moves on without waiting. One idea per message. */
export const messageNode = defineNode({
  kind: 'message',
  schema: z
    .object({
      kind: z.literal('message'),
      text: I18nKey.describe('i18n key of the message'),
      count: VarName.optional().describe('numeric variable that selects the plural form'),
      next: NodeId,
    })
    .strict(),
  waits: false,
  exits: () => false,
  refs: (n) => [keyRef(n.text, 'text'), nodeRef(n.next, 'next')],
  enter(n, run) {
    run.say(n.text, n.count);
    return to(n.next);
  },
});
