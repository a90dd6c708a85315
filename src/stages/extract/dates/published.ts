/**
 * Published: the release's own date.
 * 1. Page metadata (`article:published_time`...) when it holds a day.
 * 2. Otherwise the dateline or the first lines: the first full date (day, month and year written)
 *    in the head of the text that either starts its line ("February 6, 2019", "02 Apr 2021",
 *    "Monday 13 May 2019, CNES President...") or follows a short place prefix ("Paris, le 13 mai
 *    2019", "PARIS, le 4 mars 2024 –", "TOULOUSE, France, June 12, 2024 /PRNewswire/ --",
 *    "NEW YORK, NY, March 9, 2024 (Newswire.com) -", "Portland, Oregon (Newsworthy.ai) Thursday Sep 18,
 *    2025 @ 7:00 AM", "for immediate release - march 27, 2026") or ends an embargo notice ("Embargoed
 *    until 00:01 GMT, Tuesday 14 January 2025", "Sous embargo jusqu'au 14 janvier 2025").
 * The date is read with the same rules as the dates stage, so the dateline is also a date entity.
 */
import type { Document } from '../../../document.js';
import type { Rules } from '../../../rules/index.js';
import { candidatesOf } from './extract.js';
import { daysInMonth } from './resolve.js';

/** How much of the start of the text may hold the dateline. */
const HEAD = 1500;
/** What may stand before the date on its line: nothing, a weekday-ish word, or a place dateline. */
const BEFORE_DATE =
  /^[\s#*_>|•-]*(?:(?:on|le|the)\s+)?$|^[\s#*_>]*\p{Lu}[\p{L}\p{M}.'’ &-]{0,40}(?:,\s*[\p{L}\p{M}.'’ -]{1,30}){0,2}(?:\s*\([^()\n]{1,40}\)\s*(?:,|[-–—]{1,2}|:)?|\s*(?:,|[-–—]{1,2}|:))\s*(?:(?:le|on|the)\s+)?$/u;
/** "WHEN: Saturday, October 19, 2024": the date of an event the release announces, not its own. */
const EVENT_LABEL = /^[\s#*_>]*(?:when|where|event|event date|deadline|schedule)\s*:/iu;
/**
 * An embargo notice: the date it lifts is the release's date. "Embargoed until 00:01 GMT, Tuesday
 * 14 January 2025", "EMBARGO: 14 January 2025", "Sous embargo jusqu'au mardi 14 janvier 2025 à 00h01",
 * with optional clock times and time zones before the date ("4:00 a.m. CT / 5:00 a.m. ET").
 */
const EMBARGO =
  /^[\s#*_>]*(?:(?:under\s+)?embargo(?:ed)?(?:\s+(?:until|till|to))?|(?:sous\s+)?embargo\s+jusqu['’](?:au|à))\s*:?\s*(?:\d{1,2}(?:[:.hH]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:\(?[a-z]{2,5}\)?)?\s*(?:[,–—/|-]\s*)?){0,3}(?:(?:le|on|the)\s+)?$/iu;
/** "For immediate release - March 27, 2026", in any case. */
const RELEASE_NOTICE = /^[\s#*_>]*(?:for\s+)?immediate\s+release\s*[-–—:,]?\s*$/iu;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function findPublished(doc: Document, rules: Rules): void {
  doc.published = null;
  const meta = doc.metadata.published?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (meta && Number(meta[2]) >= 1 && Number(meta[2]) <= 12 && Number(meta[3]) >= 1 && Number(meta[3]) <= daysInMonth(Number(meta[1]), Number(meta[2]))) {
    doc.published = meta[0];
    return;
  }
  // Not cut at a line break: a wire release's first paragraph (with its dateline) is often one long line.
  // The dates of the whole text are read once, here, and the dates stage reuses them.
  const head = doc.text.slice(0, HEAD);
  for (const c of candidatesOf(doc.text, doc.language, rules.dates)) {
    if (c.end > HEAD) continue;
    if (c.kind !== 'single' || c.ambiguous) continue;
    const p = c.parts[0]!;
    if (p.year === undefined || p.month === undefined || p.day === undefined) continue;
    if (p.day > daysInMonth(p.year, p.month)) continue;
    const lineStart = head.lastIndexOf('\n', c.start - 1) + 1;
    const before = head.slice(lineStart, c.start);
    if ((!BEFORE_DATE.test(before) || EVENT_LABEL.test(before)) && !RELEASE_NOTICE.test(before) && !EMBARGO.test(before)) continue;
    doc.published = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
    doc.publishedMention = { start: c.start, end: c.end };
    return;
  }
}
