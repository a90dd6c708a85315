import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReview } from '../../src/review/html.js';
import { englishRecord, frenchRecord, hostileRecord, HOSTILE_TEXT } from './synthetic.js';

describe('the review page as written', () => {
  const html = renderReview([englishRecord(), frenchRecord(), hostileRecord()], { generated: new Date('2026-11-22T12:00:00Z') });

  it('escapes every character that could open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('carries no markup from a record: only the page script is a script, and no element has a handler', () => {
    const $ = load(html);
    expect($('script')).toHaveLength(1);
    expect($('img, svg, textarea, b:not(.chip b)')).toHaveLength(0);
    const handlers = $('*')
      .toArray()
      .flatMap((el) => Object.keys((el as unknown as { attribs: Record<string, string> }).attribs).filter((a) => a.startsWith('on')));
    expect(handlers).toEqual([]);
    expect($('title')).toHaveLength(1);
    expect($('article .text').eq(2).text()).toBe(HOSTILE_TEXT);
  });

  it('refers to nothing outside the file', () => {
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`default-src 'none'`);
  });

  it('allows exactly its own script by hash in the Content-Security-Policy', async () => {
    const { createHash } = await import('node:crypto');
    const script = html.slice(html.indexOf('<script>') + 8, html.indexOf('</script>'));
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
  });

  it('says so when a folder has no records', () => {
    expect(renderReview([])).toContain('No records in this folder.');
  });
});
