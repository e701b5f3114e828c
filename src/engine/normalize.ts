/**
 * Text normalisation and fuzzy matching shared by choice matching and interrupt words:
 * case-, accent- and punctuation-insensitive, with native digits read as ASCII.
 */

const DIGIT_BLOCKS = [0x0660, 0x06f0, 0x0966, 0x09e6]; // Arabic-Indic, Persian, Devanagari, Bengali

/** Convert native digits (١٢٣, ۱۲۳, १२३, ১২৩) to ASCII so "٣" picks choice 3. */
export function toAsciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    let mapped = ch;
    for (const base of DIGIT_BLOCKS) {
      if (code >= base && code <= base + 9) {
        mapped = String(code - base);
        break;
      }
    }
    out += mapped;
  }
  return out;
}

const MARKS = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const TATWEEL = /\u0640/g;

/** Lower case, no accents or diacritics, punctuation as single spaces, native digits as ASCII. */
export function normalize(text: string): string {
  return toAsciiDigits(text)
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(TATWEEL, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(NON_WORD, ' ')
    .trim();
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), stopping early once
 * it exceeds `max`. Returns max + 1 for anything further away.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]! > max ? max + 1 : prev[n]!;
}

/**
 * How many typos a word of this length may carry and still be recognised. `shortest` is the
 * length from which one typo is allowed: interrupts use 5, so "shop" never means "stop".
 */
export function typoAllowance(length: number, shortest = 4): number {
  if (length < shortest) return 0;
  if (length < 8) return 1;
  return 2;
}
