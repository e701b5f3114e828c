/**
 * Global interrupts: recognised before the current node, in every shipped language. Words
 * come from `locales/<lng>/interrupts.json`; which flow each one opens, and how its words
 * match, from `flows/haven.yaml`.
 */
import type { AppConfig } from '../flows/schema';
import { interruptNames } from '../flows/schema';
import { editDistance, normalize, typoAllowance } from './normalize';
import type { InterruptName } from './types';

/** Interrupt words shorter than this must be typed exactly ("shop" is not "stop"). */
export const INTERRUPT_TYPO_FROM = 5;

interface Phrase {
  tokens: string[];
  text: string;
  allowance: number;
}

interface CompiledInterrupt {
  name: InterruptName;
  contains: boolean;
  phrases: Phrase[];
}

export class InterruptMatcher {
  private readonly compiled: CompiledInterrupt[];
  private readonly commands = new Map<string, InterruptName>();

  constructor(app: AppConfig, words: Record<InterruptName, string[]>) {
    this.compiled = interruptNames.map((name) => {
      const def = app.interrupts[name];
      for (const c of def.commands) this.commands.set(c, name);
      const seen = new Set<string>();
      const phrases: Phrase[] = [];
      for (const w of words[name]) {
        const text = normalize(w);
        if (!text || seen.has(text)) continue;
        seen.add(text);
        phrases.push({ tokens: text.split(' '), text, allowance: typoAllowance(text.length, INTERRUPT_TYPO_FROM) });
      }
      return { name, contains: def.match === 'contains', phrases };
    });
  }

  /** The interrupt a slash command stands for, if any. */
  command(name: string): InterruptName | null {
    return this.commands.get(name.toLowerCase()) ?? null;
  }

  /** The first interrupt (emergency first, see `interruptNames`) whose words the message carries. */
  match(message: string): InterruptName | null {
    const text = normalize(message);
    if (!text) return null;
    let tokens: string[] | null = null;
    for (const c of this.compiled) {
      for (const p of c.phrases) {
        if (text === p.text) return c.name;
        if (!c.contains) {
          if (p.allowance > 0 && editDistance(text, p.text, p.allowance) <= p.allowance) return c.name;
          continue;
        }
        tokens ??= text.split(' ');
        if (containsPhrase(tokens, p)) return c.name;
      }
    }
    return null;
  }
}

/** True if the phrase's words appear in a row in the message, allowing its typos. */
function containsPhrase(tokens: readonly string[], p: Phrase): boolean {
  const k = p.tokens.length;
  for (let i = 0; i + k <= tokens.length; i++) {
    let window = tokens[i]!;
    for (let j = 1; j < k; j++) window += ' ' + tokens[i + j]!;
    if (window === p.text) return true;
    if (p.allowance > 0 && editDistance(window, p.text, p.allowance) <= p.allowance) return true;
  }
  return false;
}
