/**
 * Reads free text as one of a question's choices: by its number ("2", "٢"), by its label in
 * the session language ignoring case, accents and punctuation, allowing a small typo, or by
 * whole words found in only one label. Ambiguous text matches nothing, so the user is asked again.
 */
import { editDistance, normalize, typoAllowance } from './normalize';

interface Labeled {
  id: string;
  label: string;
}

interface Renderer {
  readonly state: { lang: string };
  readonly flow: string;
  readonly node: string;
  t(key: string): string;
}

const MIN_WORDS = 2; // a single letter is too likely to be part of every label
const CACHE_LIMIT = 5000; // labels per language and node; bounded so memory cannot grow without end

export class ChoiceMatcher {
  private readonly cache = new Map<string, string[]>();

  match(text: string, choices: readonly Labeled[], r: Renderer): string | null {
    const said = normalize(text);
    if (!said) return null;
    if (/^\d+$/.test(said)) {
      const picked = choices[Number(said) - 1];
      return picked ? picked.id : null;
    }
    const labels = this.labels(choices, r);
    let best: string | null = null;
    let bestDistance = Infinity;
    let tie = false;
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      if (label === said) return choices[i]!.id;
      const allowance = typoAllowance(label.length);
      const d = allowance > 0 ? editDistance(said, label, allowance) : allowance + 1;
      if (d <= allowance) {
        if (d < bestDistance) {
          best = choices[i]!.id;
          bestDistance = d;
          tie = false;
        } else if (d === bestDistance) tie = true;
      }
    }
    if (best !== null) return tie ? null : best;
    if (said.length < MIN_WORDS) return null;
    // "ok" for "Looks OK", "red flag" for "Red flag or not": whole words of exactly one label
    const containing = labels.flatMap((l, i) => (` ${l} `.includes(` ${said} `) ? [i] : []));
    return containing.length === 1 ? choices[containing[0]!]!.id : null;
  }

  private labels(choices: readonly Labeled[], r: Renderer): string[] {
    const key = `${r.state.lang}\u0000${r.flow}\u0000${r.node}`;
    let labels = this.cache.get(key);
    if (!labels || labels.length !== choices.length) {
      labels = choices.map((c) => normalize(r.t(c.label)));
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, labels);
    }
    return labels;
  }
}
