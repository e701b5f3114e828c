/**
 * Words for the codes the counters keep about content: a flow's title and a step's text, in
 * the reader's language, from the flows and locales themselves (so a supervisor reads "Job
 * offers" and the scenario, not `lesson_offers` and `q2`).
 */
import type { Texts } from '../engine/texts';
import type { Flow } from '../flows/schema';
import type { DashboardLabels } from './dashboard';

/** Longest step text shown; the rest is cut at a word. */
export const MAX_STEP_TEXT = 140;

export function contentLabels(flows: ReadonlyMap<string, Flow>, texts: Texts, lang: string): DashboardLabels {
  const word = (flow: string, key: string) => {
    const [ns, k] = key.includes(':') ? (key.split(':', 2) as [string, string]) : [flow, key];
    return texts.render(lang, ns, k, undefined);
  };
  return {
    flow(id) {
      const flow = flows.get(id);
      return (flow && word(id, flow.title)) || id;
    },
    node(flowId, nodeId) {
      const text = flows.get(flowId)?.nodes[nodeId]?.['text'];
      if (typeof text !== 'string') return null;
      const words = word(flowId, text);
      return words ? shorten(words.replace(/\{\{[^}]*\}\}/g, '…').replace(/\s+/g, ' ').trim()) : null;
    },
  };
}

export function shorten(text: string, max = MAX_STEP_TEXT): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}
