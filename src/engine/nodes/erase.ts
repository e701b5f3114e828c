import { z } from 'zod';
import { defineNode, to } from '../node-kind';
import { NodeId, nodeRef } from './common';

/**
 * Forgets the session's answers (keeping only the language, so the confirmation can be read)
 * and emits an `erase` event so the host deletes everything stored under this session's key.
 */
export const eraseNode = defineNode({
  kind: 'erase',
  schema: z.object({ kind: z.literal('erase'), next: NodeId }).strict(),
  waits: false,
  exits: () => false,
  refs: (n) => [nodeRef(n.next, 'next')],
  enter(n, run) {
    for (const name of Object.keys(run.state.vars)) run.setVar(name, null);
    run.state.resume = null;
    run.emit({ type: 'erase' });
    return to(n.next);
  },
});
