#!/usr/bin/env node
/**
 * Writes fixtures/formats/: the same releases as the seeds, as press offices also send them.
 *   node test/read/make-formats.mjs
 * - 000-page.html: seed 000 as a web page (menu, cookie banner, share widget, footer, page
 *   metadata: og:title, article:published_time 2021-04-02);
 * - 004-windows-1252.txt: seed 004 (French) saved as Windows-1252;
 * - 001-utf16le.txt: seed 001 saved as UTF-16 LE with a byte order mark;
 * - 000-pdf.txt: seed 000 as text pasted from a PDF: lines wrapped at ~80 characters with spaces
 *   at their ends, long words cut with a hyphen, a page header and a "Page n of m" footer on every
 *   page, and form feeds between pages.
 * Deterministic: running it again gives the same bytes. The expected records are the seeds'.
 */
import { Buffer } from 'node:buffer';
import console from 'node:console';
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const seeds = join(repo, 'fixtures', 'seeds');
const out = join(repo, 'fixtures', 'formats');
const expected = join(repo, 'fixtures', 'expected');
mkdirSync(out, { recursive: true });
const seed = (prefix) => readdirSync(seeds).find((n) => n.startsWith(prefix));
const read = (prefix) => readFileSync(join(seeds, seed(prefix)), 'utf8');

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function html000() {
  const lines = read('000').split('\n');
  // Line 0 "Skip to Content" is page furniture: it goes into the page's skip link.
  const title = lines[2];
  const date = lines[4];
  const paras = lines.slice(6).filter((l) => l.trim());
  const body = paras
    .map((p) => {
      if (/^(About |CNES press contacts|Capgemini press contact)/.test(p)) return `      <h2>${escape(p)}</h2>`;
      if (/Tél\./.test(p)) return `      <p class="contact">${escape(p.replace(/\s+/g, ' ')).replace('Tél.', 'T&eacute;l.')}</p>`;
      return `      <p>${escape(p).replace(/’/g, '&rsquo;').replace(/Capgemini/, '<strong>Capgemini</strong>')}</p>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escape(title)} | CNES</title>
  <meta property="og:title" content="${escape(title)}">
  <meta property="og:site_name" content="CNES">
  <meta property="article:published_time" content="2021-04-02T09:30:00+02:00">
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":${JSON.stringify(title)},"datePublished":"2021-04-02"}</script>
  <style>.cookie-banner{position:fixed;bottom:0}</style>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>
<body>
  <a class="skip-link" href="#main">Skip to Content</a>
  <header class="site-header">
    <a href="/en" class="logo">CNES - Centre national d'études spatiales</a>
    <nav class="main-menu" aria-label="Main menu">
      <ul>
        <li><a href="/en/cnes">CNES</a></li>
        <li><a href="/en/missions">Missions</a></li>
        <li><a href="/en/press">Press room</a></li>
        <li><a href="/en/careers">Careers</a></li>
      </ul>
    </nav>
    <form class="search" action="/en/search"><input name="q" placeholder="Search"><button>Search</button></form>
  </header>
  <div id="cookie-consent" class="cookie-banner">
    <p>This site uses cookies to measure its audience and improve your experience. By continuing you accept their use.</p>
    <button>Accept all cookies</button> <button>Customise</button>
  </div>
  <main id="main">
    <nav class="breadcrumb"><a href="/en">Home</a> &gt; <a href="/en/press">Press</a> &gt; Releases</nav>
    <article class="press-release">
      <header>
        <h1>${escape(title)}</h1>
        <time datetime="2021-04-02">${escape(date)}</time>
      </header>
${body}
      <div class="share-buttons"><span>Share this</span> <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">LinkedIn</a></div>
    </article>
    <aside class="related">
      <h2>Related news</h2>
      <ul><li><a href="/en/x">Thomas Pesquet back on Earth after 200 days in orbit</a></li></ul>
    </aside>
  </main>
  <footer class="site-footer">
    <p>© CNES 2021 - Legal notice - Contact - Accessibility</p>
    <p>Centre national d'études spatiales, 2 place Maurice Quentin, 75039 Paris Cedex 01</p>
  </footer>
</body>
</html>
`;
}

/** Text as printed to PDF and pasted back: wrapped, hyphenated, with page furniture. */
function pdf000() {
  const text = read('000').split('\n').slice(2).join('\n'); // without the web page's skip link
  const width = 80;
  const lines = [];
  for (const para of text.split('\n')) {
    if (para.length <= width) {
      lines.push(para);
      continue;
    }
    let line = '';
    for (const word of para.split(' ')) {
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ' ' + word;
      else if (/^\p{Ll}{9,}[,.]?$/u.test(word) && line.length + 6 <= width) {
        // Cut a long word: as much as fits, at least 4 letters on each side.
        const room = Math.min(width - line.length - 2, word.replace(/[,.]$/, '').length - 4);
        lines.push(`${line} ${word.slice(0, room)}- `);
        line = word.slice(room);
      } else {
        lines.push(line + ' ');
        line = word;
      }
    }
    lines.push(line + ' ');
  }
  const perPage = 22;
  const pages = Math.ceil(lines.length / perPage);
  const outLines = [];
  for (let p = 0; p < pages; p++) {
    if (p > 0) outLines.push('\f');
    outLines.push('CNES – Press release', '');
    outLines.push(...lines.slice(p * perPage, (p + 1) * perPage));
    outLines.push('', `Page ${p + 1} of ${pages}`);
  }
  return outLines.join('\n').replace(/\n\f\n/g, '\n\f');
}

const cp1252 = (s) => {
  // Windows-1252 has no narrow no-break space: a no-break space stands for it, as Word does.
  const t = s.replace(/\u202F/g, '\u00A0');
  // Bytes 0x80-0x9F of Windows-1252 (Node's own decoder treats them as Latin-1).
  const high = [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
    0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
  ];
  const table = new Map();
  for (let b = 0; b < 256; b++) table.set(String.fromCharCode(b >= 0x80 && b < 0xa0 ? high[b - 0x80] : b), b);
  return Buffer.from(Array.from(t, (ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`not in Windows-1252: U+${ch.codePointAt(0).toString(16)}`);
    return b;
  }));
};

const files = {
  '000-page.html': ['000', Buffer.from(html000(), 'utf8')],
  '000-pdf.txt': ['000', Buffer.from(pdf000(), 'utf8')],
  '001-utf16le.txt': ['001', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(read('001').replace(/\n/g, '\r\n'), 'utf16le')])],
  '004-windows-1252.txt': ['004', cp1252(read('004').replace(/\n/g, '\r\n'))],
};
for (const [name, [prefix, bytes]] of Object.entries(files)) {
  writeFileSync(join(out, name), bytes);
  // The seed's expected record, only "source" changed (same entities whatever the format).
  const exp = readFileSync(join(expected, seed(prefix).replace(/\.txt$/, '.json')), 'utf8');
  const changed = exp.replace(/"source":\s*"[^"]*"/, `"source": "formats/${name}"`);
  if (changed === exp) throw new Error(`no "source" in the expected record of seed ${prefix}`);
  writeFileSync(join(expected, `formats-${name.replace(/\.[a-z]+$/, '')}.json`), changed);
  console.log(`fixtures/formats/${name}: ${bytes.length} bytes`);
}
