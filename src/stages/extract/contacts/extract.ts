/**
 * Extract contacts: the people of press-contact blocks as structured entries {name, role,
 * organisation, email, phone}, with the same name as their Person entity.
 *
 * A person is a contact when a mention of them is in a contact zone ("CNES press contacts",
 * "Media Contact:") or on a short line that also holds an e-mail address or a phone number
 * ("Pascale Bresson    Press Officer    Tel: +33 ...    pascale.bresson@cnes.fr"). Their details
 * are read from the text after the name up to the next person of the block.
 */
import type { Contact, Document, Organisation, Person } from '../../../document.js';
import type { Rules } from '../../../rules/index.js';
import type { PeopleRules } from '../people/rules.js';
import { spanIndex, tokensOf } from '../people/extract.js';
import { titleAfter } from '../people/roles.js';
import { tokenIndexAt } from '../people/tokens.js';
import { EMAIL, PHONE, findContactZones, hasEmailOrPhone, zoneAt } from './zones.js';

export function extractContacts(doc: Document, rules: Rules): void {
  doc.entities.contacts = findContacts(doc.text, doc.entities.people, doc.entities.organisations, rules.people);
}

/** Longest line that may hold a contact outside a zone. */
const CONTACT_LINE = 260;
/** How far after a name its details are looked for. */
const DETAILS = 320;

export function findContacts(text: string, people: Person[], organisations: Organisation[], rules: PeopleRules): Contact[] {
  if (people.length === 0) return [];
  const tokens = tokensOf(text);
  const orgAt = spanIndex(
    tokens,
    organisations.flatMap((o, owner) => o.mentions.map((m) => ({ start: m.start, end: m.end, owner }))),
  );
  const zones = findContactZones(text, tokens, orgAt, organisations, rules);
  const all = people
    .flatMap((p, i) => p.mentions.map((m) => ({ person: i, start: m.start, end: m.end })))
    .sort((a, b) => a.start - b.start);
  const byName = new Map<string, Contact>();
  const out: Contact[] = [];
  for (let n = 0; n < all.length; n++) {
    const m = all[n]!;
    const zone = zoneAt(zones, m.start);
    const lineStart = text.lastIndexOf('\n', m.start - 1) + 1;
    const nl = text.indexOf('\n', m.end);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    const labelled = afterLabel(text, tokens, m.start, rules);
    if (!zone && !labelled && !(line.length <= CONTACT_LINE && hasEmailOrPhone(line))) continue;
    // the details run to the next person mention, the end of the zone, or the end of the line
    const nextStart = all[n + 1]?.start ?? text.length;
    const limit = Math.min(nextStart, zone ? zone.end : labelled ? m.end + DETAILS : lineEnd, m.end + DETAILS);
    const details = text.slice(m.end, limit);
    const person = people[m.person]!;
    const contact = byName.get(person.name) ?? { name: person.name, mentions: [] };
    if (!byName.has(person.name)) {
      byName.set(person.name, contact);
      out.push(contact);
    }
    contact.mentions.push({ start: m.start, end: m.end });
    const lastTok = tokenIndexAt(tokens, m.end, true);
    const role = lastTok >= 0 ? titleAfter({ text, tokens, orgAt, organisations, rules }, lastTok) : null;
    if (role && !contact.role) contact.role = role.title;
    const org = role?.organisation ?? zone?.organisation ?? labelledCompany(details) ?? orgIn(m.end, limit, orgAt, tokens, organisations);
    if (org && !contact.organisation) contact.organisation = org;
    EMAIL.lastIndex = 0;
    const email = EMAIL.exec(details);
    if (email && !contact.email) contact.email = email[0];
    PHONE.lastIndex = 0;
    const phone = PHONE.exec(details);
    if (phone && !contact.phone) contact.phone = phone[0].replace(/\s+/g, ' ').trim();
  }
  return out;
}

/** "Contact Person: Mark Jung", "Nom : Jean Dupont": a contact label and a colon right before the name. */
function afterLabel(text: string, tokens: ReturnType<typeof tokensOf>, start: number, rules: PeopleRules): boolean {
  const i = tokenIndexAt(tokens, start);
  if (i <= 0) return false;
  const gap = text.slice(tokens[i - 1]!.end, start);
  return /^\s*[:：]\s*$/.test(gap) && !gap.includes('\n') && rules.contactLabels.matchEndingAt(tokens, i - 1) > 0;
}

/** "Company: Acme", "Company Name: Acme", "Société : Acme" in wire contact blocks. */
function labelledCompany(details: string): string | undefined {
  const m = /(?:Company(?: Name)?|Organi[sz]ation|Soci[ée]t[ée]|Entreprise)\s*[:：]\s*([^\n:]{2,60}?)(?=\s*(?:\n|Contact|E-?mail|Website|Phone|Tel|Address|City|Country|$))/u.exec(details);
  return m ? m[1]!.trim() : undefined;
}

function orgIn(start: number, end: number, orgAt: Int32Array, tokens: ReturnType<typeof tokensOf>, organisations: Organisation[]): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.start < start) continue;
    if (t.start >= end) break;
    if (orgAt[i]! >= 0) return organisations[orgAt[i]!]!.name;
  }
  return undefined;
}
