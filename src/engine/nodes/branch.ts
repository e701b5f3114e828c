import { z } from 'zod';
import { defineNode, to } from '../node-kind';
import type { Scalar } from '../types';
import { NodeId, nodeRef, ScalarValue, VarName } from './common';

/** A test on one session variable; every operator given must hold. */
const Condition = z
  .object({
    var: VarName,
    eq: ScalarValue.optional(),
    ne: ScalarValue.optional(),
    in: z.array(ScalarValue).optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    set: z.boolean().optional().describe('true: the variable has a value; false: it has none'),
  })
  .strict();
type Condition = z.infer<typeof Condition>;

export function holds(c: Condition, vars: Record<string, Scalar>): boolean {
  const v = vars[c.var];
  if (c.set !== undefined && (v !== undefined) !== c.set) return false;
  if (c.eq !== undefined && v !== c.eq) return false;
  if (c.ne !== undefined && v === c.ne) return false;
  if (c.in !== undefined && (v === undefined || !c.in.includes(v))) return false;
  const num = typeof v === 'number' ? v : undefined;
  if (c.lt !== undefined && !(num !== undefined && num < c.lt)) return false;
  if (c.lte !== undefined && !(num !== undefined && num <= c.lte)) return false;
  if (c.gt !== undefined && !(num !== undefined && num > c.gt)) return false;
  if (c.gte !== undefined && !(num !== undefined && num >= c.gte)) return false;
  return true;
}

/** Goes to the first case whose condition holds, else to `else`. */
export const branchNode = defineNode({
  kind: 'branch',
  schema: z
    .object({
      kind: z.literal('branch'),
      cases: z.array(z.object({ when: Condition, next: NodeId }).strict()).min(1),
      else: NodeId,
    })
    .strict(),
  waits: false,
  exits: () => false,
  refs: (n) => [...n.cases.map((c, i) => nodeRef(c.next, 'cases', i, 'next')), nodeRef(n.else, 'else')],
  enter(n, run) {
    for (const c of n.cases) if (holds(c.when, run.state.vars)) return to(c.next);
    return to(n.else);
  },
});
