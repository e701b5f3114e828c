import { z } from 'zod';
import { defineNode, WAIT } from '../node-kind';
import { I18nKey, keyRef, VarName } from './common';
import { answerChoice, ChoiceList, choiceRefs, renderChoices, StoreVar } from './choice-options';

/** Asks a question with buttons. Free text is matched by number or label. */
export const choiceNode = defineNode({
  kind: 'choice',
  schema: z
    .object({
      kind: z.literal('choice'),
      text: I18nKey.describe('i18n key of the question'),
      count: VarName.optional().describe('numeric variable that selects the plural form'),
      var: StoreVar,
      choices: ChoiceList,
    })
    .strict(),
  waits: true,
  exits: () => false,
  refs: (n) => [keyRef(n.text, 'text'), ...choiceRefs(n.choices, 'choices')],
  enter(n, run) {
    run.ask(n.text, renderChoices(n.choices, run), n.count);
    return WAIT;
  },
  answer: (n, input, run) => answerChoice(n.choices, input, run, n.var),
});
