/** Choosing a shipped language from what a channel tells us, and writing direction. */

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb', 'yi', 'dv']);

export function isRtl(lang: string): boolean {
  return RTL.has(lang);
}

/**
 * Pick the best shipped language for a hint: a Telegram `language_code` ("uk"), an Activity
 * `locale` ("fr-FR"), or an Accept-Language header ("es-CO,es;q=0.9,en;q=0.5").
 * Returns null if nothing matches.
 */
export function pickLanguage(hint: string | undefined | null, supported: readonly string[]): string | null {
  if (!hint) return null;
  const ranked = hint
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase().replace('_', '-'), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (supported.includes(tag)) return tag;
    const base = tag.split('-')[0] ?? '';
    if (supported.includes(base)) return base;
  }
  return null;
}
