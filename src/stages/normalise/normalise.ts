/** Normalise: clean text for the extractors. First version: NFC and line endings. Deepened by issue 6. */
import type { Document } from '../../document.js';
import type { Rules } from '../../rules/index.js';

export function normalise(doc: Document, _rules: Rules): void {
  const text = doc.text.replace(/\r\n?/g, '\n').normalize('NFC');
  doc.text = text;
}
