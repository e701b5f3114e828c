import { z } from 'zod';
import { defineNode, to, WAIT } from '../node-kind';
import type { Run } from '../node-kind';
import type { Scalar } from '../types';
import { I18nKey, keyRef, NodeId, nodeRef } from './common';

/** Longest message passed to a caseworker with the request; the rest is said in the chat. */
export const MAX_HANDOFF_MESSAGE = 500;

/**
 * Asks for an optional short message in the person's own words, then requests the handoff: a
 * `handoff` event with the summary lines the person kept (see the `summary` node), the message,
 * whether it may be stored (the `handoff` consent) and whether it is urgent. The message goes
 * to the caseworker with the request and never into the session.
 */
export const handoffNode = defineNode({
  kind: 'handoff',
  schema: z
    .object({
      kind: z.literal('handoff'),
      topic: z.string().regex(/^[a-z_]+$/).optional().describe('what the person wants to talk about'),
      text: I18nKey.describe('i18n key asking for an optional short message'),
      skip: I18nKey.describe('i18n key of the "send without a message" button'),
      next: NodeId.describe('where to wait for the caseworker (a relay node)'),
    })
    .strict(),
  waits: true,
  exits: () => false,
  refs: (n) => [keyRef(n.text, 'text'), keyRef(n.skip, 'skip'), nodeRef(n.next, 'next')],
  enter(n, run) {
    run.ask(n.text, [{ id: 'skip', label: run.t(n.skip) }]);
    return WAIT;
  },
  answer(n, input, run) {
    let message: string | null = null;
    if (input.type === 'text') {
      const skipped = run.matchChoice(input.text, [{ id: 'skip', label: n.skip }]) === 'skip';
      message = skipped ? null : input.text.trim().slice(0, MAX_HANDOFF_MESSAGE) || null;
    } else if (!(input.type === 'choice' && input.id === 'skip')) return null;
    requestHandoff(run, n.topic ?? null, message);
    return to(n.next);
  },
});

/** Emit the request with exactly the lines kept in the summary, then forget the share list. */
function requestHandoff(run: Run, topic: string | null, message: string | null): void {
  const vars = run.state.vars;
  const fields = typeof vars['share'] === 'string' && vars['share'] ? vars['share'].split(',') : [];
  const share: Record<string, Scalar> = {};
  let signs: string[] = [];
  for (const f of fields) {
    if (f === 'signs') signs = Object.keys(vars).filter((k) => k.startsWith('sign_') && vars[k] === true);
    else if (vars[f] !== undefined) share[f] = vars[f]!;
  }
  run.emit({
    type: 'handoff',
    action: 'request',
    topic,
    share,
    signs,
    message,
    stored: vars['consent_handoff'] === true,
    urgent: vars['urgent'] === true,
  });
  for (const k of Object.keys(vars)) if (k === 'share' || k.startsWith('hide_')) run.setVar(k, null);
}
