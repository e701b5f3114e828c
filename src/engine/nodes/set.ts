import { z } from 'zod';
import { defineNode, to } from '../node-kind';
import { applyAssignments, Assignments, Increments, NodeId, nodeRef } from './common';

/** Sets (or with null, clears) session variables and adds to numeric ones. */
export const setNode = defineNode({
  kind: 'set',
  schema: z
    .object({
      kind: z.literal('set'),
      set: Assignments.optional(),
      add: Increments.optional(),
      next: NodeId,
    })
    .strict()
    .refine((n) => n.set !== undefined || n.add !== undefined, 'a set node needs `set` or `add`'),
  waits: false,
  exits: () => false,
  refs: (n) => [nodeRef(n.next, 'next')],
  enter(n, run) {
    applyAssignments(run, n.set, n.add);
    return to(n.next);
  },
});
