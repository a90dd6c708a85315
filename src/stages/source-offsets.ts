/** Source offsets: every mention also gets its range in the decoded source file (`Document.raw`). */
import type { Document, Mention } from '../document.js';
import type { Rules } from '../rules/index.js';
import { toSourceEnd } from './read/offsets.js';

export function mapMentionsToSource(doc: Document, _rules: Rules): void {
  const map = (m: Mention) => {
    m.sourceStart = doc.offsets.toSource(m.start);
    m.sourceEnd = Math.max(m.sourceStart, toSourceEnd(doc.offsets, m.end));
  };
  for (const list of Object.values(doc.entities)) for (const e of list) for (const m of e.mentions) map(m);
}
