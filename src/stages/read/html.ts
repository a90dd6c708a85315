/**
 * Web pages: the main content as text (headings, paragraphs, list items, table rows, each block
 * on its own line), with a map from every character of that text back to the HTML source, and
 * what the page says about itself (title, publication date).
 *
 * The page is parsed once by cheerio (htmlparser2, with source positions); the tree is then walked
 * with an explicit stack, never recursively, so a page nested 20,000 levels deep costs no more
 * than a flat one. Navigation, page headers and footers, scripts, forms, cookie banners and share
 * widgets are skipped by tag, ARIA role and class/id words listed in rules/read/html.yaml.
 */
import { load } from 'cheerio';
import type { ReadRules } from './rules.js';
import { MappedBuilder, type SegmentMap } from './offsets.js';

/** The structural subset of domhandler nodes this module reads. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  prev?: DomNode | null;
  /** Source positions (htmlparser2's withStartIndices/withEndIndices; endIndex is inclusive). */
  startIndex?: number | null;
  endIndex?: number | null;
}

export interface HtmlText {
  text: string;
  map: SegmentMap;
  metadata: { title?: string; published?: string };
}

/** Blocks that end a paragraph (a blank line after them). */
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'dl', 'figure', 'section', 'article', 'header', 'footer', 'main', 'hr', 'address', 'hgroup', 'details', 'fieldset']);
/** Blocks that end a line. */
const LINE = new Set(['div', 'li', 'tr', 'dt', 'dd', 'br', 'caption', 'figcaption', 'summary', 'legend', 'thead', 'tbody', 'tfoot', 'body', 'option']);
const CELL = new Set(['td', 'th']);
/** HTML's own white space (a no-break space is not white space in HTML). */
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 12;

interface Frame {
  node: DomNode;
  /** True once the node's children have been pushed: the second visit closes the element. */
  closing: boolean;
}

class TextWriter {
  readonly b = new MappedBuilder();
  private pendingSpace = -1;
  private pendingBreak = 0;
  private breakAt = 0;
  pre = 0;

  constructor(private readonly raw: string) {}

  space(at: number): void {
    if (this.pendingBreak === 0 && this.b.size > 0 && this.pendingSpace < 0) this.pendingSpace = at;
  }

  lineBreak(lines: number, at: number): void {
    if (this.b.size === 0) return;
    if (lines > this.pendingBreak) {
      this.pendingBreak = lines;
      this.breakAt = at;
    }
    this.pendingSpace = -1;
  }

  /** Writes what is pending (a break or a space) before text. */
  private flush(): void {
    if (this.pendingBreak > 0) {
      this.b.replace('\n'.repeat(this.pendingBreak), this.breakAt, this.breakAt);
      this.pendingBreak = 0;
      this.pendingSpace = -1;
    } else if (this.pendingSpace >= 0) {
      this.b.replace(' ', this.pendingSpace, this.pendingSpace + 1);
      this.pendingSpace = -1;
    }
  }

  /** Inserts generated text (a "- " bullet, a cell tab) mapped to source position `at`. */
  insert(text: string, at: number): void {
    this.flush();
    this.b.replace(text, at, at);
  }

  /** Writes a text node: `data` is the decoded text, `raw[start, end)` its source. */
  text(data: string, start: number, end: number): void {
    const raw = this.raw;
    if (this.pre > 0) {
      this.flush();
      if (raw.slice(start, end) === data) this.b.copy(raw, start, end);
      else this.b.replace(data, start, end);
      return;
    }
    let j = start;
    let k = 0;
    while (k < data.length) {
      const c = data.charCodeAt(k);
      if (isSpace(c)) {
        while (k < data.length && isSpace(data.charCodeAt(k))) k++;
        const at = j;
        while (j < end && isSpace(raw.charCodeAt(j))) j++;
        this.space(at);
        continue;
      }
      // A run of characters identical in source and data.
      if (raw.charCodeAt(j) === c) {
        let n = 1;
        while (k + n < data.length && j + n < end && raw.charCodeAt(j + n) === data.charCodeAt(k + n) && !isSpace(data.charCodeAt(k + n))) n++;
        this.flush();
        this.b.copy(raw, j, j + n);
        j += n;
        k += n;
        continue;
      }
      if (raw[j] === '&') {
        ENTITY.lastIndex = j;
        const m = ENTITY.exec(raw);
        if (m && j + m[0].length <= end) {
          const produced = isHighSurrogate(data.charCodeAt(k)) ? 2 : 1;
          const out = data.slice(k, k + produced);
          if (isSpace(out.charCodeAt(0))) this.space(j);
          else {
            this.flush();
            this.b.replace(out, j, j + m[0].length);
          }
          j += m[0].length;
          k += produced;
          continue;
        }
      }
      // Source and text do not line up (NUL replaced, odd entity): map the rest as one piece.
      const rest = data.slice(k).replace(/[ \t\n\r\f]+/g, ' ');
      const trimmed = rest.trimEnd();
      if (trimmed.trim()) {
        if (rest.startsWith(' ')) this.space(j);
        this.flush();
        this.b.replace(trimmed.trimStart(), j, Math.max(j + 1, end));
      }
      if (trimmed.length < rest.length) this.space(end - 1);
      return;
    }
  }
}

const ENTITY = /&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)/y;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

function classWords(node: DomNode): string[] {
  const a = node.attribs;
  if (!a) return [];
  const s = `${a.class ?? ''} ${a.id ?? ''}`.toLowerCase();
  if (!s.trim()) return [];
  return s.split(/[\s_-]+/).filter(Boolean);
}

function isDropped(node: DomNode, rules: ReadRules, inContent: boolean): boolean {
  const name = node.name!;
  const h = rules.html;
  if (h.dropTags.has(name)) return true;
  if (!inContent && h.dropOutsideContent.has(name)) return true;
  const a = node.attribs!;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  if (a.role && h.dropRoles.has(a.role.toLowerCase())) return true;
  if (/display\s*:\s*none/i.test(a.style ?? '')) return true;
  for (const w of classWords(node)) if (h.dropWords.has(w)) return true;
  return false;
}

/** Text of a small element (title, h1) without source mapping. Iterative. */
function plainText(node: DomNode): string {
  const out: string[] = [];
  const stack: DomNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out.push(n.data ?? '');
    else if (n.children && n.type !== 'script' && n.type !== 'style') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** YYYY-MM-DD from an ISO-like date string, or undefined. */
export function isoDay(s: string | undefined): string | undefined {
  const m = s?.trim().match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** datePublished / headline from JSON-LD, searched without recursion and within bounds. */
function fromJsonLd(json: string): { published?: string; headline?: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return {};
  }
  const found: { published?: string; headline?: string } = {};
  const stack: unknown[] = [data];
  let visited = 0;
  while (stack.length && visited++ < 10_000) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (!found.published && typeof o.datePublished === 'string') found.published = isoDay(o.datePublished);
      if (!found.headline && typeof o.headline === 'string') found.headline = o.headline.trim() || undefined;
      for (const x of Object.values(o)) if (x && typeof x === 'object') stack.push(x);
    }
  }
  return found;
}

/** Removes a site name after the title: "Title | CNES", "Title – Site name" (a short last part). */
function cleanPageTitle(title: string): string {
  const m = title.match(/^(.*\S)\s+(?:\||–|—|-|::|·)\s+([^|–—]+)$/);
  if (!m) return title;
  const [, head, tail] = m;
  if (tail!.trim().split(/\s+/).length <= 4 && head!.split(/\s+/).length >= 3) return head!;
  return title;
}

function findFirst(root: DomNode, match: (n: DomNode) => boolean): DomNode | null {
  const stack: DomNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'tag' && match(n)) return n;
    if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return null;
}

export function readHtml(raw: string, rules: ReadRules): HtmlText {
  // htmlparser2 (through cheerio): linear on deeply nested pages, where a spec parser's
  // scope checks cost O(depth) per element; it also gives every node its source positions.
  const $ = load(raw, { xml: { xmlMode: false, withStartIndices: true, withEndIndices: true, decodeEntities: true } });
  const root = $.root()[0] as unknown as DomNode;
  const metadata: HtmlText['metadata'] = {};

  // Metadata: one walk over the whole tree (head and body), without recursion.
  let pageTitle: string | undefined;
  let ogTitle: string | undefined;
  let metaPublished: string | undefined;
  let timePublished: string | undefined;
  let ld: { published?: string; headline?: string } = {};
  let main: DomNode | null = null;
  let article: DomNode | null = null;
  const stack: DomNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'script' && n.name === 'script' && (n.attribs?.type ?? '').toLowerCase() === 'application/ld+json') {
      const got = fromJsonLd(plainTextRaw(n));
      ld = { published: ld.published ?? got.published, headline: ld.headline ?? got.headline };
    } else if (n.type === 'tag') {
      const a = n.attribs ?? {};
      if (n.name === 'title' && pageTitle === undefined) pageTitle = plainText(n) || undefined;
      else if (n.name === 'meta') {
        const key = (a.property ?? a.name ?? a.itemprop ?? '').toLowerCase();
        const content = a.content?.trim();
        if (content) {
          if ((key === 'og:title' || key === 'twitter:title') && !ogTitle) ogTitle = content;
          if (rules.html.publishedMeta.has(key) && !metaPublished) metaPublished = isoDay(content);
        }
      } else if (n.name === 'time' && !timePublished && a.datetime) timePublished = isoDay(a.datetime);
      else if (!main && (n.name === 'main' || a.role === 'main')) main = n;
      else if (!article && n.name === 'article') article = n;
    }
    if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }

  const body = findFirst(root, (n) => n.name === 'body') ?? root;
  let result = extract(raw, main ?? article ?? body, rules, main !== null || article !== null);
  if (!result.text.trim() && (main || article)) result = extract(raw, body, rules, false);

  const h1 = findFirst(main ?? article ?? body, (n) => n.name === 'h1');
  const h1Text = h1 ? plainText(h1) : '';
  const title = ogTitle ?? ld.headline ?? (h1Text || undefined) ?? (pageTitle ? cleanPageTitle(pageTitle) : undefined);
  if (title) metadata.title = title.replace(/\s+/g, ' ').trim();
  const published = metaPublished ?? ld.published ?? timePublished;
  if (published) metadata.published = published;
  return { ...result, metadata };
}

/** True when an element precedes `n` among its siblings (the first cell of a row gets no tab). */
function hasTagBefore(n: DomNode): boolean {
  for (let p = n.prev; p; p = p.prev) if (p.type === 'tag') return true;
  return false;
}

function plainTextRaw(n: DomNode): string {
  return (n.children ?? []).map((c) => c.data ?? '').join('');
}

function extract(raw: string, root: DomNode, rules: ReadRules, rootIsContent: boolean): { text: string; map: SegmentMap } {
  const w = new TextWriter(raw);
  const stack: Frame[] = [{ node: root, closing: false }];
  // Depth of enclosing <article>/<main> (headers and footers inside them are kept).
  let content = rootIsContent ? 1 : 0;
  while (stack.length) {
    const f = stack.pop()!;
    const n = f.node;
    const start = n.startIndex ?? 0;
    const end = n.endIndex == null ? start : n.endIndex + 1;
    if (n.type === 'text') {
      if (n.data && n.startIndex != null) w.text(n.data, start, end);
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'root') continue; // comments, scripts, styles, directives
    const name = n.name ?? '';
    if (f.closing) {
      const at = end;
      if (name === 'pre') w.pre--;
      if (name === 'article' || name === 'main' || n.attribs?.role === 'main') content--;
      if (PARAGRAPH.has(name)) w.lineBreak(2, at);
      else if (LINE.has(name)) w.lineBreak(1, at);
      continue;
    }
    if (n.type === 'tag' && n !== root && isDropped(n, rules, content > 0)) {
      // A dropped block still separates what is around it.
      w.lineBreak(1, start);
      continue;
    }
    const at = start;
    if (name === 'pre') w.pre++;
    if (name === 'article' || name === 'main' || n.attribs?.role === 'main') content++;
    if (PARAGRAPH.has(name)) w.lineBreak(2, at);
    else if (LINE.has(name)) w.lineBreak(1, at);
    if (name === 'li') w.insert('- ', at);
    else if (CELL.has(name) && hasTagBefore(n)) w.insert('\t', at);
    stack.push({ node: n, closing: true });
    const children = n.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, closing: false });
  }
  return w.b.finish(raw.length);
}
