import { z } from 'zod';
import { defineNode, to, WAIT } from '../node-kind';
import { validatorNames, validators } from '../validators';
import { I18nKey, keyRef, NodeId, nodeRef, VarName } from './common';

/**
 * Asks for free text and keeps only the validated value: a number or an age in the session,
 * or (for `short_text`) the words themselves for this turn only, never saved.
 */
export const inputNode = defineNode({
  kind: 'input',
  schema: z
    .object({
      kind: z.literal('input'),
      text: I18nKey.describe('i18n key of the question'),
      validator: z.enum(validatorNames).describe('how the answer is read: number, age or short_text'),
      var: VarName.describe('where the validated value is kept'),
      min: z.number().optional(),
      max: z.number().optional(),
      invalid: I18nKey.optional().describe('i18n key said when the answer does not fit (a default is used otherwise)'),
      next: NodeId,
    })
    .strict(),
  waits: true,
  exits: () => false,
  refs: (n) => [
    keyRef(n.text, 'text'),
    ...(n.invalid ? [keyRef(n.invalid, 'invalid')] : []),
    nodeRef(n.next, 'next'),
  ],
  enter(n, run) {
    run.say(n.text);
    return WAIT;
  },
  answer(n, input, run) {
    if (input.type !== 'text') return null;
    const validator = validators[n.validator];
    const value = validator.parse(input.text, n);
    if (value === null) return null;
    if (validator.keep === 'session') run.setVar(n.var, value);
    else run.scratch.text[n.var] = String(value);
    return to(n.next);
  },
});
