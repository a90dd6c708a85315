/** Published: the release's own date, from page metadata or the dateline. */
import type { Document } from '../../../document.js';
import type { Rules } from '../../../rules/index.js';

export function findPublished(doc: Document, _rules: Rules): void {
  const m = doc.metadata.published?.match(/^\d{4}-\d{2}-\d{2}/);
  doc.published = m ? m[0] : null;
}
