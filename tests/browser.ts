import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { App } from '../src/app.js';

// The browser tests (tests/e2e) are required: they run unless E2E=skip opts out, and a Chromium
// that cannot be launched fails them (in their beforeAll, which the closing line counts).

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const e2eOptedOut = process.env.E2E === 'skip';

if (e2eOptedOut) console.warn('[e2e] SKIPPED the browser tests: E2E=skip');

/** Launches Chromium with a fresh profile, in UTC and British English, or fails saying how to fix it. */
export async function launchChromium(
  profileDir: string,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  try {
    return await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport,
      timezoneId: 'UTC',
      locale: 'en-GB',
    });
  } catch (error) {
    throw new Error(
      `the browser tests need Chromium, and ${CHROMIUM} could not be launched: install it (apt-get install chromium, as .ci/run does), set CHROMIUM_PATH, or opt out with E2E=skip.\n${(error as Error).message}`,
    );
  }
}

/** Launches Chromium for tests that open contexts of their own (other locales), or fails saying how to fix it. */
export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (error) {
    throw new Error(
      `the browser tests need Chromium, and ${CHROMIUM} could not be launched: install it (apt-get install chromium, as .ci/run does), set CHROMIUM_PATH, or opt out with E2E=skip.\n${(error as Error).message}`,
    );
  }
}

/**
 * One Chromium tab on the app that `makeApp` builds, listening on a port, for the describe block
 * that calls it. Each test answers for its own navigation: no console error (a Content-Security-
 * Policy violation is one), no uncaught error, no request to another origin. The browser, the app
 * and the profile folder are closed afterwards.
 */
export function useChromiumTab(makeApp: () => Promise<App>, name: string) {
  const tab = {} as { page: Page; origin: string };
  let app: App | undefined;
  let browser: BrowserContext | undefined;
  let profileDir: string | undefined;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    app = await makeApp();
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    profileDir = mkdtempSync(join(tmpdir(), `sco-${name}-chromium-`));
    browser = await launchChromium(profileDir);
    // One tab for every test, each starting from a fresh navigation: a new tab costs a renderer process.
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(`${origin}/`)) foreignRequests.push(request.url());
    });
    Object.assign(tab, { page, origin });
  });

  afterEach(() => {
    expect(consoleErrors.splice(0), 'console errors').toEqual([]);
    expect(foreignRequests.splice(0), 'requests to another origin').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  return tab;
}
