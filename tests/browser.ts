import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

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
 * Records what a page must not do: console errors (a Content-Security-Policy violation is one),
 * uncaught errors, and requests to any origin but `origin`. `takeProblems()` returns them and starts
 * afresh, so that each test answers for its own navigation.
 */
export function watchPage(page: Page, origin: string) {
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(`${origin}/`)) foreignRequests.push(request.url());
  });
  return {
    takeProblems: () => ({ consoleErrors: consoleErrors.splice(0), foreignRequests: foreignRequests.splice(0) }),
  };
}
