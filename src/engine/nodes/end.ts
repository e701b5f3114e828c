import { z } from 'zod';
import { defineNode, END } from '../node-kind';

/** Ends this flow: returns to the flow that called it, or leaves the conversation idle. */
export const endNode = defineNode({
  kind: 'end',
  schema: z.object({ kind: z.literal('end') }).strict(),
  waits: false,
  exits: () => true,
  refs: () => [],
  enter: () => END,
});
