/**
 * One record in the terminal: its text with the mentions coloured by type (ANSI), then its
 * entity lists and diagnostics. Without colour (not a TTY, NO_COLOR), mentions are bracketed
 * with a type letter, `[Jean-Yves Le Gall](P)`, so the view reads the same in a pipe or a log.
 */
import type { DocumentRecord } from '../record.js';
import { describe, summarise, TYPE_LABEL } from './describe.js';
import { MENTION_TYPES, recordSegments, type MentionType } from './segments.js';

const LETTER: Record<MentionType, string> = { people: 'P', organisations: 'O', dates: 'D', figures: 'F', places: 'L', contacts: 'C' };
const HEADING: Record<MentionType, string> = {
  people: 'People',
  organisations: 'Organisations',
  dates: 'Dates',
  figures: 'Figures',
  places: 'Places',
  contacts: 'Contacts',
};
/** SGR codes: a foreground colour and an underline for every type, bold when mentions overlap. */
const SGR: Record<MentionType, string> = { people: '34', organisations: '32', dates: '33', figures: '35', places: '36', contacts: '96' };

export interface TerminalOptions {
  color: boolean;
}

/** Should output to this stream be coloured? (https://no-color.org: any non-empty NO_COLOR disables.) */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Control characters in a release (an escape sequence could repaint the terminal) shown as visible marks. */
export function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => (c === '\u001b' ? '^[' : '\ufffd'));
}

function paint(s: string, codes: string, color: boolean): string {
  return color && codes ? `\u001b[${codes}m${s}\u001b[0m` : s;
}

/** The record's text with its mentions marked. */
export function renderText(record: DocumentRecord, options: TerminalOptions): string {
  const out: string[] = [];
  for (const seg of recordSegments(record)) {
    const text = visible(record.text.slice(seg.start, seg.end));
    if (options.color) {
      if (seg.refs.length === 0) out.push(text);
      else out.push(paint(text, `${SGR[seg.refs[0]!.type]};4${seg.refs.length > 1 ? ';1' : ''}`, true));
      continue;
    }
    // Brackets: open outer mentions first, close inner ones first.
    const opening = seg.opens.slice().sort((a, b) => b.end - b.start - (a.end - a.start));
    const closing = seg.refs.filter((m) => m.end === seg.end);
    out.push('['.repeat(opening.length), text, closing.map((m) => `](${LETTER[m.type]})`).join(''));
  }
  return out.join('');
}

function entityLine(type: MentionType, e: unknown): string {
  const fields = describe(type, e);
  const main = summarise(type, e);
  const extra = fields
    .filter(([k]) => !['name', 'value', 'grain', 'unit', 'kind', 'qualifier', 'up to', 'type', 'code', 'acronym', 'roles', 'mentions'].includes(k))
    .map(([k, v]) => `${k}: ${v}`);
  const count = fields.find(([k]) => k === 'mentions')?.[1] ?? '0';
  return `${main}${extra.length ? `   ${extra.join('; ')}` : ''}   ×${count}`;
}

/** The whole view: heading, text, entity lists, sources and diagnostics. */
export function renderRecord(record: DocumentRecord, options: TerminalOptions): string {
  const { color } = options;
  const bold = (s: string) => paint(s, '1', color);
  const dim = (s: string) => paint(s, '2', color);
  const out: string[] = [];
  out.push(bold(visible(record.title ?? '(no title)')));
  out.push(dim(`id ${record.id} · published ${record.published ?? 'unknown'} · language ${record.language ?? 'unknown'} · ${record.sources.map((s) => visible(s.path)).join(', ')}`));
  const legend = MENTION_TYPES.map((t) => (color ? paint(TYPE_LABEL[t], `${SGR[t]};4`, true) : `(${LETTER[t]}) ${TYPE_LABEL[t]}`)).join('  ');
  out.push(dim('mentions: ') + legend, '');
  out.push(renderText(record, options), '');
  for (const type of MENTION_TYPES) {
    const list = record[type] as unknown[];
    if (list.length === 0) continue;
    out.push(`${paint(HEADING[type], `${SGR[type]};1`, color)} (${list.length})`);
    for (const e of list) out.push(`  ${visible(entityLine(type, e))}`);
  }
  if (record.diagnostics.length) {
    out.push(bold(`Diagnostics (${record.diagnostics.length})`));
    for (const d of record.diagnostics) {
      const at = d.start !== undefined ? ` @${d.start}${d.end !== undefined ? '-' + d.end : ''}` : '';
      out.push(`  ${d.severity} ${d.stage}${d.rule ? ' ' + d.rule : ''}${at}: ${visible(d.message)}`);
    }
  }
  return out.join('\n') + '\n';
}
