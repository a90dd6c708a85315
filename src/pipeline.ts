/**
 * The one place that lists the per-document stages, in order (spaCy's pipeline, written down once).
 *
 *   read ──► normalise ──► language ──► title, published ──► extract ──► source offsets
 *  (I/O)                                                    dates, figures, organisations,
 *                                                           places, people, contacts
 *
 * Every stage after `read` is a plain synchronous function `(doc, rules) => void` that fills
 * fields of the Document; each declares what it reads and writes, and `checkStages` verifies at
 * start-up that everything a stage reads was written by an earlier one. Batch-level steps
 * (listing, deduplication across documents, writing) live in src/batch/ and src/ingest.ts.
 */
import type { Document } from './document.js';
import type { Rules } from './rules/index.js';
import { normalise } from './stages/normalise/normalise.js';
import { findTitle } from './stages/normalise/title.js';
import { detectLanguage } from './stages/language/detect.js';
import { findPublished } from './stages/extract/dates/published.js';
import { extractDates } from './stages/extract/dates/extract.js';
import { extractFigures } from './stages/extract/figures/extract.js';
import { extractOrganisations } from './stages/extract/organisations/extract.js';
import { extractPlaces } from './stages/extract/places/extract.js';
import { extractPeople } from './stages/extract/people/extract.js';
import { extractContacts } from './stages/extract/contacts/extract.js';
import { mapMentionsToSource } from './stages/source-offsets.js';

/** What a stage reads and writes: fields of Document, or `entities.<type>`. */
export type Field = 'raw' | 'text' | 'offsets' | 'metadata' | 'language' | 'title' | 'published' | `entities.${keyof Document['entities']}`;

export interface Stage {
  name: string;
  reads: Field[];
  writes: Field[];
  run(doc: Document, rules: Rules): void;
}

/** Fields the read stage fills before the pipeline starts. */
export const READ_WRITES: Field[] = ['raw', 'text', 'offsets', 'metadata'];

export const STAGES: readonly Stage[] = [
  { name: 'normalise', reads: ['text', 'offsets'], writes: ['text', 'offsets'], run: normalise },
  { name: 'language', reads: ['text'], writes: ['language'], run: detectLanguage },
  { name: 'title', reads: ['text', 'metadata'], writes: ['title'], run: findTitle },
  { name: 'published', reads: ['text', 'metadata', 'language'], writes: ['published'], run: findPublished },
  { name: 'dates', reads: ['text', 'language', 'published'], writes: ['entities.dates'], run: extractDates },
  { name: 'figures', reads: ['text', 'language', 'entities.dates'], writes: ['entities.figures'], run: extractFigures },
  { name: 'organisations', reads: ['text', 'language'], writes: ['entities.organisations'], run: extractOrganisations },
  { name: 'places', reads: ['text', 'language', 'entities.organisations'], writes: ['entities.places'], run: extractPlaces },
  {
    name: 'people',
    reads: ['text', 'language', 'entities.organisations', 'entities.places'],
    writes: ['entities.people'],
    run: extractPeople,
  },
  { name: 'contacts', reads: ['text', 'entities.people', 'entities.organisations'], writes: ['entities.contacts'], run: extractContacts },
  {
    name: 'source-offsets',
    reads: ['offsets', 'entities.dates', 'entities.figures', 'entities.organisations', 'entities.places', 'entities.people', 'entities.contacts'],
    writes: [],
    run: mapMentionsToSource,
  },
];

/** Throws when a stage reads a field that no earlier stage (or read) writes. */
export function checkStages(stages: readonly Stage[] = STAGES): void {
  const written = new Set<Field>(READ_WRITES);
  for (const stage of stages) {
    for (const f of stage.reads) {
      if (!written.has(f)) throw new Error(`pipeline: stage "${stage.name}" reads "${f}" but no earlier stage writes it`);
    }
    for (const f of stage.writes) written.add(f);
  }
}
checkStages();

/** Time spent per stage, in milliseconds, summed over the documents analysed (for the benchmark). */
export type StageTimes = Record<string, number>;

/**
 * Runs every stage on a freshly read document. Adds to `times` when given.
 * A stage that throws does not lose the document: its error becomes a diagnostic, the entities it
 * would have written stay empty, and the later stages run on what there is.
 */
export function analyse(doc: Document, rules: Rules, times?: StageTimes): Document {
  return runStages(STAGES, doc, rules, times);
}

/** Runs the given stages in order (analyse() with the pipeline's own list; tests pass others). */
export function runStages(stages: readonly Stage[], doc: Document, rules: Rules, times?: StageTimes): Document {
  for (const stage of stages) {
    const t0 = times ? performance.now() : 0;
    try {
      stage.run(doc, rules);
    } catch (e) {
      doc.diagnostics.push({ stage: stage.name, severity: 'error', message: `the ${stage.name} stage failed on this document: ${(e as Error).message}` });
    }
    if (times) times[stage.name] = (times[stage.name] ?? 0) + performance.now() - t0;
  }
  return doc;
}
