/**
 * Splits a record's text into non-overlapping segments, each carrying every mention that covers
 * it, so that nested or crossing mentions (an organisation inside a person's role, a date inside
 * a figure) render as plain sequences of spans in HTML and in the terminal.
 */
import type { DocumentRecord } from '../record.js';
import type { Mention } from '../document.js';

/** The entity types whose mentions are highlighted, in legend order. */
export const MENTION_TYPES = ['people', 'organisations', 'dates', 'figures', 'places', 'contacts'] as const;
export type MentionType = (typeof MENTION_TYPES)[number];

/** One mention of one entity: which entity (type and index in the record's list) and where. */
export interface MentionRef {
  type: MentionType;
  /** Index of the entity in `record[type]`. */
  index: number;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Mentions covering the whole segment, innermost (shortest) first; empty for plain text. */
  refs: MentionRef[];
  /** Mentions that begin at this segment's start (where a keyboard stop belongs). */
  opens: MentionRef[];
}

type Entities = Pick<DocumentRecord, MentionType>;

/** Every valid mention of every entity, sorted by start, then longest first. Invalid spans are skipped. */
export function collectMentions(record: Entities & { text: string }): MentionRef[] {
  const out: MentionRef[] = [];
  const len = record.text.length;
  for (const type of MENTION_TYPES) {
    const list = (record[type] ?? []) as Array<{ mentions?: Mention[] }>;
    list.forEach((entity, index) => {
      for (const m of entity.mentions ?? []) {
        if (!Number.isInteger(m.start) || !Number.isInteger(m.end) || m.start < 0 || m.end > len || m.end <= m.start) continue;
        out.push({ type, index, start: m.start, end: m.end });
      }
    });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end || MENTION_TYPES.indexOf(a.type) - MENTION_TYPES.indexOf(b.type) || a.index - b.index);
  return out;
}

/** Mentions whose span is invalid for the text (out of range, empty or reversed). */
export function invalidMentions(record: Entities & { text: string }): MentionRef[] {
  const bad: MentionRef[] = [];
  const len = record.text.length;
  for (const type of MENTION_TYPES) {
    const list = (record[type] ?? []) as Array<{ mentions?: Mention[] }>;
    list.forEach((entity, index) => {
      for (const m of entity.mentions ?? []) {
        if (!Number.isInteger(m.start) || !Number.isInteger(m.end) || m.start < 0 || m.end > len || m.end <= m.start) {
          bad.push({ type, index, start: m.start, end: m.end });
        }
      }
    });
  }
  return bad;
}

/**
 * Cuts `text` at every mention boundary. Consecutive segments cover the text exactly once,
 * in order; a segment's `refs` are the mentions spanning it.
 */
export function segment(text: string, mentions: MentionRef[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of mentions) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  // Mentions are sorted by start: walk them with a pointer and keep the open ones.
  let next = 0;
  let open: MentionRef[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    open = open.filter((m) => m.end > start);
    const opens: MentionRef[] = [];
    while (next < mentions.length && mentions[next]!.start <= start) {
      const m = mentions[next++]!;
      if (m.end > start) {
        open.push(m);
        if (m.start === start) opens.push(m);
      }
    }
    const refs = [...open].sort((a, b) => a.end - a.start - (b.end - b.start) || MENTION_TYPES.indexOf(a.type) - MENTION_TYPES.indexOf(b.type));
    segments.push({ start, end, refs, opens });
  }
  return segments;
}

/** Segments of a record's text with all its mentions. */
export function recordSegments(record: Entities & { text: string }): Segment[] {
  return segment(record.text, collectMentions(record));
}
