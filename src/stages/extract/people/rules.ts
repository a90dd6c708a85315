/**
 * Rules of the people stage (also read by the contacts stage), loaded once from rules/people/:
 * - `given-names.<origin>.txt`: given names, one per line (evidence that a name starts here);
 * - `ambiguous-given-names.txt`: given names that are also words or places (weaker evidence);
 * - `titles.<lang>.yaml`: titles and roles, their modifiers, joiners and linkers;
 * - `cues.<lang>.yaml`: honorifics, speech verbs, words that mark things named after people,
 *   words that are never names, contact-block headings and labels, photo-credit markers;
 *   and, optionally, verbs of headings that end a name in a capitalised run ("Announces");
 * - `not-people.txt`: person-like names that name companies, brands or spacecraft;
 * - `eponymous-brands.txt`: brands named after a person, the person only with a cue of one.
 * Every language's cues are used on every release: French releases quote English titles and
 * English ones carry French contact blocks ("Responsable Presse", "Tél.").
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readListFile, readRuleFile, RuleError, type Schema } from '../../../rules/load.js';
import { fold } from '../../../text/unicode.js';
import { PhraseSet, phraseKeys } from './phrases.js';

export interface PeopleRules {
  /** Folded given names. */
  givenNames: Set<string>;
  /** Folded given names that are also common words or places. */
  ambiguousGivenNames: Set<string>;
  titles: PhraseSet;
  titleModifiers: PhraseSet;
  titleJoiners: PhraseSet;
  titleLinkers: PhraseSet;
  /** Honorifics as written without their full stop ("Mr", "Mme", "M", "Dr"), with the languages of their files: case matters. */
  honorifics: Map<string, Set<string>>;
  speechVerbs: PhraseSet;
  thingsAfter: PhraseSet;
  thingsBefore: PhraseSet;
  /** Folded capitalised words that never belong to a person's name. */
  notNameWords: Set<string>;
  /** Folded verbs of headings ("announces", "addresses"): inside a capitalised run after a given name they end the name. */
  headingVerbs: Set<string>;
  /** Folded surnames that are also company or place words ("Park", "Hall"): never taken as a thing. */
  surnamesLikeWords: Set<string>;
  contactHeadings: PhraseSet;
  contactLabels: PhraseSet;
  creditMarkers: PhraseSet;
  /** Folded names (words joined by one space) that are not people. */
  notPeople: Set<string>;
  /** Folded brand names that are also a person's name ("ralph lauren"): a person only with a cue beyond the given name. */
  eponymousBrands: Set<string>;
  /** Every rule id the stage can give as evidence. */
  ruleIds: string[];
}

/** The kinds of evidence a person is found by; rule ids are `person.<lang>.<kind>`. */
export const EVIDENCE = ['given-name', 'honorific', 'title-before', 'title-after', 'speech-verb', 'contact-block', 'credit', 'surname-alias'] as const;
export type Evidence = (typeof EVIDENCE)[number];

interface TitlesFile {
  titles: string[];
  modifiers: string[];
  joiners: string[];
  linkers: string[];
}
interface CuesFile {
  honorifics: string[];
  speech_verbs: string[];
  things_after: string[];
  things_before: string[];
  not_name_words: string[];
  contact_headings: string[];
  contact_labels: string[];
  credit_markers: string[];
  surnames_like_words: string[];
  heading_verbs?: string[];
}

const list: Schema = { type: 'array', items: { type: 'string', minLength: 1 } };
const TITLES_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['titles', 'modifiers', 'joiners', 'linkers'],
  properties: { titles: list, modifiers: list, joiners: list, linkers: list },
};
const CUES_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['honorifics', 'speech_verbs', 'things_after', 'things_before', 'not_name_words', 'contact_headings', 'contact_labels', 'credit_markers', 'surnames_like_words'],
  properties: {
    honorifics: list,
    speech_verbs: list,
    things_after: list,
    things_before: list,
    not_name_words: list,
    contact_headings: list,
    contact_labels: list,
    credit_markers: list,
    surnames_like_words: list,
    heading_verbs: list,
  },
};

export function loadPeopleRules(rulesDir: string): PeopleRules {
  const dir = join(rulesDir, 'people');
  let files: string[];
  try {
    files = readdirSync(dir).sort();
  } catch {
    throw new RuleError(dir, null, 'the people rules folder is missing');
  }
  const rules: PeopleRules = {
    givenNames: new Set(),
    ambiguousGivenNames: new Set(),
    titles: new PhraseSet(),
    titleModifiers: new PhraseSet(),
    titleJoiners: new PhraseSet(),
    titleLinkers: new PhraseSet(),
    honorifics: new Map(),
    speechVerbs: new PhraseSet(),
    thingsAfter: new PhraseSet(),
    thingsBefore: new PhraseSet(),
    notNameWords: new Set(),
    surnamesLikeWords: new Set(),
    headingVerbs: new Set(),
    contactHeadings: new PhraseSet(),
    contactLabels: new PhraseSet(),
    creditMarkers: new PhraseSet(),
    notPeople: new Set(),
    eponymousBrands: new Set(),
    ruleIds: [],
  };
  const languages: string[] = [];
  for (const f of files) {
    const path = join(dir, f);
    if (/^given-names\.[a-z-]+\.txt$/.test(f)) {
      for (const e of readListFile(path)) {
        if (/\s/.test(e.value)) throw new RuleError(path, e.line, `"${e.value}": one given name per line, without spaces`);
        rules.givenNames.add(fold(e.value));
      }
    } else if (f === 'ambiguous-given-names.txt') {
      for (const e of readListFile(path)) rules.ambiguousGivenNames.add(fold(e.value));
    } else if (f === 'not-people.txt') {
      for (const e of readListFile(path)) rules.notPeople.add(phraseKeys(e.value).join(' '));
    } else if (f === 'eponymous-brands.txt') {
      for (const e of readListFile(path)) rules.eponymousBrands.add(phraseKeys(e.value).join(' '));
    } else if (/^titles\.[a-z]{2}\.yaml$/.test(f)) {
      const { data } = readRuleFile<TitlesFile>(path, TITLES_SCHEMA);
      data.titles.forEach((t) => rules.titles.add(t));
      data.modifiers.forEach((t) => rules.titleModifiers.add(t));
      data.joiners.forEach((t) => rules.titleJoiners.add(t));
      data.linkers.forEach((t) => rules.titleLinkers.add(t));
    } else if (/^cues\.[a-z]{2}\.yaml$/.test(f)) {
      languages.push(f.slice(5, 7));
      const file = readRuleFile<CuesFile>(path, CUES_SCHEMA);
      const d = file.data;
      d.honorifics.forEach((h, i) => {
        if (/\s/.test(h.trim())) file.fail(['honorifics', i], `honorific "${h}" must be one word`);
        const key = h.trim().replace(/\.$/, '');
        const langs = rules.honorifics.get(key) ?? new Set<string>();
        langs.add(f.slice(5, 7));
        rules.honorifics.set(key, langs);
      });
      d.speech_verbs.forEach((t) => rules.speechVerbs.add(t));
      d.things_after.forEach((t) => rules.thingsAfter.add(t));
      d.things_before.forEach((t) => rules.thingsBefore.add(t));
      d.not_name_words.forEach((t) => rules.notNameWords.add(fold(t.replace(/\.$/, ''))));
      d.contact_headings.forEach((t) => rules.contactHeadings.add(t));
      d.contact_labels.forEach((t) => rules.contactLabels.add(t));
      d.credit_markers.forEach((t) => rules.creditMarkers.add(t));
      d.surnames_like_words.forEach((t) => rules.surnamesLikeWords.add(fold(t)));
      (d.heading_verbs ?? []).forEach((t) => rules.headingVerbs.add(fold(t)));
    }
  }
  if (rules.givenNames.size === 0) throw new RuleError(dir, null, 'no given-names.<origin>.txt list found');
  if (rules.titles.size === 0) throw new RuleError(dir, null, 'no titles.<lang>.yaml file found');
  // a word both in the given names and in the ambiguous list is only weak evidence
  for (const n of rules.ambiguousGivenNames) rules.givenNames.delete(n);
  rules.ruleIds = languages.flatMap((l) => EVIDENCE.map((e) => `person.${l}.${e}`));
  return rules;
}
