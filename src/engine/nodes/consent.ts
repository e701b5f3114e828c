import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineNode, to, WAIT } from '../node-kind';
import type { Run } from '../node-kind';
import { consentPurposes, type Scalar } from '../types';
import { I18nKey, keyRef, NodeId, nodeRef } from './common';

/**
 * Asks for consent to one purpose in plain words, and records the answer as a `consent` event
 * (the host keeps the ledger). The version is a hash of the exact wording shown in the user's
 * language, so changing the words changes the version. Below the deployment's age of digital
 * consent the question is not asked: the flow goes on along `under_age`, the anonymous path.
 * With `revoke: true` it withdraws the consent instead (the host erases what it allowed).
 */
export const consentNode = defineNode({
  kind: 'consent',
  schema: z
    .object({
      kind: z.literal('consent'),
      purpose: z.enum(consentPurposes),
      text: I18nKey.describe('i18n key of the consent wording: what is kept, why, for how long, how to withdraw'),
      accept: I18nKey.describe('i18n key of the "yes" button'),
      decline: I18nKey.describe('i18n key of the "no" button'),
      yes: NodeId.describe('where to go when consent is given'),
      no: NodeId.describe('where to go when it is declined'),
      under_age: NodeId.optional().describe('where to go below the age of digital consent (default: `no`)'),
    })
    .strict(),
  waits: true,
  exits: () => false,
  refs: (n) => [
    keyRef(n.text, 'text'),
    keyRef(n.accept, 'accept'),
    keyRef(n.decline, 'decline'),
    nodeRef(n.yes, 'yes'),
    nodeRef(n.no, 'no'),
    ...(n.under_age ? [nodeRef(n.under_age, 'under_age')] : []),
  ],
  enter(n, run) {
    if (belowConsentAge(run)) return to(n.under_age ?? n.no);
    run.ask(n.text, [
      { id: 'yes', label: run.t(n.accept) },
      { id: 'no', label: run.t(n.decline) },
    ]);
    return WAIT;
  },
  answer(n, input, run) {
    const id =
      input.type === 'choice'
        ? input.id
        : input.type === 'text'
          ? run.matchChoice(input.text, [
              { id: 'yes', label: n.accept },
              { id: 'no', label: n.decline },
            ])
          : null;
    if (id !== 'yes' && id !== 'no') return null;
    const granted = id === 'yes';
    run.emit({ type: 'consent', purpose: n.purpose, granted, version: wordingVersion(run.t(n.text)), lang: run.state.lang });
    run.setVar(`consent_${n.purpose}`, granted ? true : null);
    return to(granted ? n.yes : n.no);
  },
});

/** The first 16 hex digits of SHA-256 over the wording: stable, and changes with any edit. */
export function wordingVersion(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Below the age of digital consent? A typed age decides; without one, the audience answer
 * does, and "13 to 17" counts as below (the safe reading when the age is not known).
 */
export function belowConsentAge(run: Pick<Run, 'state' | 'consentAge'>): boolean {
  const age: Scalar | undefined = run.state.vars['age'];
  if (typeof age === 'number') return age < run.consentAge;
  const audience = run.state.vars['audience'];
  return audience === 'under_13' || audience === 'age_13_17';
}
