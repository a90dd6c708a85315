/**
 * Small hand-made records with mentions, for the review and show tests (the extractors may still
 * be empty while these tests run, so the records are built here, not by the pipeline).
 */
import { recordId, type DocumentRecord } from '../../src/record.js';
import type { Mention } from '../../src/document.js';

/** The span of the n-th (0-based) occurrence of `surface` in `text`; throws when absent. */
export function at(text: string, surface: string, nth = 0): Mention {
  let from = 0;
  for (let i = 0; ; i++) {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`"${surface}" (occurrence ${nth}) is not in the text`);
    if (i === nth) return { start, end: start + surface.length };
    from = start + 1;
  }
}

export function baseRecord(text: string, over: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id: recordId(text),
    sources: [{ path: `synthetic/${recordId(text)}.txt`, sha256: 'a'.repeat(64) }],
    language: 'en',
    published: null,
    title: null,
    text,
    people: [],
    organisations: [],
    dates: [],
    figures: [],
    places: [],
    contacts: [],
    translations: [],
    diagnostics: [],
    ...over,
  };
}

const EN = `Toulouse, 2 April 2021
CNES and Capgemini sign a partnership on space data

Jean-Yves Le Gall, President of CNES, and Aiman Ezzat, CEO of Capgemini, signed the agreement on Monday 22 March in Paris.
The European Space Agency (ESA) counts 22 member states. Capgemini employs nearly 270,000 team members and reported revenues of €16 billion in 2020.
Le Gall said the partnership would run for 24 months.
Press contact: Pascale Bresson, pascale.bresson@cnes.fr`;

export function englishRecord(): DocumentRecord {
  const t = EN;
  return baseRecord(t, {
    published: '2021-04-02',
    title: 'CNES and Capgemini sign a partnership on space data',
    people: [
      { name: 'Jean-Yves Le Gall', aliases: ['Le Gall'], roles: [{ title: 'President', organisation: 'CNES' }], mentions: [at(t, 'Jean-Yves Le Gall'), at(t, 'Le Gall', 1)] },
      { name: 'Aiman Ezzat', aliases: [], roles: [{ title: 'CEO', organisation: 'Capgemini' }], mentions: [at(t, 'Aiman Ezzat')] },
      { name: 'Pascale Bresson', aliases: [], roles: [{ title: 'Press contact' }], mentions: [at(t, 'Pascale Bresson')] },
    ],
    organisations: [
      { name: "Centre National d'Etudes Spatiales", acronym: 'CNES', aliases: [], id: 'cnes', mentions: [at(t, 'CNES'), at(t, 'CNES', 1)] },
      { name: 'Capgemini', acronym: null, aliases: [], mentions: [at(t, 'Capgemini'), at(t, 'Capgemini', 1), at(t, 'Capgemini', 2)] },
      { name: 'European Space Agency', acronym: 'ESA', aliases: [], mentions: [at(t, 'European Space Agency'), at(t, 'ESA')] },
    ],
    dates: [
      { value: '2021-04-02', grain: 'day', text: '2 April 2021', provenance: { written: ['day', 'month', 'year'], inferred: [] }, rule: 'date.en.day-month-year', mentions: [at(t, '2 April 2021')] },
      {
        value: '2021-03-22',
        grain: 'day',
        text: 'Monday 22 March',
        provenance: { written: ['weekday', 'day', 'month'], inferred: ['year'], inferredFrom: 'published' },
        rule: 'date.en.weekday-day-month',
        mentions: [at(t, 'Monday 22 March')],
      },
      { value: '2020', grain: 'year', text: '2020', provenance: { written: ['year'], inferred: [] }, mentions: [at(t, '2020')] },
    ],
    figures: [
      { value: 22, unit: 'member states', kind: 'count', text: '22 member states', mentions: [at(t, '22 member states')] },
      { value: 270000, unit: 'team members', kind: 'count', qualifier: 'nearly', text: 'nearly 270,000 team members', mentions: [at(t, 'nearly 270,000 team members')] },
      // Crosses the year mention: "€16 billion in 2020" overlaps the date "2020".
      { value: 16000000000, unit: 'EUR', kind: 'money', text: '€16 billion in 2020', mentions: [at(t, '€16 billion in 2020')] },
      { value: 24, unit: 'month', kind: 'measure', text: '24 months', mentions: [at(t, '24 months')] },
    ],
    places: [
      { name: 'Toulouse', type: 'city', aliases: [], mentions: [at(t, 'Toulouse')] },
      { name: 'Paris', type: 'city', aliases: [], mentions: [at(t, 'Paris')] },
    ],
    contacts: [{ name: 'Pascale Bresson', email: 'pascale.bresson@cnes.fr', mentions: [at(t, 'Pascale Bresson, pascale.bresson@cnes.fr')] }],
    diagnostics: [{ stage: 'dates', severity: 'warning', message: 'year inferred from the dateline', rule: 'date.en.weekday-day-month', ...at(t, 'Monday 22 March') }],
  });
}

const FR = `Paris, le 31 janvier 2014
Le CNES et l'Agence spatiale européenne lancent SWOT

Le Centre national d'études spatiales (CNES) a confirmé le 22 novembre dernier un budget de 16,9 milliards d'euros, en hausse de 18,4 %.
Geneviève Fioraso, ministre de l'Enseignement supérieur, s'est rendue à Kourou.`;

export function frenchRecord(): DocumentRecord {
  const t = FR;
  return baseRecord(t, {
    language: 'fr',
    published: '2014-01-31',
    title: "Le CNES et l'Agence spatiale européenne lancent SWOT",
    people: [{ name: 'Geneviève Fioraso', aliases: [], roles: [{ title: "ministre de l'Enseignement supérieur" }], mentions: [at(t, 'Geneviève Fioraso')] }],
    organisations: [
      { name: "Centre national d'études spatiales", acronym: 'CNES', aliases: [], mentions: [at(t, 'CNES'), at(t, "Centre national d'études spatiales"), at(t, 'CNES', 1)] },
      { name: 'Agence spatiale européenne', acronym: null, aliases: [], mentions: [at(t, 'Agence spatiale européenne')] },
    ],
    dates: [
      { value: '2014-01-31', grain: 'day', text: '31 janvier 2014', provenance: { written: ['day', 'month', 'year'], inferred: [] }, mentions: [at(t, '31 janvier 2014')] },
      { value: '2013-11-22', grain: 'day', text: '22 novembre dernier', provenance: { written: ['day', 'month'], inferred: ['year'], inferredFrom: 'published' }, mentions: [at(t, '22 novembre dernier')] },
    ],
    figures: [
      { value: 16900000000, unit: 'EUR', kind: 'money', text: "16,9 milliards d'euros", mentions: [at(t, "16,9 milliards d'euros")] },
      { value: 18.4, unit: '%', kind: 'percent', text: '18,4 %', mentions: [at(t, '18,4 %')] },
    ],
    places: [
      { name: 'Paris', type: 'city', aliases: [], mentions: [at(t, 'Paris')] },
      { name: 'Kourou', type: 'city', aliases: [], mentions: [at(t, 'Kourou')] },
    ],
  });
}

/** Text written to break a page that does not escape: every field carries markup. */
export const HOSTILE_TEXT = `Hostile release <script>window.__pwned = 'script'; alert('script')</script>
<img src=x onerror="window.__pwned = 'img'; alert('img')"> costs $5 million & "quotes" 'too'.
Contact <b onmouseover="alert(1)">Evil Person</b> at </textarea></title></style><svg onload=alert(2)>`;

export function hostileRecord(): DocumentRecord {
  const t = HOSTILE_TEXT;
  return baseRecord(t, {
    title: `<img src=x onerror="window.__pwned='title'">Hostile <script>alert("title")</script>`,
    sources: [{ path: `evil/<script>alert('path')</script>.txt`, sha256: 'b'.repeat(64) }],
    people: [{ name: `Evil <img src=x onerror="window.__pwned='name'">Person`, aliases: ['<script>alert(3)</script>'], roles: [], mentions: [at(t, 'Evil Person')] }],
    figures: [{ value: 5000000, unit: 'USD', kind: 'money', text: '$5 million', mentions: [at(t, '$5 million')] }],
    organisations: [{ name: '"><script>alert(4)</script>', acronym: null, aliases: [], mentions: [at(t, '<script>')] }],
    diagnostics: [{ stage: 'read', severity: 'warning', message: `<img src=x onerror="window.__pwned='diag'">`, start: 0, end: 40 }],
  });
}
