/**
 * The locale parser: runs every rule of one language over the text and collects what the
 * productions propose (chrono-node's parsers; they may overlap, refiners sort that out).
 */
import { PRODUCTIONS, type ProductionContext } from './productions.js';
import type { Candidate } from './candidate.js';
import type { LocaleRules } from './rules.js';

const IN_WORD = /[\p{L}\p{N}\p{M}]/u;
/** How far back a rule's `before` pattern may look. */
const BEFORE_REACH = 160;

/** Runs the rules of `locale` (those `only` accepts, when given) over `text`. */
export function propose(text: string, locale: LocaleRules, ctx: ProductionContext, only?: (production: string) => boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of locale.rules) {
    if (only && !only(rule.production)) continue;
    const produce = PRODUCTIONS[rule.production];
    const re = rule.regex;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const start = m.index;
      if (m[0].length === 0) {
        re.lastIndex = start + 1;
        continue;
      }
      // The word boundary before the match, checked here rather than in the regex (faster).
      if (start > 0 && IN_WORD.test(text[start - 1]!)) {
        re.lastIndex = start + 1;
        continue;
      }
      if (
        (rule.before && !rule.before.test(text.slice(Math.max(0, start - BEFORE_REACH), start))) ||
        (rule.notBefore && rule.notBefore.test(text.slice(Math.max(0, start - BEFORE_REACH), start)))
      ) {
        re.lastIndex = start + 1;
        continue;
      }
      const proposal = produce(m.groups ?? {}, locale.lexicon, ctx);
      if (proposal) out.push({ ...proposal, start, end: start + m[0].length, rule: rule.id });
      else re.lastIndex = start + 1;
    }
  }
  return out;
}
