import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReview } from '../../src/review/html.js';
import { englishRecord, frenchRecord, hostileRecord, HOSTILE_TEXT } from './synthetic.js';

describe('the review page as written', () => {
  const records = [englishRecord(), frenchRecord(), hostileRecord()];
  const html = renderReview(records, { generated: new Date('2026-11-22T12:00:00Z') });
  const $ = load(html);
  const data = JSON.parse($('script#records').text()) as Array<{ id: string; h: string }>;
  /** Every record's article, parsed the way the page inserts it. */
  const articles = data.map((d) => load(d.h, null, false));

  it('escapes every character that could open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('keeps the record data in a JSON block that no record text can close', () => {
    expect($('script')).toHaveLength(2);
    expect($('script#records').attr('type')).toBe('application/json');
    expect($('script#records').text()).not.toContain('<');
    expect(data.map((d) => d.id)).toEqual(records.map((r) => r.id));
  });

  it('carries no markup from a record: no element from the text, no handler anywhere', () => {
    for (const doc of [$, ...articles]) {
      expect(doc('img, svg, textarea, b:not(.chip b)')).toHaveLength(0);
      const handlers = doc('*')
        .toArray()
        .flatMap((el) => Object.keys((el as unknown as { attribs: Record<string, string> }).attribs).filter((a) => a.startsWith('on')));
      expect(handlers).toEqual([]);
    }
    for (const a of articles) expect(a('script')).toHaveLength(0);
    expect(articles[2]!('.text').text()).toBe(HOSTILE_TEXT);
    expect(articles[2]!('h2').text()).toBe(records[2]!.title);
  });

  it('refers to nothing outside the file', () => {
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`default-src 'none'`);
  });

  it('allows exactly its own script by hash in the Content-Security-Policy', () => {
    const script = $('script:not([type])').text();
    const hash = createHash('sha256').update(script).digest('base64');
    expect($('meta[http-equiv=Content-Security-Policy]').attr('content')).toContain(`script-src 'sha256-${hash}'`);
  });

  it('makes every mention a highlight of its type with its normalised value on hover', () => {
    const date = articles[0]!('mark.m').filter((_, el) => load(el).text() === 'Monday 22 March');
    expect(date.attr('data-type')).toBe('dates');
    expect(date.attr('title')).toBe('date: 2021-03-22 (day)');
    expect(date.attr('tabindex')).toBe('0');
  });

  it('says so when a folder has no records', () => {
    expect(renderReview([])).toContain('No records in this folder.');
  });
});
