import { z } from 'zod';
import { defineNode, to } from '../node-kind';
import { NodeId, nodeRef, VarName } from './common';

/**
 * Extension point for the service directory: emits a `services` search event with the kind
 * of help and the place given in this turn. The host answers it with service cards.
 */
export const servicesNode = defineNode({
  kind: 'services',
  schema: z
    .object({
      kind: z.literal('services'),
      category: z.string().regex(/^[a-z_]+$/).optional().describe('directory category to search'),
      category_var: VarName.optional().describe('session variable holding the category'),
      next: NodeId,
    })
    .strict(),
  waits: false,
  exits: () => false,
  refs: (n) => [nodeRef(n.next, 'next')],
  enter(n, run) {
    const fromVar = n.category_var !== undefined ? run.state.vars[n.category_var] : undefined;
    const country = run.state.vars['country'];
    run.emit({
      type: 'services',
      category: n.category ?? (typeof fromVar === 'string' ? fromVar : null),
      point: run.scratch.point,
      place: run.scratch.place,
      country: typeof country === 'string' ? country : null,
    });
    return to(n.next);
  },
});
