import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPOSITORY_DIR } from '../../support/paths';
import { DEMO_ADMIN } from '../support/admin';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/**
 * The admin panels in Debian's Chromium against the playground's built admin, served by a
 * production server in a child process. One server, one browser, steps in order.
 */

const ARTIFACTS = path.join(REPOSITORY_DIR, 'tests', 'artifacts');
const EDITOR = { email: 'browser-editor@newsroom.local', password: 'EditorDemo1' };

interface Link {
  documentId: string;
  score: number;
  pinned: boolean;
  sameStory: boolean;
}

let server: ServerProcess;
let browser: Browser;
let page: Page;
let token: string;

const api = async <T>(method: string, route: string, body?: unknown, bearer = token): Promise<T> => {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
};

const login = async (credentials: { email: string; password: string }): Promise<string> =>
  (await api<{ data: { token: string } }>('POST', '/admin/login', credentials, '')).data.token;

const storedLinks = async (documentId: string): Promise<Link[]> =>
  (await api<{ data: { links: Link[] } }>('GET', `/newsroom/related/${documentId}?locale=en`)).data.links;

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

const logInThroughForm = async (credentials: { email: string; password: string }) => {
  await page.goto(`${server.url}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(credentials.email);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
};

/** An editor-like role (content manager on articles) without any of the plugin's actions. */
const createEditor = async (): Promise<void> => {
  const role = (await api<{ data: { id: number } }>('POST', '/admin/roles', { name: 'Browser editor', description: 'Content manager only' })).data;
  const permissions = ['read', 'update'].map((action) => ({
    action: `plugin::content-manager.explorer.${action}`,
    subject: 'plugin::newsroom.article',
    properties: {},
    conditions: [],
  }));
  await api('PUT', `/admin/roles/${role.id}/permissions`, { permissions });
  const user = (
    await api<{ data: { registrationToken: string } }>('POST', '/admin/users', {
      email: EDITOR.email,
      firstname: 'Browser',
      lastname: 'Editor',
      roles: [role.id],
    })
  ).data;
  await api(
    'POST',
    '/admin/register',
    { registrationToken: user.registrationToken, userInfo: { firstname: 'Browser', lastname: 'Editor', password: EDITOR.password } },
    '',
  );
};

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServerProcess();
  token = await login(DEMO_ADMIN);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('admin panels in a browser', () => {
  let documentId: string;
  let links: Link[];

  it('logs in as the demo admin', async () => {
    await logInThroughForm(DEMO_ADMIN);
    await shot('01-home');
  });

  it('shows the Related panel of a seeded article with scores', async () => {
    const articles = (
      await api<{ results: Array<{ documentId: string }> }>('GET', '/content-manager/collection-types/plugin::newsroom.article?page=1&pageSize=50&locale=en')
    ).results;
    for (const article of articles) {
      links = await storedLinks(article.documentId);
      if (links.length >= 3) {
        documentId = article.documentId;
        break;
      }
    }
    expect(documentId).toBeDefined();
    await page.goto(`${server.url}/admin/content-manager/collection-types/plugin::newsroom.article/${documentId}?plugins[i18n][locale]=en`);
    const rows = page.getByTestId('newsroom-related-link');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBe(links.length);
    await expect(rows.first().textContent()).resolves.toMatch(/\d\.\d{3}/);
    await shot('02-related-panel');
  });

  it('pins a link: first in the panel and in the stored list', async () => {
    const target = links[2].documentId;
    await page.locator(`[data-testid="newsroom-related-link"][data-document-id="${target}"]`).getByRole('button', { name: 'Pin' }).click();
    await page
      .locator(`[data-testid="newsroom-related-link"]`)
      .first()
      .and(page.locator(`[data-document-id="${target}"]`))
      .waitFor({ timeout: 30_000 });
    const stored = await storedLinks(documentId);
    expect(stored[0]).toMatchObject({ documentId: target, pinned: true });
    await shot('03-pinned');
  });

  it('excludes a link: gone from the panel and the stored list', async () => {
    const target = links[1].documentId;
    const row = page.locator(`[data-testid="newsroom-related-link"][data-document-id="${target}"]`);
    await row.getByRole('button', { name: 'Exclude' }).click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    expect((await storedLinks(documentId)).map((link) => link.documentId)).not.toContain(target);
    await page.getByTestId('newsroom-excluded').first().waitFor();
    await shot('04-excluded');
  });

  it("shows an article's story and its other related articles apart, and takes one out of the story", async () => {
    const slug = 'typhoon-karsa-makes-landfall-near-guiuan-knocking-out-power-in-samar-and-leyte';
    const karsa = ((await (await fetch(`${server.url}/api/newsroom/articles/${slug}`)).json()) as { data: { documentId: string } }).data.documentId;
    const stored = await storedLinks(karsa);
    const story = stored.filter((link) => link.sameStory);
    expect(story.length).toBeGreaterThanOrEqual(3);
    await page.goto(`${server.url}/admin/content-manager/collection-types/plugin::newsroom.article/${karsa}?plugins[i18n][locale]=en`);
    const group = page.getByTestId('newsroom-same-story');
    await group.waitFor({ timeout: 60_000 });
    expect(await group.getByTestId('newsroom-related-link').count()).toBe(story.length);
    expect(await page.getByTestId('newsroom-other-related').getByTestId('newsroom-related-link').count()).toBe(stored.length - story.length);
    await shot('05-story-groups');

    const out = story[0].documentId;
    await group.locator(`[data-document-id="${out}"]`).getByRole('button', { name: 'Not this story' }).click();
    await page.getByTestId('newsroom-not-in-story').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('newsroom-other-related').locator(`[data-document-id="${out}"]`).waitFor({ timeout: 30_000 });
    expect((await storedLinks(karsa)).find((link) => link.documentId === out)?.sameStory).toBe(false);
    await shot('06-not-in-story');
  });

  it('shows the server message next to an invalid setting and saves nothing', async () => {
    await page.goto(`${server.url}/admin/settings/newsroom`);
    const listSize = page.locator('input[name="related.listSize"]');
    await listSize.waitFor({ timeout: 60_000 });
    await listSize.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    const message = page.getByText('"related.listSize" must be greater than or equal to 1');
    await message.first().waitFor({ timeout: 30_000 });
    // Next to the field (the field's error), not only in the page's alert.
    await page.getByText('"related.listSize" must be greater than or equal to 1', { exact: true }).waitFor();
    await expect(listSize.getAttribute('aria-invalid')).resolves.toBe('true');
    await listSize.scrollIntoViewIfNeeded();
    const settings = (await api<{ data: { settings: { related: { listSize: number } } } }>('GET', '/newsroom/settings')).data.settings;
    expect(settings.related.listSize).toBeGreaterThan(0);
    await shot('07-settings-error');
  });

  it('shows charts on the Newsroom page, and a rebuild that runs to the end, across a reload', async () => {
    for (let reader = 0; reader < 5; reader++) {
      await fetch(`${server.url}/api/newsroom/articles/${documentId}/views`, {
        method: 'POST',
        headers: { 'User-Agent': `Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 reader-${reader}` },
      });
    }
    await page.goto(`${server.url}/admin/plugins/newsroom`);
    const lines = page.locator('[data-testid="newsroom-stats-chart"] .recharts-line');
    await lines.first().waitFor({ timeout: 60_000 });
    expect(await lines.count()).toBe(2);
    // The playground purges no cache in front: the health says so rather than showing empty counts.
    await page.getByText('Off: caches in front keep answers until they expire').waitFor();
    await shot('08-newsroom-page');
    await page.getByRole('button', { name: 'Rebuild now' }).click();
    await page.getByTestId('newsroom-rebuild-status').waitFor();
    await page.reload();
    await page.locator('[data-testid="newsroom-rebuild-status"][data-status="done"]').waitFor({ timeout: 120_000 });
    await expect(page.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    const status = (await api<{ data: { status: string; progress: number } }>('GET', '/newsroom/rebuild')).data;
    expect(status).toMatchObject({ status: 'done', progress: 1 });
    await shot('09-rebuild-done');
  });

  it('shows the no-permission state to an editor without the plugin actions', async () => {
    await createEditor();
    // A fresh context: nothing of the admin's session is left.
    await page.context().close();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await logInThroughForm(EDITOR);
    await page.goto(`${server.url}/admin/plugins/newsroom`);
    await page.getByText("You don't have the permissions to access that content").waitFor({ timeout: 60_000 });
    await shot('10-no-permission');
  });
});
