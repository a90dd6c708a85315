/**
 * compromise as a second opinion, where its tagging adds evidence the rules lack: an English
 * name run with no cue of its own (a given name that is also a word, "Grant Holloway, a former
 * sprinter, ..."). compromise tags about 1 ms per sentence here, so it only ever sees the one
 * sentence around such a candidate, a few times per document at most, and it is loaded on the
 * first such candidate (a batch with none never pays its start-up).
 */
import { createRequire } from 'node:module';

interface CompromiseView {
  people(): { out(format: 'array'): string[] };
}
type Nlp = (text: string) => CompromiseView;

let nlp: Nlp | null = null;

/**
 * Characters of context given to compromise on each side of a name, at most. On 1,000 bench
 * documents 30, 40 and 90 give the same answers; its cost grows with what it reads.
 */
const WINDOW = 40;

/**
 * Sentences given to compromise per document, at most. On 1,000 bench documents (38 calls with a
 * budget of 4, ~4-12 ms each on a loaded machine, plus ~0.4-0.8 s to load it once): budget 2 gives
 * the same output as 4, budget 1 loses one true name, budget 0 loses 13 true names (and 3 false
 * ones: "Wade Warriors", "Will Be Listed", "Summer Volleyball Clinics").
 */
export const TAGGER_BUDGET = 2;

/** The sentence around [start, end): from the previous sentence end or line break to the next. */
export function sentenceAround(text: string, start: number, end: number): string {
  // at most WINDOW characters on each side, cut at a space: compromise's cost grows with the
  // length of what it reads, and the few words around the name carry its evidence
  const floor = Math.max(0, start - WINDOW);
  const ceiling = Math.min(text.length, end + WINDOW);
  let a = start;
  while (a > floor && text[a - 1] !== '\n' && !(/[.!?]/.test(text[a - 1]!) && /\s/.test(text[a] ?? ''))) a--;
  if (a === floor && a > 0) a = Math.min(start, text.indexOf(' ', a) + 1 || start);
  let b = end;
  while (b < ceiling && text[b] !== '\n' && !(/[.!?]/.test(text[b]!) && /\s|$/.test(text[b + 1] ?? ''))) b++;
  if (b === ceiling && b < text.length) b = Math.max(end, text.lastIndexOf(' ', b));
  return text.slice(a, Math.min(text.length, b + 1)).trim();
}

/** True when compromise, reading `sentence`, tags a person whose words include the first word of `name`. */
export function taggedAsPerson(sentence: string, name: string): boolean {
  nlp ??= createRequire(import.meta.url)('compromise') as Nlp;
  const first = name.split(/\s+/)[0]!.toLowerCase();
  return nlp(sentence)
    .people()
    .out('array')
    .some((p) => p.toLowerCase().split(/[\s,.;:]+/).includes(first));
}
