/**
 * Reading rule files: YAML data validated by a JSON Schema, and plain one-entry-per-line lists.
 * Every problem is reported as a RuleError naming the file and the line, so that a person who
 * edited a rule file can find what to fix.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';

export class RuleError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${problem}`);
    this.name = 'RuleError';
  }
}

const ajv = new Ajv({ allErrors: false, strict: true });
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON Schema, as plain data. Write `additionalProperties: false` on objects so unknown keys are refused. */
export type Schema = Record<string, unknown>;

/** A validated rule file: its data, and the line of any path inside it (for errors found later). */
export interface RuleFile<T> {
  file: string;
  data: T;
  lineOf(path: Array<string | number>): number | null;
  /** Throws a RuleError at the line of `path`. */
  fail(path: Array<string | number>, problem: string): never;
}

/**
 * Reads a YAML rule file, validates it against `schema` and returns its data with a line finder.
 * Throws RuleError(file, line, problem) on a YAML error, a forbidden key or a schema violation.
 */
export function readRuleFile<T>(file: string, schema: Schema): RuleFile<T> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RuleError(file, null, `cannot read rule file (${(e as Error).message})`);
  }
  const bad = source.indexOf('\uFFFD');
  if (bad >= 0) throw new RuleError(file, source.slice(0, bad).split('\n').length, 'this line is not valid UTF-8 text (save the file as UTF-8)');
  return parseRuleText<T>(file, source, schema);
}

/** Same as readRuleFile, for text already in memory (tests, and files read elsewhere). */
export function parseRuleText<T>(file: string, source: string, schema: Schema): RuleFile<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? null : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    throw new RuleError(file, lineOf(err.pos[0]), `not valid YAML: ${err.message.split('\n')[0]}`);
  }
  if (doc.warnings.length > 0) {
    // Unresolved tags (!!js/function, !custom): rule files hold plain data only.
    const w = doc.warnings[0]!;
    throw new RuleError(file, lineOf(w.pos[0]), `not plain YAML data: ${w.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  checkKeys(doc.contents as Node | null, (node, key) => {
    throw new RuleError(file, lineOf(node.range?.[0]), `key "${key}" is not allowed`);
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    // An alias bomb ("billion laughs") or a self-referencing alias.
    throw new RuleError(file, null, `not plain YAML data: ${(e as Error).message.split('\n')[0]}`);
  }
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(data)) {
    const e = validate.errors![0]!;
    const path = pointerToPath(e.instancePath);
    let node = (path.length === 0 ? doc.contents : doc.getIn(path, true)) as Node | null | undefined;
    if (e.keyword === 'additionalProperties' && node && isMap(node)) {
      // Point at the unknown key itself, not at the start of the map holding it.
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(e.params.additionalProperty));
      if (pair && isScalar(pair.key)) node = pair.key;
    }
    const line = lineOf(node?.range?.[0] ?? (path.length === 0 ? 0 : undefined));
    throw new RuleError(file, line, describe(e, path));
  }
  const lineOfPath = (path: Array<string | number>) => lineOf((doc.getIn(path, true) as Node | undefined)?.range?.[0]);
  return {
    file,
    data: data as T,
    lineOf: lineOfPath,
    fail(path, problem) {
      throw new RuleError(file, lineOfPath(path), problem);
    },
  };
}

function checkKeys(node: Node | null, fail: (node: Node, key: string) => never): void {
  if (!node) return;
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && FORBIDDEN_KEYS.has(String(item.key.value))) fail(item.key, String(item.key.value));
      if (isPair(item)) checkKeys(item.value as Node | null, fail);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) checkKeys(item as Node, fail);
  }
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function describe(e: ErrorObject, path: Array<string | number>): string {
  const where = path.length ? `at ${path.join('.')}: ` : '';
  if (e.keyword === 'additionalProperties') return `${where}unknown key "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'required') return `${where}missing key "${String(e.params.missingProperty)}"`;
  if (e.keyword === 'enum') return `${where}must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  return `${where}${e.message ?? 'invalid'}`;
}

export interface ListEntry {
  value: string;
  line: number;
}

/**
 * Reads a plain list: one entry per line, blank lines and lines starting with '#' ignored,
 * surrounding spaces trimmed.
 */
export function readListFile(file: string): ListEntry[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RuleError(file, null, `cannot read rule file (${(e as Error).message})`);
  }
  const out: ListEntry[] = [];
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  source.split(/\r?\n/).forEach((raw, i) => {
    if (raw.includes('\uFFFD')) throw new RuleError(file, i + 1, 'this line is not valid UTF-8 text (save the file as UTF-8)');
    if (raw.includes('\0')) throw new RuleError(file, i + 1, 'this line holds a NUL character (is this a binary file?)');
    const value = raw.trim();
    if (value && !value.startsWith('#')) out.push({ value, line: i + 1 });
  });
  return out;
}

/** Flags a rule pattern may use (g, y, i, m, s, u, d); `u` is always added. */
const ALLOWED_FLAGS = /^[gyimsud]*$/;

/**
 * Compiles a pattern written in a rule file. Refuses invalid regexes and repetition nested in
 * repetition ("(a+)+", "(?:\\s*x)*", "(a{1,9})+"), which can backtrack catastrophically, naming
 * the file and line.
 */
export function compileRulePattern(source: string, flags: string, file: string, line: number | null): RegExp {
  if (!ALLOWED_FLAGS.test(flags) || new Set(flags).size !== flags.length) throw new RuleError(file, line, `bad pattern flags "${flags}"`);
  const nested = nestedRepetition(source);
  if (nested) {
    throw new RuleError(file, line, `pattern "${source}" repeats "${nested}", which itself repeats: such a pattern can run for ever on some texts (write the inner part without + or *, or bound it)`);
  }
  try {
    return new RegExp(source, flags.includes('u') ? flags : flags + 'u');
  } catch (e) {
    throw new RuleError(file, line, `bad pattern: ${(e as Error).message}`);
  }
}

/** How far a quantifier repeats: not at all, a bounded number of times (> 1), or without bound. */
type Reach = 0 | 1 | 2;
const NONE: Reach = 0;
const BOUNDED: Reach = 1;
const UNBOUNDED: Reach = 2;

/** Reads a quantifier at `i`: its reach and length in characters (0 when there is none). */
function quantifierAt(source: string, i: number): { reach: Reach; length: number } {
  const c = source[i];
  let reach: Reach = NONE;
  let length = 0;
  if (c === '*' || c === '+') [reach, length] = [UNBOUNDED, 1];
  else if (c === '?') [reach, length] = [NONE, 1];
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (m) {
      length = m[0].length;
      if (m[2] === undefined) reach = NONE; // an exact count leaves no choice to backtrack over
      else if (m[3] === '') reach = UNBOUNDED;
      else reach = Number(m[3]) > 1 ? BOUNDED : NONE;
    }
  }
  if (length > 0 && source[i + length] === '?') length++; // lazy
  return { reach, length };
}

/**
 * Returns the first group that is repeated while something inside it repeats too (one of the
 * two without bound), or null. Character classes, escapes and group prefixes are understood;
 * this is the "star height" test of tools like safe-regex.
 */
export function nestedRepetition(source: string): string | null {
  // Each open group: where it starts, and the strongest repetition found inside it so far.
  const stack: Array<{ start: number; inner: Reach }> = [{ start: 0, inner: NONE }];
  let i = 0;
  const atom = (start: number, inner: Reach): string | null => {
    // An atom (char, class, escape or group) ends at i; look at its quantifier.
    const q = quantifierAt(source, i);
    const frame = stack[stack.length - 1]!;
    if (q.reach !== NONE && inner !== NONE && (q.reach === UNBOUNDED || inner === UNBOUNDED)) return source.slice(start, i);
    frame.inner = Math.max(frame.inner, inner, q.reach) as Reach;
    i += q.length;
    return null;
  };
  while (i < source.length) {
    const c = source[i]!;
    const start = i;
    if (c === '\\') {
      i += 2;
      // \p{L}, \u{1F600}: the braces belong to the escape.
      if (/[pPu]/.test(source[i - 1] ?? '') && source[i] === '{') i = source.indexOf('}', i) + 1 || source.length;
      const found = atom(start, NONE);
      if (found) return found;
    } else if (c === '[') {
      i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      const found = atom(start, NONE);
      if (found) return found;
    } else if (c === '(') {
      stack.push({ start: i, inner: NONE });
      i++;
    } else if (c === ')') {
      const frame = stack.length > 1 ? stack.pop()! : { start: 0, inner: NONE };
      i++;
      const found = atom(frame.start, frame.inner);
      if (found) return found;
    } else if (c === '|' || c === '^' || c === '$') {
      i++;
    } else {
      i++;
      const found = atom(start, NONE);
      if (found) return found;
    }
  }
  return null;
}
