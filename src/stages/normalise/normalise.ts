/**
 * Normalise: clean text for the extractors, keeping a map from every character back to the
 * source (doc.offsets is composed with the map of each pass).
 *
 * Pass 1, characters: CRLF and CR to LF; Unicode NFC; typographic apostrophes and double quotes
 * to plain ones (French « » are kept); no-break, narrow no-break and thin spaces kept between
 * digits ("1 174,5") and plain spaces elsewhere; soft hyphens, zero-width characters and stray
 * control characters removed; ligatures (ﬁ, ﬂ...) expanded; form feeds become line breaks.
 *
 * Pass 2, lines: whole boilerplate lines removed (rules/normalise/boilerplate.*.yaml); spaces at
 * line ends removed; bullets (•, ▪, *, –, "1.") become "- "; runs of blank lines become one.
 * Text pasted from a PDF (hard-wrapped: many lines of similar length ending mid-sentence) also
 * gets its page headers, footers and page numbers removed and its lines joined back into
 * paragraphs, with end-of-line hyphenation repaired only where the joined form is a word.
 * Other texts keep their line structure: each line stays a heading, a paragraph or a contact line.
 */
import { warn, type Document } from '../../document.js';
import type { Rules } from '../../rules/index.js';
import { composeMaps, MappedBuilder, type EndAwareMap, type SegmentMap } from '../read/offsets.js';
import type { NormaliseRules } from './rules.js';
import { decideWrapping, type Line } from './wrap.js';

const LIGATURES: Record<string, string> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st' };

/** Characters replaced by one character: offsets do not move, no map is needed. */
const ONE_FOR_ONE = /[\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u201F\u2033\u00A0\u202F\u2007\u2009\u2000-\u2006\u2008\u200A\u205F\u3000\f\v\u2028\u2029]/g;
const SINGLE: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"',
  '\f': '\n', '\v': '\n', '\u2028': '\n', '\u2029': '\n',
};
/** No-break, narrow no-break, figure and thin spaces: kept between digits ("1 174,5"). */
const NUMBER_SPACES = new Set(['\u00A0', '\u202F', '\u2007', '\u2009']);

/** Characters removed or replaced by several: these need the offset map. */
const RESIZED =
  // eslint-disable-next-line no-control-regex
  /\r\n?|[\u00AD\u200B-\u200D\u2060\uFEFF\uFB00-\uFB06\x00-\x08\x0E-\x1F\x7F-\x9F]/g;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function oneForOne(ch: string, i: number, s: string): string {
  const single = SINGLE[ch];
  if (single !== undefined) return single;
  if (NUMBER_SPACES.has(ch) && isDigit(s[i - 1]) && isDigit(s[i + 1])) return ch;
  return ' ';
}

/** Pass 1: characters. Returns null when nothing changes. */
export function normaliseChars(text: string): { text: string; map: EndAwareMap | null } | null {
  let source = text;
  let map: EndAwareMap | null = null;
  if (!isNfc(source)) {
    // Compose only the words that need it, so the map stays exact elsewhere.
    const b = new MappedBuilder();
    let last = 0;
    for (const m of source.matchAll(/\S+/g)) {
      const w = m[0];
      const n = w.normalize('NFC');
      if (n === w) continue;
      b.copy(source, last, m.index);
      b.replace(n, m.index, m.index + w.length);
      last = m.index + w.length;
    }
    b.copy(source, last, source.length);
    const r = b.finish(source.length);
    source = r.text;
    map = r.map;
  }
  let changed = map !== null;
  ONE_FOR_ONE.lastIndex = 0;
  if (ONE_FOR_ONE.test(source)) {
    source = source.replace(ONE_FOR_ONE, oneForOne);
    changed = true;
  }
  RESIZED.lastIndex = 0;
  if (RESIZED.test(source)) {
    RESIZED.lastIndex = 0;
    const b = new MappedBuilder();
    let last = 0;
    for (let m = RESIZED.exec(source); m; m = RESIZED.exec(source)) {
      const ch = m[0];
      const i = m.index;
      const out = ch[0] === '\r' ? '\n' : (LIGATURES[ch] ?? ''); // soft hyphens, zero-width and control characters go
      b.copy(source, last, i);
      if (out) b.replace(out, i, i + ch.length);
      last = i + ch.length;
    }
    b.copy(source, last, source.length);
    const r = b.finish(source.length);
    source = r.text;
    map = map ? composeMaps(r.map, map) : r.map;
    changed = true;
  }
  return changed ? { text: source, map } : null;
}

/**
 * Any character from U+0300 on other than General Punctuation, super- and subscripts, currency
 * signs (U+2000-U+20CF: quotes, dashes, spaces, €) and letterlike symbols (U+2100-U+214F: ™),
 * which hold no mark, except the three the check below looks for (Ω U+2126, K U+212A, Å U+212B):
 * without one, that check cannot find anything.
 */
const FROM_U0300 = /[\u0300-\u1FFF]|[\u20D0-\u20FF]|[\u2126\u212A\u212B\u2150-\uFFFF]/;

function isNfc(s: string): boolean {
  // Fast path: text below U+0300 (ASCII, Latin-1, precomposed Latin) and punctuation holds no mark.
  if (!FROM_U0300.test(s)) return true;
  // Then only check when marks (or characters NFC replaces) are present.
  if (!/\p{M}|[\u2126\u212A\u212B\u0374\u037E\u0387\uF900-\uFAFF]/u.test(s)) return true;
  return s.normalize('NFC') === s;
}

/** A bullet at the start of a line: •, ▪, ◦, ●, ■, ‣, ∙, ○, ➢, ➤, ►, ▸, , *, -, –, —, "1." or "1)". */
const BULLET = /^(?:[•▪◦●■‣∙·○□➢➤►▸\uF0B7\uF0A7*\-–—]|\d{1,2}[.)])[ \t]+(?=\S)/u;

/** Splits text into lines with their content bounds (spaces and tabs at both ends excluded). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let cs = pos;
    let ce = nl;
    while (cs < ce && (text[cs] === ' ' || text[cs] === '\t')) cs++;
    while (ce > cs && (text[ce - 1] === ' ' || text[ce - 1] === '\t')) ce--;
    lines.push({ start: pos, end: nl, cs, ce, text: text.slice(cs, ce), removed: false, bullet: 0 });
    pos = nl + 1;
  }
  return lines;
}

/** Pass 2: lines. */
export function normaliseLines(doc: Pick<Document, 'diagnostics'>, text: string, rules: NormaliseRules): { text: string; map: SegmentMap } {
  const lines = splitLines(text);
  for (const l of lines) {
    if (!l.text) continue;
    if (rules.anyBoilerplate && l.text.length <= 400 && rules.anyBoilerplate.test(l.text)) {
      l.removed = true;
      const rule = rules.boilerplate.find((r) => r.pattern.test(l.text));
      warn(doc, { stage: 'normalise', severity: 'info', message: `removed boilerplate line "${l.text.slice(0, 80)}"`, rule: rule?.id });
      continue;
    }
    const bm = BULLET.exec(l.text);
    if (bm) l.bullet = bm[0].length;
  }
  const wrap = decideWrapping(text, lines, rules.words, rules.endings);
  if (wrap.pageLinesRemoved > 0) {
    warn(doc, { stage: 'normalise', severity: 'info', message: `hard-wrapped text: ${wrap.pageLinesRemoved} page header, footer or page number line(s) removed, lines joined into paragraphs`, rule: 'normalise.hard-wrap' });
  }

  const b = new MappedBuilder();
  let prev: Line | null = null;
  let blanks = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.removed) continue;
    if (!l.text) {
      blanks++;
      continue;
    }
    if (prev) {
      const join = wrap.joins.get(prev);
      if (join === 'space') b.replace(' ', prev.ce, l.cs);
      else if (join === 'hyphen-keep') {
        // nothing between: "fast-" + "shifting"
      } else if (join === 'hyphen-repair') {
        // the hyphen was left out of prev's content
      } else if (blanks === 0 && text[prev.ce] === '\n' && prev.end === prev.ce && l.cs === l.start) b.copy(text, prev.ce, prev.ce + 1);
      else b.replace(blanks > 0 ? '\n\n' : '\n', prev.ce, l.cs);
    }
    const end = wrap.joins.get(l) === 'hyphen-repair' ? l.ce - 1 : l.ce;
    if (l.bullet) {
      b.replace('- ', l.cs, l.cs + l.bullet);
      b.copy(text, l.cs + l.bullet, end);
    } else {
      b.copy(text, l.cs, end);
    }
    prev = l;
    blanks = 0;
  }
  return b.finish(text.length);
}

export function normalise(doc: Document, rules: Rules): void {
  const chars = normaliseChars(doc.text);
  let text = doc.text;
  if (chars) {
    text = chars.text;
    if (chars.map) doc.offsets = composeMaps(chars.map, doc.offsets);
  }
  const lines = normaliseLines(doc, text, rules.normalise);
  doc.text = lines.text;
  doc.offsets = composeMaps(lines.map, doc.offsets);
}
