import { z } from 'zod';
import { defineNode, to } from '../node-kind';
import { NodeId, nodeRef } from './common';

/**
 * "What do you keep about me?": emits an `access` event; the host answers it with exactly
 * what is stored for this user, in their language, before the flow goes on.
 */
export const accessNode = defineNode({
  kind: 'access',
  schema: z.object({ kind: z.literal('access'), next: NodeId }).strict(),
  waits: false,
  exits: () => false,
  refs: (n) => [nodeRef(n.next, 'next')],
  enter(n, run) {
    run.emit({ type: 'access' });
    return to(n.next);
  },
});
