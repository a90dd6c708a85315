/**
 * Title: the page's own title (HTML metadata: og:title, JSON-LD headline, <h1>, <title>), else
 * the first heading-like line of the text, looked for before the body starts:
 * - a line of 2 to 30 words, at most 200 characters, starting with a capital, a digit or a quote,
 *   not ending with a full stop (an abbreviation's is fine: "Inc.") or a comma;
 * - not a date alone ("February 6, 2019", "02 Apr 2021", "Mardi 5 février 2019", "Toulouse, le 4
 *   mars 2022"), not a bullet,
 *   not a label, a photo credit or a contact heading (rules/normalise/title.yaml), not a photo
 *   caption (a line followed by a "©" credit line);
 * - the search stops at the first sentence of the body (a line of 8 words or more ending with a
 *   full stop): a release that starts with a sentence has no title line, and `title` is null
 *   (seed 003 is such a release). A first line in Title Case is a headline even with a full stop
 *   ("Acme Wins Twelve Design Awards.").
 */
import type { Document } from '../../document.js';
import type { Rules } from '../../rules/index.js';

const MONTHS =
  'jan(?:uary|vier)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|may|mai|june?|juin|july?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sept?(?:ember|embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?';
const WEEKDAYS = 'mon|tue|wed|thu|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche';
/** A line that is only a date (with perhaps a weekday, a place and "updated"). */
const DATE_ONLY = new RegExp(
  `^(?:(?:published|updated|publié|mis à jour)(?: on| le)?\\s?:?\\s?)?(?:\\p{Lu}[\\p{L}'. -]{1,40},\\s?(?:le\\s)?)?(?:(?:${WEEKDAYS})[a-z]*\\.?,?\\s)?(?:\\d{1,2}(?:er|st|nd|rd|th)?\\s(?:${MONTHS})\\.?,?\\s\\d{4}|(?:${MONTHS})\\.?\\s\\d{1,2}(?:st|nd|rd|th)?,?\\s\\d{4}|\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4})$`,
  'iu',
);
const CREDIT = /^(?:©|\(c\)\s|crédit|credit|photo\s?:)/iu;
const MAX_LINES = 25;
/** Abbreviations a title may end with ("... Applied Therapeutics, Inc."). */
const FINAL_ABBREVIATION = /(?:^|\s)(?:inc|ltd|corp|co|plc|llc|l\.l\.c|s\.a|n\.v|ag|gmbh|sas|sarl|jr|sr|dr|st|etc|u\.s|no)\.$/i;

/** Ends with a full stop that is not an abbreviation's. */
function endsSentence(line: string): boolean {
  return /[^.]\.$/.test(line) && !FINAL_ABBREVIATION.test(line);
}

/** At least 60 % of the words of four letters or more start with a capital ("Acme Wins Twelve Awards."). */
function titleCase(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
  return words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.6 * words.length;
}

function isHeadingLike(line: string, rules: Rules): boolean {
  if (line.length < 3 || line.length > 200) return false;
  if (!/^[\p{Lu}\p{N}"'«$€£]/u.test(line)) return false;
  if (/[,;]$/.test(line) || endsSentence(line)) return false;
  const words = line.split(/\s+/).length;
  if (words < 2 || words > 30) return false;
  if (!/\p{L}{2}/u.test(line)) return false;
  if (DATE_ONLY.test(line)) return false;
  if (rules.normalise.notTitle?.test(line)) return false;
  return true;
}

export function findTitle(doc: Document, rules: Rules): void {
  if (doc.metadata.title) {
    doc.title = doc.metadata.title;
    return;
  }
  doc.title = null;
  const lines: string[] = [];
  let pos = 0;
  while (lines.length < MAX_LINES && pos < doc.text.length) {
    let nl = doc.text.indexOf('\n', pos);
    if (nl < 0) nl = doc.text.length;
    const l = doc.text.slice(pos, Math.min(nl, pos + 1000)).trim();
    if (l) lines.push(l);
    pos = nl + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('- ')) continue;
    if (i === 0 && endsSentence(line) && line.length <= 200 && titleCase(line) && !DATE_ONLY.test(line)) {
      // A headline in Title Case written with a final full stop.
      doc.title = line;
      return;
    }
    if (endsSentence(line) && line.split(/\s+/).length >= 8) return; // the body has started
    if (CREDIT.test(line)) continue;
    if (lines[i + 1] !== undefined && CREDIT.test(lines[i + 1]!)) continue; // a photo caption
    if (isHeadingLike(line, rules)) {
      doc.title = line;
      return;
    }
  }
}
