import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../dataset/paths.js';
import type { App } from '../../src/app.js';
import { e2eOptedOut, launchBrowser } from '../browser.js';
import { buildTestApp } from '../helpers.js';

// The SCO Explorer in French, Russian and Chinese, audited by axe-core and walked with the keyboard,
// in Debian's Chromium (required, as in explorer.test.ts: E2E=skip is the only opt-out).
// Expected words and dates are written out here, not taken from the page's vocabulary.

// Screenshots go to test-results/ on every run, and to docs/ (which the README shows) with
// UPDATE_SCREENSHOTS=1, so that a test run does not leave the tree changed by pixel noise.
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(projectRoot, 'docs') : join(projectRoot, 'test-results');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page's focus colour (style.css --focus, #c2410c) as getComputedStyle reports it. */
const FOCUS_COLOUR = 'rgb(194, 65, 12)';

// Each test loads the page, some several times, on a machine shared with other work: a minute each.
describe.skipIf(e2eOptedOut)('the SCO Explorer in four languages, accessible', { timeout: 60_000 }, () => {
  let pageDir: string;
  let app: App;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let verifiedThrough: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    pageDir = mkdtempSync(join(tmpdir(), 'sco-explorer-i18n-'));
    await build({
      configFile: join(projectRoot, 'web', 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: pageDir },
    });
    app = await buildTestApp({}, { explorerDir: pageDir });
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
    const meta = (await (await fetch(`${origin}/v1/meta`)).json()) as { data: { verifiedThrough: string } };
    verifiedThrough = meta.data.verifiedThrough;
    browser = await launchBrowser();
    context = await newContext('en-GB');
    page = await context.newPage();
  });

  // Each test's own console errors, checked after it (not by a test that reads what earlier ones left).
  afterEach(() => {
    expect(consoleErrors.splice(0), 'console errors').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (pageDir) rmSync(pageDir, { recursive: true, force: true });
  });

  /** A browser profile whose languages are those of `locale` (navigator.languages, Accept-Language). */
  async function newContext(locale: string): Promise<BrowserContext> {
    const created = await browser.newContext({ locale, timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
    created.on('weberror', (error) => consoleErrors.push(error.error().message));
    created.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    return created;
  }

  /** Opens `path` and waits until the page shows the data of `date` in `lang`. */
  async function open(path: string, date: string, lang: string, on = page): Promise<Page> {
    await on.goto(`${origin}${path}`);
    await on.waitForSelector(`[data-testid="explorer"][aria-busy="false"][data-date="${date}"][data-lang="${lang}"]`);
    return on;
  }

  const text = async (
    selector: string,
    on = page, // Spaces collapsed as HTML does, the no-break spaces of French kept.
  ) => ((await on.textContent(selector)) ?? '').replace(/[ \t\r\n]+/g, ' ').trim();

  const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  // 2010-01-01: 6 members, 4 observers, 2 dialogue partners; Uzbekistan chairs.
  const languages = [
    {
      lang: 'fr',
      members: 'membres',
      observers: 'observateurs',
      date: '1 janvier 2010',
      chair: 'Présidence\u00a0: Ouzbékistan',
      language: 'Langue',
      observer: 'observateur',
    },
    {
      lang: 'ru',
      members: 'членов',
      observers: 'наблюдателя',
      date: '1 января 2010 г.',
      chair: 'Председатель: Узбекистан',
      language: 'Язык',
      observer: 'наблюдатель',
    },
    {
      lang: 'zh',
      members: '个成员国',
      observers: '个观察员国',
      date: '2010年1月1日',
      chair: '轮值主席国：乌兹别克斯坦',
      language: '语言',
      observer: '观察员国',
    },
  ];

  for (const expected of languages) {
    it(`is entirely in ${expected.lang} with lang=${expected.lang}: counts, date, chair, labels, map and timeline`, async () => {
      await open(`/?date=2010-01-01&lang=${expected.lang}`, '2010-01-01', expected.lang);
      expect(await page.getAttribute('html', 'lang'), 'the document language').toBe(expected.lang);
      expect(await text('[data-testid="label-member"]'), '6 members').toBe(expected.members);
      expect(await text('[data-testid="label-observer"]'), '4 observers').toBe(expected.observers);
      expect(await text('[data-testid="summary-date"]'), 'the date in the heading').toBe(expected.date);
      expect(await text('[data-testid="chair-line"]')).toBe(expected.chair);
      expect(await text('label[for="lang"]'), 'the language menu’s label').toBe(expected.language);
      expect(await text('[data-testid="countries"] tr[data-code="IN"] td'), 'India’s status in the list').toContain(
        expected.observer,
      );
      expect(await page.getAttribute('[data-testid="map"] [data-code="IN"][role="button"]', 'aria-label')).toContain(
        expected.observer,
      );
      // The map's and the timeline's own words follow too.
      expect(await text('[data-testid="map"] > title')).toContain(expected.date);
      expect(await page.getAttribute('[data-testid="timeline"] [data-summit="2024-astana"]', 'aria-label')).toContain(
        expected.lang === 'zh' ? '2024年7月4日' : expected.lang === 'fr' ? '4 juillet 2024' : '4 июля 2024 г.',
      );
      // Nothing English is left in the page's chrome.
      for (const english of ['members', 'Move through time', 'Countries', 'Timeline', 'Data verified through']) {
        expect(await text('body'), `"${english}" in the ${expected.lang} page`).not.toContain(english);
      }
    });
  }

  it('takes the language from the browser when the URL has none, keeps it in the URL, and falls back to English', async () => {
    const russian = await newContext('ru-RU');
    const german = await newContext('de-DE');
    try {
      const ru = await open('/?date=2010-01-01', '2010-01-01', 'ru', await russian.newPage());
      expect(await ru.getAttribute('html', 'lang')).toBe('ru');
      expect(new URL(ru.url()).searchParams.get('lang'), 'the chosen language in the URL').toBe('ru');
      expect(await text('[data-testid="label-member"]', ru)).toBe('членов');
      const de = await open('/?date=2010-01-01', '2010-01-01', 'en', await german.newPage());
      expect(await de.getAttribute('html', 'lang')).toBe('en');
      expect(await text('[data-testid="label-member"]', de)).toBe('members');
      // The URL wins over the browser.
      const fr = await open('/?date=2010-01-01&lang=fr', '2010-01-01', 'fr', await russian.newPage());
      expect(await fr.getAttribute('html', 'lang')).toBe('fr');
    } finally {
      await russian.close();
      await german.close();
    }
  });

  it('switches the whole page from the language menu: lang attribute, URL, counts, footer', async () => {
    await open('/?date=2010-01-01', '2010-01-01', 'en');
    expect(await text('[data-testid="label-member"]')).toBe('members');
    await page.getByLabel('Language').selectOption('zh');
    await page.waitForSelector('[data-testid="explorer"][aria-busy="false"][data-lang="zh"]');
    expect(await page.getAttribute('html', 'lang')).toBe('zh');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');
    expect(await text('[data-testid="label-member"]')).toBe('个成员国');
    expect(await text('[data-testid="freshness"]')).toMatch(/^数据核实至/);
    expect(await page.title()).toBe('上合组织浏览器：任意日期的上海合作组织');
  });

  it('says how fresh the data is: "verified through" /v1/meta’s date, and a notice after it', async () => {
    const after = dayAfter(verifiedThrough);
    expect(after <= new Date().toISOString().slice(0, 10), `${after} must be a day the page can show`).toBe(true);
    await open(`/?date=${verifiedThrough}&lang=en`, verifiedThrough, 'en');
    expect(await page.getAttribute('[data-testid="verified-through"]', 'datetime')).toBe(verifiedThrough);
    const english = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${verifiedThrough}T00:00:00Z`),
    );
    expect(await text('[data-testid="freshness"]')).toContain(`Data verified through ${english}, dataset version `);
    expect(await page.isHidden('[data-testid="verified-note"]'), 'no notice on the day verified').toBe(true);

    await open(`/?date=${after}&lang=fr`, after, 'fr');
    const french = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${verifiedThrough}T00:00:00Z`),
    );
    expect(await text('[data-testid="freshness"]')).toContain(`Données vérifiées jusqu’au ${french}`);
    expect(await page.isVisible('[data-testid="verified-note"]'), 'a notice the day after').toBe(true);
    expect(await text('[data-testid="verified-note"]')).toBe(
      `Les données sont vérifiées jusqu’au ${french}\u00a0: des changements postérieurs à ce jour peuvent manquer.`,
    );
  });

  it('links each fact of a country and of a summit to its sources', async () => {
    await open('/?date=2025-01-01&lang=fr&country=BY&summit=2024-astana', '2025-01-01', 'fr');
    await page.waitForSelector('[data-testid="country-body"] ol.sources');
    await page.waitForSelector('[data-testid="summit"] ol.sources');
    // Belarus: dialogue partner, observer, member; each period cites its sources.
    const periods = page.locator('[data-testid="country-body"] table.history:not(.applications) tbody tr');
    expect(await periods.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const refs = periods.nth(i).locator('a.ref');
      expect(await refs.count(), `period ${i + 1} of Belarus cites a source`).toBeGreaterThan(0);
      const target = (await refs.first().getAttribute('href')) ?? '';
      expect(await page.locator(`[data-testid="country-body"] ${target} a[href^="http"]`).count()).toBe(1);
    }
    // Astana 2024: the summit, Belarus's accession and the handover each cite theirs.
    const summit = page.locator('[data-testid="summit"]');
    expect(await summit.locator('dl.facts a.ref').count()).toBeGreaterThan(0);
    expect(await summit.locator('li[data-country="BY"] a.ref').count()).toBeGreaterThan(0);
    expect(await text('[data-testid="summit"] h3')).toBe('24e sommet de l’OCS, Astana');
    // Following a note's link moves the focus to the source and keeps the view.
    await summit.locator('li[data-country="BY"] a.ref').first().click();
    expect(await page.evaluate("document.activeElement?.closest('ol.sources') !== null")).toBe(true);
    expect(new URL(page.url()).searchParams.get('summit')).toBe('2024-astana');
  });

  async function axeViolations(): Promise<AxeResults['violations']> {
    await page.evaluate(axeSource);
    const results = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as AxeResults;
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  const describeViolations = (violations: AxeResults['violations']) =>
    violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);

  const views = [
    { name: 'the main view', path: '', ready: '[data-testid="countries"]' },
    { name: 'a country view', path: '&country=BY', ready: '[data-testid="country-body"] ol.sources' },
    { name: 'a summit view', path: '&summit=2024-astana', ready: '[data-testid="summit"] ol.sources' },
  ];
  for (const lang of ['en', 'zh']) {
    for (const view of views) {
      it(`has no serious or critical axe-core violation in ${view.name}, in ${lang}`, async () => {
        await open(`/?date=2025-01-01&lang=${lang}${view.path}`, '2025-01-01', lang);
        await page.waitForSelector(view.ready);
        // The timeline's table is audited too.
        await page.click('#timeline-details summary');
        expect(describeViolations(await axeViolations())).toEqual([]);
      });
    }
  }

  /** The focused element: a name, where it is (the map, the timeline, the HTML) and whether its focus shows. */
  const describeFocus = `(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const name =
      element.getAttribute('data-code') ??
      (element.getAttribute('data-summit') ? 'summit ' + element.getAttribute('data-summit') : null) ??
      element.getAttribute('data-testid') ??
      element.tagName.toLowerCase() + ' ' + (element.textContent ?? '').trim().slice(0, 30);
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    // SVG shapes show focus by their stroke; a summit marker by its circle's.
    const stroked = [element, element.querySelector('circle')].some(
      (node) => node && getComputedStyle(node).stroke === '${FOCUS_COLOUR}',
    );
    return { name, kind: element.closest('svg')?.getAttribute('data-testid') ?? 'html', visible: outlined || stroked };
  })()`;

  it('reaches every control, every country of the map and the summits with the keyboard, each with a visible focus', async () => {
    await open('/?date=2025-01-01&lang=fr', '2025-01-01', 'fr');
    await page.locator('body').focus();
    const reached = new Set<string>();
    const invisible: string[] = [];
    let last = '';
    for (let press = 0; press < 200; press++) {
      await page.keyboard.press('Tab');
      const focus = (await page.evaluate(describeFocus)) as { name: string; kind: string; visible: boolean } | null;
      if (!focus) continue;
      const key = `${focus.kind}: ${focus.name}`;
      // The date field takes three presses (day, month, year); the skip link again means the loop is done.
      if (key === last) continue;
      if (reached.has(key)) break;
      last = key;
      reached.add(key);
      if (!focus.visible) invisible.push(key);
    }
    expect(invisible, 'focused without a visible focus indicator').toEqual([]);
    const names = [...reached];
    for (const control of ['html: date', 'html: slider', 'html: lang']) expect(names).toContain(control);
    expect(names.filter((n) => n.startsWith('map: ')).length, 'countries of the map reached').toBe(27);
    expect(names.filter((n) => n.startsWith('timeline: summit ')).length, 'the summits: one tab stop').toBe(1);
    expect(names.filter((n) => n.startsWith('html: a ')).length, 'links (countries, footer)').toBeGreaterThanOrEqual(
      29,
    );

    // A country of the map opens with Enter; the summits move with the arrows and open with Enter.
    await page.focus('[data-testid="map"] [data-code="IN"][role="button"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="country-body"] table.history');
    expect(await text('[data-testid="country-title"]')).toBe('Inde');
    await page.focus('[data-testid="timeline"] [data-summit][tabindex="0"]');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="summit"] h3');
    expect(await text('[data-testid="summit"] h3')).toMatch(/^2e sommet de l’OCS/);
  });

  it('lists a country’s applications with their outcome, in French (Armenia: membership, pending)', async () => {
    await open('/?date=2026-09-04&lang=fr&country=AM', '2026-09-04', 'fr');
    const row = page.locator('[data-testid="country-body"] table.applications tr[data-application="am-member-2025"]');
    await row.waitFor();
    expect(await row.getAttribute('data-outcome')).toBe('pending');
    expect(await row.textContent()).toContain('en attente');
  });

  it('renders Chinese in a CJK font, and saves the French and Chinese screenshots', async () => {
    mkdirSync(SHOTS, { recursive: true });
    await open('/?date=2025-09-01&lang=fr', '2025-09-01', 'fr');
    await page.screenshot({ path: join(SHOTS, 'explorer-fr.png') });
    await open('/?date=2025-09-01&lang=zh', '2025-09-01', 'zh');
    // Which font Chromium drew the heading's glyphs with: a CJK face, not a fallback box.
    const cdp = await context.newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.brand h1' });
    await cdp.send('CSS.enable');
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.map((f) => f.familyName).join(', '), 'the fonts of 上合组织浏览器').toMatch(
      /CJK|Source Han|PingFang|YaHei/,
    );
    await page.screenshot({ path: join(SHOTS, 'explorer-zh.png') });
    for (const file of ['explorer-fr.png', 'explorer-zh.png']) expect(existsSync(join(SHOTS, file)), file).toBe(true);
  });
});
