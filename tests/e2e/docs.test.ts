import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { e2eOptedOut, launchChromium, watchPage } from '../browser.js';
import { buildTestApp } from '../helpers.js';

// The interactive reference (/docs: Swagger UI's files and our page) in Debian's Chromium, served by
// the real app on a port: it renders this server's document under its own Content-Security-Policy,
// with no console error and no request to another origin.

describe.skipIf(e2eOptedOut)('the API reference at /docs in Chromium', () => {
  let profileDir: string;
  let app: App;
  let origin: string;
  let browser: BrowserContext;
  let page: Page;
  let watched: ReturnType<typeof watchPage>;

  beforeAll(async () => {
    app = await buildTestApp();
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
    profileDir = mkdtempSync(join(tmpdir(), 'sco-docs-chromium-'));
    browser = await launchChromium(profileDir);
    page = browser.pages()[0] ?? (await browser.newPage());
    watched = watchPage(page, origin);
  });

  afterEach(() => {
    const { consoleErrors, foreignRequests } = watched.takeProblems();
    expect(consoleErrors, 'console errors (a CSP violation is one)').toEqual([]);
    expect(foreignRequests, 'requests to another origin').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it.each(['/docs', '/docs/'])('renders the document at %s, every operation listed', async (path) => {
    const documentLoaded = page.waitForResponse((response) => response.url() === `${origin}/docs/json`);
    await page.goto(`${origin}${path}`);
    expect((await documentLoaded).status()).toBe(200);
    await page.locator('.opblock-summary-path').first().waitFor();
    const document = (await (await fetch(`${origin}/openapi.json`)).json()) as { paths: Record<string, object> };
    const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
    const operations = Object.entries(document.paths).flatMap(([url, item]) =>
      Object.keys(item)
        .filter((key) => methods.has(key))
        .map((method) => `${method.toUpperCase()} ${url}`),
    );
    // An operation with two tags is shown under both: the page's set of operations is the document's.
    const shown = await page
      .locator('.opblock-summary')
      .evaluateAll((summaries) =>
        summaries.map(
          (s) =>
            `${s.querySelector('.opblock-summary-method')?.textContent} ${s.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
        ),
      );
    expect([...new Set(shown)].sort(), 'the operations of /openapi.json').toEqual(operations.sort());
    expect(await page.locator('.info .title').textContent()).toMatch(/^sco-api/);
  });

  it('opens an operation and runs it against this server', async () => {
    await page.goto(`${origin}/docs#/countries`);
    const block = page.locator('.opblock', {
      has: page.locator('.opblock-summary-path[data-path="/v1/countries/{code}"]'),
    });
    await block.locator('.opblock-summary').click();
    await block.getByRole('button', { name: 'Try it out' }).click();
    await block.locator('input[placeholder="code"]').fill('IN');
    const answer = page.waitForResponse((response) => response.url().startsWith(`${origin}/v1/countries/IN`));
    await block.getByRole('button', { name: 'Execute' }).click();
    expect((await answer).status()).toBe(200);
    await expect
      .poll(() => block.locator('.live-responses-table tbody .response-col_status').textContent())
      .toContain('200');
  });
});
