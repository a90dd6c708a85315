import { describe, expect, it } from 'vitest';
import { collectMentions, invalidMentions, recordSegments, segment, type MentionRef } from '../../src/review/segments.js';
import { baseRecord, englishRecord } from './synthetic.js';

const ref = (type: MentionRef['type'], index: number, start: number, end: number): MentionRef => ({ type, index, start, end });

describe('segments of a record text', () => {
  it('cover the text exactly once, in order', () => {
    const r = englishRecord();
    const segs = recordSegments(r);
    expect(segs[0]!.start).toBe(0);
    expect(segs.at(-1)!.end).toBe(r.text.length);
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.start).toBe(segs[i - 1]!.end);
    expect(segs.map((s) => r.text.slice(s.start, s.end)).join('')).toBe(r.text);
  });

  it('split crossing mentions into pieces that each know every mention covering them', () => {
    //            0123456789
    const text = 'aaBBccDDee';
    const segs = segment(text, [ref('figures', 0, 2, 6), ref('dates', 0, 4, 8)]);
    expect(segs.map((s) => [text.slice(s.start, s.end), s.refs.map((m) => m.type)])).toEqual([
      ['aa', []],
      ['BB', ['figures']],
      // Same length: legend order (dates before figures) decides which colour shows.
      ['cc', ['dates', 'figures']],
      ['DD', ['dates']],
      ['ee', []],
    ]);
  });

  it('put the innermost mention first and mark where each mention opens', () => {
    const text = 'President of CNES said';
    const person = ref('people', 0, 0, 17);
    const org = ref('organisations', 0, 13, 17);
    const segs = segment(text, [person, org]);
    const cnes = segs.find((s) => text.slice(s.start, s.end) === 'CNES')!;
    expect(cnes.refs.map((m) => m.type)).toEqual(['organisations', 'people']);
    expect(cnes.opens).toEqual([org]);
    expect(segs[0]!.opens).toEqual([person]);
  });

  it('leave out and report mentions outside the text, empty or reversed', () => {
    const r = baseRecord('short text', {
      dates: [{ value: '2020', grain: 'year', text: 'x', provenance: { written: ['year'], inferred: [] }, mentions: [{ start: 0, end: 5 }, { start: 6, end: 99 }, { start: 3, end: 3 }, { start: 4, end: 2 }] }],
    });
    expect(collectMentions(r)).toEqual([ref('dates', 0, 0, 5)]);
    expect(invalidMentions(r).map((m) => [m.start, m.end])).toEqual([
      [6, 99],
      [3, 3],
      [4, 2],
    ]);
  });

  it('give one plain segment for a text without mentions, and none for an empty text', () => {
    expect(segment('plain', [])).toEqual([{ start: 0, end: 5, refs: [], opens: [] }]);
    expect(segment('', [])).toEqual([]);
  });
});
