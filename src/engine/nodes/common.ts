import { z } from 'zod';
import type { Ref, Run } from '../node-kind';
import type { Scalar } from '../types';

/** Limits, named so authors and reviewers can find them. */
export const MAX_CHOICES = 12; // Telegram inline keyboards and small screens get unusable past this
export const MAX_ID_LENGTH = 64; // ids appear in callback data (Telegram allows 64 bytes)

const ID = /^[a-z][a-z0-9_]*$/;

export const NodeId = z
  .string()
  .regex(ID, 'a node id is lower_snake_case: letters, digits and _, starting with a letter')
  .max(MAX_ID_LENGTH);
export const FlowId = z
  .string()
  .regex(ID, 'a flow id is lower_snake_case: letters, digits and _, starting with a letter')
  .max(MAX_ID_LENGTH);
export const VarName = z
  .string()
  .regex(ID, 'a variable name is lower_snake_case')
  .max(MAX_ID_LENGTH);
export const ChoiceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'a choice id is lower case letters, digits, _ and -')
  .max(MAX_ID_LENGTH);

/**
 * An i18n key, never prose: `key.path` in the flow's own namespace (the locale file named
 * like the flow) or `namespace:key.path`. Spaces are refused so text cannot slip in.
 */
export const I18nKey = z
  .string()
  .regex(
    /^([a-z][a-z0-9_]*:)?[a-z0-9_]+(\.[a-z0-9_]+)*$/,
    'must be an i18n key like "intro" or "common:yes" (text belongs in locales/<lng>/*.json)',
  );

export const ScalarValue = z.union([z.string().max(200), z.number(), z.boolean()]);

/** Variables a choice or set node may change. `null` removes the variable. */
export const Assignments = z.record(VarName, z.union([ScalarValue, z.null()]));
export const Increments = z.record(VarName, z.number());

export function applyAssignments(
  run: Run,
  set: Record<string, Scalar | null> | undefined,
  add: Record<string, number> | undefined,
): void {
  if (set) for (const name in set) run.setVar(name, set[name] ?? null);
  if (add) {
    for (const name in add) {
      const current = run.state.vars[name];
      run.setVar(name, (typeof current === 'number' ? current : 0) + (add[name] ?? 0));
    }
  }
}

export const keyRef = (id: string, ...path: (string | number)[]): Ref => ({ type: 'key', id, path });
export const nodeRef = (id: string, ...path: (string | number)[]): Ref => ({ type: 'node', id, path });
export const flowRef = (id: string, ...path: (string | number)[]): Ref => ({ type: 'flow', id, path });
