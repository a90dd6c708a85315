/**
 * The review page in a real browser (Debian's chromium, driven by playwright-core): highlights,
 * filters, search, keyboard, side panel, and hostile text that must stay text. Leaves a
 * screenshot in test/artefacts/ for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { run as review } from '../../src/cli/review-command.js';
import { englishRecord, frenchRecord, hostileRecord } from './synthetic.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (.ci/run) for the review page tests`);
if (!available) console.warn(`review browser tests SKIPPED: ${CHROMIUM} is not installed (apt-get install chromium)`);

const ARTEFACTS = join(import.meta.dirname, '..', 'artefacts');
const en = englishRecord();
const fr = frenchRecord();
const evil = hostileRecord();

describe.skipIf(!available)('the review page in headless chromium', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'communique-review-'));
    mkdirSync(join(dir, 'records'));
    for (const r of [en, fr, evil]) writeFileSync(join(dir, 'records', `${r.id}.json`), JSON.stringify(r));
    const code = await review([dir, '--output', join(dir, 'review.html')]);
    expect(code).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(join(dir, 'review.html')).href);
    await page.waitForSelector('html[data-ready=true]');
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const markType = (text: string) =>
    page.$$eval('article:not([hidden]) mark.m', (ms, t) => ms.filter((m) => m.textContent === t).map((m) => m.getAttribute('data-type')), text);
  const shownTitles = () => page.$$eval('#index li:not([hidden]) .it', (els) => els.map((e) => e.textContent));

  it('opens on the newest record with its mentions highlighted by type', async () => {
    expect(await page.textContent('article:not([hidden]) h2')).toBe(en.title);
    expect(await markType('Jean-Yves Le Gall')).toEqual(['people']);
    expect(await markType('European Space Agency')).toEqual(['organisations']);
    expect(await markType('Monday 22 March')).toEqual(['dates']);
    expect(await markType('Paris')).toEqual(['places']);
    expect(await markType('24 months')).toEqual(['figures']);
  });

  it('splits a figure that contains a date into segments that carry both types', async () => {
    const classes = await page.$$eval('article:not([hidden]) mark.m', (ms) => ms.filter((m) => m.textContent === '2020').map((m) => m.className));
    expect(classes).toHaveLength(1);
    expect(classes[0]).toContain('t-dates');
    expect(classes[0]).toContain('has-figures');
    expect(await markType('€16 billion in ')).toEqual(['figures']);
  });

  it('shows the normalised value and provenance of a mention reached with the keyboard', async () => {
    await page.focus('#q');
    await page.keyboard.press('Escape');
    // Tab from the index link of the current record into the text until the date is focused.
    await page.focus('#index a[aria-current=true]');
    let focused = '';
    for (let i = 0; i < 40 && focused !== 'Monday 22 March'; i++) {
      await page.keyboard.press('Tab');
      focused = (await page.evaluate<string | null>('document.activeElement && document.activeElement.textContent')) ?? '';
    }
    expect(focused).toBe('Monday 22 March');
    const panel = await page.textContent('#panel-body');
    expect(panel).toContain('2021-03-22');
    expect(panel).toContain('inferred: year from published');
  });

  it('lists the index with every record, and filters it by language, entity type and search', async () => {
    expect(await shownTitles()).toHaveLength(3);
    await page.selectOption('#lang', 'fr');
    expect(await shownTitles()).toEqual([fr.title]);
    expect(await page.textContent('article:not([hidden]) h2')).toBe(fr.title);
    await page.selectOption('#lang', '');
    await page.selectOption('#type', 'contacts');
    expect(await shownTitles()).toEqual([en.title]);
    await page.selectOption('#type', '');
    await page.fill('#q', 'genevieve fioraso');
    expect(await shownTitles()).toEqual([fr.title]);
    await page.fill('#q', 'no release says this');
    expect(await shownTitles()).toEqual([]);
    expect(await page.textContent('#shown')).toBe('0 of 3 records shown');
    await page.fill('#q', '');
    expect(await shownTitles()).toHaveLength(3);
  });

  it('moves between records with j and k, and focuses the search with /', async () => {
    await page.click('#index li:nth-child(1) a');
    await page.keyboard.press('j');
    const second = await page.textContent('article:not([hidden]) h2');
    expect(second).toBe(fr.title);
    await page.keyboard.press('k');
    expect(await page.textContent('article:not([hidden]) h2')).toBe(en.title);
    await page.keyboard.press('/');
    expect(await page.evaluate<string | undefined>('document.activeElement && document.activeElement.id')).toBe('q');
    await page.keyboard.press('Escape');
  });

  it('shows a hostile release as text and runs none of it', async () => {
    await page.click(`#index a[data-id="${evil.id}"]`);
    const text = await page.textContent('article:not([hidden]) .text');
    expect(text).toBe(evil.text);
    expect(await page.textContent('article:not([hidden]) h2')).toBe(evil.title);
    // Hover everything that could carry a handler, then look for any trace of execution.
    for (const m of await page.$$('article:not([hidden]) mark.m')) await m.hover();
    expect(await page.evaluate<string | undefined>('window.__pwned')).toBeUndefined();
    expect(await page.$$('#viewer img, #viewer svg, #viewer script, #viewer b, aside img')).toHaveLength(0);
    expect(dialogs).toEqual([]);
    expect(await page.textContent('article:not([hidden]) .sources')).toContain(`evil/<script>alert('path')</script>.txt`);
    expect(await page.textContent('article:not([hidden]) .diagnostics')).toContain(`<img src=x onerror="window.__pwned='diag'">`);
  });

  it('loads nothing from the network and logs no error', async () => {
    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('leaves a screenshot of a record for a person to judge', async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    await page.click(`#index a[data-id="${en.id}"]`);
    await page.hover('article:not([hidden]) mark.t-dates >> nth=1');
    const file = join(ARTEFACTS, 'review.png');
    await page.screenshot({ path: file });
    expect(existsSync(file)).toBe(true);
  });
});
