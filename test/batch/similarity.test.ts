/** The similarity measures behind deduplication and translation links, on small hand-made cases. */
import { describe, expect, it } from 'vitest';
import { loadBatchConfig } from '../../src/batch/config.js';
import { LshIndex, MinHasher, isNearDuplicate, shingles, similarity } from '../../src/batch/minhash.js';
import { factsDisagree, titleInText } from '../../src/batch/facts.js';
import { linkTranslations, translationKeys } from '../../src/batch/translations.js';
import { DEFAULT_RULES_DIR } from '../../src/rules/index.js';

const config = loadBatchConfig(DEFAULT_RULES_DIR);
const hasher = new MinHasher(config.dedup);

const RELEASE = `Toulouse, 3 June 2024 - The regional council of Occitanie and the start-up Aerolithe today
signed an agreement to build a test bench for hydrogen engines at the Francazal airfield. The
bench, worth 12 million euros, will open in the spring of 2026 and employ 40 engineers. "This is
the first bench of its kind in southern Europe," said Carole Delga, President of the region.
Aerolithe will also open a training centre for maintenance technicians with the Paul Sabatier
University, welcoming its first students in September 2025.`;

describe('word shingles', () => {
  it('ignore line wrapping, spacing, punctuation and case', () => {
    const a = shingles('The bench, worth 12 million euros, will open.', 3);
    const b = shingles('the  BENCH worth\n12 million euros will   open', 3);
    expect([...a].sort()).toEqual([...b].sort());
  });

  it('keep accented letters as letters', () => {
    const a = shingles('Université Paul Sabatier à Toulouse', 2);
    const b = shingles('Universit Paul Sabatier Toulouse', 2);
    expect([...a].sort()).not.toEqual([...b].sort());
  });
});

describe('MinHash signatures', () => {
  it('give similarity 1 to the same text wrapped differently', () => {
    const a = hasher.sign(RELEASE);
    const b = hasher.sign(RELEASE.replace(/\n/g, ' ').replace(/ /g, '\n'));
    expect(similarity(a, b).jaccard).toBe(1);
  });

  it('estimate a high similarity for the same text with a footer, and a low one for another text', () => {
    const a = hasher.sign(RELEASE);
    const withFooter = hasher.sign(`${RELEASE}\n\nPress contact: Jeanne Martin, +33 5 61 00 00 00, presse@aerolithe.example`);
    const other = hasher.sign('Lyon, 12 February 2023 - The metropolis opens a new tramway line between Part-Dieu and the airport, with 14 stations and trains every six minutes.');
    const near = similarity(a, withFooter);
    expect(near.jaccard).toBeGreaterThan(0.7);
    expect(near.containment).toBeGreaterThan(0.9);
    expect(isNearDuplicate(a, withFooter, near, config.dedup)).toBe(true);
    const far = similarity(a, other);
    expect(far.jaccard).toBeLessThan(0.2);
    expect(isNearDuplicate(a, other, far, config.dedup)).toBe(false);
  });

  it('never merge texts too short to judge', () => {
    const a = hasher.sign('Press release');
    const b = hasher.sign('Press release');
    expect(isNearDuplicate(a, b, similarity(a, b), config.dedup)).toBe(false);
  });

});

describe('the LSH index', () => {
  it('returns a near-duplicate as a candidate and not an unrelated text', () => {
    const index = new LshIndex(config.dedup);
    const a = hasher.sign(RELEASE);
    const other = hasher.sign('Lyon, 12 February 2023 - The metropolis opens a new tramway line between Part-Dieu and the airport, with 14 stations and trains every six minutes.');
    index.add(7, a.values);
    index.add(9, other.values);
    const copy = hasher.sign(`FOR IMMEDIATE RELEASE\n\n${RELEASE}`);
    expect(index.candidates(copy.values)).toContain(7);
    expect(index.candidates(copy.values)).not.toContain(9);
  });

  it('forgets an entry that is removed', () => {
    const index = new LshIndex(config.dedup);
    const a = hasher.sign(RELEASE);
    index.add(1, a.values);
    index.add(2, a.values);
    index.remove(1, a.values);
    expect(index.candidates(a.values)).toEqual([2]);
    index.remove(2, a.values);
    expect(index.candidates(a.values)).toEqual([]);
    index.add(3, a.values);
    expect(index.candidates(a.values)).toEqual([3]);
  });

  it('finds every document it holds after growing to thousands of entries', () => {
    const index = new LshIndex(config.dedup);
    const sigs = Array.from({ length: 3000 }, (_, i) => hasher.sign(`Release ${i}: the company number ${i * 7} opens site ${i * 13} in town ${i % 97} with ${i * 3} jobs`));
    sigs.forEach((s, i) => index.add(i, s.values));
    sigs.forEach((s, i) => expect(index.candidates(s.values)).toContain(i));
  });
});

describe('facts of two similar texts', () => {
  const base = { title: 'Aerolithe and Occitanie sign a hydrogen test bench agreement', published: '2024-06-03', keys: ['p:carole delga', 'f:12000000EUR', 'f:40', 'd:2025-09', 'o:aerolithe'] };

  it('agree for the same release', () => {
    expect(factsDisagree(base, { ...base, title: 'AEROLITHE AND OCCITANIE SIGN A HYDROGEN TEST BENCH AGREEMENT | Newsroom' }, config.dedup)).toBeNull();
  });

  it('disagree when the releases are dated months apart', () => {
    expect(factsDisagree(base, { ...base, published: '2024-09-14' }, config.dedup)?.kind).toBe('published');
  });

  it('disagree when most figures and dates differ', () => {
    const later = { ...base, keys: ['p:carole delga', 'f:15000000EUR', 'f:55', 'd:2026-03', 'o:aerolithe'] };
    expect(factsDisagree(base, later, config.dedup)?.kind).toBe('facts');
  });

  it('disagree when the titles name different things', () => {
    expect(factsDisagree({ ...base, title: 'Annapolis Rock (1948) - A. Aubrey Bodine' }, { ...base, title: 'My Lady’s Manor Horse Show (1928) - A. Aubrey Bodine' }, config.dedup)?.kind).toBe('title');
  });

  it('find a headline inside a text whatever its case and punctuation', () => {
    expect(titleInText('Aerolithe and Occitanie sign: a hydrogen test-bench agreement', 'FOR IMMEDIATE RELEASE\nAEROLITHE AND OCCITANIE SIGN A HYDROGEN TEST BENCH AGREEMENT\nToulouse...')).toBe(true);
    expect(titleInText('Aerolithe opens a school', RELEASE)).toBe(false);
  });
});

describe('translation links', () => {
  const record = (people: string[], figures: Array<[number, string | null, 'money' | 'count' | 'percent']>, dates: string[], acronyms: string[]) => ({
    people: people.map((name) => ({ name, aliases: [], roles: [], mentions: [] })),
    organisations: acronyms.map((a) => ({ name: a, acronym: a, aliases: [], mentions: [] })),
    figures: figures.map(([value, unit, kind]) => ({ value, unit, kind, text: '', mentions: [] })),
    dates: dates.map((value) => ({ value, grain: 'day' as const, text: '', provenance: { written: [], inferred: [] }, mentions: [] })),
  });

  it('keys people by their folded names, so accents do not matter', () => {
    expect(translationKeys(record(['Hélène Durand'], [], [], []))).toEqual(translationKeys(record(['Helene Durand'], [], [], [])));
  });

  it('link an English and a French record sharing people, figures and days, and only each other', () => {
    const en = { id: 'aaaaaaaaaaaaaaaa', language: 'en', keys: translationKeys(record(['Carole Delga', 'Jean Dupont'], [[12e6, 'EUR', 'money'], [40, null, 'count']], ['2024-06-03'], ['CNES'])) };
    const fr = { id: 'bbbbbbbbbbbbbbbb', language: 'fr', keys: translationKeys(record(['Carole Delga', 'Jean Dupont'], [[12e6, 'EUR', 'money'], [40, 'ingénieurs', 'count']], ['2024-06-03'], ['CNES'])) };
    const otherFr = { id: 'cccccccccccccccc', language: 'fr', keys: translationKeys(record(['Carole Delga'], [[3e6, 'EUR', 'money']], ['2023-01-10'], ['CNES'])) };
    const otherEn = { id: 'dddddddddddddddd', language: 'en', keys: en.keys };
    const links = linkTranslations([en, fr, otherFr], config.translations);
    expect(links.get(en.id)).toEqual([fr.id]);
    expect(links.get(fr.id)).toEqual([en.id]);
    expect(links.has(otherFr.id)).toBe(false);
    // Two English candidates as good as each other: the link goes to one, chosen the same way whatever the order.
    const a = linkTranslations([en, fr, otherEn], config.translations);
    const b = linkTranslations([otherEn, fr, en], config.translations);
    expect(a).toEqual(b);
    expect(a.get(fr.id)).toHaveLength(1);
  });

  it('never link two records of the same language', () => {
    const keys = translationKeys(record(['Carole Delga', 'Jean Dupont'], [[12e6, 'EUR', 'money'], [40, null, 'count']], ['2024-06-03'], ['CNES']));
    const links = linkTranslations([{ id: 'a', language: 'en', keys }, { id: 'b', language: 'en', keys }], config.translations);
    expect(links.size).toBe(0);
  });
});
