import { z } from 'zod';
import { defineNode } from '../node-kind';
import { FlowId, flowRef, NodeId, nodeRef } from './common';

/** Runs another flow from its start; when that flow ends, continues at `next`. */
export const callNode = defineNode({
  kind: 'call',
  schema: z.object({ kind: z.literal('call'), flow: FlowId, next: NodeId }).strict(),
  waits: false,
  exits: () => false,
  refs: (n) => [flowRef(n.flow, 'flow'), nodeRef(n.next, 'next')],
  enter: (n) => ({ type: 'call', flow: n.flow, then: n.next }),
});
