import { z } from 'zod';
import { defineNode, RESUME } from '../node-kind';

/**
 * Goes back to where the user was before an interrupt that allows it (emergency), asking that
 * question again; with nowhere to go back to, opens the menu.
 */
export const resumeNode = defineNode({
  kind: 'resume',
  schema: z.object({ kind: z.literal('resume') }).strict(),
  waits: false,
  exits: () => true,
  refs: () => [],
  enter: () => RESUME,
});
