/**
 * The locale parser: runs the rules of one language over the text and collects what the
 * productions propose (chrono-node's parsers; they may overlap, refiners sort that out).
 * Anchored rules are tried only where they can start (anchors.ts); the others scan the text.
 */
import { PRODUCTIONS, type ProductionContext } from './productions.js';
import type { Candidate } from './candidate.js';
import type { CompiledRule, LocaleRules } from './rules.js';
import { scanAnchors } from './anchors.js';

const IN_WORD = /[\p{L}\p{N}\p{M}]/u;
const LETTER = /[\p{L}\p{M}]/u;
/** Places where anchored rules may start: a position and the indices of the rules to try there. */
export interface AnchorHit {
  at: number;
  rules: number[];
}

/** One pass over the text for the anchors of `locale`'s rules. */
export function anchorHits(text: string, locale: LocaleRules): AnchorHit[] {
  const { words, digitRules } = locale.anchors;
  if (!words) return anchorHitsByRegex(text, locale);
  const hits: AnchorHit[] = [];
  // The exact (Unicode) boundaries, which the scan only reads with Latin letters: only characters
  // beyond Latin need the Unicode test (the scan has already ruled out Latin letters and digits).
  const freeBefore = (at: number) => at === 0 || text.charCodeAt(at - 1) <= 0x24f || !IN_WORD.test(text[at - 1]!);
  scanAnchors(
    text,
    words,
    (start, end) => {
      const rules = digitRules[Math.min(5, end - start)];
      if (rules?.length && freeBefore(start)) hits.push({ at: start, rules });
    },
    (start, end, rules) => {
      const next = text.charCodeAt(end) || 0;
      if (rules.length && freeBefore(start) && (next <= 0x24f || !LETTER.test(text[end]!))) hits.push({ at: start, rules });
    },
  );
  return hits;
}

/** `anchorHits` with the anchor regex, for anchor words the scan cannot read. */
function anchorHitsByRegex(text: string, locale: LocaleRules): AnchorHit[] {
  const { regex, rulesAt, digitRules } = locale.anchors;
  const hits: AnchorHit[] = [];
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(text))) {
    const word = m[1];
    const prev = m.index > 0 ? text.charCodeAt(m.index - 1) : 0;
    const next = word === undefined ? 0 : text.charCodeAt(m.index + word.length) || 0;
    const exact = (prev <= 0x24f || !IN_WORD.test(text[m.index - 1]!)) && (next <= 0x24f || !LETTER.test(text[m.index + word!.length]!));
    let rules: number[] | undefined;
    if (word === undefined) {
      // A run of digits anchors once, at its start, for the rules that start with a run of its length.
      let i = m.index + 1;
      while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      regex.lastIndex = i;
      if (exact) rules = digitRules[Math.min(5, i - m.index)];
    } else if (exact) rules = rulesAt.get(/\s/.test(word) ? word.toLowerCase().replace(/\s+/g, ' ') : word.toLowerCase());
    if (rules?.length) hits.push({ at: m.index, rules });
  }
  return hits;
}

/** Checks the context of a match at `start` and asks the rule's production; the candidate or null. */
function tryMatch(text: string, rule: CompiledRule, m: RegExpExecArray, locale: LocaleRules, ctx: ProductionContext): Candidate | null {
  const start = m.index;
  if (
    (rule.before && !rule.before.test(text.slice(Math.max(0, start - rule.beforeReach), start))) ||
    (rule.notBefore && rule.notBefore.test(text.slice(Math.max(0, start - rule.beforeReach), start)))
  ) {
    return null;
  }
  const end = start + m[0].length;
  const proposal = PRODUCTIONS[rule.production](m.groups ?? {}, locale.lexicon, ctx, { text, start, end });
  return proposal ? { ...proposal, start, end, rule: rule.id } : null;
}

/** Runs the rules of `locale` (those `only` accepts, when given) over `text`. */
export function propose(
  text: string,
  locale: LocaleRules,
  ctx: ProductionContext,
  only?: (production: string) => boolean,
  hits: AnchorHit[] = anchorHits(text, locale),
): Candidate[] {
  const out: Candidate[] = [];
  const rules = locale.rules;
  // Anchored rules: a rule is not tried again inside its own previous match (as a global scan would not).
  const busyUntil = new Array<number>(rules.length).fill(0);
  for (const hit of hits) {
    for (const i of hit.rules) {
      const rule = rules[i]!;
      if (!rule.anchored || hit.at < busyUntil[i]! || (only && !only(rule.production))) continue;
      const re = rule.sticky;
      re.lastIndex = hit.at;
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      const c = tryMatch(text, rule, m, locale, ctx);
      if (c) {
        out.push(c);
        busyUntil[i] = c.end;
      }
    }
  }
  for (const rule of rules) {
    if (rule.anchored || (only && !only(rule.production))) continue;
    const re = rule.regex;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const start = m.index;
      // The word boundary before the match, checked here rather than in the regex (faster).
      if (m[0].length === 0 || (start > 0 && IN_WORD.test(text[start - 1]!))) {
        re.lastIndex = start + 1;
        continue;
      }
      const c = tryMatch(text, rule, m, locale, ctx);
      if (c) out.push(c);
      else re.lastIndex = start + 1;
    }
  }
  return out;
}
