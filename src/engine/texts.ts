/** What the engine needs from the i18n layer: rendered words and interrupt word lists. */
import type { InterruptName } from './types';

export interface Texts {
  /** shipped languages; the first is the fallback */
  readonly languages: readonly string[];
  /**
   * Render `key` of namespace `ns` in `lang` (per-key fallback to the first language), with
   * interpolation and plurals. Returns null if the key exists in no language.
   */
  render(lang: string, ns: string, key: string, values: Record<string, unknown> | undefined): string | null;
  dir(lang: string): 'ltr' | 'rtl';
  /** words and phrases that trigger each interrupt, in every shipped language */
  interruptWords(): Record<InterruptName, string[]>;
}
