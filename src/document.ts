/**
 * The one object that travels through the pipeline (spaCy's Doc, unified's VFile).
 *
 * Every stage is a plain function that reads some fields of a `Document` and fills others;
 * `src/pipeline.ts` is the only place that lists the stages and their order.
 * Offsets (`start`, `end`) always index `Document.text`, the normalised text, in UTF-16 code
 * units (JavaScript string indices), end exclusive.
 */

/** A span of the normalised text, end exclusive; `sourceStart`/`sourceEnd` index the decoded source file. */
export interface Mention {
  start: number;
  end: number;
  sourceStart?: number;
  sourceEnd?: number;
}

export type Severity = 'info' | 'warning' | 'error';

/** A message a stage leaves on the document (vfile-style): what, where, which rule. */
export interface Diagnostic {
  stage: string;
  severity: Severity;
  message: string;
  /** Stable rule id when a rule is to blame, e.g. `date.en.weekday-day-month`. */
  rule?: string;
  start?: number;
  end?: number;
}

export type Language = 'fr' | 'en';

export interface Source {
  /** Path as given on the command line or found under a given folder (relative when the input was). */
  path: string;
  /** sha256 of the file's bytes, hex. */
  sha256: string;
}

export type SourceFormat = 'text' | 'html' | 'markdown';

/** Maps normalised-text offsets back to offsets in the decoded source (`Document.raw`). */
export interface OffsetMap {
  toSource(offset: number): number;
}

// ---------------------------------------------------------------- entities

export interface Role {
  /** The title or function as written, e.g. "Président du CNES", "Press Officer". */
  title: string;
  /** Canonical name of the organisation the role belongs to, when the text says it. */
  organisation?: string;
}

export interface Person {
  name: string;
  aliases: string[];
  roles: Role[];
  mentions: Mention[];
}

export interface Organisation {
  name: string;
  acronym: string | null;
  aliases: string[];
  /** Gazetteer id when the organisation is known to rules/organisations. */
  id?: string;
  mentions: Mention[];
}

export type DateGrain = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'season' | 'year' | 'range';

/** Which components of a date were written in the text and which were inferred, and from what. */
export interface DateProvenance {
  written: Array<'year' | 'month' | 'day' | 'weekday' | 'quarter' | 'season' | 'part'>;
  inferred: Array<'year' | 'month' | 'day'>;
  /** Where the inferred parts came from, e.g. "published" (the dateline). */
  inferredFrom?: 'published' | 'context';
}

export interface DateEntity {
  /** ISO 8601 at its own grain ("2019", "2019-05", "2019-05-13", "2022-Q3"), a range is "start/end". */
  value: string;
  grain: DateGrain;
  /** The first mention as written. */
  text: string;
  provenance: DateProvenance;
  /** Set when the value could not be fully resolved or is ambiguous (e.g. 06/02/2019 in unknown convention). */
  ambiguous?: boolean;
  /** Rule id that produced the first mention, e.g. `date.fr.day-month-year`. */
  rule?: string;
  mentions: Mention[];
}

export type FigureKind = 'money' | 'percent' | 'count' | 'measure';

export interface Figure {
  value: number;
  /** Upper end of a range ("10 to 12 %"), when the figure is a range. */
  valueMax?: number;
  /** ISO 4217 for money, "%" for percent, a unit word or counted noun, or null. */
  unit: string | null;
  kind: FigureKind;
  /** "more than", "plus de", "+" ... as written, when there is one. */
  qualifier?: string;
  text: string;
  rule?: string;
  mentions: Mention[];
}

export interface Place {
  name: string;
  /** ISO 3166-1 alpha-2 code for countries. */
  code?: string;
  type: 'country' | 'region' | 'city' | 'continent' | 'other';
  aliases: string[];
  mentions: Mention[];
}

export interface Contact {
  name: string;
  role?: string;
  organisation?: string;
  email?: string;
  phone?: string;
  mentions: Mention[];
}

export interface Entities {
  people: Person[];
  organisations: Organisation[];
  dates: DateEntity[];
  figures: Figure[];
  places: Place[];
  contacts: Contact[];
}

export type EntityType = keyof Entities;

// ---------------------------------------------------------------- the document

export interface Document {
  source: Source;
  /** Bytes length of the source file. */
  size: number;
  format: SourceFormat;
  /** The decoded source (HTML markup included for HTML files). */
  raw: string;
  /** Encoding the source was decoded from, e.g. "utf-8", "utf-16le", "windows-1252". */
  encoding: string;
  /** The normalised text every mention offset points into. */
  text: string;
  offsets: OffsetMap;
  /** What the page itself says (HTML <title>, og:title, article:published_time...). */
  metadata: { title?: string; published?: string };
  language: Language | null;
  /** What language detection saw, e.g. { fr: 0.8, en: 0.1 } or "und". */
  languageScores?: Record<string, number>;
  title: string | null;
  /** The release's own date, YYYY-MM-DD, from page metadata or the dateline. */
  published: string | null;
  /** Where `published` was read from. */
  publishedMention?: Mention;
  entities: Entities;
  diagnostics: Diagnostic[];
}

export function emptyEntities(): Entities {
  return { people: [], organisations: [], dates: [], figures: [], places: [], contacts: [] };
}

/** Adds a diagnostic to the document (the only way stages report problems that are not fatal). */
export function warn(doc: Pick<Document, 'diagnostics'>, d: Omit<Diagnostic, 'severity'> & { severity?: Severity }): void {
  doc.diagnostics.push({ severity: 'warning', ...d });
}

/** A problem that stops one document (never the batch): unreadable, not text, too large... */
export class DocumentError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly code: string = 'invalid-input',
  ) {
    super(`${path}: ${message}`);
    this.name = 'DocumentError';
  }
}

/** What a new Document may be given besides its text; the rest takes the defaults of a plain text file. */
export type DocumentInit = Partial<Pick<Document, 'source' | 'size' | 'format' | 'raw' | 'encoding' | 'offsets' | 'metadata' | 'language' | 'published'>>;

/**
 * A new Document for a text already in memory, before any stage ran: for the read stage, for
 * tests, and for library users who read their sources themselves.
 */
export function textDocument(text: string, init: DocumentInit = {}): Document {
  return {
    source: init.source ?? { path: 'text', sha256: '' },
    size: init.size ?? text.length,
    format: init.format ?? 'text',
    raw: init.raw ?? text,
    encoding: init.encoding ?? 'utf-8',
    text,
    offsets: init.offsets ?? { toSource: (o) => o },
    metadata: init.metadata ?? {},
    language: init.language ?? null,
    title: null,
    published: init.published ?? null,
    entities: emptyEntities(),
    diagnostics: [],
  };
}
