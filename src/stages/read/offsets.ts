/**
 * Offset maps: where each character of a derived text (extracted HTML text, normalised text)
 * came from in the text it was made of.
 *
 * A map is a sorted array of segments. A `copy` segment is a run of characters taken unchanged
 * (offset i maps to srcStart + (i - outStart)); a `replace` segment is text written in place of a
 * source range (an HTML entity, "’" turned into "'", a "- " bullet for "•", a space for a line
 * break): its first characters map to the start of that range and its last character to the last
 * character of the range, so that a mention ending on a replaced character still ends where the
 * replaced source ends. Lookups are a binary search: no closure or array entry per character.
 */
import type { OffsetMap } from '../../document.js';

/** Builds a string and its segment map piece by piece. */
export class MappedBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  // Parallel arrays, one entry per segment.
  private readonly outStarts: number[] = [];
  private readonly srcStarts: number[] = [];
  private readonly srcEnds: number[] = [];
  private readonly copies: boolean[] = [];

  /** Appends `source.slice(start, end)` unchanged. */
  copy(source: string, start: number, end: number): void {
    if (end <= start) return;
    const n = this.outStarts.length;
    // Extend the previous copy segment when contiguous (keeps maps small).
    if (n > 0 && this.copies[n - 1] && this.srcEnds[n - 1] === start && this.outStarts[n - 1]! + (this.srcEnds[n - 1]! - this.srcStarts[n - 1]!) === this.length) {
      this.srcEnds[n - 1] = end;
    } else {
      this.push(true, start, end);
    }
    this.parts.push(source.slice(start, end));
    this.length += end - start;
  }

  /** Appends `text` written in place of source range [start, end) (may be empty: an insertion). */
  replace(text: string, start: number, end: number): void {
    if (text.length === 0) return;
    this.push(false, start, Math.max(start, end));
    this.parts.push(text);
    this.length += text.length;
  }

  get size(): number {
    return this.length;
  }

  /** The last character written, or '' when nothing was. */
  lastChar(): string {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const p = this.parts[i]!;
      if (p.length > 0) return p[p.length - 1]!;
    }
    return '';
  }

  private push(copy: boolean, start: number, end: number): void {
    this.outStarts.push(this.length);
    this.srcStarts.push(start);
    this.srcEnds.push(end);
    this.copies.push(copy);
  }

  /** The built string and its map into the source, of source length `sourceLength`. */
  finish(sourceLength: number): { text: string; map: SegmentMap } {
    const text = this.parts.join('');
    return { text, map: new SegmentMap(this.outStarts, this.srcStarts, this.srcEnds, this.copies, text.length, sourceLength) };
  }
}

export class SegmentMap implements OffsetMap {
  private readonly outStarts: Int32Array;
  private readonly srcStarts: Int32Array;
  private readonly srcEnds: Int32Array;
  private readonly copies: Uint8Array;

  constructor(
    outStarts: number[],
    srcStarts: number[],
    srcEnds: number[],
    copies: boolean[],
    readonly outLength: number,
    readonly sourceLength: number,
  ) {
    this.outStarts = Int32Array.from(outStarts);
    this.srcStarts = Int32Array.from(srcStarts);
    this.srcEnds = Int32Array.from(srcEnds);
    this.copies = Uint8Array.from(copies, (c) => (c ? 1 : 0));
  }

  /** Number of segments (for tests and the curious). */
  get segments(): number {
    return this.outStarts.length;
  }

  toSource(offset: number): number {
    const n = this.outStarts.length;
    if (n === 0) return 0;
    if (offset >= this.outLength) return this.srcEnds[n - 1]! <= this.sourceLength ? this.srcEnds[n - 1]! : this.sourceLength;
    if (offset <= 0) return this.srcStarts[0]!;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.outStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const k = offset - this.outStarts[lo]!;
    const start = this.srcStarts[lo]!;
    if (this.copies[lo]) return start + k;
    const end = this.srcEnds[lo]!;
    const outEnd = lo + 1 < n ? this.outStarts[lo + 1]! : this.outLength;
    if (end <= start) return start;
    // Last character of a replacement maps to the last source character it replaces.
    if (offset === outEnd - 1) return end - 1;
    return Math.min(start + k, end - 1);
  }
}

/** The identity map (text is the source). */
export const IDENTITY: OffsetMap = { toSource: (o) => o };

/** `outer` maps a derived text into an intermediate one, `inner` maps that into the source. */
export function composeMaps(outer: OffsetMap, inner: OffsetMap): OffsetMap {
  if (inner === IDENTITY) return outer;
  return { toSource: (o) => inner.toSource(outer.toSource(o)) };
}
