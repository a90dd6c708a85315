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
  checkKeys(doc.contents as Node | null, (node, key) => {
    throw new RuleError(file, lineOf(node.range?.[0]), `key "${key}" is not allowed`);
  });
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(data)) {
    const e = validate.errors![0]!;
    const path = pointerToPath(e.instancePath);
    const node = doc.getIn(path, true) as Node | undefined;
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
  source.split(/\r?\n/).forEach((raw, i) => {
    const value = raw.trim();
    if (value && !value.startsWith('#')) out.push({ value, line: i + 1 });
  });
  return out;
}

/**
 * Compiles a pattern written in a rule file. Refuses invalid regexes and the nested quantifiers
 * that can backtrack catastrophically ("(a+)+", "(\w*)*"), naming the file and line.
 */
export function compileRulePattern(source: string, flags: string, file: string, line: number | null): RegExp {
  if (/\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]/.test(source)) {
    throw new RuleError(file, line, `pattern "${source}" nests repetition inside repetition, which can run for ever on some texts`);
  }
  try {
    return new RegExp(source, flags.includes('u') ? flags : flags + 'u');
  } catch (e) {
    throw new RuleError(file, line, `bad pattern: ${(e as Error).message}`);
  }
}
