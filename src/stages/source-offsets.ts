/** Source offsets: every mention also gets its range in the decoded source file. */
import type { Document, Mention } from '../document.js';
import type { Rules } from '../rules/index.js';

export function mapMentionsToSource(doc: Document, _rules: Rules): void {
  const map = (m: Mention) => {
    m.sourceStart = doc.offsets.toSource(m.start);
    m.sourceEnd = m.end > m.start ? doc.offsets.toSource(m.end - 1) + 1 : m.sourceStart;
  };
  for (const list of Object.values(doc.entities)) for (const e of list) for (const m of e.mentions) map(m);
}
