/** The record written for each release: what downstream tools rely on (schema/record.schema.json). */
import { createHash } from 'node:crypto';
import type { Contact, DateEntity, Diagnostic, Document, Figure, Organisation, Person, Place, Source } from './document.js';

export interface DocumentRecord {
  id: string;
  sources: Source[];
  language: string | null;
  published: string | null;
  title: string | null;
  text: string;
  people: Person[];
  organisations: Organisation[];
  dates: DateEntity[];
  figures: Figure[];
  places: Place[];
  contacts: Contact[];
  /** Ids of records that are the same release in the other language. */
  translations: string[];
  diagnostics: Diagnostic[];
}

/** The stable id of a record: a hash of its normalised text, so the same release always has the same id. */
export function recordId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function toRecord(doc: Document): DocumentRecord {
  return {
    id: recordId(doc.text),
    sources: [doc.source],
    language: doc.language,
    published: doc.published,
    title: doc.title,
    text: doc.text,
    people: doc.entities.people,
    organisations: doc.entities.organisations,
    dates: doc.entities.dates,
    figures: doc.entities.figures,
    places: doc.entities.places,
    contacts: doc.entities.contacts,
    translations: [],
    diagnostics: doc.diagnostics,
  };
}
