import { z } from 'zod';
import { defineNode, to, WAIT } from '../node-kind';
import { I18nKey, keyRef, NodeId, nodeRef } from './common';
import { answerChoice, ChoiceList, choiceRefs, renderChoices } from './choice-options';

/**
 * Asks where the user is. A shared point or a typed place name is kept for this turn only
 * (used for one search, then dropped). Alternatives (pick a country, skip) are always offered,
 * because not every channel or person can share a location.
 */
export const locationNode = defineNode({
  kind: 'location',
  schema: z
    .object({
      kind: z.literal('location'),
      text: I18nKey.describe('i18n key of the request'),
      next: NodeId.describe('node to continue to with a point or a typed place'),
      choices: ChoiceList.optional().describe('alternatives to sharing a location'),
    })
    .strict(),
  waits: true,
  exits: () => false,
  refs: (n) => [keyRef(n.text, 'text'), nodeRef(n.next, 'next'), ...choiceRefs(n.choices ?? [], 'choices')],
  enter(n, run) {
    run.askLocation(n.text, renderChoices(n.choices ?? [], run));
    return WAIT;
  },
  answer(n, input, run) {
    if (input.type === 'location') {
      run.scratch.point = input.point;
      return to(n.next);
    }
    const alternative = n.choices ? answerChoice(n.choices, input, run, undefined) : null;
    if (alternative) return alternative;
    if (input.type === 'text' && input.text.trim().length > 0) {
      run.scratch.place = input.text.trim().slice(0, 120);
      return to(n.next);
    }
    return null;
  },
});
