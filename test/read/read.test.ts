/**
 * Read: a file to a Document. Formats (text, Markdown, HTML), page furniture left out, page
 * metadata, limits, hostile inputs (issue 10), and offsets that point back into the source.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/document.js';
import { DEFAULT_READ_LIMITS, readDocument, toDocument } from '../../src/stages/read/read.js';
import { loadReadRules } from '../../src/stages/read/rules.js';
import { toSourceEnd } from '../../src/stages/read/offsets.js';
import type { Rules } from '../../src/rules/index.js';

const rules = { read: loadReadRules(join(import.meta.dirname, '..', '..', 'rules')) } as unknown as Rules;
const tmp = mkdtempSync(join(tmpdir(), 'communique-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const read = (name: string, content: string | Buffer) => toDocument(name, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), rules);

function error(f: () => unknown): DocumentError {
  try {
    f();
  } catch (e) {
    if (e instanceof DocumentError) return e;
    throw e;
  }
  throw new Error('no error');
}

/** The source text a text range maps to. */
function sourceOf(doc: ReturnType<typeof read>, start: number, end: number): string {
  return doc.raw.slice(doc.offsets.toSource(start), toSourceEnd(doc.offsets, end));
}

const PAGE = `<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Le CNES signe un accord avec l'Inde | CNES</title>
<meta name="description" content="Accord de coopération">
<script>var analytics = { id: 'UA-1' };</script>
<style>body { font-family: sans-serif }</style>
</head>
<body>
<a class="skip-link" href="#content">Aller au contenu</a>
<header><div class="logo">CNES</div><nav><ul><li><a href="/">Accueil</a></li><li><a href="/presse">Presse</a></li></ul></nav></header>
<div class="tarteaucitron-banner" id="cookie-notice"><p>Ce site utilise des cookies.</p><button>Tout accepter</button></div>
<main id="content">
  <article>
    <header><h1>Le CNES signe un accord avec l'Inde</h1><p class="date"><time datetime="2023-07-14T10:00">14 juillet 2023</time></p></header>
    <p>Paris, le 14 juillet 2023 &ndash; Le président du CNES, Philippe&nbsp;Baptiste, a signé à Bangalore un accord avec l&rsquo;ISRO.</p>
    <p>L'accord   porte sur
       trois missions :</p>
    <ul><li>TRISHNA, pour mesurer la température de surface ;</li><li>un lidar atmosphérique ;</li></ul>
    <table><tr><th>Mission</th><th>Lancement</th></tr><tr><td>TRISHNA</td><td>2026</td></tr></table>
    <div class="social-share"><a>Partager sur Facebook</a><a>Partager sur LinkedIn</a></div>
  </article>
  <aside><h2>À lire aussi</h2><p>Autre actualité sans rapport</p></aside>
</main>
<footer><p>Mentions légales - Plan du site</p></footer>
<script>document.querySelector('.skip-link').focus()</script>
</body></html>`;

describe('reading web pages', () => {
  const doc = read('release.html', PAGE);

  it('keeps the article: heading, paragraphs, list items and table rows on lines of their own', () => {
    expect(doc.format).toBe('html');
    expect(doc.text).toBe(
      [
        "Le CNES signe un accord avec l'Inde",
        '',
        '14 juillet 2023',
        '',
        'Paris, le 14 juillet 2023 – Le président du CNES, Philippe\u00A0Baptiste, a signé à Bangalore un accord avec l’ISRO.',
        '',
        "L'accord porte sur trois missions :",
        '',
        '- TRISHNA, pour mesurer la température de surface ;',
        '- un lidar atmosphérique ;',
        '',
        'Mission\tLancement',
        'TRISHNA\t2026',
      ].join('\n'),
    );
  });

  it('leaves out menus, the site header and footer, cookie banners, share widgets, asides and scripts', () => {
    for (const furniture of ['Accueil', 'Ce site utilise des cookies', 'Tout accepter', 'Partager', 'Mentions légales', 'À lire aussi', 'analytics', 'font-family', 'Aller au contenu']) {
      expect(doc.text).not.toContain(furniture);
    }
  });

  it('takes the title and the publication date from the page', () => {
    expect(doc.metadata).toEqual({ title: "Le CNES signe un accord avec l'Inde", published: '2023-07-14' });
  });

  it('maps every word of the text back to the same word in the HTML source', () => {
    for (const word of ['Philippe', 'Baptiste', 'Bangalore', 'TRISHNA', 'atmosphérique', '2026', 'ISRO', 'Mission']) {
      const i = doc.text.indexOf(word);
      expect(sourceOf(doc, i, i + word.length)).toBe(word);
    }
  });

  it('maps characters written as entities to the whole entity', () => {
    const dash = doc.text.indexOf('–');
    expect(sourceOf(doc, dash, dash + 1)).toBe('&ndash;');
    const name = doc.text.indexOf('Philippe\u00A0Baptiste');
    expect(sourceOf(doc, name, name + 'Philippe Baptiste'.length)).toBe('Philippe&nbsp;Baptiste');
    const isro = doc.text.indexOf('l’ISRO');
    expect(sourceOf(doc, isro, isro + 6)).toBe('l&rsquo;ISRO');
  });

  it('prefers og:title, then JSON-LD, then <h1>, then <title> without the site name', () => {
    const head = (h: string) => read('p.html', `<html><head>${h}</head><body><p>Some text of the release body.</p></body></html>`).metadata;
    expect(head('<title>Launch of SWOT | NASA</title><meta property="og:title" content="SWOT launched">').title).toBe('SWOT launched');
    expect(head('<title>Launch of the SWOT satellite | NASA</title>').title).toBe('Launch of the SWOT satellite');
    expect(head('<title>CNES International Affairs Seminar - France at the centre of the new world space order</title>').title).toBe(
      'CNES International Affairs Seminar - France at the centre of the new world space order',
    );
    expect(head('<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"From JSON-LD","datePublished":"2022-12-16T11:46:00Z"}]}</script>')).toEqual({
      title: 'From JSON-LD',
      published: '2022-12-16',
    });
    expect(head('<meta property="article:published_time" content="2021-04-02T09:30:00+02:00">').published).toBe('2021-04-02');
    expect(head('<script type="application/ld+json">{not json</script>')).toEqual({});
  });

  it('reads a page nested 20,000 levels deep without failing', () => {
    const deep = `<html><body>${'<div>'.repeat(20000)}<p>The deepest paragraph of the release.</p>${'</div>'.repeat(20000)}</body></html>`;
    expect(read('deep.html', deep).text).toBe('The deepest paragraph of the release.');
    const unclosed = `<html><body>${'<span><b>'.repeat(10000)}Unclosed inline elements all the way down.`;
    expect(read('unclosed.html', unclosed).text).toBe('Unclosed inline elements all the way down.');
  });

  it('refuses a page that holds only scripts and styles, saying it has no text', () => {
    const e = error(() => read('scripts.html', '<html><head><script>var a = 1;</script><style>p{}</style></head><body><script>go()</script><noscript>Enable JavaScript</noscript></body></html>'));
    expect(e.code).toBe('empty');
    expect(e.message).toMatch(/^scripts\.html: the page holds no text/);
  });

  it('reads malformed HTML: unclosed tags, stray end tags, unquoted attributes, bare ampersands', () => {
    const doc = read('bad.html', '<body><p class=lead>Airbus & Thales signed<p>The deal <b>covers <i>two</b> satellites</i></div></span><p>Worth €1bn<br>in total');
    expect(doc.text).toBe('Airbus & Thales signed\n\nThe deal covers two satellites\n\nWorth €1bn\nin total');
  });

  it('keeps the text of <pre> as it is', () => {
    expect(read('pre.html', '<body><pre>Contact:\n  Jane Doe   +1 555 0100</pre></body>').text).toBe('Contact:\n  Jane Doe   +1 555 0100');
  });
});

describe('reading Markdown', () => {
  it('strips heading marks, emphasis, links and images, keeping their text', () => {
    const doc = read('release.md', '# SWOT **launched** today\n\n> Quote from *the* agency\n\nSee [the mission page](https://example.org/swot) and ![a photo](x.jpg).\n\n---\n\nQ&amp;A with snake_case_names kept\n');
    expect(doc.format).toBe('markdown');
    expect(doc.text).toBe('SWOT launched today\n\nQuote from the agency\n\nSee the mission page and a photo.\n\n\n\nQ&A with snake_case_names kept\n');
    const i = doc.text.indexOf('mission page');
    expect(sourceOf(doc, i, i + 12)).toBe('mission page');
  });

  it('leaves list marks to normalise and fenced code as it is', () => {
    expect(read('l.md', '- first item\n* second item\n```\nsome *code*\n```\n').text).toBe('- first item\n* second item\n\nsome *code*\n\n');
  });
});

describe('files that cannot be read as releases', () => {
  it('refuses an empty file and a file of white space', () => {
    expect(error(() => read('empty.txt', '')).message).toBe('empty.txt: the file is empty');
    expect(error(() => read('blank.txt', ' \n\t\r\n  ')).message).toBe('blank.txt: the file holds only white space, no text');
  });

  it('refuses a PDF renamed .txt, naming the file and what to do', () => {
    const e = error(() => read('release.txt', Buffer.from('%PDF-1.4\n1 0 obj\n', 'latin1')));
    expect(e.message).toBe('release.txt: this is a PDF file, not text; convert it to text first (for example with pdftotext)');
  });

  it('refuses an image renamed .txt', () => {
    expect(error(() => read('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).message).toMatch(/photo\.txt: this is a PNG image/);
  });

  it('refuses a file type it does not read', () => {
    expect(error(() => read('data.json', '{"a": 1}')).code).toBe('unsupported-type');
  });

  it('warns about invalid UTF-8 in the middle of good text and reads the rest', () => {
    const good = Buffer.from('L’agence a signé le contrat avec Thales Alenia Space. '.repeat(10));
    const doc = read('broken.txt', Buffer.concat([good, Buffer.from([0xc3, 0x28]), good]));
    expect(doc.text).toContain('\uFFFD(L’agence');
    expect(doc.diagnostics).toEqual([expect.objectContaining({ stage: 'read', severity: 'warning', rule: 'read.encoding', message: expect.stringMatching(/1 invalid UTF-8 byte/) })]);
  });

  it('refuses a 25 MB file with the size and the limit in the message', async () => {
    const path = join(tmp, 'huge.txt');
    writeFileSync(path, Buffer.alloc(25 * 1024 * 1024, 'The agency signed. \n'));
    await expect(readDocument(path, rules)).rejects.toThrow(/huge\.txt: too large: 25 MB, the limit is 10 MB per file/);
    // A larger limit reads it.
    const doc = await readDocument(path, rules, { ...DEFAULT_READ_LIMITS, maxBytes: 30 * 1024 * 1024 });
    expect(doc.size).toBe(25 * 1024 * 1024);
  });

  it('refuses a 5 MB line without a line break', async () => {
    const path = join(tmp, 'one-line.txt');
    writeFileSync(path, 'word '.repeat(1024 * 1024));
    const e = await readDocument(path, rules).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DocumentError);
    expect((e as DocumentError).code).toBe('line-too-long');
    expect((e as DocumentError).message).toMatch(/one-line\.txt: a line of more than [\d,]+ characters, the limit is 1,048,576 per line/);
  });

  it('checks the line limit on the text of a page, not on its minified markup', () => {
    const minified = `<html><body>${'<p>A short paragraph of the release.</p>'.repeat(200)}</body></html>`;
    const doc = toDocument('min.html', Buffer.from(minified), rules, { maxBytes: DEFAULT_READ_LIMITS.maxBytes, maxLineChars: 1000 });
    expect(doc.text.split('\n').length).toBeGreaterThan(100);
  });

  it('says which file could not be read and why', async () => {
    await expect(readDocument(join(tmp, 'gone.txt'), rules)).rejects.toThrow(/gone\.txt: the file does not exist/);
    await expect(readDocument(tmp, rules)).rejects.toThrow(/this is a folder, not a file|not a supported file type/);
  });
});
