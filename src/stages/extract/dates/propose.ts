/**
 * The locale parser: runs every rule of one language over the text and collects what the
 * productions propose (chrono-node's parsers; they may overlap, refiners sort that out).
 */
import { PRODUCTIONS, type ProductionContext } from './productions.js';
import type { Candidate } from './candidate.js';
import type { LocaleRules } from './rules.js';

/** Runs the rules of `locale` (those `only` accepts, when given) over `text`. */
export function propose(text: string, locale: LocaleRules, ctx: ProductionContext, only?: (production: string) => boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of locale.rules) {
    if (only && !only(rule.production)) continue;
    const produce = PRODUCTIONS[rule.production];
    rule.regex.lastIndex = 0;
    for (const m of text.matchAll(rule.regex)) {
      const proposal = produce(m.groups ?? {}, locale.lexicon, ctx);
      if (proposal) out.push({ ...proposal, start: m.index, end: m.index + m[0].length, rule: rule.id });
    }
  }
  return out;
}
