/**
 * Near-duplicate detection: word shingles, MinHash signatures and LSH banding.
 *
 * A text is cut into overlapping runs of `shingleWords` words (letters and digits only, lower
 * case), so wrapping, spacing, punctuation and markup do not matter. Its MinHash signature keeps,
 * for each of `bands * rows` hash functions, the smallest hash of any shingle: the share of equal
 * positions in two signatures estimates the Jaccard similarity of the two shingle sets. The LSH
 * index files each signature under one key per band (the hash of that band's `rows` values), so a
 * new document is compared only with the documents that share a whole band with it: candidates
 * in O(bands), never a scan of every document.
 */
import type { DedupConfig } from './config.js';

/** murmur3's 32-bit finaliser: a fast bijective mix of a 32-bit value. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Changes whenever signatures computed by this code would differ: stored in the manifest. */
export const SIGNATURE_SCHEME = 'minhash-1';

// Per UTF-16 code unit: 0 not yet known, else the lower-case code unit of a letter or digit + 1,
// or 0xffff for a separator. Filled lazily, so a text costs one table look-up per character.
const FOLD = new Uint32Array(65536);
const LETTER = /^[\p{L}\p{N}\p{M}]$/u;
function fold(c: number): number {
  let f = FOLD[c]!;
  if (f === 0) {
    const ch = String.fromCharCode(c);
    // Surrogate halves are kept as word characters (letters outside the BMP).
    if ((c >= 0xd800 && c <= 0xdfff) || LETTER.test(ch)) f = ch.toLowerCase().charCodeAt(0) + 1;
    else f = 0xffff;
    FOLD[c] = f;
  }
  return f;
}

/** Word hashes of a text: runs of letters and digits, lower-cased (FNV-1a, 32 bits). */
function wordHashes(text: string): number[] {
  const words: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let f: number;
    if (c < 128) {
      if (c >= 97 && c <= 122) f = c;
      else if (c >= 65 && c <= 90) f = c | 32;
      else if (c >= 48 && c <= 57) f = c;
      else f = -1;
    } else {
      const x = fold(c);
      f = x === 0xffff ? -1 : x - 1;
    }
    if (f < 0) {
      if (inWord) words.push(h >>> 0);
      inWord = false;
      h = 0x811c9dc5;
    } else {
      inWord = true;
      h = Math.imul(h ^ f, 0x01000193);
    }
  }
  if (inWord) words.push(h >>> 0);
  return words;
}

/** The distinct shingle hashes of a text, sorted. */
export function shingleHashes(text: string, size: number): Uint32Array {
  const words = wordHashes(text);
  if (words.length === 0) return new Uint32Array(0);
  const n = Math.max(1, words.length - size + 1);
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = size;
    const end = Math.min(i + size, words.length);
    for (let j = i; j < end; j++) h = fmix32((Math.imul(h, 31) + words[j]!) >>> 0);
    all[i] = h;
  }
  all.sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i]!;
  return all.subarray(0, k);
}

/** The distinct shingle hashes of a text, as a set. */
export function shingles(text: string, size: number): Set<number> {
  return new Set(shingleHashes(text, size));
}

/** Seeds of the hash functions: fixed, so signatures written by one run are valid in the next. */
function seeds(n: number): Uint32Array {
  const s = new Uint32Array(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x = fmix32((x + 0x6d2b79f5) >>> 0);
    s[i] = x;
  }
  return s;
}

export interface Signature {
  /** `bands * rows` minimum hashes. */
  values: Uint32Array;
  /** Number of distinct shingles (to estimate containment from Jaccard). */
  shingles: number;
}

export class MinHasher {
  private readonly mul: Uint32Array;
  private readonly add: Uint32Array;

  constructor(readonly config: DedupConfig) {
    const n = config.bands * config.rows;
    const s = seeds(2 * n);
    // h_i(x) = a_i * x + b_i mod 2^32 with odd a_i: a permutation of the (already mixed) shingle hashes.
    this.mul = s.subarray(0, n).map((a) => (a | 1) >>> 0);
    this.add = s.subarray(n);
  }

  sign(text: string): Signature {
    const set = shingleHashes(text, this.config.shingleWords);
    const n = this.mul.length;
    const values = new Uint32Array(n).fill(0xffffffff);
    const mul = this.mul;
    const add = this.add;
    for (let k = 0; k < set.length; k++) {
      const s = set[k]!;
      for (let i = 0; i < n; i++) {
        const h = (Math.imul(s, mul[i]!) + add[i]!) >>> 0;
        if (h < values[i]!) values[i] = h;
      }
    }
    return { values, shingles: set.length };
  }
}

/** Estimated Jaccard similarity of two signatures: the share of equal positions. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 0 : same / a.length;
}

export interface Similarity {
  jaccard: number;
  /** Estimated shared shingles / shingles of the shorter text. */
  containment: number;
}

/** Jaccard and containment of two signed documents (containment from |A∩B| = J(|A|+|B|)/(1+J)). */
export function similarity(a: Signature, b: Signature): Similarity {
  const j = jaccard(a.values, b.values);
  const small = Math.min(a.shingles, b.shingles);
  const shared = (j * (a.shingles + b.shingles)) / (1 + j);
  return { jaccard: j, containment: small === 0 ? 0 : Math.min(1, shared / small) };
}

/** True when two documents are the same release by the thresholds of the config. */
export function isNearDuplicate(a: Signature, b: Signature, sim: Similarity, c: DedupConfig): boolean {
  const small = Math.min(a.shingles, b.shingles);
  const large = Math.max(a.shingles, b.shingles);
  if (small < c.minShingles) return false;
  if (sim.jaccard >= c.jaccard) return true;
  return sim.containment >= c.containment && small / large >= c.minLengthRatio;
}

/**
 * LSH index over signatures: band keys → the numbers of the entries filed under them. Kept in
 * typed arrays (an open-addressing table of chains), about 24 bytes per band and entry, so that
 * 100,000 documents of 16 bands take some 40 MB rather than the 100 MB of a Map of arrays.
 */
export class LshIndex {
  private slotKey = new Uint32Array(1 << 12);
  private slotHead = new Int32Array(1 << 12).fill(-1);
  private used = 0;
  private value = new Int32Array(1 << 12);
  private next = new Int32Array(1 << 12);
  private entries = 0;

  constructor(private readonly config: DedupConfig) {}

  private bandKeys(values: Uint32Array): Uint32Array {
    const { bands, rows } = this.config;
    const keys = new Uint32Array(bands);
    for (let b = 0; b < bands; b++) {
      let h = fmix32(b + 0x9e3779b9);
      for (let r = 0; r < rows; r++) h = fmix32((Math.imul(h, 31) + values[b * rows + r]!) >>> 0);
      keys[b] = h;
    }
    return keys;
  }

  /** The slot of a key: where it is, or the empty slot where it would go. */
  private slot(key: number): number {
    const mask = this.slotKey.length - 1;
    let i = fmix32(key) & mask;
    while (this.slotHead[i] !== -1 && this.slotKey[i] !== key) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const oldKey = this.slotKey;
    const oldHead = this.slotHead;
    this.slotKey = new Uint32Array(oldKey.length * 2);
    this.slotHead = new Int32Array(oldKey.length * 2).fill(-1);
    for (let i = 0; i < oldKey.length; i++) {
      if (oldHead[i] === -1) continue;
      const s = this.slot(oldKey[i]!);
      this.slotKey[s] = oldKey[i]!;
      this.slotHead[s] = oldHead[i]!;
    }
  }

  add(entry: number, values: Uint32Array): void {
    for (const k of this.bandKeys(values)) {
      if ((this.used + 1) * 2 > this.slotKey.length) this.grow();
      const s = this.slot(k);
      if (this.slotHead[s] === -1) {
        this.slotKey[s] = k;
        this.used++;
      }
      if (this.entries === this.value.length) {
        const v = new Int32Array(this.value.length * 2);
        v.set(this.value);
        this.value = v;
        const n = new Int32Array(this.next.length * 2);
        n.set(this.next);
        this.next = n;
      }
      const e = this.entries++;
      this.value[e] = entry;
      this.next[e] = this.slotHead[s]!;
      this.slotHead[s] = e;
    }
  }

  /** Unlinks an entry (its cells are not reused; removals are rare: changed or pruned files). */
  remove(entry: number, values: Uint32Array): void {
    for (const k of this.bandKeys(values)) {
      const s = this.slot(k);
      let prev = -1;
      for (let e = this.slotHead[s]!; e >= 0; prev = e, e = this.next[e]!) {
        if (this.value[e] !== entry) continue;
        if (prev === -1) this.slotHead[s] = this.next[e]!;
        else this.next[prev] = this.next[e]!;
        break;
      }
      // An emptied chain keeps its slot (head -1 would break the probe sequence of later keys).
      if (this.slotHead[s] === -1) this.slotHead[s] = -2;
    }
  }

  /** Entries sharing at least one band with `values`, in ascending order. */
  candidates(values: Uint32Array): number[] {
    const out = new Set<number>();
    for (const k of this.bandKeys(values)) {
      for (let e = this.slotHead[this.slot(k)]!; e >= 0; e = this.next[e]!) out.add(this.value[e]!);
    }
    return [...out].sort((a, b) => a - b);
  }
}
