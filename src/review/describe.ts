/**
 * What a reviewer needs to know about one entity, as label/value pairs: the normalised value
 * (ISO date and how it was resolved, number with unit and kind, roles, acronym and aliases).
 * Shared by the HTML page and the terminal view so that both say the same thing.
 */
import type { Contact, DateEntity, Figure, Organisation, Person, Place } from '../document.js';
import type { DocumentRecord } from '../record.js';
import type { MentionType } from './segments.js';

export type Field = [label: string, value: string];

/** Singular label of a type, for legends and tooltips. */
export const TYPE_LABEL: Record<MentionType, string> = {
  people: 'person',
  organisations: 'organisation',
  dates: 'date',
  figures: 'figure',
  places: 'place',
  contacts: 'contact',
};

/** A number as a person reads it: no exponent, at most 6 decimals, thin grouping left out. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(6)));
}

function roleText(r: Person['roles'][number]): string {
  return r.organisation ? `${r.title} (${r.organisation})` : r.title;
}

/** The one-line normalised value of an entity: what a tooltip shows. */
export function summarise(type: MentionType, e: unknown): string {
  switch (type) {
    case 'people': {
      const p = e as Person;
      const roles = (p.roles ?? []).map(roleText).join('; ');
      return roles ? `${p.name}, ${roles}` : p.name;
    }
    case 'organisations': {
      const o = e as Organisation;
      return o.acronym && o.acronym !== o.name ? `${o.name} (${o.acronym})` : o.name;
    }
    case 'dates': {
      const d = e as DateEntity;
      return `${d.value} (${d.grain}${d.ambiguous ? ', ambiguous' : ''})`;
    }
    case 'figures': {
      const f = e as Figure;
      const value = f.valueMax !== undefined ? `${formatNumber(f.value)}–${formatNumber(f.valueMax)}` : formatNumber(f.value);
      return [f.qualifier, value, f.unit, `(${f.kind})`].filter(Boolean).join(' ');
    }
    case 'places': {
      const p = e as Place;
      return `${p.name} (${p.type}${p.code ? ' ' + p.code : ''})`;
    }
    case 'contacts': {
      const c = e as Contact;
      return [c.name, c.role, c.organisation, c.email, c.phone].filter(Boolean).join(', ');
    }
  }
}

function provenance(d: DateEntity): string {
  const p = d.provenance;
  if (!p) return '';
  const written = p.written?.length ? `written: ${p.written.join(', ')}` : '';
  const inferred = p.inferred?.length ? `inferred: ${p.inferred.join(', ')}${p.inferredFrom ? ` from ${p.inferredFrom}` : ''}` : '';
  return [written, inferred].filter(Boolean).join('; ');
}

/** Every field worth showing for an entity, in reading order; empty values are left out. */
export function describe(type: MentionType, e: unknown): Field[] {
  const fields: Array<[string, string | undefined | null]> = [];
  switch (type) {
    case 'people': {
      const p = e as Person;
      fields.push(['name', p.name], ['aliases', (p.aliases ?? []).join(', ')], ['roles', (p.roles ?? []).map(roleText).join('; ')]);
      break;
    }
    case 'organisations': {
      const o = e as Organisation;
      fields.push(['name', o.name], ['acronym', o.acronym], ['aliases', (o.aliases ?? []).join(', ')], ['gazetteer id', o.id]);
      break;
    }
    case 'dates': {
      const d = e as DateEntity;
      fields.push(
        ['value', d.value],
        ['grain', d.grain],
        ['as written', d.text],
        ['provenance', provenance(d)],
        ['ambiguous', d.ambiguous ? 'yes' : undefined],
        ['rule', d.rule],
      );
      break;
    }
    case 'figures': {
      const f = e as Figure;
      fields.push(
        ['value', formatNumber(f.value)],
        ['up to', f.valueMax === undefined ? undefined : formatNumber(f.valueMax)],
        ['unit', f.unit],
        ['kind', f.kind],
        ['qualifier', f.qualifier],
        ['as written', f.text],
        ['rule', f.rule],
      );
      break;
    }
    case 'places': {
      const p = e as Place;
      fields.push(['name', p.name], ['type', p.type], ['code', p.code], ['aliases', (p.aliases ?? []).join(', ')]);
      break;
    }
    case 'contacts': {
      const c = e as Contact;
      fields.push(['name', c.name], ['role', c.role], ['organisation', c.organisation], ['e-mail', c.email], ['phone', c.phone]);
      break;
    }
  }
  const n = ((e as { mentions?: unknown[] }).mentions ?? []).length;
  fields.push(['mentions', String(n)]);
  return fields.filter((f): f is Field => typeof f[1] === 'string' && f[1] !== '');
}

/** The entity a mention points at. */
export function entityOf(record: Pick<DocumentRecord, MentionType>, type: MentionType, index: number): unknown {
  return (record[type] as unknown[])[index];
}
