/**
 * Rule files are data a person edits: every broken one must stop the run with the file and the
 * line to fix. Broken files are written to a temporary folder; one test breaks a copy of the
 * real rules/ folder to check that every stage's loader goes through the same checks.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRulePattern, nestedRepetition, readListFile, readRuleFile, RuleError, type Schema } from '../../src/rules/load.js';
import { DEFAULT_RULES_DIR, loadRules } from '../../src/rules/index.js';

const work = mkdtempSync(join(tmpdir(), 'communique-rules-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function file(content: string | Buffer, ext = 'yaml'): string {
  const path = join(work, `rules-${++n}.${ext}`);
  writeFileSync(path, content);
  return path;
}

/** Runs `f` and returns the RuleError it throws (failing the test when it throws nothing else). */
function ruleError(f: () => unknown): RuleError {
  try {
    f();
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('expected a RuleError, but nothing was thrown');
}

const schema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['words'],
  properties: {
    words: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'pattern'],
        properties: { id: { type: 'string' }, pattern: { type: 'string' }, weight: { type: 'number' } },
      },
    },
  },
};

const good = `# Words that announce a launch.
words:
  - id: launch.en.unveil
    pattern: 'unveil(?:s|ed)?'
  - id: launch.fr.devoile
    pattern: 'dévoil(?:e|é|ent)'
    weight: 2
`;

describe('reading a YAML rule file', () => {
  it('returns the data of a valid file and the line of any entry in it', () => {
    const rules = readRuleFile<{ words: Array<{ id: string }> }>(file(good), schema);
    expect(rules.data.words.map((w) => w.id)).toEqual(['launch.en.unveil', 'launch.fr.devoile']);
    expect(rules.lineOf(['words', 1, 'pattern'])).toBe(6);
  });

  it.each([
    ['an unknown key, at its line', good.replace('    weight: 2', '    wieght: 2'), 7, /unknown key "wieght"/],
    ['a missing key, at the entry', good.replace("    pattern: 'unveil(?:s|ed)?'\n", ''), 3, /missing key "pattern"/],
    ['a value of the wrong type', good.replace('weight: 2', 'weight: heavy'), 7, /words\.1\.weight: must be number/],
    ['a __proto__ key', good.replace('    weight: 2', '    __proto__: { polluted: true }'), 7, /key "__proto__" is not allowed/],
    ['a constructor key at the top', `constructor: 1\n${good}`, 1, /key "constructor" is not allowed/],
    ['a prototype key deep inside', good.replace('    weight: 2', '    weight: 2\n    prototype: {}'), 8, /key "prototype" is not allowed/],
    ['a key written twice', good.replace('    weight: 2', '    weight: 2\n    weight: 3'), 8, /not valid YAML: Map keys must be unique/],
    ['broken YAML', good.replace("    pattern: 'unveil(?:s|ed)?'", "    pattern: 'unveil(?:s|ed)?"), null, /not valid YAML/],
    ['a YAML tag asking for code', good.replace("pattern: 'dévoil(?:e|é|ent)'", 'pattern: !!js/function "function () {}"'), 6, /not plain YAML data: Unresolved tag/],
    ['a custom tag', good.replace('weight: 2', 'weight: !env HOME'), 7, /Unresolved tag: !env/],
  ])('refuses %s, naming the file and the line', (_what, content, line, message) => {
    const path = file(content);
    const e = ruleError(() => readRuleFile(path, schema));
    expect(e.file).toBe(path);
    if (line !== null) expect(e.line).toBe(line);
    else expect(e.line).toBeGreaterThan(1);
    expect(e.problem).toMatch(message);
    expect(e.message.startsWith(`${path}:${e.line}: `)).toBe(true);
  });

  it('does not let a __proto__ key reach the data or pollute objects', () => {
    const path = file(`words: []\n"__proto__":\n  polluted: yes\n`);
    expect(ruleError(() => readRuleFile(path, schema)).line).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'words: []'].join('\n');
    const path = file(bomb);
    const e = ruleError(() => readRuleFile(path, schema));
    expect(e.file).toBe(path);
    expect(e.problem).toMatch(/not plain YAML data|unknown key/);
  });

  it('refuses an empty file as not holding the expected data', () => {
    const path = file('# nothing yet\n');
    expect(ruleError(() => readRuleFile(path, schema)).problem).toMatch(/must be object/);
  });

  it('refuses bytes that are not UTF-8 text, at their line', () => {
    const path = file(Buffer.concat([Buffer.from('words:\n  - id: a\n    pattern: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const e = ruleError(() => readRuleFile(path, schema));
    expect(e.line).toBe(3);
    expect(e.problem).toMatch(/not valid UTF-8/);
  });

  it('names the file when it cannot be read', () => {
    const path = join(work, 'missing.yaml');
    const e = ruleError(() => readRuleFile(path, schema));
    expect(e.message).toMatch(new RegExp(`^${path}: cannot read rule file`));
  });
});

describe('reading a plain list file', () => {
  it('keeps one entry per line with its line number, skipping comments, blank lines and a byte-order mark', () => {
    const path = file('\uFEFF# Given names\n\nÉlodie\n  Jean-Pierre  \r\n# end\n', 'txt');
    expect(readListFile(path)).toEqual([
      { value: 'Élodie', line: 3 },
      { value: 'Jean-Pierre', line: 4 },
    ]);
  });

  it('refuses a binary or badly encoded line, at its line', () => {
    const latin1 = file(Buffer.concat([Buffer.from('Marie\nH'), Buffer.from([0xe9]), Buffer.from('l\xe8ne\n', 'latin1')]), 'txt');
    expect(ruleError(() => readListFile(latin1))).toMatchObject({ file: latin1, line: 2 });
    const nul = file('Marie\nJean\n\0\0\0\n', 'txt');
    expect(ruleError(() => readListFile(nul))).toMatchObject({ file: nul, line: 3, problem: expect.stringMatching(/NUL/) });
  });
});

describe('compiling a rule pattern', () => {
  it('compiles a sound pattern with the u flag, so \\p{L} works on French letters', () => {
    const re = compileRulePattern('\\p{Lu}\\p{L}+(?:-\\p{Lu}\\p{L}+)?', 'g', 'f.yaml', 3);
    expect(re.flags).toContain('u');
    expect('Hélène et Jean-Éric'.match(re)).toEqual(['Hélène', 'Jean-Éric']);
  });

  it('reports an invalid pattern with the file, the line and the reason', () => {
    const e = ruleError(() => compileRulePattern('(?<year>\\d{4}', '', 'rules/dates/en.patterns.yaml', 42));
    expect(e.message).toMatch(/^rules\/dates\/en\.patterns\.yaml:42: bad pattern: .*Unterminated group/);
  });

  it('refuses unknown or repeated flags', () => {
    expect(ruleError(() => compileRulePattern('a', 'x', 'f.yaml', 1)).problem).toMatch(/bad pattern flags "x"/);
    expect(ruleError(() => compileRulePattern('a', 'gg', 'f.yaml', 1)).problem).toMatch(/bad pattern flags/);
  });

  it.each([
    ['(a+)+', '(a+)'],
    ['(?:\\s*,\\s*\\p{L}+)*', '(?:\\s*,\\s*\\p{L}+)'],
    ['(\\d{1,3})+', '(\\d{1,3})'],
    ['(a*){2,8}', '(a*)'],
    ['((ab)+c)*', '((ab)+c)'],
    ['x(?<word>[\\p{L}-]+\\s?)+$', '(?<word>[\\p{L}-]+\\s?)'],
    ['(.+?)*?', '(.+?)'],
  ])('refuses %s: repetition inside repetition, naming the repeated group', (source, group) => {
    expect(nestedRepetition(source)).toBe(group);
    const e = ruleError(() => compileRulePattern(source, 'g', 'rules/x.yaml', 7));
    expect(e.message).toContain('rules/x.yaml:7: ');
    expect(e.problem).toContain(`repeats "${group}", which itself repeats`);
  });

  it.each([
    '(?:\\s+of)?\\s+(?<month>janvier|février)',
    '([+*/-]\\s?\\d)+',
    '(\\+\\d)+',
    '(a?)+b',
    '(ab{2})+',
    '[(]+\\d+[)]',
    '\\((\\d+)\\)',
    '\\p{L}+(?:-\\p{L}+)?',
    '(?<y>(?:19|20)\\d{2})(?![\\p{L}\\p{N}])',
    '\\u{1F600}+',
  ])('accepts %s: no repetition nested in repetition', (source) => {
    expect(nestedRepetition(source)).toBeNull();
    expect(() => compileRulePattern(source, 'g', 'f.yaml', 1)).not.toThrow();
  });
});

describe('the rules folder', () => {
  it('loads as shipped', () => {
    expect(() => loadRules(DEFAULT_RULES_DIR)).not.toThrow();
  });

  it('stops on a copy where one file has an unknown key, naming that file and line', () => {
    const dir = join(work, 'rules-copy');
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    const target = join(dir, 'dates', 'en.patterns.yaml');
    const lines = readFileSync(target, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('production: date'));
    lines.splice(at + 1, 0, '    prodution: date');
    writeFileSync(target, lines.join('\n'));
    const e = ruleError(() => loadRules(dir));
    expect(e.file).toBe(target);
    expect(e.line).toBe(at + 2);
    expect(e.problem).toMatch(/unknown key "prodution"/);
  });

  it('stops on a copy whose date pattern nests repetitions, naming that file and line', () => {
    const dir = join(work, 'rules-copy-2');
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    const target = join(dir, 'dates', 'en.patterns.yaml');
    const lines = readFileSync(target, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.trimStart().startsWith('pattern:'));
    lines[at] = "    pattern: '(?:{month}\\s*)+{year}'";
    writeFileSync(target, lines.join('\n'));
    const e = ruleError(() => loadRules(dir));
    expect(e.file).toBe(target);
    expect(e.line).toBe(at + 1);
    expect(e.problem).toMatch(/which itself repeats/);
  });
});
