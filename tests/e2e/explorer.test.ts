import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../dataset/paths.js';
import { statusColours } from '../../web/src/model.js';
import { e2eOptedOut, useChromiumTab } from '../browser.js';
import { onOneUtcDay } from '../clock.js';
import { buildTestApp, expectResponsesMatchDocument } from '../helpers.js';

// The SCO Explorer in a real browser: the page built by Vite, served by the real app on a port,
// driven in Debian's Chromium (in UTC, so the page's "today" is the UTC date). Required: only
// E2E=skip skips them, and a Chromium that cannot be launched fails them.

const SCREENSHOT = join(projectRoot, 'test-results', 'explorer.png');

describe.skipIf(e2eOptedOut)('the SCO Explorer in Chromium', () => {
  expectResponsesMatchDocument();

  let pageDir: string | undefined;
  const tab = useChromiumTab(async () => {
    pageDir = mkdtempSync(join(tmpdir(), 'sco-explorer-build-'));
    await build({
      configFile: join(projectRoot, 'web', 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: pageDir },
    });
    return buildTestApp({}, { explorerDir: pageDir });
  }, 'explorer');
  let page: Page;
  let origin: string;
  beforeAll(() => {
    ({ page, origin } = tab);
  });

  afterAll(() => {
    if (pageDir) rmSync(pageDir, { recursive: true, force: true });
  });

  /** Loads the page at `path` in the desktop viewport, its console errors and requests to other origins recorded. */
  async function open(path: string): Promise<Page> {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${origin}${path}`);
    return page;
  }

  /** Resolves once the page shows the data of that date, in that language. */
  const shown = (page: Page, date: string, lang = 'en') =>
    page.waitForSelector(`[data-testid="explorer"][aria-busy="false"][data-date="${date}"][data-lang="${lang}"]`);

  async function counts(page: Page) {
    const count = async (status: string) => Number(await page.textContent(`[data-testid="count-${status}"]`));
    return {
      member: await count('member'),
      observer: await count('observer'),
      dialogue_partner: await count('dialogue_partner'),
      partner: await count('partner'),
    };
  }

  const fillOf = (page: Page, code: string) => page.getAttribute(`[data-testid="map"] [data-code="${code}"]`, 'fill');

  /** The snapshot the API gives for a date, as the page should count it. */
  async function snapshot(date: string) {
    const response = await fetch(`${origin}/v1/snapshots/${date}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { counts: Record<string, number> } };
    return body.data;
  }

  it('opens at / for a browser on the UTC date, with the counts of that date’s snapshot', async () => {
    await onOneUtcDay(async (today) => {
      await open('/');
      await shown(page, today);
      expect(await page.title()).toMatch(/^SCO Explorer/);
      expect(await page.inputValue('[data-testid="date"]')).toBe(today);
      const { counts: expected } = await snapshot(today);
      expect(await counts(page)).toEqual(expected);
      const total = Object.values(expected).reduce((sum, n) => sum + n, 0);
      expect(await page.locator('[data-testid="countries"] tbody tr').count()).toBe(total);
    });
  });

  it('shows 2026-02-12: 10 members and 17 partners, every SCO country on the map', async () => {
    await open('/?date=2026-02-12');
    await shown(page, '2026-02-12');
    expect(await counts(page)).toEqual({ member: 10, observer: 0, dialogue_partner: 0, partner: 17 });
    expect(await page.locator('[data-testid="countries"] tbody tr').count()).toBe(27);
    // 25 shapes of world-atlas and the markers of Bahrain and the Maldives, too small for its 1:110m map.
    expect(await page.locator('[data-testid="map"] [role="button"][data-code]').count()).toBe(27);
    expect(await page.getAttribute('[data-testid="map"] circle[data-code="BH"]', 'fill')).toBe(statusColours.partner);
    expect(await page.getAttribute('[data-testid="map"] circle[data-code="MV"]', 'fill')).toBe(statusColours.partner);
    expect(await page.locator('[data-testid="timeline"] [data-summit]').count()).toBeGreaterThanOrEqual(25);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('moves from 2026-02-12 to 2010-01-01: 6 members, 4 observers, 2 dialogue partners, Uzbekistan chairing; the URL keeps the date and the map changes colour', async () => {
    await open('/explorer?date=2026-02-12');
    await shown(page, '2026-02-12');
    const fills = { IN: await fillOf(page, 'IN'), BY: await fillOf(page, 'BY'), TR: await fillOf(page, 'TR') };
    expect(fills).toEqual({ IN: statusColours.member, BY: statusColours.member, TR: statusColours.partner });

    await page.fill('[data-testid="date"]', '2010-01-01');
    await shown(page, '2010-01-01');
    expect(await counts(page)).toEqual({ member: 6, observer: 4, dialogue_partner: 2, partner: 0 });
    expect(await page.textContent('[data-testid="chair"]')).toBe('Uzbekistan');
    expect(new URL(page.url()).searchParams.get('date')).toBe('2010-01-01');
    expect({ IN: await fillOf(page, 'IN'), BY: await fillOf(page, 'BY'), TR: await fillOf(page, 'TR') }).toEqual({
      IN: statusColours.observer,
      BY: statusColours.dialogue_partner,
      TR: '#d5dae1',
    });
  });

  it('opens a shared view on its date, and the slider moves through time from the keyboard', async () => {
    await open('/?date=2010-01-01');
    await shown(page, '2010-01-01');
    expect(await counts(page)).toEqual({ member: 6, observer: 4, dialogue_partner: 2, partner: 0 });
    await page.getByLabel('Move through time').focus();
    await page.keyboard.press('Home');
    await shown(page, '2001-06-15');
    expect(await page.inputValue('[data-testid="date"]')).toBe('2001-06-15');
    expect(await counts(page)).toEqual({ member: 6, observer: 0, dialogue_partner: 0, partner: 0 });
  });

  it('names every country in the chosen language: Biélorussie in French', async () => {
    await open('/?date=2010-01-01');
    await shown(page, '2010-01-01');
    await page.getByLabel('Language').selectOption('fr');
    await shown(page, '2010-01-01', 'fr');
    expect(await page.textContent('[data-testid="countries"] tr[data-code="BY"] a')).toBe('Biélorussie');
    expect(await page.getAttribute('[data-testid="map"] [data-code="BY"][role="button"]', 'aria-label')).toMatch(
      /^Biélorussie\u00a0: partenaire de dialogue depuis le /,
    );
    expect(await page.textContent('[data-testid="chair"]')).toBe('Ouzbékistan');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('fr');
  });

  it('shows a summit’s decisions and chair handover when its marker is clicked', async () => {
    await open('/?date=2026-02-12');
    await shown(page, '2026-02-12');
    await page.click('[data-testid="timeline"] [data-summit="2024-astana"] circle');
    await page.waitForSelector('[data-testid="summit"] h3');
    const text = (await page.textContent('[data-testid="summit"]'))?.replace(/\s+/g, ' ');
    expect(text).toContain('24th SCO summit, Astana');
    expect(text).toContain('Belarus: observer → member');
    expect(text).toContain('Kazakhstan handed the chair to China for 2024-2025');
  });

  it('links each country to its history and sources', async () => {
    await open('/?date=2010-01-01');
    await shown(page, '2010-01-01');
    await page.click('[data-testid="countries"] tr[data-code="BY"] a');
    await page.waitForSelector('[data-testid="country-body"] table.history');
    expect(await page.textContent('[data-testid="country-title"]')).toBe('Belarus');
    // Its three status periods (dialogue partner, observer, member), then its one application.
    expect(await page.locator('[data-testid="country-body"] table.history:not(.applications) tbody tr').count()).toBe(
      3,
    );
    const application = page.locator('[data-testid="country-body"] table.applications tbody tr');
    expect(await application.count()).toBe(1);
    expect(await application.getAttribute('data-application')).toBe('by-member-2022');
    expect(await application.getAttribute('data-outcome')).toBe('granted');
    expect(await page.locator('[data-testid="country-body"] ol.sources li a').count()).toBeGreaterThan(5);
    expect(new URL(page.url()).searchParams.get('country')).toBe('BY');
  });

  it('fits a phone screen', async () => {
    await open('/?date=2026-02-12');
    await page.setViewportSize({ width: 375, height: 812 });
    await shown(page, '2026-02-12');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
  });
});
