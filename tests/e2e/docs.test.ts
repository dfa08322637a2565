import { describe, expect, it } from 'vitest';
import { e2eOptedOut, useChromiumTab } from '../browser.js';
import { buildTestApp } from '../helpers.js';

// The interactive reference (/docs: Swagger UI's files and our page) in Debian's Chromium, served by
// the real app on a port: it renders this server's document under its own Content-Security-Policy,
// with no console error and no request to another origin.

describe.skipIf(e2eOptedOut)('the API reference at /docs in Chromium', () => {
  const tab = useChromiumTab(() => buildTestApp(), 'docs');

  it.each(['/docs', '/docs/'])('renders the document at %s, every operation listed', async (path) => {
    const documentLoaded = tab.page.waitForResponse((response) => response.url() === `${tab.origin}/docs/json`);
    await tab.page.goto(`${tab.origin}${path}`);
    expect((await documentLoaded).status()).toBe(200);
    await tab.page.locator('.opblock-summary-path').first().waitFor();
    const document = (await (await fetch(`${tab.origin}/openapi.json`)).json()) as { paths: Record<string, object> };
    const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
    const operations = Object.entries(document.paths).flatMap(([url, item]) =>
      Object.keys(item)
        .filter((key) => methods.has(key))
        .map((method) => `${method.toUpperCase()} ${url}`),
    );
    // An operation with two tags is shown under both: the page's set of operations is the document's.
    const shown = await tab.page
      .locator('.opblock-summary')
      .evaluateAll((summaries) =>
        summaries.map(
          (s) =>
            `${s.querySelector('.opblock-summary-method')?.textContent} ${s.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
        ),
      );
    expect([...new Set(shown)].sort(), 'the operations of /openapi.json').toEqual(operations.sort());
    expect(await tab.page.locator('.info .title').textContent()).toMatch(/^sco-api/);
  });

  it('opens an operation and runs it against this server', async () => {
    await tab.page.goto(`${tab.origin}/docs#/countries`);
    const block = tab.page.locator('.opblock', {
      has: tab.page.locator('.opblock-summary-path[data-path="/v1/countries/{code}"]'),
    });
    await block.locator('.opblock-summary').click();
    await block.getByRole('button', { name: 'Try it out' }).click();
    await block.locator('input[placeholder="code"]').fill('IN');
    const answer = tab.page.waitForResponse((response) => response.url().startsWith(`${tab.origin}/v1/countries/IN`));
    await block.getByRole('button', { name: 'Execute' }).click();
    expect((await answer).status()).toBe(200);
    await expect
      .poll(() => block.locator('.live-responses-table tbody .response-col_status').textContent())
      .toContain('200');
  });
});
