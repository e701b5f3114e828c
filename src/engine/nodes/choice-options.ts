import { z } from 'zod';
import type { Ref, Run, Step } from '../node-kind';
import { to } from '../node-kind';
import type { ChoiceOption, Input } from '../types';
import {
  applyAssignments,
  Assignments,
  ChoiceId,
  I18nKey,
  Increments,
  keyRef,
  MAX_CHOICES,
  NodeId,
  nodeRef,
  VarName,
} from './common';

/** One button of a question: shared by `choice` questions and `location` alternatives. */
export const ChoiceOptionSchema = z
  .object({
    id: ChoiceId.describe('stable id: stored as the answer and sent back by buttons'),
    label: I18nKey.describe('i18n key of the button label'),
    next: NodeId.describe('node to continue to when this is chosen'),
    set: Assignments.optional().describe('session variables to set when chosen'),
    add: Increments.optional().describe('numeric session variables to add to when chosen (scores)'),
    correct: z
      .boolean()
      .optional()
      .describe('for quiz questions: whether this is the right answer (counted, anonymously, for insights); without it, an option that adds to `score` counts as right'),
  })
  .strict();
export type ChoiceOptionDef = z.infer<typeof ChoiceOptionSchema>;

export const ChoiceList = z.array(ChoiceOptionSchema).min(1).max(MAX_CHOICES);

export function choiceRefs(choices: readonly ChoiceOptionDef[], field: string): Ref[] {
  const refs: Ref[] = [];
  choices.forEach((c, i) => {
    refs.push(keyRef(c.label, field, i, 'label'), nodeRef(c.next, field, i, 'next'));
  });
  return refs;
}

export function renderChoices(choices: readonly ChoiceOptionDef[], run: Run): ChoiceOption[] {
  return choices.map((c) => ({ id: c.id, label: run.t(c.label) }));
}

/**
 * Resolve an answer to one of `choices`: a button press by id, or free text matched by
 * number or label. Returns the step to take, or null if it was not understood.
 */
export function answerChoice(
  choices: readonly ChoiceOptionDef[],
  input: Input,
  run: Run,
  storeIn: string | undefined,
): Step | null {
  let id: string | null = null;
  if (input.type === 'choice') id = input.id;
  else if (input.type === 'text') id = run.matchChoice(input.text, choices);
  if (id === null) return null;
  const chosen = choices.find((c) => c.id === id);
  if (!chosen) return null;
  if (storeIn) run.setVar(storeIn, chosen.id);
  applyAssignments(run, chosen.set, chosen.add);
  const correct = quizAnswer(choices, chosen);
  if (correct !== null) run.record({ type: 'answer', flow: run.flow, node: run.node, correct });
  return to(chosen.next);
}

export const StoreVar = VarName.optional().describe('session variable that keeps the chosen id');

/** Right or wrong for a quiz question (options marked `correct`, or scoring into `score`); null otherwise. */
function quizAnswer(choices: readonly ChoiceOptionDef[], chosen: ChoiceOptionDef): boolean | null {
  if (chosen.correct !== undefined) return chosen.correct;
  const scoring = choices.some((c) => (c.add?.['score'] ?? 0) > 0);
  return scoring ? (chosen.add?.['score'] ?? 0) > 0 : null;
}
