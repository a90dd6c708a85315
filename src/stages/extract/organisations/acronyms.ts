/**
 * Acronym definitions, in both orders: "European Space Agency (ESA)", "l'Institut national de
 * l'information géographique et forestière (IGN)", "IGN (Institut national ...)".
 *
 * The long form is found by the Schwartz–Hearst walk (every letter of the acronym, right to left,
 * inside the words before the parenthesis, the first one starting a word); French names whose
 * acronym keeps an older word order (IGN) fall back to "first letter starts the name, the other
 * letters start some word of it". A definition makes an organisation only when its long form is a
 * known body or carries an organisation head word (Agency, Institut, Université, Inc ...), so that
 * "Surface Water and Ocean Topography (SWOT)" or "corporate social responsibility (CSR)" do not.
 */
import type { Language } from '../../../document.js';
import type { Candidate } from './extract.js';
import { keyOf, tokenAt, type FoldedText } from './phrase-index.js';
import { isAcronymForm, type KnownOrganisation, type OrganisationRules } from './rules.js';

export interface Definitions {
  candidates: Candidate[];
  /** Acronyms the text gives to known bodies beyond the gazetteer's ("the European Union (EE)"). */
  extraAcronyms: Map<string, KnownOrganisation>;
}

// both applied only where the text has a "(" (sticky), never scanned over the whole text
const FORWARD = /\(\s?(\p{Lu}[\p{Lu}\p{N}&-]{1,9})\s?\)/uy;
const BACKWARD = /(\p{Lu}[\p{Lu}\p{N}&-]{1,9})\s?\(([^()\n]{6,160})\)/uy;
const ACRONYM_CHAR = /[\p{Lu}\p{N}&-]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Offsets of every "(" of the text. */
function parentheses(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('('); i >= 0; i = text.indexOf('(', i + 1)) out.push(i);
  return out;
}

/** Start of the acronym-like word just before a "(" (one space allowed), or -1. */
function wordBefore(text: string, paren: number): number {
  let p = paren;
  if (p > 0 && text[p - 1] === ' ') p--;
  let s = p;
  while (s > 0 && ACRONYM_CHAR.test(text[s - 1]!)) s--;
  if (s === p || (s > 0 && WORD_CHAR.test(text[s - 1]!))) return -1;
  return s;
}

interface Lexicon {
  finals: Set<string>;
  initials: Set<string>;
  suffixes: Set<string>;
  connectors: Set<string>;
  stop: Set<string>;
  ruleId: string;
}
const headCache = new WeakMap<OrganisationRules, Lexicon>();

function lexicon(rules: OrganisationRules): Lexicon {
  let hit = headCache.get(rules);
  if (!hit) {
    const lex: Lexicon = { finals: new Set(), initials: new Set(), suffixes: new Set(), connectors: new Set(), stop: new Set(), ruleId: '' };
    for (const lp of Object.values(rules.patterns)) {
      for (const w of lp.byKind.get('head-final')?.words ?? []) lex.finals.add(w);
      for (const w of lp.byKind.get('head-initial')?.words ?? []) lex.initials.add(w);
      for (const w of lp.byKind.get('company-suffix')?.words ?? []) lex.suffixes.add(w);
      for (const w of lp.connectors) lex.connectors.add(w);
      for (const w of lp.stopWords) lex.stop.add(w);
    }
    lex.ruleId = rules.patterns.en.byKind.get('acronym-definition')?.id ?? 'org.en.acronym-definition';
    hit = lex;
    headCache.set(rules, hit);
  }
  return hit;
}

/**
 * Is a long form shaped like a body's name? It ends with a head word or a company suffix
 * ("... Space Agency", "... Holdings"), starts with a head word ("Institut national ...",
 * "Centre de recherches ..."), or has a head word followed by "of", "de" ("... Bank of ...").
 */
function orgShaped(words: string[], lex: Lexicon): boolean {
  const last = words[words.length - 1];
  if (last && (lex.finals.has(last) || lex.suffixes.has(last))) return true;
  if (words.length >= 2 && lex.initials.has(words[0]!)) return true;
  return words.some((w, i) => lex.initials.has(w) && i + 1 < words.length && lex.connectors.has(words[i + 1]!));
}

function upperLetters(acr: string): string {
  return acr.replace(/[^\p{Lu}]/gu, '').toLowerCase();
}

export function findAcronymDefinitions(ft: FoldedText, rules: OrganisationRules, gaz: Candidate[], language: Language): Definitions {
  const { text } = ft;
  const lex = lexicon(rules);
  const candidates: Candidate[] = [];
  const extraAcronyms = new Map<string, KnownOrganisation>();
  const gazEndingAt = new Map<number, Candidate>();
  const gazAcronymAt = new Map<number, Candidate>();
  for (const g of gaz) {
    if (g.isAcronym) gazAcronymAt.set(g.start, g);
    else gazEndingAt.set(g.end, g);
  }
  const ruleId = rules.patterns[language].byKind.get('acronym-definition')?.id ?? lex.ruleId;

  const parens = parentheses(text);
  let m: RegExpExecArray | null;
  for (const at of parens) {
    FORWARD.lastIndex = at;
    if (!(m = FORWARD.exec(text))) continue;
    const acr = m[1]!;
    const letters = upperLetters(acr);
    if (letters.length < 2 || letters.length > 8) continue;
    if (rules.notOrganisationKeys.has(keyOf(acr))) continue;
    const acrStart = m.index + m[0].indexOf(acr);
    const acrEnd = acrStart + acr.length;
    let before = m.index;
    while (before > 0 && /\s/.test(text[before - 1]!)) before--;
    const known = gazEndingAt.get(before);
    // "the European Union (EE)": an acronym given to a known body (its first letter at least agrees)
    if (known?.known && keyOf(text.slice(known.start, known.end))[0] === letters[0]) {
      if (!known.known.acronyms.includes(acr)) {
        extraAcronyms.set(acr, known.known);
        candidates.push({ start: acrStart, end: acrEnd, known: known.known, isAcronym: true, rule: ruleId });
      }
      continue;
    }
    // "BioMedWire (BMW)", "InvestorBrandNetwork (IBN)": one compound word whose capitals spell the acronym
    const compound = compoundBefore(ft, before, acr);
    if (compound >= 0) {
      const local = keyOf(text.slice(compound, before));
      if (!rules.byName.has(local) && !rules.placeKeys.has(local) && !rules.notOrganisationKeys.has(local)) {
        candidates.push({ start: compound, end: before, local, isAcronym: false, rule: ruleId });
        candidates.push({ start: acrStart, end: acrEnd, local, isAcronym: true, rule: ruleId });
      }
      continue;
    }
    const long = longFormBefore(ft, before, acr, letters, lex, rules.patterns[language].stopWords);
    if (!long) continue;
    const longText = text.slice(long.start, long.end);
    const longKey = keyOf(longText);
    if (rules.notOrganisationKeys.has(longKey) || rules.placeKeys.has(longKey)) continue;
    const knownByName = rules.byName.get(longKey);
    if (knownByName) continue; // the gazetteer already has it
    if (!long.hasHead) continue;
    const local = longKey;
    const rule = ruleId;
    candidates.push({ start: long.start, end: long.end, local, isAcronym: false, rule });
    candidates.push({ start: acrStart, end: acrEnd, local, isAcronym: true, rule });
    void gazAcronymAt;
  }

  for (const at of parens) {
    const from = wordBefore(text, at);
    if (from < 0) continue;
    BACKWARD.lastIndex = from;
    if (!(m = BACKWARD.exec(text))) continue;
    const acr = m[1]!;
    const letters = upperLetters(acr);
    if (letters.length < 2 || !isAcronymForm(acr.replace(/-/g, ''))) continue;
    if (rules.notOrganisationKeys.has(keyOf(acr))) continue;
    const inner = m[2]!;
    const innerStart = m.index + m[0].length - 1 - inner.length;
    const lead = /^\s*(?:the\s|l['’]\s?|la\s|le\s)?/iu.exec(inner)![0].length;
    const longText = inner.slice(lead).trim();
    if (!/^\p{Lu}/u.test(longText)) continue;
    const longKey = keyOf(longText);
    const start = innerStart + lead;
    const end = start + longText.length;
    const gazHit = gaz.find((g) => g.start === m!.index && g.isAcronym);
    if (gazHit?.known) {
      // "ESA (Agence spatiale européenne)": the gazetteer matches both; an unknown long form is an alias
      if (!rules.byName.has(longKey) && initialsMatch(longText, letters, lex.connectors)) {
        candidates.push({ start, end, known: gazHit.known, isAcronym: false, rule: ruleId });
      }
      continue;
    }
    if (rules.byName.has(longKey) || rules.notOrganisationKeys.has(longKey)) continue;
    if (!initialsMatch(longText, letters, lex.connectors)) continue;
    if (!orgShaped(keyOf(longText).split(' '), lex)) continue;
    const local = longKey;
    const acrStart = m.index;
    candidates.push({ start: acrStart, end: acrStart + acr.length, local, isAcronym: true, rule: ruleId });
    candidates.push({ start, end, local, isAcronym: false, rule: ruleId });
  }
  return { candidates, extraAcronyms };
}

/** Start of the one word ending at `end` whose capitals, in order, are the acronym ("BioMedWire" for BMW), or -1. */
function compoundBefore(ft: FoldedText, end: number, acr: string): number {
  const { tokens, text } = ft;
  const last = tokenAt(tokens, end) - 1;
  if (last < 0 || tokens[last]!.end !== end || acr.length < 2 || !/^\p{Lu}+$/u.test(acr)) return -1;
  const t = tokens[last]!;
  const word = text.slice(t.start, t.end);
  if (word.length <= acr.length + 2 || !/\p{Ll}/u.test(word)) return -1;
  return word.replace(/[^\p{Lu}]/gu, '') === acr ? t.start : -1;
}

/** Whole words before `end` that spell the acronym; null when none do. */
function longFormBefore(
  ft: FoldedText,
  end: number,
  acr: string,
  letters: string,
  lex: Lexicon,
  stop: Set<string>,
): { start: number; end: number; hasHead: boolean } | null {
  const { tokens, folded, text } = ft;
  const last = tokenAt(tokens, end) - 1;
  if (last < 0 || tokens[last]!.end !== end) return null;
  // the window: words back to a sentence break, at most 2 × letters + 4
  const maxWords = Math.min(letters.length + 6, letters.length * 2 + 2);
  let first = last;
  let content = 0;
  while (first > 0) {
    const gap = folded.slice(tokens[first - 1]!.end, tokens[first]!.start);
    if (/[.;:!?()\n"“”«»,]/.test(gap)) break;
    if (!lex.connectors.has(tokens[first - 1]!.norm)) content++;
    if (content > maxWords) break;
    first--;
  }
  const window = tokens.slice(first, last + 1);
  const isCapTok = (t: { start: number }) => /\p{Lu}/u.test(text[t.start]!);

  // Schwartz–Hearst: letters right to left, the first one at the start of a word
  const startTok = schwartzHearst(window, letters);
  let chosen: number | null = null;
  if (startTok !== null) {
    chosen = startTok;
  } else {
    // French order fallback: first letter starts a capitalised word, the others start later words
    for (let i = 0; i < window.length; i++) {
      const t = window[i]!;
      if (!isCapTok(t) || t.norm[0] !== letters[0]) continue;
      const initials = window
        .slice(i + 1)
        .filter((w) => !lex.connectors.has(w.norm))
        .map((w) => w.norm[0]);
      if ([...letters.slice(1)].every((ch) => initials.includes(ch))) {
        chosen = i;
        break;
      }
    }
  }
  if (chosen === null) return null;
  // skip an article or stop word of the release's language at the start ("The", "l'"; not "La Jolla")
  while (chosen < window.length && (stop.has(window[chosen]!.norm) || (lex.connectors.has(window[chosen]!.norm) && !isCapTok(window[chosen]!)))) chosen++;
  if (chosen >= window.length) return null;
  const startT = window[chosen]!;
  if (!isCapTok(startT)) return null;
  const words = window.slice(chosen);
  if (words.length < 2 && acr.length > 2) return null;
  return { start: startT.start, end, hasHead: orgShaped(words.map((w) => w.norm), lex) };
}

/** Index in `window` of the word where the acronym's first letter is found, or null. */
function schwartzHearst(window: Array<{ norm: string }>, letters: string): number | null {
  let w = window.length - 1;
  let pos = window[w]?.norm.length ?? 0;
  for (let s = letters.length - 1; s >= 0; s--) {
    const ch = letters[s]!;
    let found = false;
    while (w >= 0) {
      const word = window[w]!.norm;
      const limit = Math.min(pos, word.length);
      const idx = s === 0 ? (word[0] === ch && limit > 0 ? 0 : -1) : word.lastIndexOf(ch, limit - 1);
      if (idx >= 0) {
        pos = idx;
        found = true;
        break;
      }
      w--;
      pos = window[w]?.norm.length ?? 0;
    }
    if (!found) return null;
    if (s === 0) return w;
  }
  return null;
}

/** Loose check for "ACR (Long Name)": the long form's content words start with the acronym's letters, in order or not. */
function initialsMatch(longText: string, letters: string, connectors: Set<string>): boolean {
  const words = keyOf(longText)
    .split(' ')
    .filter((w) => w && !connectors.has(w));
  if (words.length === 0 || words[0]![0] !== letters[0]) return false;
  if (schwartzHearst(words.map((norm) => ({ norm })), letters) === 0) return true;
  const initials = words.map((w) => w[0]);
  return [...letters].every((ch) => initials.includes(ch));
}
