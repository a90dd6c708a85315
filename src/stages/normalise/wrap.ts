/**
 * Hard-wrapped text (pasted from a PDF, or from an e-mail client that wraps at ~80 columns):
 * deciding per document whether its lines are wrapped, removing page furniture, and deciding
 * which line breaks to join.
 *
 * A document is hard-wrapped when it has at least 4 "full" lines (at least 70 % of the usual
 * longest line, itself at most 160 characters) and most of them end mid-sentence (no final
 * . ! ? : ;). Ordinary releases keep one paragraph per line, of very different lengths and
 * ending with a full stop, and headings and contact lines that are short: they are left alone.
 */

export interface Line {
  /** Start of the line and of the line break after it (or end of text). */
  start: number;
  end: number;
  /** Content bounds (spaces and tabs at both ends excluded). */
  cs: number;
  ce: number;
  text: string;
  removed: boolean;
  /** Length of the bullet mark at the start of the content (0: none). */
  bullet: number;
}

export type Join = 'space' | 'hyphen-keep' | 'hyphen-repair';

export interface WrapDecision {
  wrapped: boolean;
  /** How each line joins the next kept line (absent: a line break). */
  joins: Map<Line, Join>;
  pageLinesRemoved: number;
}

/** Contact lines (an e-mail address, a phone number) stay lines of their own. */
const CONTACT = /@|\+ ?\d|(?<![\p{L}\p{N}])(?:t[ée]l(?:\.|ephone|éphone)?\s?:?\s?\(?\d|phone(?![\p{L}]))/iu;
const ENDS_SENTENCE = /[.!?:;»"')\]]$/u;
const STARTS_LOWER = /^[\p{Ll}\d(]/u;
const STARTS_LETTER_LOWER = /^\p{Ll}/u;
const HYPHENATED_END = /(\p{L}+)-$/u;
const LEADING_WORD = /^\p{L}+/u;
/** A line that is only a page number: "12", "- 12 -", "Page 3", "3/12", "Page 3 of 12", "p. 4". */
const PAGE_NUMBER = /^(?:[-–—]\s?)?(?:pages?\s|p\.\s?)?\d{1,4}(?:\s?(?:\/|of|sur|de)\s?\d{1,4})?(?:\s?[-–—])?$/iu;
/** "Page 1/2", "Page 3 of 5", "page 2 sur 4": a page number that says so, furniture even alone. */
const PAGE_LABEL = /^(?:[-–—]\s?)?pages?\s\d{1,4}\s?(?:\/|of|sur|de)\s?\d{1,4}(?:\s?[-–—])?$/iu;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
}

/** The key under which page headers and footers repeat: lower case, numbers as "#". */
function furnitureKey(s: string): string {
  return s.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

export function decideWrapping(text: string, lines: Line[], words: Set<string>, endings: Set<string> = NO_ENDINGS): WrapDecision {
  const joins = new Map<Line, Join>();
  const kept = lines.filter((l) => !l.removed && l.text);
  const lengths = kept.map((l) => l.text.length).filter((n) => n >= 30).sort((a, b) => a - b);
  const none: WrapDecision = { wrapped: false, joins, pageLinesRemoved: 0 };
  if (lengths.length < 4) return none;
  const width = percentile(lengths, 0.9);
  if (width > 160) return none;
  const full = kept.filter((l) => l.text.length >= 0.7 * width);
  const midSentence = full.filter((l) => !ENDS_SENTENCE.test(l.text)).length;
  if (full.length < 4 || midSentence / full.length < 0.5) return none;

  // Page furniture: short lines repeating (with their numbers changing), and page numbers.
  let pageLinesRemoved = 0;
  const counts = new Map<string, number>();
  for (const l of kept) if (l.text.length <= 100) counts.set(furnitureKey(l.text), (counts.get(furnitureKey(l.text)) ?? 0) + 1);
  const pageNumbers = kept.filter((l) => PAGE_NUMBER.test(l.text)).length;
  for (const l of kept) {
    // Page furniture is short: a full line of the body repeated is text, not a header.
    if (l.text.length > 100 || l.text.length >= 0.7 * width) continue;
    const repeated = (counts.get(furnitureKey(l.text)) ?? 0) >= 3 && !l.bullet && /\p{L}|\d/u.test(l.text);
    if (repeated || (pageNumbers >= 2 && PAGE_NUMBER.test(l.text)) || PAGE_LABEL.test(l.text)) {
      l.removed = true;
      pageLinesRemoved++;
    }
  }

  // Words of the document itself: evidence for hyphenation ("irrigate" written elsewhere).
  const docWords = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/\p{L}+(?:-\p{L}+)*/gu)) docWords.add(m[0]);

  // Paragraphs separated by blank lines: then a line break alone never ends a paragraph.
  const blankLines = lines.filter((l) => !l.removed && !l.text).length;
  const blankSeparated = blankLines >= 0.1 * kept.length;
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    if (a.removed || !a.text) continue;
    // The next kept line with text, and the blank lines (or removed page furniture) between.
    let j = i + 1;
    let blanks = 0;
    let furnitureBetween = false;
    while (j < lines.length && (lines[j]!.removed || !lines[j]!.text)) {
      if (lines[j]!.removed) furnitureBetween = true;
      else blanks++;
      j++;
    }
    const b = lines[j];
    if (!b) break;
    if (b.bullet || CONTACT.test(a.text) || CONTACT.test(b.text)) continue;
    const isFull = a.text.length >= 0.6 * width;
    const openEnd = !ENDS_SENTENCE.test(a.text);
    let join = false;
    if (blanks === 0) join = (isFull && (openEnd || blankSeparated || STARTS_LOWER.test(b.text))) || (openEnd && STARTS_LETTER_LOWER.test(b.text));
    else if (blanks <= 2 || furnitureBetween) join = isFull && openEnd && STARTS_LETTER_LOWER.test(b.text);
    if (!join) continue;
    const h = HYPHENATED_END.exec(a.text);
    const next = LEADING_WORD.exec(b.text);
    if (h && next && a.text.length >= 2 && a.text[a.text.length - 2] !== ' ') {
      joins.set(a, hyphenation(h[1]!, next[0], docWords, words, endings));
    } else {
      joins.set(a, 'space');
    }
  }
  return { wrapped: true, joins, pageLinesRemoved };
}

const NO_ENDINGS = new Set<string>();

/**
 * "irri-" + "gate": the joined word when the document or the word list knows it and the
 * hyphenated form is not written elsewhere; "coopéra-" + "tion": the joined word when the piece
 * after the hyphen is an ending that is never a word alone (rules/normalise/word-endings.txt);
 * "fast-" + "shifting", "Jean-" + "Yves": the hyphen stays. Without evidence either way the
 * hyphen stays (nothing is lost).
 */
export function hyphenation(left: string, right: string, docWords: Set<string>, words: Set<string>, endings: Set<string> = NO_ENDINGS): Join {
  if (/^\p{Lu}/u.test(right)) return 'hyphen-keep';
  const l = left.toLowerCase();
  const r = right.toLowerCase();
  const joined = l + r;
  const hyphenated = `${l}-${r}`;
  if (docWords.has(hyphenated)) return 'hyphen-keep';
  if (docWords.has(joined) || words.has(joined)) return 'hyphen-repair';
  if (l.length >= 3 && endings.has(r)) return 'hyphen-repair';
  return 'hyphen-keep';
}
