/**
 * Markdown, stripped lightly: "# " heading marks, "> " quote marks, emphasis (**bold**, *em*,
 * __bold__, _em_ at word edges), inline code marks, links and images (their text is kept, the
 * address dropped), horizontal rules, reference-link definitions; common HTML entities (&amp;)
 * decoded. A "# " or "## " heading on the first line is also returned as the title. Every kept character maps back
 * to the source; list marks are left to normalise, which turns them into "- " bullets.
 */
import { MappedBuilder, type SegmentMap } from './offsets.js';

/**
 * One token of an inline scan: a link/image, an emphasis or code mark, or nothing. Every token
 * starts with one of & ! [ < * _ ~ `: the leading lookahead says so, which lets the engine skip
 * other positions at once instead of trying every alternative and its lookbehinds there (8x faster).
 */
const INLINE = /(?=[&![<*_~`])(?:&(?:amp|lt|gt|quot|apos|nbsp|#39|#x27|#8217|#8220|#8221);|!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)|!?\[([^\]\n]{0,500})\]\[[^\]\n]{0,200}\]|<(https?:[^>\s]{1,2000})>|(\*\*|__|~~)(?=\S)|(?<=\S)(\*\*|__|~~)|(?<![\p{L}\p{N}\\*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_\\])_(?=[^\s_])|(?<=[^\s_])_(?![\p{L}\p{N}_])|`+)/gu;

const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
const QUOTE = /^ {0,3}(?:> ?)+/;
const RULE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*\S+.*$/;
const CLOSING_HASHES = /[ \t]+#+[ \t]*$/;

export function stripMarkdown(raw: string): { text: string; map: SegmentMap; title?: string } {
  const b = new MappedBuilder();
  // The first line, when it is a level 1 or 2 heading, is the release's own title.
  let title: string | undefined;
  let seenText = false;
  let pos = 0;
  let fence = false;
  while (pos <= raw.length) {
    let nl = raw.indexOf('\n', pos);
    if (nl < 0) nl = raw.length;
    let start = pos;
    let end = nl;
    const line = raw.slice(start, end);
    if (!fence && seenText && !mayBeBlockSyntax(raw, start, end)) {
      // Plain text line (the common case): no block syntax to look for.
      inline(raw, start, end, b, line);
    } else if (/^ {0,3}(?:```|~~~)/.test(line)) {
      fence = !fence;
    } else if (fence) {
      b.copy(raw, start, end);
    } else if (RULE.test(line) || REFERENCE.test(line)) {
      // dropped: a horizontal rule or a link definition
    } else {
      if (!seenText && line.trim()) {
        seenText = true;
        const t = /^ {0,3}##? +(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
        if (t) title = t[1]!.replace(/\*\*|__|`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/&amp;/g, '&').trim() || undefined;
      }
      const h = HEADING.exec(line) ?? QUOTE.exec(line);
      if (h) start += h[0].length;
      if (HEADING.test(line)) {
        const c = CLOSING_HASHES.exec(raw.slice(start, end));
        if (c) end = start + c.index;
      }
      inline(raw, start, end, b, start === pos && end === nl ? line : raw.slice(start, end));
    }
    if (nl < raw.length) b.copy(raw, nl, nl + 1);
    pos = nl + 1;
  }
  return { ...b.finish(raw.length), title };
}

const MAY_HAVE_INLINE = /[[*_`<~&]/;
/** HTML entities that Markdown files exported from web pages often keep. */
const ENTITIES: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&nbsp;': '\u00A0',
  '&#39;': "'", '&#x27;': "'", '&#8217;': '\u2019', '&#8220;': '\u201C', '&#8221;': '\u201D',
};

/** Characters a line of block syntax starts with (after up to 3 spaces): fences, rules, link definitions, headings, quotes. */
const BLOCK_START = new Set(['`', '~', '*', '-', '_', '[', '#', '>']);

/** Whether raw[start, end) may be a fence, rule, link definition, heading or quote line. */
function mayBeBlockSyntax(raw: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && raw.charCodeAt(i) === 32) i++;
  return i < end && BLOCK_START.has(raw[i]!);
}

/** `line` is raw.slice(start, end). */
function inline(raw: string, start: number, end: number, b: MappedBuilder, line: string): void {
  if (!MAY_HAVE_INLINE.test(line)) {
    b.copy(raw, start, end);
    return;
  }
  let last = 0;
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(line); m; m = INLINE.exec(line)) {
    b.copy(raw, start + last, start + m.index);
    const entity = ENTITIES[m[0]];
    const label = m[1] ?? m[2];
    if (entity !== undefined) b.replace(entity, start + m.index, start + m.index + m[0].length);
    else if (label !== undefined) {
      // Keep the link text (offset of the label inside the match).
      const off = m[0].indexOf('[') + 1;
      b.copy(raw, start + m.index + off, start + m.index + off + label.length);
    } else if (m[3] !== undefined) {
      b.copy(raw, start + m.index + 1, start + m.index + 1 + m[3].length);
    }
    last = m.index + m[0].length;
  }
  b.copy(raw, start + last, end);
}
