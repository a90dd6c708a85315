/** Title: the page's own title, or the first short line of the text. */
import type { Document } from '../../document.js';
import type { Rules } from '../../rules/index.js';

export function findTitle(doc: Document, _rules: Rules): void {
  if (doc.metadata.title) {
    doc.title = doc.metadata.title;
    return;
  }
  const line = doc.text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 15 && l.length < 200 && !/\d{4}$/.test(l));
  doc.title = line ?? null;
}
