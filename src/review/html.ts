/**
 * The review page: ONE self-contained HTML file (inline CSS and JS, no network, no external
 * assets) with an index of records and, for each record, its text with every mention
 * highlighted by type, a side panel with the normalised values, the entity tables, sources and
 * diagnostics.
 *
 * Safety: every piece of record data goes through `escapeHtml` (text and attributes alike) and
 * is rendered here, on the server side; the page's own script never parses record data as HTML
 * (it clones already-parsed nodes and sets textContent). A Content-Security-Policy that allows
 * only the page's own script (by hash) is a second wall: even a bug in the escaping could not run
 * a release's `<script>` or `onerror=`.
 */
import { createHash } from 'node:crypto';
import type { DocumentRecord } from '../record.js';
import type { RunReport } from '../ingest.js';
import { describe, summarise, TYPE_LABEL } from './describe.js';
import { MENTION_TYPES, invalidMentions, recordSegments, type MentionType } from './segments.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values alike. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Plural heading of each type. */
const TYPE_HEADING: Record<MentionType, string> = {
  people: 'People',
  organisations: 'Organisations',
  dates: 'Dates',
  figures: 'Figures',
  places: 'Places',
  contacts: 'Contacts',
};
/** One-letter badge per type, so counts and highlights stay readable without colour. */
const TYPE_LETTER: Record<MentionType, string> = {
  people: 'P',
  organisations: 'O',
  dates: 'D',
  figures: 'F',
  places: 'L',
  contacts: 'C',
};

export interface ReviewOptions {
  /** Page heading, e.g. the output folder. */
  heading?: string;
  report?: RunReport | null;
  /** Problems met while loading records (shown at the top). */
  problems?: string[];
  /** Fixed generation time (tests); default now. */
  generated?: Date;
}

const refId = (n: number, type: MentionType, index: number) => `d${n}-${TYPE_LETTER[type]}${index}`;

function recordTitle(r: DocumentRecord): string {
  if (r.title && r.title.trim()) return r.title.trim();
  const first = r.text.split('\n').find((l) => l.trim());
  return first ? (first.length > 100 ? first.slice(0, 100) + '…' : first.trim()) : r.sources[0]?.path ?? r.id;
}

function renderText(r: DocumentRecord, n: number): string {
  const out: string[] = [];
  for (const seg of recordSegments(r)) {
    const text = escapeHtml(r.text.slice(seg.start, seg.end));
    if (seg.refs.length === 0) {
      out.push(text);
      continue;
    }
    const primary = seg.refs[0]!;
    const types = [...new Set(seg.refs.map((m) => m.type))];
    const classes = ['m', `t-${primary.type}`, ...types.map((t) => `has-${t}`), ...(seg.refs.length > 1 ? ['multi'] : [])];
    const refs = seg.refs.map((m) => refId(n, m.type, m.index)).join(' ');
    const title = seg.refs.map((m) => `${TYPE_LABEL[m.type]}: ${summarise(m.type, r[m.type][m.index])}`).join('\n');
    // A keyboard stop where a mention begins; the rest of a split mention is reachable by mouse.
    const tab = seg.opens.length ? ' tabindex="0"' : '';
    out.push(`<mark class="${classes.join(' ')}" data-refs="${refs}" data-type="${primary.type}" title="${escapeHtml(title)}"${tab}>${text}</mark>`);
  }
  return out.join('');
}

function fieldsHtml(type: MentionType, e: unknown): string {
  return `<dl>${describe(type, e)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('')}</dl>`;
}

function renderDetails(r: DocumentRecord, n: number): string {
  const parts: string[] = [];
  for (const type of MENTION_TYPES) {
    r[type].forEach((e, i) => {
      parts.push(
        `<div class="detail" id="${refId(n, type, i)}"><div class="detail-type"><span class="swatch t-${type}">${TYPE_LETTER[type]}</span> ${TYPE_LABEL[type]}</div>${fieldsHtml(type, e)}</div>`,
      );
    });
  }
  return `<div class="details" hidden>${parts.join('')}</div>`;
}

type Column = [heading: string, cell: (e: never) => string];

const COLUMNS: Record<MentionType, Column[]> = {
  people: [
    ['Name', (e: DocumentRecord['people'][number]) => e.name],
    ['Aliases', (e: DocumentRecord['people'][number]) => (e.aliases ?? []).join(', ')],
    ['Roles', (e: DocumentRecord['people'][number]) => (e.roles ?? []).map((r) => (r.organisation ? `${r.title} (${r.organisation})` : r.title)).join('; ')],
  ],
  organisations: [
    ['Name', (e: DocumentRecord['organisations'][number]) => e.name],
    ['Acronym', (e: DocumentRecord['organisations'][number]) => e.acronym ?? ''],
    ['Aliases', (e: DocumentRecord['organisations'][number]) => (e.aliases ?? []).join(', ')],
  ],
  dates: [
    ['Value', (e: DocumentRecord['dates'][number]) => e.value],
    ['Grain', (e: DocumentRecord['dates'][number]) => e.grain + (e.ambiguous ? ' (ambiguous)' : '')],
    ['As written', (e: DocumentRecord['dates'][number]) => e.text],
    ['Provenance', (e: DocumentRecord['dates'][number]) => describe('dates', e).find(([k]) => k === 'provenance')?.[1] ?? ''],
  ],
  figures: [
    ['Value', (e: DocumentRecord['figures'][number]) => describe('figures', e).filter(([k]) => k === 'value' || k === 'up to').map(([, v]) => v).join('–')],
    ['Unit', (e: DocumentRecord['figures'][number]) => e.unit ?? ''],
    ['Kind', (e: DocumentRecord['figures'][number]) => e.kind],
    ['Qualifier', (e: DocumentRecord['figures'][number]) => e.qualifier ?? ''],
    ['As written', (e: DocumentRecord['figures'][number]) => e.text],
  ],
  places: [
    ['Name', (e: DocumentRecord['places'][number]) => e.name],
    ['Type', (e: DocumentRecord['places'][number]) => e.type],
    ['Code', (e: DocumentRecord['places'][number]) => e.code ?? ''],
    ['Aliases', (e: DocumentRecord['places'][number]) => (e.aliases ?? []).join(', ')],
  ],
  contacts: [
    ['Name', (e: DocumentRecord['contacts'][number]) => e.name],
    ['Role', (e: DocumentRecord['contacts'][number]) => e.role ?? ''],
    ['Organisation', (e: DocumentRecord['contacts'][number]) => e.organisation ?? ''],
    ['E-mail', (e: DocumentRecord['contacts'][number]) => e.email ?? ''],
    ['Phone', (e: DocumentRecord['contacts'][number]) => e.phone ?? ''],
  ],
};

function renderTables(r: DocumentRecord, n: number): string {
  const parts: string[] = [];
  for (const type of MENTION_TYPES) {
    const list = r[type] as unknown[];
    if (list.length === 0) continue;
    const cols = COLUMNS[type];
    const head = cols.map(([h]) => `<th scope="col">${h}</th>`).join('') + '<th scope="col" class="num">Mentions</th>';
    const rows = list
      .map((e, i) => {
        const cells = cols.map(([, cell]) => `<td>${escapeHtml(String((cell as (x: unknown) => string)(e) ?? ''))}</td>`).join('');
        const count = ((e as { mentions?: unknown[] }).mentions ?? []).length;
        return `<tr data-ref="${refId(n, type, i)}">${cells}<td class="num">${count}</td></tr>`;
      })
      .join('');
    parts.push(
      `<section class="entities e-${type}"><h3><span class="swatch t-${type}">${TYPE_LETTER[type]}</span> ${TYPE_HEADING[type]} <span class="count">${list.length}</span></h3><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`,
    );
  }
  if (parts.length === 0) parts.push('<p class="empty">No entities in this record.</p>');
  return parts.join('');
}

function renderSources(r: DocumentRecord, known: Set<string>): string {
  const items = r.sources.map((s) => `<li><code>${escapeHtml(s.path)}</code> <span class="sha" title="sha256 ${escapeHtml(s.sha256 ?? '')}">${escapeHtml((s.sha256 ?? '').slice(0, 12))}</span></li>`);
  const translations = r.translations.map((t) =>
    known.has(t) ? `<li>translation: <a href="#r-${escapeHtml(t)}">${escapeHtml(t)}</a></li>` : `<li>translation: <code>${escapeHtml(t)}</code></li>`,
  );
  return `<section class="sources"><h3>Sources</h3><ul>${items.join('')}${translations.join('')}</ul><p class="rid">record id <code>${escapeHtml(r.id)}</code></p></section>`;
}

function renderDiagnostics(r: DocumentRecord): string {
  const bad = invalidMentions(r).map(
    (m) => ({ stage: 'review', severity: 'error', message: `${TYPE_LABEL[m.type]} mention [${m.start}, ${m.end}) is outside the text or empty`, start: undefined, end: undefined, rule: undefined }) as const,
  );
  const all = [...r.diagnostics, ...bad];
  if (all.length === 0) return '<section class="diagnostics"><h3>Diagnostics</h3><p class="empty">None.</p></section>';
  const rows = all
    .map((d) => {
      const where = d.start !== undefined ? `${d.start}${d.end !== undefined ? '–' + d.end : ''}` : '';
      const snippet = d.start !== undefined && d.end !== undefined && d.end > d.start ? r.text.slice(d.start, Math.min(d.end, d.start + 120)) : '';
      return `<tr class="sev-${escapeHtml(d.severity)}"><td>${escapeHtml(d.severity)}</td><td>${escapeHtml(d.stage)}</td><td>${escapeHtml(d.rule ?? '')}</td><td>${escapeHtml(d.message)}</td><td class="num">${where}</td><td>${snippet ? `<q>${escapeHtml(snippet)}</q>` : ''}</td></tr>`;
    })
    .join('');
  return `<section class="diagnostics"><h3>Diagnostics <span class="count">${all.length}</span></h3><table><thead><tr><th scope="col">Severity</th><th scope="col">Stage</th><th scope="col">Rule</th><th scope="col">Message</th><th scope="col">At</th><th scope="col">Text</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function countsHtml(r: DocumentRecord): string {
  return MENTION_TYPES.filter((t) => t !== 'contacts' || r.contacts.length > 0)
    .map((t) => `<span class="chip t-${t}" title="${r[t].length} ${TYPE_HEADING[t].toLowerCase()}"><b>${TYPE_LETTER[t]}</b>${r[t].length}</span>`)
    .join('');
}

function renderRecord(r: DocumentRecord, n: number, known: Set<string>): string {
  const meta = [r.published ? `published <time>${escapeHtml(r.published)}</time>` : 'no published date', `language ${escapeHtml(r.language ?? 'unknown')}`, `${r.text.length} characters`].join(' · ');
  return `<article class="record" id="r-${escapeHtml(r.id)}" data-n="${n}">
<h2>${escapeHtml(recordTitle(r))}</h2>
<p class="meta">${meta}</p>
<div class="text" lang="${escapeHtml(r.language ?? '')}">${renderText(r, n)}</div>
${renderTables(r, n)}
${renderSources(r, known)}
${renderDiagnostics(r)}
${renderDetails(r, n)}
</article>`;
}

function renderIndexItem(r: DocumentRecord): string {
  const types = MENTION_TYPES.filter((t) => r[t].length > 0).join(' ');
  return `<li data-lang="${escapeHtml(r.language ?? 'und')}" data-types="${types}"><a href="#r-${escapeHtml(r.id)}" data-id="${escapeHtml(r.id)}"><span class="it">${escapeHtml(recordTitle(r))}</span><span class="im">${escapeHtml(r.published ?? 'undated')} · ${escapeHtml((r.language ?? 'und').toUpperCase())} ${countsHtml(r)}</span></a></li>`;
}

function renderRunSummary(report: RunReport | null | undefined, problems: string[]): string {
  const parts: string[] = [];
  if (report) {
    const s = report.summary;
    parts.push(`<p>${s.inputs} inputs, ${s.records} records, ${s.duplicates} duplicates, ${s.errors} errors</p>`);
    const errors = report.inputs.filter((i) => i.outcome === 'error');
    if (errors.length) parts.push(`<ul>${errors.map((e) => `<li>${escapeHtml((e as { error: string }).error)}</li>`).join('')}</ul>`);
  }
  if (problems.length) parts.push(`<ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`);
  return parts.length ? `<details class="run"><summary>Run</summary>${parts.join('')}</details>` : '';
}

const CSS = `
:root{--bg:#fbfbfa;--fg:#1c1c1c;--muted:#5b5b5b;--line:#d9d9d6;--focus:#1d4ed8;
--people:#cfe3ff;--people-d:#1d4ed8;--organisations:#c9f0d3;--organisations-d:#15803d;
--dates:#ffe8a3;--dates-d:#a16207;--figures:#ffd3e4;--figures-d:#be185d;
--places:#e4dcff;--places-d:#6d28d9;--contacts:#c8f1ef;--contacts-d:#0f766e}
*{box-sizing:border-box}
html,body{height:100%;margin:0}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg);display:flex;flex-direction:column}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;padding:.5rem 1rem;border-bottom:1px solid var(--line);background:#fff}
header h1{font-size:1.05rem;margin:0}
header label{font-size:.85rem;color:var(--muted)}
input[type=search],select{font:inherit;font-size:.9rem;padding:.2rem .4rem;border:1px solid #9a9a96;border-radius:4px;background:#fff}
input[type=search]{width:16rem}
.legend{display:flex;flex-wrap:wrap;gap:.3rem .7rem;font-size:.85rem;margin:0;padding:0;list-style:none}
.legend li{white-space:nowrap}
.hint{font-size:.8rem;color:var(--muted)}
kbd{font:inherit;font-size:.75rem;border:1px solid #aaa;border-radius:3px;padding:0 .25rem;background:#f3f3f1}
.layout{flex:1;display:grid;grid-template-columns:minmax(15rem,22rem) minmax(0,1fr) minmax(13rem,18rem);min-height:0}
nav{border-right:1px solid var(--line);overflow:auto;background:#fff}
nav .shown{font-size:.8rem;color:var(--muted);padding:.3rem .7rem;margin:0;border-bottom:1px solid var(--line)}
nav ol{list-style:none;margin:0;padding:0}
nav li a{display:block;padding:.4rem .7rem;border-bottom:1px solid #eee;color:inherit;text-decoration:none}
nav li a:hover{background:#f2f5fb}
nav li a[aria-current=true]{background:#e6edfb;box-shadow:inset 4px 0 0 var(--focus)}
nav .it{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;font-weight:600;font-size:.88rem;line-height:1.3}
nav .im{display:block;font-size:.78rem;color:var(--muted);margin-top:.15rem}
.chip{display:inline-block;font-size:.72rem;padding:0 .3rem;margin-left:.2rem;border-radius:3px;color:#111;border-bottom:2px solid}
.chip b{margin-right:.15rem}
#viewer{overflow:auto;padding:0 1.2rem 2rem}
#viewer h2{font-size:1.2rem;line-height:1.3;margin:1rem 0 .2rem}
.meta{color:var(--muted);font-size:.85rem;margin:0 0 .8rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;max-width:80ch;font-size:.98rem;line-height:1.7;padding:.8rem 1rem;background:#fff;border:1px solid var(--line);border-radius:6px}
mark.m{color:inherit;border-radius:2px;padding:0 1px;text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:3px;cursor:help}
.t-people{background:var(--people);text-decoration-color:var(--people-d);border-color:var(--people-d);text-decoration-style:solid}
.t-organisations{background:var(--organisations);text-decoration-color:var(--organisations-d);border-color:var(--organisations-d);text-decoration-style:double}
.t-dates{background:var(--dates);text-decoration-color:var(--dates-d);border-color:var(--dates-d);text-decoration-style:dotted}
.t-figures{background:var(--figures);text-decoration-color:var(--figures-d);border-color:var(--figures-d);text-decoration-style:dashed}
.t-places{background:var(--places);text-decoration-color:var(--places-d);border-color:var(--places-d);text-decoration-style:wavy}
.t-contacts{background:var(--contacts);text-decoration-color:var(--contacts-d);border-color:var(--contacts-d);text-decoration-style:solid}
mark.t-contacts{text-decoration-line:overline underline}
mark.multi{outline:1px solid #555;outline-offset:-1px}
mark.m:focus{outline:3px solid var(--focus);outline-offset:1px}
mark.m.same{box-shadow:0 0 0 2px #111}
${MENTION_TYPES.map((t) => `body.only-${t} #viewer mark.m:not(.has-${t})`).join(',')}{background:transparent;text-decoration-line:none;outline:none}
.swatch{display:inline-block;min-width:1.3em;text-align:center;font-size:.75rem;font-weight:700;border-radius:3px;border-bottom:2px solid}
.entities h3,.sources h3,.diagnostics h3{font-size:.95rem;margin:1.2rem 0 .3rem}
.count{font-weight:400;color:var(--muted);font-size:.85rem}
table{border-collapse:collapse;font-size:.85rem;max-width:100%}
th,td{text-align:left;padding:.2rem .5rem;border-bottom:1px solid #e6e6e3;vertical-align:top}
th{background:#f1f1ee;font-weight:600}
td.num,th.num{text-align:right}
tr.hl td{background:#fff6c9}
.sources ul{margin:0;padding-left:1.2rem;font-size:.85rem}
.sha{color:var(--muted);font-size:.8rem}
.rid{font-size:.8rem;color:var(--muted)}
.empty{color:var(--muted);font-size:.85rem}
.sev-error td:first-child{color:#b91c1c;font-weight:600}
.sev-warning td:first-child{color:#a16207;font-weight:600}
aside{border-left:1px solid var(--line);overflow:auto;padding:.6rem .8rem;background:#fff;font-size:.85rem}
aside h2{font-size:.9rem;margin:.2rem 0 .5rem}
aside .detail{border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;margin-bottom:.5rem}
.detail-type{font-weight:600;margin-bottom:.2rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .6rem;margin:0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
details.run{font-size:.85rem}
:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
@media (max-width:1100px){.layout{grid-template-columns:minmax(13rem,17rem) minmax(0,1fr)}aside{grid-column:1/-1;border-left:0;border-top:1px solid var(--line);max-height:30vh}}
`;

/** The page's behaviour: selection by URL hash, filters, search, keyboard, side panel. */
const SCRIPT = `
(function(){
'use strict';
var data=JSON.parse(document.getElementById('records').textContent);
var byId=new Map();data.forEach(function(d,n){byId.set(d.id,n);});
var nav=document.getElementById('index'),viewer=document.getElementById('viewer');
var items=Array.prototype.slice.call(nav.querySelectorAll('li'));
var search=document.getElementById('q'),lang=document.getElementById('lang'),type=document.getElementById('type');
var shown=document.getElementById('shown'),panel=document.getElementById('panel-body');
var current=null;
function fold(s){return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').toLowerCase();}
var folded=[];
var ENT={'&lt;':'<','&gt;':'>','&quot;':'"','&#39;':"'",'&amp;':'&'};
// What a search matches: the record's markup without its tags (title, text, entity tables).
function haystack(n){if(folded[n]===undefined)folded[n]=fold(data[n].h.replace(/<[^>]*>/g,' ').replace(/&(lt|gt|quot|#39|amp);/g,function(e){return ENT[e];}));return folded[n];}
function idOf(li){return li.firstChild.getAttribute('data-id');}
function visible(){return items.filter(function(li){return !li.hidden;});}
function applyFilters(){
  var q=fold(search.value.trim()),l=lang.value,t=type.value,n=0;
  items.forEach(function(li,i){
    var ok=(!l||li.getAttribute('data-lang')===l)&&(!t||(' '+li.getAttribute('data-types')+' ').indexOf(' '+t+' ')>=0)&&(!q||haystack(i).indexOf(q)>=0);
    if(li.hidden===ok)li.hidden=!ok;if(ok)n++;
  });
  shown.textContent=n+' of '+items.length+' records shown';
  document.body.className=t?'only only-'+t:'';
  if(current&&current.hidden){var v=visible();if(v.length)select(idOf(v[0]),false);}
}
function select(id,focusLink){
  var n=byId.get(id);
  if(n===undefined)return;
  // The record's markup was escaped when the page was written; it holds no script and no handler.
  viewer.innerHTML=data[n].h;
  if(current)current.firstChild.removeAttribute('aria-current');
  current=items[n];
  current.firstChild.setAttribute('aria-current','true');
  current.firstChild.scrollIntoView({block:'nearest'});
  if(focusLink)current.firstChild.focus();
  viewer.scrollTop=0;
  if(location.hash!=='#r-'+id)history.replaceState(null,'','#r-'+id);
  clearPanel();
}
function clearPanel(){panel.textContent='';var p=document.createElement('p');p.className='empty';p.textContent='Hover or focus a highlighted mention (Tab) to see its normalised value.';panel.appendChild(p);}
function showRefs(mark){
  var refs=(mark.getAttribute('data-refs')||'').split(' ');
  panel.textContent='';
  refs.forEach(function(r){var d=document.getElementById(r);if(d)panel.appendChild(d.cloneNode(true)).removeAttribute('id');});
  viewer.querySelectorAll('.same').forEach(function(m){m.classList.remove('same');});
  viewer.querySelectorAll('tr.hl').forEach(function(m){m.classList.remove('hl');});
  viewer.querySelectorAll('mark.m').forEach(function(m){if((' '+m.getAttribute('data-refs')+' ').indexOf(' '+refs[0]+' ')>=0)m.classList.add('same');});
  refs.forEach(function(r){var tr=viewer.querySelector('tr[data-ref="'+r+'"]');if(tr)tr.classList.add('hl');});
}
viewer.addEventListener('focusin',function(e){var m=e.target.closest&&e.target.closest('mark.m');if(m)showRefs(m);});
viewer.addEventListener('mouseover',function(e){var m=e.target.closest&&e.target.closest('mark.m');if(m)showRefs(m);});
function move(step){
  var v=visible();if(!v.length)return;
  var i=v.indexOf(current);
  i=i<0?0:Math.max(0,Math.min(v.length-1,i+step));
  select(idOf(v[i]),true);
}
document.addEventListener('keydown',function(e){
  if(e.ctrlKey||e.metaKey||e.altKey)return;
  var tag=(e.target.tagName||'').toLowerCase();
  var typing=tag==='input'||tag==='select'||tag==='textarea';
  if(e.key==='Escape'&&e.target===search){search.value='';applyFilters();search.blur();return;}
  if(typing)return;
  if(e.key==='/'){e.preventDefault();search.focus();search.select();return;}
  var inNav=nav.contains(e.target);
  if(e.key==='j'||(inNav&&e.key==='ArrowDown')){e.preventDefault();move(1);}
  else if(e.key==='k'||(inNav&&e.key==='ArrowUp')){e.preventDefault();move(-1);}
});
nav.addEventListener('click',function(e){var a=e.target.closest('a[data-id]');if(a){e.preventDefault();select(a.getAttribute('data-id'),true);}});
viewer.addEventListener('click',function(e){var a=e.target.closest('a[href^="#r-"]');if(a){e.preventDefault();select(a.getAttribute('href').slice(3),false);}});
window.addEventListener('hashchange',function(){var id=location.hash.replace(/^#r-/,'');if(id)select(id,false);});
var timer=0;
search.addEventListener('input',function(){clearTimeout(timer);if(data.length>500)timer=setTimeout(applyFilters,150);else applyFilters();});
lang.addEventListener('change',applyFilters);type.addEventListener('change',applyFilters);
applyFilters();
var first=location.hash.indexOf('#r-')===0&&byId.has(location.hash.slice(3))?location.hash.slice(3):(visible()[0]?idOf(visible()[0]):null);
if(first)select(first,false);
document.documentElement.setAttribute('data-ready','true');
})();
`;

/**
 * Every record's article (already escaped HTML) as JSON inside a data block:
 * the browser builds the DOM of the one record shown, so thousands of records open quickly.
 * "<" is written \u003c so that no "</script>" or "<!--" can end the block early.
 */
function recordData(records: DocumentRecord[], known: Set<string>): string {
  const data = records.map((r, n) => ({ id: r.id, h: renderRecord(r, n, known) }));
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The sha256 of the page script, for the Content-Security-Policy. */
function scriptHash(): string {
  return createHash('sha256').update(SCRIPT).digest('base64');
}

/** Renders the whole review page for these records. */
export function renderReview(records: DocumentRecord[], options: ReviewOptions = {}): string {
  const known = new Set(records.map((r) => r.id));
  const langs = [...new Set(records.map((r) => r.language ?? 'und'))].sort();
  const heading = options.heading ? `communique review: ${options.heading}` : 'communique review';
  const generated = (options.generated ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
  const legend = MENTION_TYPES.map((t) => `<li><mark class="m t-${t}">${TYPE_LETTER[t]} ${TYPE_LABEL[t]}</mark></li>`).join('');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash()}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(heading)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(heading)}</h1>
<label>Search <input type="search" id="q" placeholder="text, names, values  ( / )" autocomplete="off"></label>
<label>Language <select id="lang"><option value="">all</option>${langs.map((l) => `<option value="${escapeHtml(l)}">${escapeHtml(l)}</option>`).join('')}</select></label>
<label>Entity type <select id="type"><option value="">all</option>${MENTION_TYPES.map((t) => `<option value="${t}">${TYPE_HEADING[t].toLowerCase()}</option>`).join('')}</select></label>
<ul class="legend" aria-label="Legend">${legend}</ul>
<span class="hint"><kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> next/previous record · <kbd>Tab</kbd> mentions · generated ${generated} UTC</span>
${renderRunSummary(options.report, options.problems ?? [])}
</header>
<div class="layout">
<nav id="index" aria-label="Records"><p class="shown" id="shown" aria-live="polite">${records.length} records</p><ol>${records.map(renderIndexItem).join('')}</ol></nav>
<main id="viewer"><p class="empty">${records.length ? 'This page needs JavaScript to show a record.' : 'No records in this folder.'}</p></main>
<aside aria-label="Selected mention"><h2>Mention</h2><div id="panel-body" aria-live="polite"></div></aside>
</div>
<script type="application/json" id="records">${recordData(records, known)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
