import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { countersService, rankingsService, readerAgent, storedTotal } from '../support/counters';
import { relatedService } from '../support/related';

const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');

let strapi: Core.Strapi;
let base: string;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `reader-${name}.png`), fullPage: true });
const texts = (selector: string) => page.locator(selector).allTextContents();

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  process.env.NEWSROOM_CONFIG = JSON.stringify({ rankings: { schedule: { enabled: false, intervalSeconds: 60 } } });
  strapi = await startPlayground({ seed: true });
  base = await listen(strapi);
  await relatedService(strapi).settle();
  await countersService(strapi).settle();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  // Headless Chromium names itself in its user agent, and the bot filter would leave it uncounted.
  page = await browser.newPage({ userAgent: readerAgent('browser') });
});

afterAll(async () => {
  await browser?.close();
  await stopPlayground(strapi);
  delete process.env.NEWSROOM_CONFIG;
});

describe('the reader page', () => {
  it('shows a section front, then an article with its three lists; follows a related link, reacts and is counted', async () => {
    // The home page and a section front, from the content API only.
    await page.goto(`${base}/`);
    await page.locator('#sections a', { hasText: 'News' }).click();
    await page.waitForSelector('#front li a');
    expect(await page.locator('h1').textContent()).toBe('News');
    await shot('section');

    // Some reads, so that the "Most read" ranking has entries.
    const first = page.locator('#front li a').first();
    const firstTitle = (await first.textContent()) as string;
    const beacon = page.waitForResponse((response) => response.url().endsWith('/views') && response.status() === 202);
    await first.click();
    await beacon;
    await countersService(strapi).flush();
    expect(await rankingsService(strapi).recomputeNow()).toBe(true);
    await page.reload();
    await page.waitForSelector('#same-story li a, #related li a');
    expect(await page.locator('h1').textContent()).toBe(firstTitle);
    expect((await texts('.breadcrumb a')).slice(0, 2)).toEqual(['Home', 'News']);
    expect((await page.locator('.body p').count()) > 0).toBe(true);
    expect(await page.locator('#same-story li, #related li, #more-in-section li').count()).toBeGreaterThan(2);
    expect(await page.locator('#ranking-most-read li').count()).toBeGreaterThan(0);
    expect(await page.locator('#recommendations li').count()).toBeGreaterThan(2);
    await shot('article');

    // Follow a related link to the next article, which is counted once its page has loaded.
    const related = page.locator('#same-story li a, #related li a').first();
    const relatedTitle = (await related.textContent()) as string;
    const relatedBeacon = page.waitForResponse((response) => response.url().endsWith('/views') && response.status() === 202);
    await related.click();
    await page.locator('h1', { hasText: relatedTitle }).waitFor();
    await relatedBeacon;
    await page.waitForSelector('#reaction');
    const slug = new URL(page.url()).searchParams.get('article');
    const { data } = (await (await fetch(`${base}/api/newsroom/articles/${slug}`)).json()) as { data: { documentId: string } };
    const documentId = data.documentId;

    const button = page.locator('#reaction');
    const before = Number(/\((\d+)\)/.exec((await button.textContent()) ?? '')?.[1]);
    await button.click();
    await page.locator('#reaction', { hasText: `(${before + 1})` }).waitFor();
    await shot('reacted');

    await countersService(strapi).flush();
    expect(await storedTotal(strapi, documentId, 'view')).toBe(1);
    expect(await storedTotal(strapi, documentId, 'reaction', 'veryGood')).toBe(before + 1);
  });

  it('shows a running story: its articles first among the links, and the story to follow, this article marked', async () => {
    await page.goto(`${base}/?article=typhoon-karsa-death-toll-rises-to-41-as-rescuers-reach-cut-off-villages`);
    await page.waitForSelector('#story li');
    expect(await page.locator('#same-story li').count()).toBeGreaterThanOrEqual(3);
    for (const title of await texts('#same-story li a')) expect(title).toMatch(/Karsa/);
    const story = await texts('#story li');
    expect(story.length).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#story li.current').textContent()).toContain('Typhoon Karsa death toll rises to 41');
    expect(await page.locator('#story h2').textContent()).toBe(`Follow this story (${story.length})`);
    await shot('story');
  });
});
