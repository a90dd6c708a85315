/**
 * What the locale parsers propose (chrono-node's ParsingResult): the components a rule saw
 * written, before refiners merge and filter and before resolution fills what was not written.
 */

export type Part = 'early' | 'mid' | 'late';
export type Season = 'SP' | 'SU' | 'FA' | 'WI';

/** The components of one date as written; absent means not written. */
export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
  /** ISO weekday, Monday 1 ... Sunday 7. */
  weekday?: number;
  quarter?: number;
  half?: number;
  season?: Season;
  part?: Part;
  /** Relative direction from the release's date: -1 "last/dernier", 1 "next/prochain", 0 "this/cette". */
  rel?: -1 | 0 | 1;
  /** For "last year", "le mois prochain": the unit the relative word applies to. */
  unit?: 'year' | 'month';
  /** For "today", "hier": the offset in days from the release's date. */
  dayOffset?: number;
  /**
   * For a weekday written alone ("on Tuesday", "mardi"): which side of the release's date it lies
   * on, read from the tense of its clause (-1 on or before, 1 on or after). See resolve.ts.
   */
  lean?: -1 | 1;
  /** "the week of 10 March": the ISO week holding the day written. */
  week?: boolean;
  /** Components copied from the other end of a range or list ("12" in "from 12 to 14 March"). */
  shared?: Array<'year' | 'month'>;
}

export interface Candidate {
  start: number;
  end: number;
  rule: string;
  /** `single`: one date; `range`: parts[0] to parts[1]; `list`: one date per part. */
  kind: 'single' | 'range' | 'list';
  parts: DateParts[];
  /** A numeric date whose day/month order could not be decided. */
  ambiguous?: boolean;
}

/** Why a production refused a match, for diagnostics (null: silently not a date). */
export type Proposal = Omit<Candidate, 'start' | 'end' | 'rule'> | null;
