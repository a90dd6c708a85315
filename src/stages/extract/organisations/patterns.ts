/**
 * Pattern rules for organisations that are not in the gazetteer, per language (rules/organisations/
 * en.yaml, fr.yaml). All work on the document's tokens, so the cost is one walk of the text:
 * - head words: "Acme Foundation", "University of Toulouse", "Agence nationale de la recherche";
 * - company suffixes: "Acme Widgets Inc.", "Dupont SAS";
 * - roles: "Acme CEO Jane Doe", "CEO of Acme", "président de Bidule";
 * - "About X" headings of wire releases, stock tickers "(NASDAQ: ACME)", photo-credit lists.
 */
import type { Candidate } from './extract.js';
import { isWordCode, keyOf, tokenAt, WordFilter, type FoldedText, type Token } from './phrase-index.js';
import { isAcronymForm, type LanguagePatterns, type OrganisationRules, type PatternRule } from './rules.js';

/** Is token `t` written with a capital first letter (or a digit, "3M")? */
export function isCap(text: string, t: Token): boolean {
  const k = charKind(text.charCodeAt(t.start));
  if (k === UPPER) return true;
  if (k !== DIGIT) return false;
  for (let i = t.start + 1; i < t.end; i++) if (charKind(text.charCodeAt(i)) === UPPER) return true;
  return false;
}

const UPPER = 1;
const DIGIT = 2;
const OTHER = 3;
/** Per UTF-16 code: 0 not yet known, else UPPER (\p{Lu}), DIGIT (\p{N}) or OTHER; filled on demand. */
const KINDS = new Uint8Array(0x10000);

function charKind(code: number): number {
  let k = KINDS[code]!;
  if (k === 0) {
    const ch = String.fromCharCode(code);
    k = /\p{Lu}/u.test(ch) ? UPPER : /\p{N}/u.test(ch) ? DIGIT : OTHER;
    KINDS[code] = k;
  }
  return k;
}

interface Ctx {
  ft: FoldedText;
  rules: OrganisationRules;
  lp: LanguagePatterns;
  /** Token indices covered by a gazetteer match. */
  inGaz: Uint8Array;
  /** At the first token of a gazetteer match: the index after its last token. */
  gazEnd: Int32Array;
  /** Is token i on a title-case heading line? (computed per line on demand) */
  inHeading: (i: number) => boolean;
  /** Folded company suffixes and final head words of the language. */
  suffixes: Set<string>;
  finals: Set<string>;
}

/** Gap allowed between two tokens of one name. */
function nameGap(ft: FoldedText, i: number): boolean {
  const prev = ft.tokens[i - 1];
  const cur = ft.tokens[i];
  if (!prev || !cur) return false;
  const gap = ft.folded.slice(prev.end, cur.start);
  if (gap === ' ' || gap === '-' || gap === "'" || gap === '&' || gap === ' & ' || gap === '+' || gap === ' + ') return true;
  if ((gap === '.' || gap === '. ') && prev.end - prev.start === 1) return true;
  return false;
}

export function findPatternCandidates(ft: FoldedText, rules: OrganisationRules, lp: LanguagePatterns, gaz: Candidate[]): Candidate[] {
  const { tokens } = ft;
  const inGaz = new Uint8Array(tokens.length);
  const gazEnd = new Int32Array(tokens.length);
  for (const g of gaz) {
    const first = tokenAt(tokens, g.start);
    let i = first;
    for (; i < tokens.length && tokens[i]!.start < g.end; i++) inGaz[i] = 1;
    gazEnd[first] = i;
  }
  const ctx: Ctx = {
    ft,
    rules,
    lp,
    inGaz,
    gazEnd,
    inHeading: headingLines(ft),
    suffixes: lp.byKind.get('company-suffix')?.words ?? new Set(),
    finals: lp.byKind.get('head-final')?.words ?? new Set(),
  };
  const out: Candidate[] = [];
  const at = triggers(ctx);
  if (lp.byKind.has('head-final') || lp.byKind.has('head-initial')) headWords(ctx, at.head, out);
  for (const rule of lp.rules) {
    switch (rule.kind) {
      case 'head-final':
      case 'head-initial':
        break; // headWords above, both kinds at once
      case 'company-suffix':
        companySuffix(ctx, rule, at.suffix, out);
        break;
      case 'role-after':
        roleAfter(ctx, rule, at.roleAfter, out);
        break;
      case 'role-before':
        roleBefore(ctx, rule, at.roleBefore, out);
        break;
      case 'about-heading':
        aboutHeading(ctx, rule, at.about, out);
        break;
      case 'ticker':
        ticker(ctx, rule, out);
        break;
      case 'credit-list':
        creditList(ctx, rule, gaz, out);
        break;
      case 'descriptor':
        descriptor(ctx, at.descriptor, out);
        break;
      case 'appositive':
        appositive(ctx, rule, out);
        break;
      case 'investor-list':
        investorList(ctx, rule, at.investor, out);
        break;
      case 'acronym-definition':
        break; // acronyms.ts
    }
  }
  return out.filter((c) => acceptable(ctx, c));
}

const HEAD = 1;
const SUFFIX = 2;
const ROLE_AFTER = 4;
const ROLE_BEFORE = 8;
const ABOUT = 16;
const DESCRIPTOR = 32;
const INVESTOR = 64;
const triggerCache = new WeakMap<LanguagePatterns, { map: Map<string, number>; filter: WordFilter }>();

/** Folded word -> which pattern kinds it may trigger (built once per language). */
function triggerWords(lp: LanguagePatterns): { map: Map<string, number>; filter: WordFilter } {
  let hit = triggerCache.get(lp);
  if (!hit) {
    const m = new Map<string, number>();
    const add = (words: Iterable<string> | undefined, bit: number) => {
      for (const w of words ?? []) m.set(w, (m.get(w) ?? 0) | bit);
    };
    add(lp.byKind.get('head-final')?.words, HEAD);
    add(lp.byKind.get('head-initial')?.words, HEAD);
    add(lp.byKind.get('company-suffix')?.words, SUFFIX);
    add(lp.byKind.get('role-after')?.words, ROLE_AFTER);
    add(lp.byKind.get('role-before')?.words, ROLE_BEFORE);
    add([...(lp.byKind.get('about-heading')?.words ?? [])].map((w) => keyOf(w).split(' ')[0]!), ABOUT);
    // "start-up": triggered by its last word, the words before checked in descriptor()
    add([...(lp.byKind.get('descriptor')?.words ?? [])].map((w) => keyOf(w).split(' ').pop()!), DESCRIPTOR);
    add([...(lp.byKind.get('investor-list')?.words ?? [])].map((w) => keyOf(w).split(' ')[0]!), INVESTOR);
    const filter = new WordFilter();
    for (const w of m.keys()) filter.add(w);
    hit = { map: m, filter };
    triggerCache.set(lp, hit);
  }
  return hit;
}

/** One walk of the tokens: where each kind of pattern may start. */
function triggers(ctx: Ctx): { head: number[]; suffix: number[]; roleAfter: number[]; roleBefore: number[]; about: number[]; descriptor: number[]; investor: number[] } {
  const { map: words, filter } = triggerWords(ctx.lp);
  const { folded } = ctx.ft;
  const out = {
    head: [] as number[],
    suffix: [] as number[],
    roleAfter: [] as number[],
    roleBefore: [] as number[],
    about: [] as number[],
    descriptor: [] as number[],
    investor: [] as number[],
  };
  const tokens = ctx.ft.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!filter.may(folded, t.start, t.end)) continue;
    const bits = words.get(t.norm);
    if (bits === undefined) continue;
    if (bits & HEAD) out.head.push(i);
    if (bits & SUFFIX) out.suffix.push(i);
    if (bits & ROLE_AFTER) out.roleAfter.push(i);
    if (bits & ROLE_BEFORE) out.roleBefore.push(i);
    if (bits & ABOUT) out.about.push(i);
    if (bits & DESCRIPTOR) out.descriptor.push(i);
    if (bits & INVESTOR) out.investor.push(i);
  }
  return out;
}

/** Lines written in Title Case (headlines): patterns there would take every capital for a name. */
function headingLines(ft: FoldedText): (i: number) => boolean {
  const { tokens, text, folded } = ft;
  const cache = new Map<number, boolean>();
  return (i: number) => {
    const t = tokens[i]!;
    const lineStart = folded.lastIndexOf('\n', t.start) + 1;
    let hit = cache.get(lineStart);
    if (hit === undefined) {
      const nl = folded.indexOf('\n', t.start);
      const lineEnd = nl < 0 ? folded.length : nl;
      const from = tokenAt(tokens, lineStart);
      const to = tokenAt(tokens, lineEnd);
      let long = 0;
      let caps = 0;
      for (let k = from; k < to; k++) {
        const tk = tokens[k]!;
        if (tk.end - tk.start > 3) {
          long++;
          if (isCap(text, tk)) caps++;
        }
      }
      // a headline: mostly capitalised words, no final full stop
      const last = tokens[to - 1];
      const endsSentence = last !== undefined && /^\s*[.!?]/.test(text.slice(last.end, last.end + 3));
      hit = long >= 5 && caps / long >= 0.8 && !endsSentence;
      cache.set(lineStart, hit);
    }
    return hit;
  };
}

const DOMAIN_END = /^\.(?:ai|io|com|co|net|app|tech|org|xyz)(?![\p{L}\p{N}.])/u;

function acceptable(ctx: Ctx, c: Candidate): boolean {
  const { text } = ctx.ft;
  // "VertivVertiv": a flattened link "[Vertiv](...)Vertiv" glues a name to itself
  for (let p = c.start + 3; p <= c.end - 3; p++) {
    // a capital glued to a letter, where the name starts again ("Partners GroupPartners", "KAP AGKAP")
    if (charKind(text.charCodeAt(p)) !== UPPER || !(isWordCode(text.charCodeAt(p - 1)) || text.charCodeAt(p - 1) === 0x2e)) continue;
    // "StonegateStonegate Capital Partners" ("About Stonegate" glued to its paragraph): the second one goes on
    if (text.startsWith(text.slice(c.start, p), p)) {
      c.start = p;
      if (c.alsoKnownAs) c.alsoKnownAs = c.alsoKnownAs.filter((f) => text.startsWith(f, p));
      break;
    }
    let w = p;
    while (w < c.end && isWordCode(text.charCodeAt(w))) w++;
    if (w - p >= 3 && text.startsWith(text.slice(p, w), c.start) && !isWordCode(text.charCodeAt(c.start + (w - p)))) {
      c.end = p;
      if (c.alsoKnownAs) c.alsoKnownAs = c.alsoKnownAs.filter((f) => f.length < p - c.start);
      break;
    }
  }
  // "Breacher.ai": a company named by its domain
  if (text.charCodeAt(c.end) === 0x2e) {
    const d = DOMAIN_END.exec(text.slice(c.end, c.end + 8));
    if (d) c.end += d[0].length;
  }
  // "PSYCHIATRIC HOSPITAL": head words in capitals are a heading, not a name
  if (c.rule.endsWith('.head-final') || c.rule.endsWith('.head-initial')) {
    const written = text.slice(c.start, c.end);
    if (/\s/.test(written) && written === written.toUpperCase() && /^[^\p{Ll}]*\p{Lu}{4}/u.test(written)) return false;
  }
  const name = text.slice(c.start, c.end);
  const key = keyOf(name);
  // "Corporation (NYSE: SKYH)" after a stop word: a suffix or head word alone names nothing
  if (!key.includes(' ') && (ctx.suffixes.has(key) || ctx.finals.has(key))) return false;
  if (!key || ctx.rules.placeKeys.has(key) || ctx.rules.notOrganisationKeys.has(key)) return false;
  if (ctx.lp.stopWords.has(key)) return false;
  return true;
}

function stop(ctx: Ctx, i: number): boolean {
  return ctx.lp.stopWords.has(ctx.ft.tokens[i]!.norm);
}

const INNER_CONNECTORS = new Set(['and', 'et']);

/** "Classiq and Hewlett Packard Labs": the word before "and" is a name of its own when the text uses it elsewhere. */
function standsAlone(ft: FoldedText, k: number): boolean {
  const t = ft.tokens[k]!;
  const word = ft.text.slice(t.start, t.end);
  let count = 0;
  for (let at = ft.text.indexOf(word); at >= 0 && count < 2; at = ft.text.indexOf(word, at + word.length)) count++;
  return count >= 2;
}

/** "Ministry of Natural Resources and Shandong University": the words before "and" complete another name. */
function afterGenitive(ctx: Ctx, k: number): boolean {
  const { ft } = ctx;
  while (k > 0 && nameGap(ft, k) && isCap(ft.text, ft.tokens[k - 1]!)) k--;
  const prev = ft.tokens[k - 1];
  const head = ft.tokens[k - 2];
  if (prev === undefined || head === undefined || !OPENERS.has(prev.norm) || isCap(ft.text, prev)) return false;
  // only after a head word ("Ministry of"); "owner of Parsons Sheet Metal and Roofing Company" is one name
  return isCap(ft.text, head) && (ctx.lp.byKind.get('head-initial')?.words.has(head.norm) ?? false);
}

/**
 * Capitalised tokens before token `i` (exclusive), back to a stop word or a gap; "and", "of",
 * "for" between two capitalised words are taken too ("Food and Drug Administration").
 * Returns the first index.
 */
function capsBefore(ctx: Ctx, i: number, max: number): number {
  const { ft } = ctx;
  // a suffix or a head word ends the name before it ("Acme SA Bidule SA", "Toy Museum DFW Car Museum")
  const ends = (k: number) => ctx.suffixes.has(ft.tokens[k]!.norm) && ft.text.slice(ft.tokens[k]!.start, ft.tokens[k]!.end) !== ft.text.slice(ft.tokens[k]!.start, ft.tokens[k]!.end).toLowerCase();
  const ok = (k: number) => k >= 0 && isCap(ft.text, ft.tokens[k]!) && !stop(ctx, k) && !ctx.inGaz[k] && !ends(k);
  let j = i;
  while (j > 0 && i - j < max) {
    if (nameGap(ft, j) && ok(j - 1)) {
      j--;
      continue;
    }
    const c = ft.tokens[j - 1]!;
    if (
      j < i &&
      INNER_CONNECTORS.has(c.norm) &&
      !afterGenitive(ctx, j - 2) &&
      !isCap(ft.text, c) &&
      ft.folded.slice(c.end, ft.tokens[j]!.start) === ' ' &&
      j >= 2 &&
      nameGap(ft, j - 1) &&
      ok(j - 2) &&
      !standsAlone(ft, j - 2)
    ) {
      j -= 2;
      continue;
    }
    break;
  }
  return j;
}

const GENITIVE = new Set(['of', 'de', 'des', 'du', 'd', 'l', 'la']);
const OPENERS = new Set(['of', 'for', 'on', 'de', 'du', 'des', 'd']);
/** French adjective endings: a lower-case word after a noun of the name ("physique des couches atmosphériques"). */
const FRENCH_ADJECTIVE = /(?:ique|iques|el|elle|els|elles|al|ale|aux|ales|aire|aires|ien|ienne|iens|iennes|ais|aise|aises|ain|aine|if|ive|ifs|ives|iste|istes|este|estes|ier|iere|iers|ieres|eux|euse|euses)$/;

/**
 * The complement after a head word: connectors followed by names ("of Toulouse", "for Space
 * Studies"); in French also lower-case nouns and adjectives ("nationale de la recherche"). A known
 * body after "of"/"de" is taken in whole ("Conseil économique et social des Nations unies").
 */
function complementAfter(ctx: Ctx, h: number, max: number): { end: number; absorbs: boolean } {
  const { ft, lp } = ctx;
  const { tokens, text } = ft;
  const french = lp.language === 'fr';
  let end = h + 1;
  let i = h + 1;
  let absorbs = false;
  let lastConnector = '';
  let lastWasNoun = false;
  while (i < tokens.length && i - h <= max) {
    if (!nameGap(ft, i) && !(french && ft.folded.slice(tokens[i - 1]!.end, tokens[i]!.start) === "' ")) break;
    const t = tokens[i]!;
    if (ctx.inGaz[i]) {
      const gazEnd = ctx.gazEnd[i]!;
      if (i > end && GENITIVE.has(lastConnector) && gazEnd > i) {
        end = i = gazEnd;
        absorbs = true;
        lastWasNoun = false;
        continue;
      }
      break;
    }
    // "à" is a connector, "a" (the verb) is not
    const isConnector = lp.connectors.has(t.norm) && !isCap(text, t) && !(t.norm === 'a' && text[t.start] === 'a');
    // English complements open with "of", "for", "on" ("Center and the Met Office" is two bodies)
    if (!french && i === h + 1 && !(isConnector && OPENERS.has(t.norm))) break;
    // "Université de Montpellier et coauteur": "et"/"and" then a lower-case word that is no connector ends the name
    if (isConnector && INNER_CONNECTORS.has(t.norm)) {
      const nx = tokens[i + 1];
      // ... but "économique et social" goes on (an adjective)
      if (!nx || (!isCap(text, nx) && !lp.connectors.has(nx.norm) && !(french && (lp.modifiers.has(nx.norm) || FRENCH_ADJECTIVE.test(nx.norm))))) break;
      // "Ministry of Natural Resources and Shandong University": a head word after "and" starts another body
      if (isCap(text, nx) && headAhead(ctx, i + 1)) break;
    }
    if (isConnector) {
      lastConnector = t.norm;
      lastWasNoun = false;
      i++;
      continue;
    }
    const afterConnector = i > end;
    // English complements open with "of", "for", "on" ("University of Toulouse"), never a bare name
    if (!french && i === h + 1) break;
    if (isCap(text, t) && !stop(ctx, i)) {
      end = ++i;
      lastWasNoun = false;
      continue;
    }
    if (french && !isCap(text, t) && /^\p{L}+$/u.test(t.norm)) {
      const modifier = lp.modifiers.has(t.norm);
      const noun = afterConnector && t.end - t.start >= 3;
      const adjective = !afterConnector && lastWasNoun && FRENCH_ADJECTIVE.test(t.norm);
      if (modifier || noun || adjective) {
        end = ++i;
        lastWasNoun = noun;
        continue;
      }
    }
    break;
  }
  return { end, absorbs };
}

/** Is there a head word among the capitalised words from token `k` on ("and Shandong University")? */
function headAhead(ctx: Ctx, k: number): boolean {
  const { ft, lp } = ctx;
  const finals = lp.byKind.get('head-final')?.words;
  const initials = lp.byKind.get('head-initial')?.words;
  for (let j = k; j < ft.tokens.length && j < k + 4; j++) {
    const t = ft.tokens[j]!;
    if (!isCap(ft.text, t) || (j > k && !nameGap(ft, j))) break;
    if (finals?.has(t.norm) || initials?.has(t.norm)) return true;
  }
  return false;
}

const ORDINALS = new Set(['first', 'second', 'third', 'fourth', 'fifth', 'sixth']);

function headWords(ctx: Ctx, at: number[], out: Candidate[]): void {
  const { ft, lp } = ctx;
  const finals = lp.byKind.get('head-final');
  const initials = lp.byKind.get('head-initial');
  let next = 0;
  for (const h of at) {
    if (h < next) continue;
    const t = ft.tokens[h]!;
    const isFinal = finals?.words.has(t.norm) ?? false;
    const isInitial = initials?.words.has(t.norm) ?? false;
    if ((!isFinal && !isInitial) || !isCap(ft.text, t) || ctx.inGaz[h] || ctx.inHeading(h)) continue;
    let from = isFinal ? capsBefore(ctx, h, 5) : h;
    // "the First Institute of Oceanography": an ordinal after "the" belongs to the name
    const ord = ft.tokens[from - 1];
    const the = ft.tokens[from - 2];
    if (ord && the && ORDINALS.has(ord.norm) && isCap(ft.text, ord) && the.norm === 'the' && !isCap(ft.text, the) && nameGap(ft, from) && nameGap(ft, from - 1)) from--;
    const complement = isInitial ? complementAfter(ctx, h, 12) : { end: h + 1, absorbs: false };
    const to = complement.end;
    if (from === h && to === h + 1) continue;
    const rule = from < h ? finals! : initials!;
    const c: Candidate = { start: ft.tokens[from]!.start, end: ft.tokens[to - 1]!.end, isAcronym: false, rule: rule.id };
    if (complement.absorbs) c.absorbs = true;
    out.push(c);
    next = to;
  }
}

const suffixCache = new WeakMap<PatternRule, Set<string>>();

function companySuffix(ctx: Ctx, rule: PatternRule, at: number[], out: Candidate[]): void {
  const { ft } = ctx;
  let written = suffixCache.get(rule);
  if (!written) {
    written = new Set(rule.written.map((w) => w.replace(/\.$/, '')));
    suffixCache.set(rule, written);
  }
  for (const s of at) {
    if (s < 1) continue;
    const t = ft.tokens[s]!;
    if (!rule.words.has(t.norm) || !written.has(ft.text.slice(t.start, t.end)) || ctx.inHeading(s)) continue;
    // "Acme Inc", "Acme, Inc."
    const gap = ft.folded.slice(ft.tokens[s - 1]!.end, t.start);
    if (gap !== ' ' && gap !== ', ') continue;
    const from = capsBefore(ctx, s - 1, 4);
    const first = from <= s - 1 && isCap(ft.text, ft.tokens[s - 1]!) && !stop(ctx, s - 1) && !ctx.inGaz[s - 1] ? from : s;
    if (first === s) continue;
    if (ft.text[t.end] === '-') continue; // "Co-Founder"
    let end = t.end;
    if (ft.text[end] === '.' && /^(?:Inc|Corp|Co|Ltd|Bhd|Pty)$/.test(ft.text.slice(t.start, t.end))) end++;
    const core = ft.text.slice(ft.tokens[first]!.start, ft.tokens[s - 1]!.end);
    const c: Candidate = { start: ft.tokens[first]!.start, end, isAcronym: false, rule: rule.id };
    const coreKey = keyOf(core);
    if (ctx.rules.placeKeys.has(coreKey)) continue; // "USA, Corp."
    if (!ctx.lp.stopWords.has(coreKey) && !ctx.rules.placeKeys.has(coreKey) && core.length > 2) c.alsoKnownAs = [core];
    c.local = `co:${coreKey}`;
    out.push(c);
  }
}

function roleAfter(ctx: Ctx, rule: PatternRule, at: number[], out: Candidate[]): void {
  const { ft } = ctx;
  for (const r of at) {
    if (r < 1 || r >= ft.tokens.length - 1) continue;
    const t = ft.tokens[r]!;
    if (!rule.words.has(t.norm) || !isCap(ft.text, t)) continue;
    // a name follows ("Capgemini CEO Aiman Ezzat"), a body precedes
    const next = ft.tokens[r + 1]!;
    if (!nameGap(ft, r + 1) || !isCap(ft.text, next)) continue;
    const prev = r - 1;
    if (ctx.inGaz[prev] || !nameGap(ft, r) || !isCap(ft.text, ft.tokens[prev]!) || stop(ctx, prev) || rule.words.has(ft.tokens[prev]!.norm)) continue;
    const from = capsBefore(ctx, prev, 2);
    if (from === prev && ctx.lp.departments.has(ft.tokens[prev]!.norm)) continue;
    out.push({ start: ft.tokens[from]!.start, end: ft.tokens[prev]!.end, isAcronym: false, rule: rule.id });
  }
}

function roleBefore(ctx: Ctx, rule: PatternRule, at: number[], out: Candidate[]): void {
  const { ft, lp } = ctx;
  let next = 0;
  for (const r of at) {
    if (r < next || r >= ft.tokens.length - 2) continue;
    // "CEO of Acme", "founder and CEO of Acme", "président de l'Association X"
    let i = r + 1;
    // "directrice générale d'Enedis", "directeur financier de": French adjectives of the role first
    if (lp.language === 'fr') {
      for (let k = 0; k < 2 && i < ft.tokens.length && !isCap(ft.text, ft.tokens[i]!) && (lp.modifiers.has(ft.tokens[i]!.norm) || FRENCH_ADJECTIVE.test(ft.tokens[i]!.norm) || ROLE_ADJECTIVES.has(ft.tokens[i]!.norm)); k++) i++;
    }
    let connectors = 0;
    // "Chief Financial Officer at Aramark", "directeur chez Capgemini"
    if (i < ft.tokens.length && ROLE_AT.has(ft.tokens[i]!.norm) && !isCap(ft.text, ft.tokens[i]!)) {
      i++;
      connectors++;
    }
    while (i < ft.tokens.length && lp.connectors.has(ft.tokens[i]!.norm) && !isCap(ft.text, ft.tokens[i]!) && connectors < 3) {
      i++;
      connectors++;
    }
    if (connectors === 0 || i >= ft.tokens.length) continue;
    const gap = ft.folded.slice(ft.tokens[i - 1]!.end, ft.tokens[i]!.start);
    if (gap !== ' ' && gap !== "'") continue;
    const t = ft.tokens[i]!;
    if (!isCap(ft.text, t) || stop(ctx, i) || ctx.inGaz[i]) continue;
    let end = i + 1;
    for (;;) {
      while (end < ft.tokens.length && end - i < 5 && nameGap(ft, end) && isCap(ft.text, ft.tokens[end]!) && !stop(ctx, end) && !ctx.inGaz[end]) end++;
      // "at Hill's Pet Nutrition": a possessive inside the name
      const s = ft.tokens[end];
      const after = ft.tokens[end + 1];
      if (!s || !after || s.norm !== 's' || end - i >= 4 || ft.folded.slice(ft.tokens[end - 1]!.end, s.start) !== "'" || !nameGap(ft, end + 1) || !isCap(ft.text, after) || stop(ctx, end + 1)) break;
      end += 2;
    }
    // "director of Engineering", "head of Product Management": a department, not a body
    let department = true;
    for (let k = i; k < end && department; k++) department = lp.departments.has(ft.tokens[k]!.norm);
    if (department) continue;
    out.push({ start: t.start, end: ft.tokens[end - 1]!.end, isAcronym: false, rule: rule.id });
    next = end;
  }
}

/** Words that join a role to its employer besides the connectors ("CFO at Aramark", "directeur chez Capgemini"). */
const ROLE_AT = new Set(['at', 'chez']);
/** French role adjectives the adjective endings miss ("directeur adjoint de"). */
const ROLE_ADJECTIVES = new Set(['adjoint', 'adjointe', 'delegue', 'deleguee', 'executif', 'executive', 'associe', 'associee']);

/** "About Jane Smith ... She founded": a heading over a person's biography. */
function looksLikePersonBio(ft: FoldedText, first: number, end: number): boolean {
  const n = end - first;
  if (n < 2 || n > 4) return false;
  const after = ft.folded.slice(ft.tokens[end - 1]!.end, ft.tokens[end - 1]!.end + 300);
  return /(?:^|[^\p{L}])(?:he|she|his|her|him|il|elle)(?![\p{L}])/u.test(after) && !/(?:^|[^\p{L}])(?:its|company|firm|organization|organisation|société|entreprise)(?![\p{L}])/u.test(after.slice(0, 120));
}

const phraseCache = new WeakMap<PatternRule, string[][]>();

/** The words of a rule as folded word sequences, longest first (so the first that matches is the longest). */
function phrasesOf(rule: PatternRule): string[][] {
  let phrases = phraseCache.get(rule);
  if (!phrases) {
    phrases = [...rule.words].map((w) => keyOf(w).split(' ')).sort((a, b) => b.length - a.length);
    phraseCache.set(rule, phrases);
  }
  return phrases;
}

function aboutHeading(ctx: Ctx, rule: PatternRule, at: number[], out: Candidate[]): void {
  const { ft, lp } = ctx;
  const { tokens, text, folded } = ft;
  const phrases = phrasesOf(rule);
  for (const a of at) {
    const phrase = phrases.find((p) => p.every((w, k) => tokens[a + k]?.norm === w));
    if (!phrase || !isCap(text, tokens[a]!)) continue;
    // at the start of a line (or after a wide gap, where a flattened page put its heading)
    const before = folded.slice(Math.max(0, (tokens[a - 1]?.end ?? 0)), tokens[a]!.start);
    if (a > 0 && !/\n[\s#*]*$|\s{2,}$/.test(before)) continue;
    const first = a + phrase.length;
    if (first >= tokens.length || !isCap(text, tokens[first]!) || stop(ctx, first)) continue;
    // "About Acme", "About [Acme](https://...)" (a markdown link)
    if (!/^\s\[?$/.test(folded.slice(tokens[first - 1]!.end, tokens[first]!.start))) continue;
    let end = first + 1;
    while (end < tokens.length && end - first < 6) {
      const t = tokens[end]!;
      const gapOk = nameGap(ft, end) || folded.slice(tokens[end - 1]!.end, t.start) === '. ';
      if (!gapOk) break;
      const possessive = t.norm === 's' && text[t.start - 1] !== ' ' && tokens[end + 1] !== undefined && isCap(text, tokens[end + 1]!);
      if (isCap(text, t) || possessive || (lp.connectors.has(t.norm) && tokens[end + 1] && isCap(text, tokens[end + 1]!))) end++;
      else break;
    }
    // the longest prefix the release uses elsewhere; the whole run when it stands alone on its line
    let chosen = -1;
    for (let e = end; e > first; e--) {
      const name = text.slice(tokens[first]!.start, tokens[e - 1]!.end);
      const at = text.indexOf(name);
      const elsewhere = at !== tokens[first]!.start || text.indexOf(name, tokens[first]!.start + 1) >= 0;
      if (elsewhere) {
        chosen = e;
        break;
      }
    }
    if (chosen < 0) {
      const after = folded.slice(tokens[end - 1]!.end, tokens[end]?.start ?? folded.length);
      if (!/^\s*\n/.test(after) && end < tokens.length) continue;
      chosen = end;
    }
    // trailing connectors never end a name
    while (chosen > first + 1 && lp.connectors.has(tokens[chosen - 1]!.norm)) chosen--;
    if (looksLikePersonBio(ft, first, chosen)) continue;
    out.push({ start: tokens[first]!.start, end: tokens[chosen - 1]!.end, isAcronym: false, rule: rule.id });
  }
}

/**
 * "la société Hemeria", "la start-up toulousaine Exotrail", "the company Acme": a common noun for
 * a body, then its name (French adjectives may stand between).
 */
function descriptor(ctx: Ctx, at: number[], out: Candidate[]): void {
  const { ft, lp } = ctx;
  const { tokens, text } = ft;
  const rule = lp.byKind.get('descriptor')!;
  const phrases = [...rule.words].map((w) => keyOf(w).split(' '));
  for (const d of at) {
    if (isCap(text, tokens[d]!)) continue; // "Company" in a heading is no descriptor
    const whole = phrases.some((p) => p.every((w, k) => tokens[d - p.length + 1 + k]?.norm === w));
    if (!whole) continue;
    let i = d + 1;
    let adjectives = 0;
    while (i < tokens.length && adjectives < 2 && !isCap(text, tokens[i]!) && (lp.modifiers.has(tokens[i]!.norm) || FRENCH_ADJECTIVE.test(tokens[i]!.norm))) {
      i++;
      adjectives++;
    }
    if (i >= tokens.length || !nameGap(ft, i) || !isCap(text, tokens[i]!) || stop(ctx, i) || ctx.inGaz[i]) continue;
    let end = i + 1;
    while (end < tokens.length && end - i < 4 && nameGap(ft, end) && isCap(text, tokens[end]!) && !stop(ctx, end) && !ctx.inGaz[end]) end++;
    let department = true;
    for (let k = i; k < end && department; k++) department = lp.departments.has(tokens[k]!.norm);
    if (department) continue;
    out.push({ start: tokens[i]!.start, end: tokens[end - 1]!.end, isAcronym: false, rule: rule.id });
  }
}

const appositiveCache = new WeakMap<PatternRule, RegExp>();

/**
 * "Aramark, a leading provider of ...", "Pinterest, the world's largest ...", "FranceAgriMer,
 * leader de ...": capitalised words, a comma, then a phrase that only describes a body.
 */
function appositive(ctx: Ctx, rule: PatternRule, out: Candidate[]): void {
  const { ft, lp } = ctx;
  const { tokens, text, folded } = ft;
  let re = appositiveCache.get(rule);
  if (!re) {
    const phrases = [...rule.words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    re = new RegExp(`,\\s(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
    appositiveCache.set(rule, re);
  }
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded))) {
    const s = tokenAt(tokens, m.index) - 1;
    if (s < 0 || tokens[s]!.end !== m.index) continue;
    if (!isCap(text, tokens[s]!) || stop(ctx, s) || ctx.inGaz[s] || ctx.inHeading(s)) continue;
    const from = capsBefore(ctx, s, 4);
    let department = true;
    for (let k = from; k <= s && department; k++) department = lp.departments.has(tokens[k]!.norm);
    if (department) continue;
    out.push({ start: tokens[from]!.start, end: tokens[s]!.end, isAcronym: false, rule: rule.id });
  }
}

/**
 * "with participation from Accel and Index Ventures", "lève 15 M€ auprès de Demeter, Innovacom et
 * Bpifrance": after the phrase, a list of capitalised names joined by commas and and/et.
 */
function investorList(ctx: Ctx, rule: PatternRule, at: number[], out: Candidate[]): void {
  const { ft, lp } = ctx;
  const { tokens, text, folded } = ft;
  const phrases = phrasesOf(rule);
  for (const a of at) {
    const phrase = phrases.find((p) => p.every((w, k) => tokens[a + k]?.norm === w && (k === 0 || /^[\s'-]+$/.test(folded.slice(tokens[a + k - 1]!.end, tokens[a + k]!.start)))));
    if (!phrase) continue;
    let i = a + phrase.length;
    // "auprès de Jean Dupont" may be anyone: only a list of two or more counts there
    const needsTwo = phrase[0] === 'aupres';
    const found: Candidate[] = [];
    for (let items = 0; items < 8 && i < tokens.length; items++) {
      const t = tokens[i]!;
      // "existing investors" or a sentence end closes the list
      if (!isCap(text, t) || stop(ctx, i) || ctx.inHeading(i)) break;
      let end = i + 1;
      while (end < tokens.length && end - i < 4 && nameGap(ft, end) && isCap(text, tokens[end]!) && !stop(ctx, end)) end++;
      if (!ctx.inGaz[i]) {
        let department = true;
        for (let k = i; k < end && department; k++) department = lp.departments.has(tokens[k]!.norm);
        if (!department) found.push({ start: t.start, end: tokens[end - 1]!.end, isAcronym: false, rule: rule.id });
      } else found.push({ start: t.start, end: t.start, isAcronym: false, rule: '' }); // a known body counts as an item
      const next = tokens[end];
      if (!next) break;
      const gap = folded.slice(tokens[end - 1]!.end, next.start);
      if (gap === ', ') i = end;
      else if (gap === ' ' && INNER_CONNECTORS.has(next.norm) && !isCap(text, next)) i = end + 1;
      else if (gap === ', ' || (gap === ' ' && next.norm === 'and')) i = end + 1;
      else break;
      // ", and Z"
      if (i < tokens.length && INNER_CONNECTORS.has(tokens[i]!.norm) && !isCap(text, tokens[i]!)) i++;
    }
    if (needsTwo && found.length < 2) continue;
    for (const c of found) if (c.rule) out.push(c);
  }
}

const tickerCache = new WeakMap<PatternRule, RegExp>();

function ticker(ctx: Ctx, rule: PatternRule, out: Candidate[]): void {
  const { ft } = ctx;
  let re = tickerCache.get(rule);
  if (!re) {
    const words = [...rule.words].map((w) => w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
    re = new RegExp(`\\(\\s?(?:${words})(?:[\\s-][a-z]+)?\\s?:`, 'g');
    tickerCache.set(rule, re);
  }
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ft.folded))) {
    let s = tokenAt(ft.tokens, m.index) - 1;
    if (s < 0) continue;
    const gap = ft.folded.slice(ft.tokens[s]!.end, m.index);
    if (gap !== ' ' && gap !== '. ' && gap !== ', ') continue;
    if (!isCap(ft.text, ft.tokens[s]!)) continue;
    const from = capsBefore(ctx, s, 5);
    if (ctx.inGaz[s]) continue;
    while (from < s && stop(ctx, s)) s--;
    let end = ft.tokens[s]!.end;
    if (gap.startsWith('.')) end++;
    out.push({ start: ft.tokens[from]!.start, end, isAcronym: false, rule: rule.id });
  }
}

function creditList(ctx: Ctx, rule: PatternRule, gaz: Candidate[], out: Candidate[]): void {
  const { text } = ctx.ft;
  const starts = [...rule.written];
  for (const s of starts) {
    let at = text.indexOf(s);
    while (at >= 0) {
      const lineEnd = text.indexOf('\n', at);
      const end = lineEnd < 0 ? text.length : lineEnd;
      const list = text.slice(at + s.length, end);
      if (list.includes('/')) {
        const base = at + s.length;
        const hasKnown = gaz.some((g) => g.start >= base && g.end <= end && g.known);
        if (hasKnown) {
          let offset = 0;
          for (const item of list.split('/')) {
            const trimmed = item.split(',')[0]!.trim().replace(/^:\s*/, '');
            const itemStart = base + offset + item.indexOf(trimmed);
            offset += item.length + 1;
            if (!isAcronymForm(trimmed) || !/^\p{Lu}+$/u.test(trimmed)) continue;
            if (gaz.some((g) => g.start === itemStart)) continue;
            if (ctx.rules.notOrganisationKeys.has(keyOf(trimmed))) continue;
            out.push({ start: itemStart, end: itemStart + trimmed.length, isAcronym: true, local: `credit:${trimmed}`, rule: rule.id });
          }
        }
      }
      at = text.indexOf(s, end);
    }
  }
}
