/**
 * Offset maps: where each character of a derived text (extracted HTML text, normalised text)
 * came from in the text it was made of.
 *
 * A map is a sorted array of segments. A `copy` segment is a run of characters taken unchanged
 * (offset i maps to srcStart + (i - outStart)); a `replace` segment is text written in place of a
 * source range (an HTML entity, a composed letter, a "- " bullet for "•", a space for a line
 * break): its characters map to the start of that range, and `toSourceEnd` maps an exclusive end
 * falling after it to the end of that range, so that "Cl&eacute;" maps back whole. Lookups are a
 * binary search: no closure or array entry per character.
 */
import type { OffsetMap } from '../../document.js';

/** Builds a string and its segment map piece by piece. */
export class MappedBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  // The last copied run of a source, not yet sliced into `parts`: contiguous copies (line after
  // line) extend it and make one slice instead of one per call.
  private runSource: string | null = null;
  private runStart = 0;
  private runEnd = 0;
  // Parallel typed arrays, one entry per segment (the first `n`), grown by doubling.
  private n = 0;
  private outStarts = new Int32Array(16);
  private srcStarts = new Int32Array(16);
  private srcEnds = new Int32Array(16);
  private copies = new Uint8Array(16);

  /** Appends `source.slice(start, end)` unchanged. */
  copy(source: string, start: number, end: number): void {
    if (end <= start) return;
    const n = this.n;
    // Extend the previous copy segment when contiguous (keeps maps small).
    if (n > 0 && this.copies[n - 1] === 1 && this.srcEnds[n - 1] === start && this.outStarts[n - 1]! + (this.srcEnds[n - 1]! - this.srcStarts[n - 1]!) === this.length) {
      this.srcEnds[n - 1] = end;
    } else {
      this.push(true, start, end);
    }
    if (this.runSource === source && this.runEnd === start) {
      this.runEnd = end;
    } else {
      this.flush();
      this.runSource = source;
      this.runStart = start;
      this.runEnd = end;
    }
    this.length += end - start;
  }

  /** Moves the pending run into `parts`. */
  private flush(): void {
    if (this.runSource !== null) {
      this.parts.push(this.runSource.slice(this.runStart, this.runEnd));
      this.runSource = null;
    }
  }

  /** Appends `text` written in place of source range [start, end) (may be empty: an insertion). */
  replace(text: string, start: number, end: number): void {
    if (text.length === 0) return;
    this.push(false, start, Math.max(start, end));
    this.flush();
    this.parts.push(text);
    this.length += text.length;
  }

  get size(): number {
    return this.length;
  }

  /** The last character written, or '' when nothing was. */
  lastChar(): string {
    if (this.runSource !== null) return this.runSource[this.runEnd - 1]!; // a pending run is never empty
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const p = this.parts[i]!;
      if (p.length > 0) return p[p.length - 1]!;
    }
    return '';
  }

  private push(copy: boolean, start: number, end: number): void {
    const n = this.n;
    if (n === this.outStarts.length) this.grow();
    this.outStarts[n] = this.length;
    this.srcStarts[n] = start;
    this.srcEnds[n] = end;
    this.copies[n] = copy ? 1 : 0;
    this.n = n + 1;
  }

  private grow(): void {
    const size = this.outStarts.length * 2;
    this.outStarts = doubled(this.outStarts, new Int32Array(size));
    this.srcStarts = doubled(this.srcStarts, new Int32Array(size));
    this.srcEnds = doubled(this.srcEnds, new Int32Array(size));
    this.copies = doubled(this.copies, new Uint8Array(size));
  }

  /** The built string and its map into the source, of source length `sourceLength`. */
  finish(sourceLength: number): { text: string; map: SegmentMap } {
    this.flush();
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    const n = this.n;
    const map = new SegmentMap(this.outStarts.slice(0, n), this.srcStarts.slice(0, n), this.srcEnds.slice(0, n), this.copies.slice(0, n), text.length, sourceLength);
    return { text, map };
  }
}

export class SegmentMap implements OffsetMap {
  /** Parallel arrays, one entry per segment (taken as they are, not copied); `copies[s]` is 1 for a copy segment. */
  constructor(
    private readonly outStarts: Int32Array,
    private readonly srcStarts: Int32Array,
    private readonly srcEnds: Int32Array,
    private readonly copies: Uint8Array,
    readonly outLength: number,
    readonly sourceLength: number,
  ) {}

  /** Number of segments (for tests and the curious). */
  get segments(): number {
    return this.outStarts.length;
  }

  /** Index of the segment holding output offset `offset` (0 <= offset < outLength). */
  private segmentAt(offset: number): number {
    let lo = 0;
    let hi = this.outStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.outStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Source offset of the character at `offset` (a replaced character maps to its source's start). */
  toSource(offset: number): number {
    const n = this.outStarts.length;
    if (n === 0) return 0;
    if (offset >= this.outLength) return Math.min(this.srcEnds[n - 1]!, this.sourceLength);
    if (offset <= 0) return this.srcStarts[0]!;
    const s = this.segmentAt(offset);
    const k = offset - this.outStarts[s]!;
    const start = this.srcStarts[s]!;
    if (this.copies[s]) return start + k;
    return Math.max(start, Math.min(start + k, this.srcEnds[s]! - 1));
  }

  /**
   * Source offset matching an exclusive end `end`: just after the source of character end - 1,
   * so that a range ending on a replaced character (an entity, a composed letter) ends after all
   * of its source.
   */
  toSourceEnd(end: number): number {
    if (end <= 0) return this.toSource(0);
    const n = this.outStarts.length;
    if (n === 0) return 0;
    const last = Math.min(end, this.outLength) - 1;
    const s = this.segmentAt(last);
    const k = last - this.outStarts[s]!;
    const start = this.srcStarts[s]!;
    if (this.copies[s]) return start + k + 1;
    const srcEnd = this.srcEnds[s]!;
    const outEnd = s + 1 < n ? this.outStarts[s + 1]! : this.outLength;
    if (last === outEnd - 1) return Math.max(start, srcEnd);
    return Math.min(start + k + 1, srcEnd);
  }
}

/** An offset map that can also map exclusive ends (SegmentMap and compositions of them). */
export interface EndAwareMap extends OffsetMap {
  toSourceEnd(end: number): number;
}

/** Maps an exclusive end through any OffsetMap (`toSource(end - 1) + 1` when it cannot do better). */
export function toSourceEnd(map: OffsetMap, end: number): number {
  const m = map as Partial<EndAwareMap>;
  if (typeof m.toSourceEnd === 'function') return m.toSourceEnd(end);
  return end > 0 ? map.toSource(end - 1) + 1 : map.toSource(0);
}

/** The identity map (text is the source). */
export const IDENTITY: EndAwareMap = { toSource: (o) => o, toSourceEnd: (o) => o };

/** `outer` maps a derived text into an intermediate one, `inner` maps that into the source. */
export function composeMaps(outer: OffsetMap, inner: OffsetMap): EndAwareMap {
  if (inner === IDENTITY) return { toSource: (o) => outer.toSource(o), toSourceEnd: (e) => toSourceEnd(outer, e) };
  return { toSource: (o) => inner.toSource(outer.toSource(o)), toSourceEnd: (e) => toSourceEnd(inner, toSourceEnd(outer, e)) };
}

/** `bigger` holding the values of `old` at its start. */
function doubled<T extends Int32Array | Uint8Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}
