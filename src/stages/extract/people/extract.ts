/**
 * Extract people: propose name candidates from runs of capitalised words, keep those with
 * evidence, attach roles, then merge the forms of one person.
 *
 *   tokens ─► runs of name words ─► split at titles, honorifics, organisations, places,
 *   (once)    ("CNES President        never-name words              │
 *             Jean-Yves Le Gall")                                     ▼
 *   evidence: given name, honorific, title before/after, speech verb, contact block, credit
 *             ─► roles (title + organisation) ─► merge forms ("Le Gall", "J.-Y. Le Gall")
 *
 * Organisations and places found by the earlier stages are never people, and a name followed by
 * "Space Telescope", "Prize", "rover" or preceded by "rue", "prix", "Mount" names a thing.
 */
import { TAGGER_BUDGET, sentenceAround, taggedAsPerson } from './tagger.js';
import { warn, type Document, type Language, type Mention, type Organisation, type Person, type Place, type Role } from '../../../document.js';
import type { Rules } from '../../../rules/index.js';
import { fold } from '../../../text/unicode.js';
import { findContactZones, zoneAt, type ContactZone } from '../contacts/zones.js';
import type { Evidence, PeopleRules } from './rules.js';
import { CAPITAL_PARTICLES, titleCase, tokenize, type Token } from './tokens.js';
import { ARTICLES, titleAfter, titleBefore, type Context, type FoundRole } from './roles.js';

export interface PeopleResult {
  people: Person[];
  /** Rule ids behind each person (same order). */
  rulesOf: string[][];
  zones: ContactZone[];
  /** Problems worth a look: a bare surname that two people of the release share. */
  warnings: Array<{ message: string; rule: string; start: number; end: number }>;
}

export function extractPeople(doc: Document, rules: Rules): void {
  const result = findPeople(doc.text, doc.language, doc.entities.organisations, doc.entities.places, rules.people);
  doc.entities.people = result.people;
  for (const w of result.warnings) warn(doc, { stage: 'people', ...w });
}

interface Candidate {
  start: number;
  end: number;
  name: string;
  /** The name as written, when it differs from `name` ("DUSSUTOUR Audrey"). */
  written: string;
  /** Folded name words. */
  keys: string[];
  /** How many leading words are given names or initials. */
  given: number;
  evidence: Set<Evidence>;
  roles: Role[];
  /** A nickname written in brackets inside the name ("Gio"). */
  nickname?: string | undefined;
}

interface Draft {
  name: string;
  keys: string[];
  given: number;
  aliases: string[];
  roles: Role[];
  mentions: Mention[];
  evidence: Set<Evidence>;
}

let cache: { text: string; tokens: Token[] } | undefined;
/** Tokens of a text, kept for the next stage that asks for the same text (contacts). */
export function tokensOf(text: string): Token[] {
  if (cache?.text !== text) cache = { text, tokens: tokenize(text) };
  return cache.tokens;
}

/** Index of the mention each token falls in (-1 for none). */
export function spanIndex(tokens: Token[], spans: Array<{ start: number; end: number; owner: number }>): Int32Array {
  const out = new Int32Array(tokens.length).fill(-1);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    while (s < sorted.length && sorted[s]!.end <= t.start) s++;
    for (let k = s; k < sorted.length && sorted[k]!.start < t.end; k++) {
      if (sorted[k]!.end > t.start) {
        out[i] = sorted[k]!.owner;
        break;
      }
    }
  }
  return out;
}

function mentionSpans(entities: Array<{ mentions: Mention[] }>) {
  return entities.flatMap((e, owner) => e.mentions.map((m) => ({ start: m.start, end: m.end, owner })));
}

/** The people of a text (the stage without the Document around it, for tests and tools). */
export function findPeople(text: string, language: Language | null, organisations: Organisation[], places: Place[], rules: PeopleRules): PeopleResult {
  const tokens = tokensOf(text);
  const orgAt = spanIndex(tokens, mentionSpans(organisations));
  const placeAt = spanIndex(tokens, mentionSpans(places));
  const zones = findContactZones(text, tokens, orgAt, organisations, rules);
  const ctx: Context = { text, tokens, orgAt, placeAt, organisations, rules };
  let taggerCalls = 0;
  const headingCache = new Map<number, boolean>();
  const isHeading = (line: number, index: number) => {
    let h = headingCache.get(line);
    if (h === undefined) headingCache.set(line, (h = headingLine(text, tokens, index)));
    return h;
  };

  const candidates: Candidate[] = [];
  /** Token index of a nickname inside a name run ("Gio" in "Giordano (Gio) Albertazzi") -> the nickname. */
  const nicknames = new Map<number, string>();
  const nameable = (t: Token) => t.kind === 'cap' || t.kind === 'upper' || t.kind === 'initial' || t.kind === 'particle';
  const joined = (a: Token, b: Token) => {
    if (a.line !== b.line) return false;
    const gap = text.slice(a.end, b.start);
    if (gap === ' ' || gap === '\u00A0' || gap === '\u202F') return true;
    if (gap === '' && a.kind === 'particle' && /['’]$/.test(a.raw)) return true;
    return a.dot && (gap === '. ' || gap === '.\u00A0') && (a.kind === 'initial' || isHonorific(a));
  };

  function readRun(first: number, last: number): void {
    let seg: number[] = [];
    let honorific = false;
    let thing = false;
    const flush = () => {
      if (seg.length) evaluate(seg, honorific, thing);
      seg = [];
      honorific = false;
      thing = false;
    };
    for (let k = first; k <= last; k++) {
      const t = tokens[k]!;
      if (nicknames.has(k)) continue;
      if (isHonorific(t) && k < last && (t.dot || t.raw.length > 1) && !(t.kind === 'initial' && seg.length > 0)) {
        flush();
        honorific = true;
        continue;
      }
      // a capitalised speech verb opening a sentence before a given name or one word ("Said Lilly, ...")
      if (seg.length === 0 && k < last && t.kind === 'cap' && rules.speechVerbs.matchAt(tokens, k) === 1 && (k + 1 === last || isGiven(tokens[k + 1]!) || isWeakGiven(tokens[k + 1]!)) && sentenceStart(t.start)) continue;
      // "Bruno Le Maire": after a capitalised particle a title word is a surname
      const afterParticle = seg.length > 1 && CAPITAL_PARTICLES.has(tokens[seg[seg.length - 1]!]!.key);
      const title = t.kind === 'particle' || afterParticle ? 0 : titleAt(k, last);
      if (title > 0) {
        flush();
        k += title - 1;
        continue;
      }
      if (orgAt[k]! >= 0) {
        flush();
        continue;
      }
      const before = rules.thingsBefore.matchAt(tokens, k);
      if (before > 0 && k + before <= last && t.kind === 'cap') {
        flush();
        thing = true;
        k += before - 1;
        continue;
      }
      if (rules.notNameWords.has(t.key) && t.kind !== 'initial') {
        flush();
        continue;
      }
      // a place name is no name, except a given name that is also a place ("Florence Lièvre") and a
      // surname that is also a place right after a given name ("Stéphane Israël")
      const givenBefore = seg.length > 0 && isGiven(tokens[seg[seg.length - 1]!]!);
      if (placeAt[k]! >= 0 && !givenBefore && !((isGiven(t) || isWeakGiven(t)) && k < last && placeAt[k + 1]! < 0 && seg.length === 0)) {
        flush();
        continue;
      }
      seg.push(k);
    }
    flush();
  }

  /** Length of a capitalised title inside a run ("President", "Chief Executive Officer"). */
  function titleAt(k: number, last: number): number {
    let m = 0;
    for (let guard = 0; guard < 3; guard++) {
      const n = rules.titleModifiers.matchAt(tokens, k + m);
      if (n === 0 || k + m + n > last) break;
      m += n;
    }
    const n = rules.titles.matchAt(tokens, k + m);
    if (n > 0 && k + m + n - 1 <= last) return m + n;
    // a title that goes on in lower case after the run ("Jane Doe Head of Communications")
    if (n > 0 && k + m <= last) return last - k + 1;
    return 0;
  }

  function isHonorific(t: Token): boolean {
    const langs = rules.honorifics.get(t.raw);
    return !!langs && (language === null || langs.has(language));
  }

  function isGiven(t: Token): boolean {
    if (rules.givenNames.has(t.key)) return true;
    const dash = t.key.indexOf('-');
    return dash > 0 && rules.givenNames.has(t.key.slice(0, dash));
  }
  function isWeakGiven(t: Token): boolean {
    return rules.ambiguousGivenNames.has(t.key);
  }

  function evaluate(segIn: number[], honorific: boolean, thing: boolean): void {
    // one word is a name only after an honorific: most runs stop here
    if (thing || (segIn.length < 2 && !honorific)) return;
    const seg = [...segIn];
    while (seg.length && tokens[seg[0]!]!.kind === 'particle') seg.shift();
    while (seg.length && tokens[seg[seg.length - 1]!]!.kind === 'particle') seg.pop();
    // a capitalised particle opening a run is dropped ("Le Gall" at a sentence start keeps its
    // surname), but not a given name written like one before a surname ("Ben Wright", "Al Gore")
    const givenParticle = (k: number) => isGiven(tokens[k]!) && seg.length === 2 && tokens[seg[1]!]!.kind === 'cap' && !CAPITAL_PARTICLES.has(tokens[seg[1]!]!.key);
    if (!honorific) while (seg.length > 1 && CAPITAL_PARTICLES.has(tokens[seg[0]!]!.key) && tokens[seg[0]!]!.kind === 'cap' && !givenParticle(seg[0]!)) seg.shift();
    // leading acronyms not known as organisations ("XYZ John Smith")
    while (seg.length > 2 && tokens[seg[0]!]!.kind === 'upper' && tokens.slice(seg[1]!, seg[seg.length - 1]! + 1).some((t) => t.kind === 'cap')) seg.shift();
    if (seg.length === 0 || thing) return;
    // one word is a name only after an honorific ("M. Dupont", "Dr. Bello"): most runs stop here
    if (seg.length === 1 && !honorific) return;
    const toks = seg.map((k) => tokens[k]!);
    const first = toks[0]!;
    const heading = isHeading(first.line, first.index);
    const credit = inCredit(seg[0]!);
    const zone = zoneAt(zones, first.start);
    const contact = (zone !== undefined && lineStartOrLabel(seg[0]!)) || afterContactLabel(seg[0]!);

    // the name's shape: reversed credit "DUSSUTOUR Audrey", all capitals, or natural order
    let words = toks;
    let reversed = false;
    if (toks.length === 2 && first.kind === 'upper' && toks[1]!.kind === 'cap' && (isGiven(toks[1]!) || isWeakGiven(toks[1]!)) && first.raw.length > 2) {
      words = [toks[1]!, first];
      reversed = true;
    } else if (toks.length === 2 && first.kind === 'cap' && toks[1]!.kind === 'initial' && toks[1]!.raw.length === 1 && toks[1]!.dot && (credit || referenceList(first.start))) {
      // reference lists and credits: "Okafor C., Martin P. et Durand L." -> "C. Okafor"
      words = [toks[1]!, first];
      reversed = true;
    }
    const core = words.filter((t) => t.kind !== 'particle' && !(t.kind === 'cap' && CAPITAL_PARTICLES.has(t.key) && t !== words[words.length - 1]));
    const allUpper = core.every((t) => t.kind === 'upper' || t.kind === 'initial');
    const g0 = words[0]!;
    const strongGiven = isGiven(g0) || (g0.kind === 'initial' && !/^[IVX]$/.test(g0.raw) && core.length >= 2 && core[core.length - 1]!.kind === 'cap');
    const weakGiven = isWeakGiven(g0);

    // given names and initials first, then at most two surname words (one in headings)
    let given = 0;
    while (given < words.length - 1 && (given === 0 ? strongGiven || weakGiven : isGiven(words[given]!) || words[given]!.kind === 'initial') && words[given]!.kind !== 'particle') given++;
    let keep = words.length;
    if (!reversed && given > 0) {
      let surnames = 0;
      for (let k = given; k < words.length; k++) {
        const w = words[k]!;
        if (w.kind === 'particle' || (w.kind === 'cap' && CAPITAL_PARTICLES.has(w.key) && k + 1 < words.length)) continue;
        surnames++;
        if (surnames > (heading ? 1 : 2)) {
          keep = k;
          break;
        }
      }
    }
    words = words.slice(0, keep);
    // credentials after a name ("Lorenzo P. Gaudioso CFP"): capitals after two name words
    while (!reversed && words.length > 2 && words[words.length - 1]!.kind === 'upper' && words[words.length - 2]!.kind === 'cap' && !allCapsName(words)) words.pop();
    // a heading verb after a name ("David Schneider Interviews ...", "Scott Addresses Crime"): a
    // word ending in -s that the text also writes in lower case
    while (!reversed && words.length > 2 && words[words.length - 1]!.kind === 'cap' && words[words.length - 2]!.kind === 'cap' && words[words.length - 1]!.key.endsWith('s') && lowerWords().has(words[words.length - 1]!.key)) words.pop();
    // ... also inside the run, before the heading's object ("SCOTT ADDRESSES CRIME REDUCTION",
    // "Mayor Adams Announces New Plan"): the name ends before the verb
    if (!reversed && given > 0 && words.length > 2) {
      for (let k = 1; k < words.length; k++) {
        const w = words[k]!;
        if ((w.kind === 'cap' || w.kind === 'upper') && w.key.length > 3 && w.key.endsWith('s') && !isGiven(w) && (rules.headingVerbs.has(w.key) || (k < words.length - 1 && lowerWords().has(w.key)))) {
          words = words.slice(0, k);
          break;
        }
      }
      if (words.length < 2 && !honorific) return;
    }
    if (reversed) words = [words[0]!, words[1]!];
    const lastTok = reversed ? first : words[words.length - 1]!;
    const lastIdx = (reversed ? toks[1]! : lastTok).index;
    const startTok = reversed ? first : words[0]!;
    const coreCount = words.filter((t) => t.kind !== 'particle').length;

    // things named after people
    const nextIdx = lastIdx + 1;
    const next = tokens[nextIdx];
    if (next && next.line === lastTok.line && /^[ \u00A0]$/.test(text.slice(tokens[lastIdx]!.end, next.start)) && rules.thingsAfter.matchAt(tokens, nextIdx) > 0) return;
    const prevIdx = startTok.index - 1;
    if (prevIdx >= 0 && !honorific && rules.thingsBefore.matchEndingAt(tokens, prevIdx) > 0 && (/^[ \u00A0]$/.test(text.slice(tokens[prevIdx]!.end, startTok.start)) || abbreviatedPlace(prevIdx, startTok))) return;

    // a surname that is a company or place word ("Nicola Mining", "Kelly Intelligence")
    if (!(strongGiven && (contact || credit)) && !honorific) {
      for (let w = Math.max(1, given); w < words.length; w++) {
        // after a particle the word is a surname ("Bernard de La Tour d'Artaise")
        const p = words[w - 1]!;
        if (p.kind === 'particle' || CAPITAL_PARTICLES.has(p.key)) continue;
        if (rules.thingsAfter.matchAt(tokens, words[w]!.index) === 1 && !rules.surnamesLikeWords.has(words[w]!.key)) return;
      }
    }

    const name = words
      .map((w, k) => {
        const raw = k === words.length - 1 ? w.raw.replace(/['’]s$/, '') : w.raw;
        if (w.kind === 'upper' && raw.length > 1) return titleCase(raw);
        if (w.kind === 'initial') return raw + '.';
        return raw;
      })
      .reduce((acc, w) => (acc === '' ? w : /['’]$/.test(acc) ? acc + w : `${acc} ${w}`), '');
    const keys = name.split(/ |(?<=['’])/).map((w) => fold(w).replace(/\.$/, ''));
    if (rules.notPeople.has(keys.join(' ')) || (keys.length > 2 && rules.notPeople.has(keys.slice(0, 2).join(' ')))) return;

    // a run right after a word glued by a flattened page ("FounderBorhes Antonio Feitoza") has lost
    // its first word: what remains is no evidence of a name
    const glued = tokens[Math.min(startTok.index, seg[0]!) - 1];
    if (glued && glued.kind === 'other' && glued.line === startTok.line && text.slice(glued.end, Math.min(startTok.start, first.start)) === ' ' && GLUED_WORDS.test(glued.raw)) return;

    const evidence = new Set<Evidence>();
    const startIdx = startTok.index;
    const spanStart = Math.min(startTok.start, first.start);
    const spanEnd = Math.max(tokens[lastIdx]!.end, reversed ? toks[1]!.end : 0);
    const before = titleBefore(ctx, Math.min(startIdx, seg[0]!));
    const after = titleBeforeNextName(titleAfter(ctx, lastIdx));
    const speech = speechNear(Math.min(startIdx, seg[0]!), lastIdx);
    // link texts ("[Reddit Post](...)") are names only with a given name
    const linkText = text[spanStart - 1] === '[';
    const cueOnlyOk = coreCount >= 2 && coreCount <= 4 && !linkText && words.every((w) => w.kind !== 'upper' || credit || contact);
    // a title and a comma before a name without a given name is often a list of titles
    // ("Wealth Advisor, Retirement Plan Advisor"): it counts after "the", "our", "le" or an organisation
    const beforeCue =
      before !== null &&
      (!text.slice(tokens[Math.min(startIdx, seg[0]!) - 1]!.end, startTok.start).startsWith(',') ||
        (before.start > 0 && (ARTICLES.has(tokens[before.start - 1]!.key) || orgAt[before.start - 1]! >= 0)) ||
        strongGiven);

    // "(CEO, Kelly Intelligence)": the slot after a role and a comma holds an organisation
    if (before && orgSlot(Math.min(startIdx, seg[0]!))) return;
    // a title after a bare space ends an "Acme CEO" organisation, not a name
    const afterCue = after !== null && !/^[ \u00A0]$/.test(text.slice(tokens[lastIdx]!.end, tokens[lastIdx + 1]!.start));
    if (coreCount >= 2) {
      if (allUpper && (!(credit || contact || honorific || before || after) || !(strongGiven || weakGiven))) return;
      if (strongGiven) evidence.add('given-name');
      if (honorific) evidence.add('honorific');
      if (cueOnlyOk || evidence.size || weakGiven) {
        if (heading && !evidence.size && !(contact || credit)) return;
        if (beforeCue) evidence.add('title-before');
        if (afterCue || (after && evidence.size)) evidence.add('title-after');
        if (speech) evidence.add('speech-verb');
        if (contact) evidence.add('contact-block');
        if (credit) evidence.add('credit');
      }
      // a given name that is also a word or a place needs another cue, or prose around it
      if (weakGiven && !strongGiven && evidence.size === 0 && !heading && !sentenceStart(spanStart) && surnameRepeated(words)) evidence.add('given-name');
      // English: compromise reads the sentence as a second opinion on a given name that is also a word
      if (weakGiven && !strongGiven && evidence.size === 0 && !heading && language === 'en' && taggerCalls < TAGGER_BUDGET) {
        taggerCalls++;
        if (taggedAsPerson(sentenceAround(text, spanStart, spanEnd), name)) evidence.add('given-name');
      }
    } else if (coreCount === 1 && honorific && words[0]!.kind === 'cap' && !isGiven(words[0]!) && !CAPITAL_PARTICLES.has(words[0]!.key)) {
      evidence.add('honorific');
    }
    if (evidence.size === 0) return;
    // "the" right before a run without a given name or honorific names a thing ("the American Red
    // Cross said", "the United States District Court said")
    if (!strongGiven && !honorific && !beforeCue && theBefore(startTok.index)) return;
    // a brand named after a person ("Ralph Lauren", "Hugo Boss") is the person only with a cue
    // that speaks of a person: a title, a quote, an honorific, a contact block
    if (rules.eponymousBrands.has(keys.join(' ')) && !PERSON_CUES.some((e) => evidence.has(e))) return;
    // without a given name or an honorific, a word the text also writes in lower case is a common
    // word, not a name ("Commercial Area", "Me First Living" at the head of a contact block)
    if (!strongGiven && !weakGiven && !honorific && words.some((w) => w.kind === 'cap' && lowerWords().has(w.key))) return;

    const roles: Role[] = [];
    for (const r of [before, after]) {
      if (!r) continue;
      const role: Role = { title: r.title };
      const org = r.organisation ?? (zone && after === r ? zone.organisation : undefined);
      if (org) role.organisation = org;
      roles.push(role);
    }
    let written = text.slice(spanStart, spanEnd);
    const nickname = words.length > 1 ? nicknames.get(words[0]!.index + 1) : undefined;
    if (nickname) written = name;
    // "Okafor C." as written, with the full stop of its initial
    else if (reversed && first.kind === 'cap') written += '.';
    candidates.push({ start: spanStart, end: spanEnd, name, written, keys, given: Math.min(given, keys.length - 1), evidence, roles, nickname });
  }

  /** "the" before the capitalised run that ends at token i - 1 ("the American Red Cross"). */
  function theBefore(i: number): boolean {
    let p = i - 1;
    const spaced = (a: Token, b: Token) => a.line === b.line && /^[ \u00A0]$/.test(text.slice(a.end, b.start));
    while (p >= 0 && (tokens[p]!.kind === 'cap' || tokens[p]!.kind === 'upper') && tokens[p]!.key !== 'the' && spaced(tokens[p]!, tokens[p + 1]!)) p--;
    return p >= 0 && tokens[p]!.key === 'the' && spaced(tokens[p]!, tokens[p + 1]!);
  }

  /**
   * A title after a name that opens the next name ("for Modern Recipe, Chef Brooke Williamson")
   * is that name's title, not this one's: none.
   */
  function titleBeforeNextName(r: FoundRole | null): FoundRole | null {
    if (!r) return r;
    const end = tokens[r.start]!.start + r.title.length;
    let k = r.start;
    while (k < tokens.length && tokens[k]!.start < end) k++;
    const last = tokens[k - 1]!;
    const next = tokens[k];
    if (next && next.line === last.line && next.kind === 'cap' && (isGiven(next) || isWeakGiven(next)) && /^[ \u00A0]$/.test(text.slice(last.end, next.start))) return null;
    return r;
  }

  /**
   * A place abbreviation with its full stop before the run ("St. Louis Blues", "Mt. Hood"), not
   * itself after a capitalised word ("Main St. John Smith" ends a street name).
   */
  function abbreviatedPlace(prevIdx: number, startTok: Token): boolean {
    const p = tokens[prevIdx]!;
    if (!p.dot || p.kind !== 'cap' || p.raw.length > 3 || p.line !== startTok.line) return false;
    const gap = text.slice(p.end, startTok.start);
    if (gap !== '. ' && gap !== '.\u00A0') return false;
    const q = tokens[prevIdx - 1];
    return !(q && q.line === p.line && (q.kind === 'cap' || q.kind === 'upper') && /^[ \u00A0]$/.test(text.slice(q.end, p.start)));
  }

  /** Two or more "Surname X." forms on the line of `offset`: a reference or author list. */
  function referenceList(offset: number): boolean {
    const a = text.lastIndexOf('\n', offset - 1) + 1;
    let b = text.indexOf('\n', offset);
    if (b === -1) b = text.length;
    return (text.slice(a, b).match(REFERENCE_FORM) ?? []).length >= 2;
  }

  /** The title before a name follows "(" or ", ": "(CEO, Kelly Intelligence)", "Jane Doe, CEO, Acme Labs". */
  function orgSlot(startIdx: number): boolean {
    const gap = text.slice(tokens[startIdx - 1]!.end, tokens[startIdx]!.start);
    if (!gap.startsWith(',')) return false;
    let s = startIdx - 1;
    while (s > 0 && tokens[s - 1]!.line === tokens[s]!.line && (rules.titles.matchEndingAt(tokens, s - 1) > 0 || rules.titleModifiers.matchEndingAt(tokens, s - 1) > 0) && /^[ \u00A0]$/.test(text.slice(tokens[s - 1]!.end, tokens[s]!.start))) s--;
    const lead = text.slice(Math.max(0, tokens[s]!.start - 2), tokens[s]!.start);
    return /(?:\(|,[ \u00A0])$/.test(lead);
  }

  /** The surname comes back alone elsewhere in the text ("Grant Shapps ... Shapps said"). */
  let lowerSet: Set<string> | undefined;
  function lowerWords(): Set<string> {
    if (!lowerSet) {
      lowerSet = new Set();
      for (const t of tokens) {
        if (t.kind === 'cap' || t.kind === 'upper' || t.raw.length < 3 || !startsLower(t.raw) || t.raw.includes('.')) continue;
        // parts of e-mail addresses and links are not words of the text
        const p = t.start > 0 ? text.charCodeAt(t.start - 1) : 0;
        const n = text.charCodeAt(t.end);
        if (p === 64 || p === 47 || p === 46 || n === 64 || n === 47) continue;
        lowerSet.add(t.key);
      }
    }
    return lowerSet;
  }

  let rawCounts: Map<string, number> | undefined;
  function surnameRepeated(words: Token[]): boolean {
    if (!rawCounts) {
      rawCounts = new Map();
      for (const t of tokens) if (t.kind === 'cap') rawCounts.set(t.raw, (rawCounts.get(t.raw) ?? 0) + 1);
    }
    return (rawCounts.get(words[words.length - 1]!.raw) ?? 0) >= 2;
  }

  function speechNear(startIdx: number, lastIdx: number): boolean {
    const p = startIdx - 1;
    if (p >= 0 && rules.speechVerbs.matchEndingAt(tokens, p) > 0 && /^,?[ \u00A0]$/.test(text.slice(tokens[p]!.end, tokens[startIdx]!.start))) return true;
    const n = lastIdx + 1;
    return n < tokens.length && rules.speechVerbs.matchAt(tokens, n) > 0 && /^,?[ \u00A0]$/.test(text.slice(tokens[lastIdx]!.end, tokens[n]!.start));
  }

  /** In a photo credit: a credit marker earlier on the line, and a separator right before. */
  function inCredit(k: number): boolean {
    const t = tokens[k]!;
    const sep = text.slice(Math.max(0, t.start - 3), t.start);
    if (!/[/©:,(][ \u00A0]?$/.test(sep) && !/©\s*$/.test(sep)) return false;
    for (let p = k - 1; p >= 0 && p >= k - 12 && tokens[p]!.line === t.line; p--) {
      if (rules.creditMarkers.matchAt(tokens, p) > 0) return true;
    }
    return false;
  }

  function lineStartOrLabel(k: number): boolean {
    const t = tokens[k]!;
    const lineStart = text.lastIndexOf('\n', t.start - 1) + 1;
    const lead = text.slice(lineStart, t.start);
    if (/^[\s*•·>|-]*$/.test(lead)) return true;
    return afterContactLabel(k);
  }

  /** "Contact: Jane Doe", "Contact Name: Jane Doe", "Nom : Jean Dupont". */
  function afterContactLabel(k: number): boolean {
    const t = tokens[k]!;
    const sep = text.slice(Math.max(0, t.start - 3), t.start);
    if (!/[:：][ \u00A0]*$/.test(sep)) return false;
    for (let len = 1; len <= 3 && k - len >= 0; len++) {
      if (rules.contactLabels.matchAt(tokens, k - len) === len) return true;
    }
    return false;
  }

  function sentenceStart(offset: number): boolean {
    const before = text.slice(Math.max(0, offset - 4), offset);
    return offset === 0 || /(?:^|[.!?:\n]["“”'’»«)]?\s*|\n\s*)$/.test(before);
  }

  /** "Giordano (Gio) Albertazzi": a one-word nickname in brackets between a given name and a surname. */
  function nicknameAt(j: number): boolean {
    const a = tokens[j];
    const n = tokens[j + 1];
    const b = tokens[j + 2];
    if (!a || !n || !b || a.kind !== 'cap' || n.kind !== 'cap' || b.kind !== 'cap' || a.line !== b.line) return false;
    // the given name is known, or the nickname is ("Bill"), or it is a short form of the given name ("Gio")
    if (!(isGiven(a) || isWeakGiven(a) || isGiven(n) || isWeakGiven(n) || (n.key.length < a.key.length && a.key.startsWith(n.key.slice(0, 2))))) return false;
    const open = text.slice(a.end, n.start);
    const close = text.slice(n.end, b.start);
    return (open === ' (' || open === ' "' || open === ' “') && (close === ') ' || close === '" ' || close === '” ');
  }

  // runs of name words, each read once (after every helper above is defined)
  for (let i = 0; i < tokens.length; i++) {
    if (!nameable(tokens[i]!) || tokens[i]!.kind === 'particle') continue;
    let j = i;
    for (;;) {
      while (j + 1 < tokens.length && nameable(tokens[j + 1]!) && joined(tokens[j]!, tokens[j + 1]!)) j++;
      if (!nicknameAt(j)) break;
      nicknames.set(j + 1, tokens[j + 1]!.raw);
      j += 2;
    }
    // a run of one word is never a name (one word needs an honorific before it, in the same run)
    if (j > i) readRun(i, j);
    i = j;
  }

  return resolve(candidates, text, tokens, orgAt, placeAt, language, rules, zones);
}

/** Two words glued together by a flattened page: "FounderBorhes", "ContactJane" (not "McDonald", a 'cap'). */
const GLUED_WORDS = /^\p{Lu}?\p{Ll}{2,}\p{Lu}\p{Ll}{2,}$/u;
/** "Okafor C." in a reference or author list (global: counted per line). */
const REFERENCE_FORM = /\p{Lu}[\p{Ll}\p{M}'’-]+[ \u00A0]\p{Lu}\.(?=[\s,;)]|$)/gu;
/** Evidence that a brand-like name is the person: everything but a given name. */
const PERSON_CUES: Evidence[] = ['honorific', 'title-before', 'title-after', 'speech-verb', 'contact-block', 'credit'];

/** The word starts with a lower-case letter (ASCII read without the Unicode regex). */
function startsLower(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  return /^\p{Ll}/u.test(raw);
}

/** Every word in capitals or initials ("BRIAN DOUGLAS AUSTIN"). */
function allCapsName(words: Token[]): boolean {
  return words.every((w) => w.kind === 'upper' || w.kind === 'initial' || w.kind === 'particle');
}

/** A line written in Title Case ("Greg Steele Announces Candidacy For City Council") is a heading. */
function headingLine(text: string, tokens: Token[], index: number): boolean {
  let i = index;
  const line = tokens[i]!.line;
  while (i > 0 && tokens[i - 1]!.line === line) i--;
  let caps = 0;
  let lower = 0;
  let k = i;
  for (; k < tokens.length && tokens[k]!.line === line; k++) {
    const t = tokens[k]!;
    if (t.raw.length < 4) continue;
    if (t.kind === 'cap' || t.kind === 'upper') caps++;
    else if (t.kind === 'other' && startsLower(t.raw)) lower++;
  }
  // a sentence ends with a full stop; a heading does not
  const lastTok = tokens[k - 1]!;
  if (/^[.!?]/.test(text.slice(lastTok.end, lastTok.end + 1))) return false;
  return caps >= 3 && caps >= 3 * lower;
}

function nameWord(t: Token | undefined): boolean {
  return !!t && (t.kind === 'cap' || t.kind === 'upper');
}

/** Merges the forms of one person and finds later surname-only mentions. */
function resolve(candidates: Candidate[], text: string, tokens: Token[], orgAt: Int32Array, placeAt: Int32Array, language: Language | null, rules: PeopleRules, zones: ContactZone[]): PeopleResult {
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  // full names first ("Rian A. Maercks", "Rian Maercks" are one person), then honorific-only
  // forms ("M. Le Gall", "Mr. Maercks") joined to the one person whose name ends with them
  const partial = (c: Candidate) => c.given === 0 && c.evidence.size === 1 && c.evidence.has('honorific');
  for (const c of candidates) {
    if (partial(c)) continue;
    const key = c.keys.join(' ');
    let d = byKey.get(key) ?? drafts.find((x) => sameSurname(x, c) && compatibleGiven(x, c));
    if (!d) {
      d = { name: c.name, keys: c.keys, given: c.given, aliases: [], roles: [], mentions: [], evidence: new Set() };
      drafts.push(d);
    } else if (c.keys.length > d.keys.length || (c.keys.length === d.keys.length && c.keys.join('').length > d.keys.join('').length)) {
      d.aliases.push(d.name);
      d.name = c.name;
      d.keys = c.keys;
      d.given = c.given;
    } else if (c.name !== d.name) d.aliases.push(c.name);
    byKey.set(key, d);
    addCandidate(d, c);
  }
  for (const c of candidates.filter(partial).sort((a, b) => b.keys.length - a.keys.length || a.start - b.start)) {
    const key = c.keys.join(' ');
    const owners = drafts.filter((d) => d.keys.length > c.keys.length && d.keys.slice(d.keys.length - c.keys.length).join(' ') === key);
    let d = owners.length === 1 ? owners[0] : (byKey.get(key) ?? drafts.find((x) => sameSurname(x, c) && compatibleGiven(x, c)));
    if (!d) {
      d = { name: c.name, keys: c.keys, given: 0, aliases: [], roles: [], mentions: [], evidence: new Set() };
      drafts.push(d);
      byKey.set(key, d);
    } else if (c.name !== d.name) d.aliases.push(c.name);
    addCandidate(d, c);
  }

  // later mentions by surname alone ("Le Gall", "Ezzat"), when only one person has that surname
  const surnameCount = new Map<string, number>();
  for (const d of drafts) surnameCount.set(surnameKey(d), (surnameCount.get(surnameKey(d)) ?? 0) + 1);
  const taken = drafts.flatMap((d) => d.mentions).sort((a, b) => a.start - b.start);
  const bySurnameStart = new Map<string, Array<{ d: Draft; sk: string[] }>>();
  const warnings: PeopleResult['warnings'] = [];
  const lang = language ?? 'en';
  const shared = new Map<string, string[]>();
  for (const d of drafts) {
    if (d.keys.length < 2) continue;
    const sk = d.keys.slice(d.given);
    const surname = surnameKey(d);
    if (sk.length === 1 && (surnameCount.get(surname) ?? 0) > 1) shared.set(sk[0]!, [...(shared.get(sk[0]!) ?? []), d.name]);
    if (surnameCount.get(surname) !== 1 || surname.length < 3 || rules.givenNames.has(surname) || rules.notNameWords.has(surname) || rules.ambiguousGivenNames.has(surname)) continue;
    const list = bySurnameStart.get(sk[0]!) ?? [];
    list.push({ d, sk });
    bySurnameStart.set(sk[0]!, list);
  }
  const glued = (x: Token | undefined, y: Token | undefined) => !!x && !!y && x.line === y.line && /^[ \u00A0]$/.test(text.slice(x.end, y.start));
  for (let i = 0; (bySurnameStart.size > 0 || shared.size > 0) && i < tokens.length; i++) {
    const a = tokens[i]!;
    if (a.kind !== 'cap') continue;
    const owners = shared.get(a.key);
    if (owners && !taken.some((m) => m.start <= a.start && m.end >= a.end) && !(nameWord(tokens[i - 1]) && glued(tokens[i - 1], a)) && !(nameWord(tokens[i + 1]) && glued(a, tokens[i + 1]))) {
      warnings.push({ message: `"${a.raw}" alone may be any of ${owners.join(', ')}: left unlinked`, rule: `person.${lang}.surname-alias`, start: a.start, end: a.end });
    }
    const list = bySurnameStart.get(a.key);
    if (!list) continue;
    for (const { d, sk } of list) {
      if (i + sk.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < sk.length && ok; k++) ok = tokens[i + k]!.key === sk[k] && tokens[i + k]!.line === a.line;
      if (!ok) continue;
      const b = tokens[i + sk.length - 1]!;
      if (orgAt[i]! >= 0 || placeAt[i]! >= 0) continue;
      if (taken.some((m) => m.start < b.end && m.end > a.start)) continue;
      const prev = tokens[i - 1];
      const next = tokens[i + sk.length];
      if (prev && (prev.kind === 'cap' || prev.kind === 'upper') && glued(prev, a) && !rules.honorifics.has(prev.raw)) continue;
      if (next && (next.kind === 'cap' || next.kind === 'upper') && glued(b, next)) continue;
      const written = text.slice(a.start, b.end);
      d.mentions.push({ start: a.start, end: b.end });
      if (written !== d.name) d.aliases.push(written);
      d.evidence.add('surname-alias');
    }
  }

  const kept = drafts.filter((d) => d.mentions.length > 0);
  for (const d of kept) d.mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  kept.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
  void zones;
  return {
    people: kept.map((d) => ({
      name: d.name,
      aliases: [...new Set(d.aliases)].filter((a) => a !== d.name),
      roles: d.roles,
      mentions: d.mentions,
    })),
    rulesOf: kept.map((d) => [...d.evidence].map((e) => `person.${lang}.${e}`)),
    zones,
    warnings,
  };
}

function addCandidate(d: Draft, c: Candidate): void {
  if (!d.mentions.some((m) => m.start === c.start)) d.mentions.push({ start: c.start, end: c.end });
  if (c.written !== c.name && c.written !== d.name) d.aliases.push(c.written);
  if (c.nickname) d.aliases.push(c.nickname);
  c.evidence.forEach((e) => d.evidence.add(e));
  for (const r of c.roles) {
    const same = d.roles.find((x) => fold(x.title) === fold(r.title) && (x.organisation === r.organisation || !x.organisation || !r.organisation));
    if (!same) d.roles.push(r);
    else if (!same.organisation && r.organisation) same.organisation = r.organisation;
  }
}

function surnameKey(d: { keys: string[]; given: number }): string {
  return d.keys.slice(d.keys.length === 1 ? 0 : Math.max(1, d.given)).join(' ');
}

function sameSurname(a: Draft, c: Candidate): boolean {
  return a.keys.length >= 2 && c.keys.length >= 2 && a.keys[a.keys.length - 1] === c.keys[c.keys.length - 1];
}

/** "J.-Y." fits "Jean-Yves", "John F." fits "John". */
function compatibleGiven(a: Draft, c: Candidate): boolean {
  const ga = a.keys.slice(0, 1);
  const gc = c.keys.slice(0, 1);
  const initials = (ks: string[]) => ks.join('-').split(/[-.\s]+/).filter(Boolean).map((k) => k[0]).join('');
  // the same first name, or a short form of it ("Rob" and "Robert")
  if (ga[0] === gc[0] || (ga[0]!.length >= 3 && gc[0]!.length >= 3 && (ga[0]!.startsWith(gc[0]!) || gc[0]!.startsWith(ga[0]!)))) return true;
  const ia = initials(ga);
  const ic = initials(gc);
  const isInit = (ks: string[]) => ks.every((k) => /^[a-z](?:\.-?[a-z])*$/.test(k));
  return (isInit(ga) || isInit(gc)) && (ia.startsWith(ic) || ic.startsWith(ia));
}
