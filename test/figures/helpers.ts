/** Shared helpers of the figures tests: a bare Document for a sentence, and the loaded rules. */
import { join } from 'node:path';
import { textDocument, type Document, type Language } from '../../src/document.js';
import type { Rules } from '../../src/rules/index.js';
import { extractFigures } from '../../src/stages/extract/figures/extract.js';
import { loadFigureRules } from '../../src/stages/extract/figures/rules.js';

export const RULES_DIR = join(import.meta.dirname, '..', '..', 'rules');

let cached: Rules | undefined;
/** Only the figures rules are loaded: the tests of this folder exercise the figures stage alone. */
export function figureRules(): Rules {
  cached ??= { figures: loadFigureRules(RULES_DIR) } as Rules;
  return cached;
}

export function makeDoc(text: string, language: Language | null): Document {
  return textDocument(text, { source: { path: 'example.txt', sha256: '' }, language });
}

/** Runs the figures stage on one sentence. */
export function figuresOf(text: string, language: Language | null = 'en', prepare?: (doc: Document) => void) {
  const doc = makeDoc(text, language);
  prepare?.(doc);
  extractFigures(doc, figureRules());
  return doc.entities.figures;
}
