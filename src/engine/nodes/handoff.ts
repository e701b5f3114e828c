import { z } from 'zod';
import { defineNode, to } from '../node-kind';
import { NodeId, nodeRef } from './common';

/** Extension point for the warm handoff: emits a `handoff` event that the host acts on. */
export const handoffNode = defineNode({
  kind: 'handoff',
  schema: z
    .object({
      kind: z.literal('handoff'),
      topic: z.string().regex(/^[a-z_]+$/).optional().describe('what the person wants to talk about'),
      next: NodeId,
    })
    .strict(),
  waits: false,
  exits: () => false,
  refs: (n) => [nodeRef(n.next, 'next')],
  enter(n, run) {
    run.emit({ type: 'handoff', topic: n.topic ?? null });
    return to(n.next);
  },
});
