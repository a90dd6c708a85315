/**
 * The year policy, the dateline and the diagnostics: what a reviewer relies on beyond the values.
 */
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/document.js';
import { textDocument } from '../../src/document.js';
import { DEFAULT_RULES_DIR, type Rules } from '../../src/rules/index.js';
import { findDates } from '../../src/stages/extract/dates/extract.js';
import { findPublished } from '../../src/stages/extract/dates/published.js';
import { loadDateRules } from '../../src/stages/extract/dates/rules.js';

const dates = loadDateRules(DEFAULT_RULES_DIR);
const rules = { dates } as unknown as Rules;

function doc(text: string, language: 'en' | 'fr', metadata: Document['metadata'] = {}): Document {
  return textDocument(text, { language, metadata });
}

describe('the year of a day and month without year', () => {
  it('comes from the release date and says so in the provenance', () => {
    const [d] = findDates('On Monday 22 March, the leaders met.', 'en', '2021-04-02', dates);
    expect(d).toMatchObject({ value: '2021-03-22', grain: 'day', text: 'Monday 22 March' });
    expect(d!.provenance).toEqual({ written: ['month', 'day', 'weekday'], inferred: ['year'], inferredFrom: 'published' });
  });

  it('follows the weekday into the previous year when only that year matches', () => {
    // 28 December is a Thursday in 2023, a Saturday in 2024: the weekday decides.
    const [d] = findDates('Le jeudi 28 décembre, la mission a été prolongée.', 'fr', '2024-01-05', dates);
    expect(d!.value).toBe('2023-12-28');
  });

  it('puts a "dernier" date before the release and a "prochain" date after it', () => {
    expect(findDates('le 22 novembre dernier', 'fr', '2014-01-31', dates)[0]!.value).toBe('2013-11-22');
    expect(findDates('le 10 janvier prochain', 'fr', '2014-01-31', dates)[0]!.value).toBe('2015-01-10');
  });

  it('is never invented when the release has no date', () => {
    const diagnostics: Document['diagnostics'] = [];
    expect(findDates('On Monday 22 March, the leaders met.', 'en', null, dates, diagnostics)).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ stage: 'dates', severity: 'info', rule: 'date.en.weekday-day-month', start: 3 });
  });
});

describe('diagnostics', () => {
  it('keeps a date whose weekday contradicts it and warns', () => {
    const diagnostics: Document['diagnostics'] = [];
    const found = findDates('Wednesday 13 May 2019, the seminar opened.', 'en', null, dates, diagnostics);
    expect(found.map((d) => d.value)).toEqual(['2019-05-13']);
    expect(diagnostics.some((d) => d.severity === 'warning' && /weekday/.test(d.message))).toBe(true);
  });

  it('flags a numeric date that stays ambiguous in English text without a signal', () => {
    const diagnostics: Document['diagnostics'] = [];
    const [d] = findDates('The notice is dated 06/02/2019.', 'en', null, dates, diagnostics);
    expect(d!.ambiguous).toBe(true);
    expect(diagnostics.some((x) => /day first or month first/.test(x.message))).toBe(true);
  });

  it('reads numeric dates month first on a US wire and day first in French', () => {
    expect(findDates('06/02/2019 /PRNewswire/ -- news', 'en', null, dates)[0]).toMatchObject({ value: '2019-06-02' });
    expect(findDates('Réunion du 06/02/2019.', 'fr', null, dates)[0]!.value).toBe('2019-02-06');
  });
});

describe('one entity per date', () => {
  it('gathers two mentions of the same day, in text order', () => {
    const text = 'The plant opened on 5 May 2023. Since 5 May 2023, it has run non-stop.';
    const found = findDates(text, 'en', null, dates);
    expect(found).toHaveLength(1);
    expect(found[0]!.mentions.map((m) => text.slice(m.start, m.end))).toEqual(['5 May 2023', '5 May 2023']);
  });
});

describe('the release date', () => {
  it.each([
    ['Paris, le 13 mai 2019\n\nLe CNES annonce…', 'fr', '2019-05-13'],
    ['PARIS, le 4 mars 2024 – Le groupe annonce…', 'fr', '2024-03-04'],
    ['TOULOUSE, France, June 12, 2024 /PRNewswire/ -- The company…', 'en', '2024-06-12'],
    ['# A title\n\nNEW YORK, NY, March 9, 2024 (Newswire.com) - A study…', 'en', '2024-03-09'],
    ['Skip to Content\n\nA title\n\n02 Apr 2021\n\nOn Monday 22 March…', 'en', '2021-04-02'],
    ['February 6, 2019\n\nCNES International Affairs Seminar', 'en', '2019-02-06'],
    ['# A title\n\nSpringville, UT (Newsworthy.ai) Tuesday Nov 4, 2025 @ 12:10 PM US/Mountain — The company…', 'en', '2025-11-04'],
    ['# Utility Files Rate Request\n\nfor immediate release - march 27, 2026\n\nThe utility today filed…', 'en', '2026-03-27'],
    ['BOSTON, MA - August, 10 2026 - The bank reported…', 'en', '2026-08-10'],
    ['Toulouse, 12 juin 2024 - Le CNES et l’Onera lancent…', 'fr', '2024-06-12'],
    ['Embargoed until 00:01 GMT, Tuesday 14 January 2025\n\nAcme Corp announced a new product today.', 'en', '2025-01-14'],
    ['EMBARGOED UNTIL 00:01 GMT, TUESDAY 14 JANUARY 2025\n\nAcme Corp announced…', 'en', '2025-01-14'],
    ['# A title\n\nEmbargoed until January 14, 2025 at 9:00 a.m. ET\n\nAcme…', 'en', '2025-01-14'],
    ['EMBARGO: 14 January 2025, 00:01 CET\n\nAcme…', 'en', '2025-01-14'],
    ["Sous embargo jusqu'au mardi 14 janvier 2025 à 00h01\n\nAcme annonce un produit.", 'fr', '2025-01-14'],
    ['Sous embargo jusqu’au 14 janvier 2025, 7h00\n\nAcme annonce…', 'fr', '2025-01-14'],
    ["SOUS EMBARGO JUSQU'AU 14 JANVIER 2025\n\nAcme annonce…", 'fr', '2025-01-14'],
  ] as const)('is read from the dateline of %j', (text, lang, expected) => {
    const d = doc(text, lang);
    findPublished(d, rules);
    expect(d.published).toBe(expected);
    expect(d.publishedMention && text.slice(d.publishedMention.start, d.publishedMention.end)).toMatch(/\d/);
  });

  it('prefers the page metadata', () => {
    const d = doc('Paris, le 13 mai 2019', 'fr', { published: '2019-05-14T08:00:00Z' });
    findPublished(d, rules);
    expect(d.published).toBe('2019-05-14');
  });

  it('is not taken from an event line of the release ("WHEN: Saturday, October 19, 2024")', () => {
    const d = doc('# Grand opening\n\nThe bank opens a new centre.\n\nWHEN: Saturday, October 19, 2024 – 1:00 PM to 4:00 PM', 'en');
    findPublished(d, rules);
    expect(d.published).toBeNull();
  });

  it('is not taken from a date in a sentence about an embargo ("The embargo on imports ends on 5 May 2020")', () => {
    const d = doc('The embargo on imports ends on 5 May 2020, the ministry said.', 'en');
    findPublished(d, rules);
    expect(d.published).toBeNull();
  });

  it('is not taken from a date in the middle of a sentence', () => {
    const d = doc('The group reported on 5 May 2020 that sales fell.', 'en');
    findPublished(d, rules);
    expect(d.published).toBeNull();
  });
});

