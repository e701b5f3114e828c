import { z } from 'zod';
import { defineNode, to, WAIT } from '../node-kind';
import type { Run } from '../node-kind';
import type { ChoiceOption } from '../types';
import { I18nKey, keyRef, NodeId, nodeRef, VarName } from './common';

/**
 * Shows what would be shared with a caseworker, one line per field, and lets the person remove
 * any line before sending (Aselo's pre-survey, made visible). Removing sets `hide_<field>`;
 * sending stores the names of the fields to share in `share` for the `handoff` node.
 */
const Field = z
  .object({
    var: VarName.describe('session variable shown on this line'),
    label: I18nKey.describe('i18n key of the line label ("Age group")'),
    values: z.record(z.string(), I18nKey).optional().describe('i18n keys for coded values (age_13_17 -> "13 to 17")'),
    format: z
      .enum(['country'])
      .optional()
      .describe('how to show a coded value that has no i18n key: country = an ISO country code ("pl") as the country\'s name in the session language ("Poland")'),
  })
  .strict();

const Signs = z
  .object({
    label: I18nKey.describe('i18n key of the line label ("Warning signs noted")'),
    flags: z.record(VarName, I18nKey).describe('session flags set by a checklist, with the i18n key of each sign'),
  })
  .strict();

export const summaryNode = defineNode({
  kind: 'summary',
  schema: z
    .object({
      kind: z.literal('summary'),
      text: I18nKey.describe('i18n key introducing the summary ("This is what I would share:")'),
      fields: z.array(Field).min(1),
      signs: Signs.optional(),
      remove: I18nKey.describe('i18n key of a remove button, with {{line}}'),
      send: I18nKey.describe('i18n key of the send button'),
      cancel: I18nKey.describe('i18n key of the cancel button'),
      next: NodeId.describe('where to go when the person sends'),
      cancelled: NodeId.describe('where to go when the person cancels'),
    })
    .strict(),
  waits: true,
  exits: () => false,
  refs: (n) => [
    keyRef(n.text, 'text'),
    keyRef(n.remove, 'remove'),
    keyRef(n.send, 'send'),
    keyRef(n.cancel, 'cancel'),
    nodeRef(n.next, 'next'),
    nodeRef(n.cancelled, 'cancelled'),
    ...n.fields.flatMap((f, i) => [
      keyRef(f.label, 'fields', i, 'label'),
      ...Object.entries(f.values ?? {}).map(([v, k]) => keyRef(k, 'fields', i, 'values', v)),
    ]),
    ...(n.signs
      ? [keyRef(n.signs.label, 'signs', 'label'), ...Object.entries(n.signs.flags).map(([f, k]) => keyRef(k, 'signs', 'flags', f))]
      : []),
  ],
  enter(n, run) {
    const lines = summaryLines(n, run);
    const choices: ChoiceOption[] = lines.map((l) => ({ id: `remove_${l.field}`, label: run.t(n.remove, { line: l.text }) }));
    choices.push({ id: 'send', label: run.t(n.send) }, { id: 'cancel', label: run.t(n.cancel) });
    // the lines follow the question, one per line, so the person reads exactly what would be sent
    run.askRendered([run.t(n.text), ...lines.map((l) => `• ${l.text}`)].join('\n'), choices);
    return WAIT;
  },
  answer(n, input, run) {
    let id: string | null = null;
    if (input.type === 'choice') id = input.id;
    else if (input.type === 'text') {
      id = run.matchChoice(input.text, [
        { id: 'send', label: n.send },
        { id: 'cancel', label: n.cancel },
      ]);
    }
    if (id === 'send') {
      run.setVar('share', summaryLines(n, run).map((l) => l.field).join(','));
      return to(n.next);
    }
    if (id === 'cancel') return to(n.cancelled);
    if (id?.startsWith('remove_')) {
      const field = id.slice('remove_'.length);
      if (!summaryLines(n, run).some((l) => l.field === field)) return null;
      run.setVar(`hide_${field}`, true);
      return to(run.node); // show the summary again, without that line
    }
    return null;
  },
});

type SummaryNode = z.infer<typeof summaryNode.schema>;

/** The lines still to be shared: fields with a value that the person has not removed. */
export function summaryLines(n: SummaryNode, run: Run): { field: string; text: string }[] {
  const vars = run.state.vars;
  const lines: { field: string; text: string }[] = [];
  for (const f of n.fields) {
    const value = vars[f.var];
    if (value === undefined || vars[`hide_${f.var}`] === true) continue;
    const shown = f.values?.[String(value)];
    const text = shown ? run.t(shown) : f.format === 'country' ? countryName(String(value), run.state.lang) : String(value);
    lines.push({ field: f.var, text: `${run.t(f.label)}: ${text}` });
  }
  if (n.signs && vars['hide_signs'] !== true) {
    const noted = Object.entries(n.signs.flags).filter(([flag]) => vars[flag] === true);
    if (noted.length > 0) lines.push({ field: 'signs', text: `${run.t(n.signs.label)}: ${noted.map(([, k]) => run.t(k)).join(', ')}` });
  }
  return lines;
}

/** Region names per language, made once (Intl's data: no locale files to translate). */
const regionNames = new Map<string, Intl.DisplayNames | null>();

/** "pl" → "Poland" / "Pologne" / "Польша"; anything that is not a country code stays as it is. */
export function countryName(code: string, lang: string): string {
  if (!/^[a-z]{2}$/i.test(code)) return code;
  let names = regionNames.get(lang);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    } catch {
      names = null;
    }
    regionNames.set(lang, names);
  }
  try {
    return names?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
