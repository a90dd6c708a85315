/**
 * Phrase tables over tokens: "Chief Executive Officer", "a déclaré", "press contacts" are stored
 * as folded token sequences, found by their first (or last) word in a Map, longest first.
 */
import { fold } from '../../../text/unicode.js';
import type { Token } from './tokens.js';

const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’]|\.-?|-)[\p{L}\p{M}\p{N}]+)*|[©&@]/gu;

/** Folded words of a phrase as the tokenizer cuts them. */
export function phraseKeys(phrase: string): string[] {
  return [...phrase.matchAll(WORD)].map((m) => fold(m[0]));
}

export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();
  private readonly byLast = new Map<string, string[][]>();
  readonly size: number = 0;

  add(phrase: string): void {
    const keys = phraseKeys(phrase);
    if (keys.length === 0) return;
    push(this.byFirst, keys[0]!, keys);
    push(this.byLast, keys[keys.length - 1]!, keys);
    (this as { size: number }).size++;
  }

  /** Number of tokens of the longest phrase starting at token i (0 when none). Never crosses a line. */
  matchAt(tokens: Token[], i: number): number {
    const t = tokens[i];
    if (!t) return 0;
    const list = this.byFirst.get(t.key);
    if (!list) return 0;
    for (let l = 0; l < list.length; l++) {
      const keys = list[l]!;
      if (i + keys.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < keys.length && ok; k++) {
        const u = tokens[i + k]!;
        ok = u.key === keys[k] && u.line === t.line;
      }
      if (ok) return keys.length;
    }
    return 0;
  }

  /** Number of tokens of the longest phrase ending at token j (0 when none). */
  matchEndingAt(tokens: Token[], j: number): number {
    const t = tokens[j];
    if (!t) return 0;
    const list = this.byLast.get(t.key);
    if (!list) return 0;
    for (let l = 0; l < list.length; l++) {
      const keys = list[l]!;
      const i = j - keys.length + 1;
      if (i < 0) continue;
      let ok = true;
      for (let k = 0; k < keys.length - 1 && ok; k++) {
        const u = tokens[i + k]!;
        ok = u.key === keys[k] && u.line === t.line;
      }
      if (ok) return keys.length;
    }
    return 0;
  }

  has(phrase: string): boolean {
    const keys = phraseKeys(phrase);
    return (this.byFirst.get(keys[0] ?? '') ?? []).some((k) => k.join(' ') === keys.join(' '));
  }
}

function push(map: Map<string, string[][]>, key: string, keys: string[]): void {
  const list = map.get(key);
  if (!list) map.set(key, [keys]);
  else {
    if (list.some((k) => k.join(' ') === keys.join(' '))) return;
    list.push(keys);
    list.sort((a, b) => b.length - a.length);
  }
}
