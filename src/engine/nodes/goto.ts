import { z } from 'zod';
import { defineNode, to } from '../node-kind';
import { FlowId, flowRef, NodeId, nodeRef } from './common';

/** Jumps to a node in this flow, or to another flow (at `node`, or its start) without returning. */
export const gotoNode = defineNode({
  kind: 'goto',
  schema: z
    .object({ kind: z.literal('goto'), flow: FlowId.optional(), node: NodeId.optional() })
    .strict()
    .refine((n) => n.flow !== undefined || n.node !== undefined, 'a goto node needs `flow`, `node` or both'),
  waits: false,
  exits: (n) => n.flow !== undefined,
  refs: (n) => (n.flow !== undefined ? [flowRef(n.flow, 'flow')] : [nodeRef(n.node ?? '', 'node')]),
  enter: (n) => (n.flow !== undefined ? { type: 'jump', flow: n.flow, node: n.node ?? null } : to(n.node ?? '')),
});
