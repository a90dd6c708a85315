/**
 * Extract organisations: propose candidates, then resolve them into one entity per body.
 *
 *   gazetteer (rules/organisations/*.yaml) ─┐
 *   acronym definitions "Long Name (ACR)"   ├─► candidates ─► drop overlaps, non-organisations
 *   patterns (head words, suffixes, roles,  │                  ─► link acronyms and repeats
 *     "About X", tickers, credit lists)    ─┘                  ─► one entity per body
 *
 * Gazetteer matches win over pattern candidates; names of programmes, missions, events and
 * facilities (not-organisations.yaml) and places never become organisations.
 */
import { warn, type Document, type Language, type Mention, type Organisation } from '../../../document.js';
import type { Rules } from '../../../rules/index.js';
import { foldText, keyOf, tokenAt, type FoldedText } from './phrase-index.js';
import { findPatternCandidates } from './patterns.js';
import { findAcronymDefinitions } from './acronyms.js';
import { GAZETTEER_RULE, SAME_NAME_RULE, isAcronymForm, type KnownOrganisation, type OrganisationRules } from './rules.js';

/** A proposed organisation mention. */
export interface Candidate {
  start: number;
  end: number;
  /** Known organisation, when the gazetteer (or a definition of its acronym) says which. */
  known?: KnownOrganisation;
  /** Key of an organisation found by patterns: equal keys are one body. */
  local?: string;
  isAcronym: boolean;
  rule: string;
  /** Other forms that name the same body ("Acme" for "Acme Inc."). */
  alsoKnownAs?: string[];
  /** A pattern name that contains a known body after "of"/"de" ("Conseil économique et social des Nations unies"). */
  absorbs?: boolean;
}

export interface OrganisationResult {
  organisations: Organisation[];
  /** Rule ids that produced at least one mention of a kept organisation. */
  rulesUsed: Set<string>;
  /** The rule ids behind each organisation (same order). */
  rulesOf: string[][];
  notes: OrganisationNote[];
}

export function extractOrganisations(doc: Document, rules: Rules): void {
  const result = findOrganisations(doc.text, doc.language, rules.organisations);
  doc.entities.organisations = result.organisations;
  for (const n of result.notes) warn(doc, { stage: 'organisations', severity: 'info', ...n });
}

/** Something a reviewer may want to check: a known acronym given to another body, a bare ambiguous name left out. */
export interface OrganisationNote {
  message: string;
  rule: string;
  start: number;
  end: number;
}

interface EntityDraft {
  key: string;
  known?: KnownOrganisation;
  mentions: Array<{ start: number; end: number; isAcronym: boolean; written: string; key: string; weak: boolean }>;
  rules: Set<string>;
  extraForms: string[];
}

/** The organisations of a text (the stage without the Document around it, for tests and tools). */
export function findOrganisations(text: string, language: Language | null, rules: OrganisationRules): OrganisationResult {
  const ft = foldText(text);
  const languages: Language[] = language ? [language] : ['en', 'fr'];

  // 1. the gazetteer
  const gaz: Candidate[] = rules.gazetteer.match(ft).map((m) => ({
    start: m.start,
    end: m.end,
    known: m.phrase.value.org,
    isAcronym: m.phrase.value.isAcronym,
    rule: GAZETTEER_RULE,
  }));
  const stopWords = languages.map((l) => rules.patterns[l].stopWords);
  const gazKept = gaz.filter((c) => !insideOtherName(ft, c, stopWords));
  gaz.length = 0;
  gaz.push(...gazKept);

  // 2. acronym definitions, 3. patterns
  const defs = findAcronymDefinitions(ft, rules, gaz, languages[0]!);
  const patterns = languages.flatMap((l) => findPatternCandidates(ft, rules, rules.patterns[l], gaz));

  // acronyms defined here for another body than the gazetteer's ("Entertainment Software Association (ESA)")
  const redefined = new Map<string, string>();
  const notes: OrganisationNote[] = [];
  for (const d of defs.candidates) {
    if (!d.local || !d.isAcronym) continue;
    const acr = text.slice(d.start, d.end);
    redefined.set(acr, d.local);
    const known = rules.byAcronym.get(acr);
    if (known) notes.push({ message: `"${acr}" is defined here for another body than ${known.name}`, rule: d.rule, start: d.start, end: d.end });
  }

  const all: Candidate[] = [];
  for (const c of gaz) {
    const local = c.isAcronym ? redefined.get(text.slice(c.start, c.end)) : undefined;
    all.push(local ? { ...c, known: undefined, local } : c);
  }
  for (const c of [...defs.candidates, ...patterns]) {
    if (!c.known && isBlocked(c, ft, rules)) continue;
    all.push(c);
  }
  all.push(...acronymsAfterPatterns(text, patterns, gaz, rules, languages[0]!));
  const kept = resolveOverlaps(all);

  // 4. repeats: later bare mentions of names and acronyms found by definitions and patterns
  const repeats = findRepeats(ft, kept, defs.extraAcronyms, rules);
  const final = resolveOverlaps([...kept, ...repeats]);

  const result = build(text, final, language, notes);
  return result;
}

/** Gazetteer first, then acronym definitions, then patterns; a pattern that takes a known body in ("Agence de l'UE pour ...") beats it. */
const WORD_CHAR = /[\p{L}\p{N}]/u;
const ACRONYM_AFTER = /^\s?\((\p{Lu}[\p{Lu}\p{N}&-]{1,9})\)/u;

/**
 * "Conseil économique et social des Nations unies (ECOSOC)": a name found by a pattern, then an
 * acronym in brackets, is that body's acronym even when its letters follow another language; when
 * the acronym is a known body's, the name is another name of that body.
 */
function acronymsAfterPatterns(text: string, patterns: Candidate[], gaz: Candidate[], rules: OrganisationRules, language: Language): Candidate[] {
  const out: Candidate[] = [];
  const rule = rules.patterns[language].byKind.get('acronym-definition')?.id ?? `org.${language}.acronym-definition`;
  for (const c of patterns) {
    if (c.known || c.isAcronym) continue;
    const m = ACRONYM_AFTER.exec(text.slice(c.end, c.end + 14));
    if (!m) {
      // "Banque publique d'investissement (Bpifrance)": a known body's name in brackets names it too
      const open = text[c.end] === '(' ? c.end : text[c.end] === ' ' && text[c.end + 1] === '(' ? c.end + 1 : -1;
      if (open < 0) continue;
      const inside = gaz.find((g) => g.start === open + 1 && text[g.end] === ')' && g.known);
      if (inside) c.known = inside.known;
      continue;
    }
    const acr = m[1]!;
    if (acr === text.slice(c.start, c.end)) continue; // "ICR (ICR)"
    // "l'Agence spatiale japonaise (JAXA)": another name of a known body
    const known = rules.byAcronym.get(acr);
    if (known) {
      c.known = known;
      continue;
    }
    if (!isAcronymForm(acr.replace(/-/g, '')) || rules.notOrganisationKeys.has(keyOf(acr))) continue;
    const local = c.local ?? keyOf(text.slice(c.start, c.end));
    c.local = local;
    const start = c.end + m[0].indexOf(acr);
    out.push({ start, end: start + acr.length, local, isAcronym: true, rule });
  }
  return out;
}

// an item of an investor list beats a pattern that runs over the list ("Accel and Index Ventures")
const PRIORITY = (c: Candidate): number =>
  c.absorbs ? 4 : c.rule === GAZETTEER_RULE ? 3 : c.rule.endsWith('acronym-definition') ? 2 : c.rule.endsWith('investor-list') ? 1.5 : 1;

/** Keeps non-overlapping candidates: the higher priority first, then the longer. */
function resolveOverlaps(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => PRIORITY(b) - PRIORITY(a) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // one map of covered offsets, kept between documents and cleared where it was marked
  const end = sorted.reduce((m, c) => Math.max(m, c.end), 0);
  if (covered.length < end) covered = new Uint8Array(Math.max(end, covered.length * 2));
  const out: Candidate[] = [];
  for (const c of sorted) {
    let free = true;
    for (let i = c.start; i < c.end && free; i++) free = covered[i] === 0;
    if (!free) continue;
    covered.fill(1, c.start, c.end);
    out.push(c);
  }
  for (const c of out) covered.fill(0, c.start, c.end);
  return out.sort((a, b) => a.start - b.start);
}
let covered = new Uint8Array(1 << 14);

function isBlocked(c: Candidate, ft: FoldedText, rules: OrganisationRules): boolean {
  const { text } = ft;
  const key = keyOf(text.slice(c.start, c.end));
  if (rules.notOrganisationKeys.has(key) || rules.placeKeys.has(key)) return true;
  // "Observatoire spatial du climat (SCO)": named by the acronym of a programme
  const acr = /^\s?\(([^()\s]{2,10})\)/.exec(text.slice(c.end, c.end + 14));
  if (acr && rules.notOrganisationKeys.has(keyOf(acr[1]!))) return true;
  // a programme, event or facility name that covers most of the candidate ("Space Climate Observatory")
  const length = c.end - c.start;
  // only the names of programmes and events that start near the candidate matter
  const first = tokenAt(ft.tokens, c.start);
  const blocked = rules.notOrganisations.match(ft, Math.max(0, first - 6), tokenAt(ft.tokens, c.end));
  return blocked.some((b) => c.start < b.end && b.start < c.end && (Math.min(b.end, c.end) - Math.max(b.start, c.start)) * 2 >= length);
}

/** Later mentions of the names and acronyms that definitions and patterns found once. */
function findRepeats(ft: FoldedText, kept: Candidate[], extraAcronyms: Map<string, KnownOrganisation>, rules: OrganisationRules): Candidate[] {
  // a handful of names per release: a native search for each beats another walk of the tokens
  const forms = new Map<string, Candidate>();
  for (const c of kept) {
    if (c.known && c.rule === GAZETTEER_RULE) continue;
    // "Izotropic Corporation", later "Izotropic": the name without its suffix is the same body
    const core = c.known || c.isAcronym ? null : rules.companySuffix.exec(ft.text.slice(c.start, c.end))?.[1];
    if (core && core.length > 2 && !rules.placeKeys.has(keyOf(core)) && !(c.alsoKnownAs ?? []).includes(core)) {
      c.alsoKnownAs = [...(c.alsoKnownAs ?? []), core];
    }
    const proto: Candidate = { ...c, alsoKnownAs: undefined, rule: SAME_NAME_RULE };
    for (const f of [ft.text.slice(c.start, c.end), ...(c.alsoKnownAs ?? [])]) {
      if (!forms.has(f)) forms.set(f, { ...proto, isAcronym: isAcronymForm(f) });
    }
  }
  for (const [acr, org] of extraAcronyms) {
    if (!forms.has(acr)) forms.set(acr, { start: 0, end: 0, known: org, isAcronym: true, rule: SAME_NAME_RULE });
  }
  const out: Candidate[] = [];
  const { text } = ft;
  for (const [form, proto] of forms) {
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) {
      const end = at + form.length;
      if (WORD_CHAR.test(text[at - 1] ?? ' ') || WORD_CHAR.test(text[end] ?? ' ')) continue;
      out.push({ ...proto, start: at, end });
    }
  }
  return out;
}

function build(text: string, cands: Candidate[], language: Language | null, notes: OrganisationNote[]): OrganisationResult {
  const drafts = new Map<string, EntityDraft>();
  const order: EntityDraft[] = [];
  for (const c of cands) {
    const key = c.known ? `id:${c.known.id}` : `local:${c.local ?? keyOf(text.slice(c.start, c.end))}`;
    let d = drafts.get(key);
    if (!d) {
      d = { key, known: c.known, mentions: [], rules: new Set(), extraForms: [] };
      drafts.set(key, d);
      order.push(d);
    }
    const written = text.slice(c.start, c.end).replace(/\s+/g, ' ');
    d.mentions.push({ start: c.start, end: c.end, isAcronym: c.isAcronym || isAcronymForm(written), written, key: keyOf(written), weak: isWeakMention(c, written, text, language) });
    d.rules.add(c.rule);
    for (const f of c.alsoKnownAs ?? []) if (!d.extraForms.includes(f)) d.extraForms.push(f);
  }
  const merged = mergeShortForms(mergeSameNames(order));

  // a bare ambiguous acronym ("ESA", "IGN") needs its full name or another body of its sector;
  // a bare ambiguous word ("Apple", "Total") needs a fuller name of its own
  const sectors = new Set(merged.filter((d) => d.known && !isWeak(d)).map((d) => d.known!.sector));
  const rulesUsed = new Set<string>();
  const organisations: Organisation[] = [];
  const rulesOf: string[][] = [];
  for (const d of merged) {
    if (isWeak(d) && !(sectors.has(d.known!.sector) && d.mentions.some((m) => m.isAcronym))) {
      const m = d.mentions[0]!;
      notes.push({ message: `"${m.written}" alone may not mean ${d.known!.name}: left out`, rule: GAZETTEER_RULE, start: m.start, end: m.end });
      continue;
    }
    for (const r of d.rules) rulesUsed.add(r);
    organisations.push(toOrganisation(d));
    rulesOf.push([...d.rules].sort());
  }
  return { organisations, rulesUsed, rulesOf, notes: notes.sort((a, b) => a.start - b.start) };
}

/** Two drafts that share a name or an acronym are one body (unless the gazetteer says they are two). */
function mergeSameNames(order: EntityDraft[]): EntityDraft[] {
  const owner = new Map<string, EntityDraft>();
  const out: EntityDraft[] = [];
  for (const d of order) {
    let target: EntityDraft | undefined;
    const keys = [...d.mentions.map((m) => m.key), ...d.extraForms.map(keyOf)];
    for (const k of keys) {
      const o = owner.get(k);
      if (o && o !== d && !(o.known && d.known && o.known.id !== d.known.id)) {
        target = o;
        break;
      }
    }
    if (target) {
      target.mentions.push(...d.mentions);
      for (const r of d.rules) target.rules.add(r);
      for (const f of d.extraForms) if (!target.extraForms.includes(f)) target.extraForms.push(f);
      if (!target.known && d.known) target.known = d.known;
    } else {
      target = d;
      out.push(d);
    }
    for (const k of keys) if (!owner.has(k)) owner.set(k, target);
  }
  for (const d of out) d.mentions.sort((a, b) => a.start - b.start);
  return out;
}

const GENITIVES = new Set(['for', 'of', 'de', 'du', 'des', 'd']);
/** "Groupe SEB" and "le groupe Seb", "Sodexo Group" and "Sodexo": the group is the company. */
const GROUP_WORDS = new Set(['groupe', 'group']);

/**
 * "La Jolla Institute" and "La Jolla Institute for Immunology": a name that the text also uses
 * with a complement ("for", "of", "de") is that body, when only one body has it as its beginning.
 * Likewise "Seb" and "Groupe SEB", "Sodexo" and "Sodexo Group".
 */
function mergeShortForms(drafts: EntityDraft[]): EntityDraft[] {
  const longer = new Map<string, EntityDraft | null>();
  for (const d of drafts) {
    if (d.known) continue;
    for (const m of d.mentions) {
      const words = m.key.split(' ');
      for (let i = 2; i < words.length; i++) {
        if (!GENITIVES.has(words[i]!)) continue;
        const prefix = words.slice(0, i).join(' ');
        const seen = longer.get(prefix);
        longer.set(prefix, seen === undefined || seen === d ? d : null);
      }
      // the name without its group word, at either end
      if (words.length >= 2) {
        const bare = GROUP_WORDS.has(words[0]!) ? words.slice(1).join(' ') : GROUP_WORDS.has(words.at(-1)!) ? words.slice(0, -1).join(' ') : null;
        if (bare !== null) {
          const seen = longer.get(bare);
          longer.set(bare, seen === undefined || seen === d ? d : null);
        }
      }
    }
  }
  if (longer.size === 0) return drafts;
  const out: EntityDraft[] = [];
  for (const d of drafts) {
    const target = d.known ? null : d.mentions.map((m) => longer.get(m.key)).find((t) => t && t !== d);
    if (target) {
      target.mentions.push(...d.mentions);
      target.mentions.sort((a, b) => a.start - b.start);
      for (const r of d.rules) target.rules.add(r);
    } else out.push(d);
  }
  return out;
}

/**
 * A mention that alone does not prove the body: the acronym or the one-word name of a known body
 * ambiguous in the release's language, unless it stands in a slash list of credits ("© CNES/CLS").
 */
function isWeakMention(c: Candidate, written: string, text: string, language: Language | null): boolean {
  const amb = c.known?.ambiguousIn ?? [];
  if (amb.length === 0 || (language && !amb.includes(language))) return false;
  if (text[c.start - 1] === '/' || text[c.end] === '/') return false;
  return c.isAcronym || !/[\s-]/.test(written.trim());
}

/** Only weak mentions. */
function isWeak(d: EntityDraft): boolean {
  return d.mentions.every((m) => m.weak);
}

/** "Big Apple", "Grand Total": an ambiguous one-word known name right after a capitalised word is part of another name. */
function insideOtherName(ft: FoldedText, c: Candidate, stopWords: Array<Set<string>>): boolean {
  if (!c.known || c.known.ambiguousIn.length === 0 || c.isAcronym) return false;
  const i = tokenAt(ft.tokens, c.start);
  const tok = ft.tokens[i];
  const prev = ft.tokens[i - 1];
  if (!tok || !prev || tok.end !== c.end) return false;
  if (ft.folded.slice(prev.end, tok.start) !== ' ') return false;
  if (!/\p{Lu}/u.test(ft.text[prev.start]!) || stopWords.some((s) => s.has(prev.norm))) return false;
  // the capitalised word must not itself start a sentence
  const before = ft.folded.slice(Math.max(0, prev.start - 3), prev.start);
  return !(prev.start === 0 || /[.!?:\n]\s*$/.test(before));
}

function toOrganisation(d: EntityDraft): Organisation {
  const names: string[] = [];
  const acronyms: string[] = [];
  const seen = new Set<string>();
  for (const m of d.mentions) {
    const form = m.written.replace(/^(?:the|The|THE) /, '');
    const k = keyOf(form);
    if (seen.has(k)) continue;
    seen.add(k);
    (m.isAcronym ? acronyms : names).push(form);
  }
  for (const f of d.extraForms) {
    const k = keyOf(f);
    if (seen.has(k)) continue;
    seen.add(k);
    (isAcronymForm(f) ? acronyms : names).push(f);
  }
  const name = names.reduce<string | null>((best, n) => (best === null || n.length > best.length ? n : best), null);
  // the gazetteer's own acronym when the text uses it ("EU" rather than a typo'd "EE")
  const preferred = d.known ? acronyms.find((a) => d.known!.acronyms.includes(a)) : undefined;
  const acronym = preferred ?? acronyms[0] ?? null;
  const finalName = name ?? acronym ?? d.known?.name ?? '';
  const org: Organisation = {
    name: finalName,
    acronym,
    aliases: [...names, ...acronyms].filter((f) => f !== finalName && f !== acronym),
    mentions: d.mentions.map((m): Mention => ({ start: m.start, end: m.end })).sort((a, b) => a.start - b.start),
  };
  if (d.known) org.id = d.known.id;
  return org;
}
