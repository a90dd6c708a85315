/**
 * Language: French or English per release, from function words and marked letters counted over
 * the first 5,000 characters (rules/language/*.yaml), or fewer once one language clearly leads
 * (60 function words and five times any other's).
 *
 * `languageScores` holds, for every language of the rules, the share of words read that are
 * among its function words, plus a small weight for its marked letters (é, ç... for French), and
 * `words`, the number of words read. A quotation in the other language only lowers the share of
 * the main one: the language with the highest score wins.
 *
 * - The winner is French or English: `language` is that.
 * - The winner is another language of the rules (German, Spanish, Italian): `language` is null,
 *   with a warning naming it; the release is still processed.
 * - Too little evidence (fewer than 2 function words, except a lone one in a headline of at most
 *   12 words that no other language claims, or under 4 % of the words on a text of 30 words or more): `language` is null, with a warning, and the scores say what was seen.
 */
import { warn, type Document, type Language } from '../../document.js';
import type { Rules } from '../../rules/index.js';

const SAMPLE = 5000;
const CHUNK = 1000;

/** One language has at least 60 function words and five times as many as any other. */
function clearLead(hits: number[]): boolean {
  let first = 0;
  let second = 0;
  for (const h of hits) {
    if (h > first) {
      second = first;
      first = h;
    } else if (h > second) second = h;
  }
  return first >= 60 && first >= 5 * second;
}
/** Weight of one marked letter relative to one function word. */
const LETTER_WEIGHT = 0.25;
/** Words of Latin script, on lower-cased text: a-z, U+00DF-U+00F6, U+00F8-U+024F (the complement splits words). */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0x24f && c !== 0xf7);
}

/**
 * For each word length up to 12 and first letter (a-z, or 31 for any other), whether some
 * function word has them: most words of a text are then ruled out without a Map lookup.
 * Computed once per word map.
 */
const SHAPES = new WeakMap<ReadonlyMap<string, number[]>, Uint8Array>();
function shapesOf(words: ReadonlyMap<string, number[]>): Uint8Array {
  let shapes = SHAPES.get(words);
  if (!shapes) {
    shapes = new Uint8Array(13 * 32);
    for (const w of words.keys()) {
      if (w.length > 12) continue;
      const c0 = w.charCodeAt(0);
      shapes[w.length * 32 + (c0 >= 97 && c0 <= 122 ? c0 - 97 : 31)] = 1;
    }
    SHAPES.set(words, shapes);
  }
  return shapes;
}

/** Marked letters below this code are looked up in a table by code instead of the Map. */
const LETTER_TABLE_SIZE = 0x250;
const LETTER_TABLES = new WeakMap<ReadonlyMap<string, number[]>, (number[] | undefined)[]>();
function letterTableOf(letters: ReadonlyMap<string, number[]>): (number[] | undefined)[] {
  let table = LETTER_TABLES.get(letters);
  if (!table) {
    table = new Array<number[] | undefined>(LETTER_TABLE_SIZE).fill(undefined);
    for (let c = 0; c < LETTER_TABLE_SIZE; c++) table[c] = letters.get(String.fromCharCode(c));
    LETTER_TABLES.set(letters, table);
  }
  return table;
}

export function detectLanguage(doc: Document, rules: Rules): void {
  const { profiles, words, letters: letterLangs } = rules.language;
  const hits = new Array<number>(profiles.length).fill(0);
  let total = 0;
  const letters = new Array<number>(profiles.length).fill(0);
  const shapes = shapesOf(words);
  const letterTable = letterTableOf(letterLangs);
  // Read by chunks of ~1,000 characters, and stop early once one language clearly leads.
  // Words are runs of Latin letters (isWordCode), read with one scan over character codes.
  const text = doc.text;
  for (let at = 0; at < SAMPLE && at < text.length; ) {
    let end = Math.min(text.length, at + CHUNK);
    while (end < text.length && end - at < CHUNK + 40 && /\S/.test(text[end]!)) end++;
    const chunk = text.slice(at, end).toLowerCase();
    at = end;
    let ws = -1;
    const n = chunk.length;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? chunk.charCodeAt(i) : 0;
      if (isWordCode(c)) {
        if (ws < 0) ws = i;
      } else if (ws >= 0) {
        total++;
        const len = i - ws;
        const c0 = chunk.charCodeAt(ws);
        if (len <= 12 && shapes[len * 32 + (c0 >= 97 && c0 <= 122 ? c0 - 97 : 31)] === 1) {
          const langs = words.get(chunk.slice(ws, i));
          if (langs) for (const k of langs) hits[k]!++;
        }
        ws = -1;
      }
      if (c >= 0xc0) {
        const langs = c < LETTER_TABLE_SIZE ? letterTable[c] : letterLangs.get(chunk[i]!);
        if (langs) for (const k of langs) letters[k]!++;
      }
    }
    if (clearLead(hits)) break;
  }
  const scores: Record<string, number> = {};
  let best = -1;
  let bestScore = 0;
  let bestHits = 0;
  profiles.forEach((p, k) => {
    const s = total === 0 ? 0 : (hits[k]! + LETTER_WEIGHT * letters[k]!) / total;
    scores[p.code] = Math.round(s * 1000) / 1000;
    if (s > bestScore) {
      bestScore = s;
      best = k;
      bestHits = hits[k]!;
    }
  });
  scores.words = total;
  doc.languageScores = scores;
  const found = best >= 0 ? profiles[best]! : null;
  const summary = profiles.map((p) => `${p.code} ${scores[p.code]!.toFixed(2)}`).join(', ');
  const othersHit = hits.some((h, k) => k !== best && h > 0);
  const enough = bestHits >= 2 || (bestHits === 1 && total <= 12 && !othersHit); // a headline has few function words
  if (!found || !enough || (total >= 30 && bestScore < 0.04)) {
    doc.language = null;
    warn(doc, { stage: 'language', message: `language not recognised (${total} words; ${summary}): processed without language-specific rules`, rule: 'language.undetermined' });
    return;
  }
  if (!found.process && bestScore < 0.1) {
    // Some words of another language, but too few to name it (a language without a word list).
    doc.language = null;
    warn(doc, { stage: 'language', message: `language not recognised (${total} words; ${summary}), neither French nor English: processed without language-specific rules`, rule: 'language.undetermined' });
    return;
  }
  if (!found.process) {
    doc.language = null;
    warn(doc, { stage: 'language', message: `this release looks ${found.name} (${summary}), neither French nor English: processed without language-specific rules`, rule: 'language.other' });
    return;
  }
  doc.language = found.code as Language;
}
