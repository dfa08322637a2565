import type { Country, components, Meta, Snapshot, Source, Summit } from '@sco-api/client';
import type { Topology } from 'topojson-specification';
import worldUrl from 'world-atlas/countries-110m.json?url';
import {
  fetchChanges,
  fetchCountries,
  fetchCountry,
  fetchMeta,
  fetchPeriodsDecidedAt,
  fetchSnapshot,
  fetchSource,
  fetchSummit,
  fetchSummits,
} from './api.js';
import { byTestId, h } from './dom.js';
import {
  chooseLanguage,
  fill,
  fillParts,
  formatDate,
  formatNumber,
  languageNames,
  languages,
  type Messages,
  messages,
} from './i18n/index.js';
import { createMap, type WorldMap } from './map.js';
import {
  type CountStep,
  clampDate,
  countSteps,
  dateOfDay,
  dayNumber,
  founding,
  isDate,
  type Language,
  localToday,
  statusColours,
  statuses,
} from './model.js';
import { createTimeline, type Timeline, timelineTable } from './timeline.js';
import {
  countLabel,
  countryList,
  countrySources,
  countryView,
  statusOnDate,
  summitSources,
  summitView,
  swatch,
  type ViewContext,
} from './views.js';
import './style.css';

/** What the URL holds, so that a view can be shared. */
interface View {
  date: string;
  lang: Language;
  country: string | null;
  summit: string | null;
}

const today = localToday();

function readView(): View {
  const params = new URLSearchParams(location.search);
  const date = params.get('date');
  return {
    date: isDate(date) ? clampDate(date, founding, today) : today,
    lang: chooseLanguage(params.get('lang'), navigator.languages),
    country: params.get('country')?.toUpperCase() ?? null,
    summit: params.get('summit'),
  };
}

const view = readView();
const words = (): Messages => messages[view.lang];

/** The page's URL with some parameters changed (null removes one). */
function linkTo(changes: Record<string, string | null>): string {
  const params = new URLSearchParams({ date: view.date, lang: view.lang });
  if (view.country) params.set('country', view.country);
  if (view.summit) params.set('summit', view.summit);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  return `${location.pathname}?${params}`;
}

/** The query string the page last wrote or read: a history entry that differs only by its fragment keeps the view. */
let search = location.search;

function writeUrl(mode: 'push' | 'replace') {
  history[`${mode}State`](null, '', linkTo({}));
  search = location.search;
}

const ui = {
  main: byTestId('explorer'),
  error: byTestId('error'),
  date: byTestId<HTMLInputElement>('date'),
  slider: byTestId<HTMLInputElement>('slider'),
  lang: byTestId<HTMLSelectElement>('lang'),
  summaryHeading: byTestId('summary-heading'),
  chairLine: byTestId('chair-line'),
  map: byTestId<SVGSVGElement>('map'),
  tooltip: byTestId('map-tooltip'),
  legend: byTestId('legend'),
  listView: byTestId('list-view'),
  list: byTestId('country-list'),
  countryView: byTestId('country-view'),
  countryTitle: byTestId('country-title'),
  countryBody: byTestId('country-body'),
  timeline: byTestId<SVGSVGElement>('timeline'),
  timelineText: byTestId('timeline-text'),
  summit: byTestId('summit'),
  freshness: byTestId('freshness'),
  apiLine: byTestId('api-line'),
  verifiedNote: byTestId('verified-note'),
};

let meta: Meta | undefined;
let summits: Summit[] = [];
let steps: CountStep[] = [];
const names = new Map<string, components['schemas']['LocalizedNames']>();
const nameOf = (code: string) => names.get(code)?.[view.lang] ?? code;
const context = (): ViewContext => ({ lang: view.lang, t: words(), nameOf, linkTo });
let worldMap: WorldMap | undefined;
let timeline: Timeline | undefined;

/** A failure, in the page's language, with the technical detail (in English, as the API writes it) below. */
function showError(what: string, error: unknown) {
  const detail = error instanceof Error ? error.message : String(error);
  ui.error.replaceChildren(
    h('p', {}, what),
    h(
      'p',
      { class: 'detail' },
      ...fillParts<Node>(words().errors.detail, { message: h('span', { lang: 'en' }, detail) }),
    ),
  );
  ui.error.hidden = false;
}

/** Every text of index.html marked data-i18n, the document's language and its title, in the chosen language. */
function translateStaticText() {
  const t = words();
  document.documentElement.lang = view.lang;
  document.title = t.page.title;
  document.querySelector('meta[name="description"]')?.setAttribute('content', t.page.description);
  const lookup = (key: string): string => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], t);
    if (typeof value !== 'string') throw new Error(`the vocabulary has no text at "${key}"`);
    return value;
  };
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = lookup(element.dataset.i18n ?? '');
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    element.setAttribute('aria-label', lookup(element.dataset.i18nLabel ?? ''));
  }
  ui.apiLine.replaceChildren(
    ...fillParts<Node>(t.footer.api, {
      api: h('a', { href: '/docs' }, t.footer.apiLink),
      openapi: h('a', { href: '/openapi.json' }, 'OpenAPI'),
    }),
  );
  ui.legend.replaceChildren(
    ...statuses.map((status) =>
      h(
        'li',
        { 'data-status': status },
        swatch(status),
        ' ',
        status === 'partner' ? t.map.partnerSince : t.status[status],
      ),
    ),
    h('li', { 'data-status': 'none' }, swatch(null), ' ', t.map.none),
  );
  if (ui.countryView.hidden) ui.countryTitle.textContent = '…';
  showFreshness();
  ui.slider.setAttribute('aria-valuetext', formatDate(view.date, view.lang));
}

/** "Data verified through D, dataset version V": from /v1/meta. */
function showFreshness() {
  if (!meta) return;
  const t = words();
  ui.freshness.replaceChildren(
    ...fillParts<Node>(t.footer.freshness, {
      date: h(
        'time',
        { datetime: meta.verifiedThrough, 'data-testid': 'verified-through' },
        formatDate(meta.verifiedThrough, view.lang),
      ),
      version: h('span', { 'data-testid': 'dataset-version' }, meta.datasetVersion),
      licence: meta.licence.data,
    }),
  );
}

// One request set at a time, and at most four a second while the slider is dragged (the API limits
// each client to 600 requests a minute); meanwhile only the latest wanted date and language are kept.
const MIN_INTERVAL_MS = 250;
let shown = { date: '', lang: '' };
let loading = false;
let lastRequest = Number.NEGATIVE_INFINITY;

async function refresh() {
  if (loading) return;
  loading = true;
  ui.main.setAttribute('aria-busy', 'true');
  try {
    while (shown.date !== view.date || shown.lang !== view.lang) {
      const wait = lastRequest + MIN_INTERVAL_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastRequest = performance.now();
      const { date, lang } = view;
      try {
        const [snapshot, countries] = await Promise.all([fetchSnapshot(date), fetchCountries(date, lang)]);
        render(date, lang, snapshot, countries);
      } catch (error) {
        showError(fill(messages[lang].errors.date, { date: formatDate(date, lang) }), error);
        return;
      }
      shown = { date, lang };
    }
    ui.error.hidden = true;
  } finally {
    loading = false;
    ui.main.setAttribute('aria-busy', 'false');
  }
}

function render(date: string, lang: Language, snapshot: Snapshot, countries: Country[]) {
  const t = messages[lang];
  const viewContext: ViewContext = { lang, t, nameOf, linkTo };
  for (const country of countries) names.set(country.code, country.names);
  const heading = h('time', { datetime: date, 'data-testid': 'summary-date' }, formatDate(date, lang));
  ui.summaryHeading.replaceChildren(...fillParts<Node>(t.summary.heading, { date: heading }));
  for (const status of statuses) {
    const n = snapshot.counts[status];
    byTestId(`count-${status}`).textContent = formatNumber(n, lang);
    byTestId(`label-${status}`).textContent = countLabel(status, n, viewContext);
  }
  const chair = snapshot.chair ? nameOf(snapshot.chair) : date < founding ? '—' : t.summary.chairUnknown;
  ui.chairLine.replaceChildren(
    ...fillParts<Node>(t.summary.chair, { country: h('strong', { 'data-testid': 'chair' }, chair) }),
  );
  const verifiedThrough = meta?.verifiedThrough;
  const unverified = verifiedThrough !== undefined && date > verifiedThrough;
  ui.verifiedNote.hidden = !unverified;
  if (verifiedThrough && unverified) {
    ui.verifiedNote.textContent = fill(t.summary.unverified, { date: formatDate(verifiedThrough, lang) });
  }
  worldMap?.update(
    countries.map((c) => {
      const detail = statusOnDate(c, viewContext);
      return {
        code: c.code,
        name: c.name,
        status: c.status,
        detail,
        label: fill(t.map.country, { country: c.name, detail }),
      };
    }),
    fill(t.map.label, { date: formatDate(date, lang) }),
  );
  ui.list.replaceChildren(countryList(countries, viewContext, (code) => void openCountry(code, 'push')));
  // The tests (and anyone scripting the page) wait for these: the data shown is that of this date.
  ui.main.dataset.date = date;
  ui.main.dataset.lang = lang;
}

function showDateInControls() {
  ui.date.value = view.date;
  ui.slider.value = String(dayNumber(view.date) - dayNumber(founding));
  ui.slider.setAttribute('aria-valuetext', formatDate(view.date, view.lang));
  timeline?.setDate(view.date);
}

function setDate(date: string) {
  view.date = clampDate(date, founding, today);
  showDateInControls();
  writeUrl('replace');
  void refresh();
}

async function sourcesOf(ids: readonly string[]): Promise<Map<string, Source>> {
  return new Map((await Promise.all(ids.map(fetchSource))).map((s) => [s.id, s]));
}

async function openCountry(code: string | null, history: 'push' | 'replace' | 'none') {
  view.country = code;
  if (history !== 'none') writeUrl(history);
  ui.countryView.hidden = code === null;
  ui.listView.hidden = code !== null;
  if (!code) return;
  const lang = view.lang;
  ui.countryTitle.textContent = nameOf(code);
  ui.countryBody.replaceChildren(h('p', {}, messages[lang].page.loading));
  try {
    const country = await fetchCountry(code, lang);
    names.set(country.code, country.names);
    const sources = await sourcesOf(countrySources(country));
    if (view.country !== code || view.lang !== lang) return;
    ui.countryTitle.textContent = country.name;
    ui.countryBody.replaceChildren(...countryView(country, sources, context(), (id) => void openSummit(id, 'push')));
    ui.countryView.dataset.lang = lang;
    if (history !== 'none') ui.countryTitle.focus();
  } catch (error) {
    showError(fill(messages[lang].errors.country, { country: nameOf(code) }), error);
  }
}

async function openSummit(id: string | null, history: 'push' | 'replace' | 'none') {
  view.summit = id;
  if (history !== 'none') writeUrl(history);
  timeline?.setSelectedSummit(id);
  ui.summit.hidden = id === null;
  if (!id) return;
  const lang = view.lang;
  try {
    const [summit, decided] = await Promise.all([fetchSummit(id), fetchPeriodsDecidedAt(id)]);
    const sources = await sourcesOf(summitSources(summit, decided));
    if (view.summit !== id || view.lang !== lang) return;
    ui.summit.replaceChildren(...summitView(summit, decided, sources, context(), setDate));
    ui.summit.dataset.lang = lang;
    if (history !== 'none') ui.summit.querySelector<HTMLElement>('h3')?.focus();
  } catch (error) {
    showError(fill(messages[lang].errors.summit, { summit: id }), error);
  }
}

/** The chart and its table, in the page's language (rebuilt when it changes). */
function drawTimeline() {
  timeline = createTimeline(ui.timeline, {
    steps,
    summits,
    start: founding,
    end: today,
    lang: view.lang,
    t: words(),
    onDate: setDate,
    onSummit: (id) => void openSummit(id, 'push'),
  });
  timeline.setDate(view.date);
  timeline.setSelectedSummit(view.summit);
  ui.timelineText.replaceChildren(timelineTable(steps, view.lang, words()));
}

function setLanguage(lang: Language) {
  view.lang = lang;
  ui.lang.value = lang;
  writeUrl('replace');
  translateStaticText();
  if (timeline) drawTimeline();
  void refresh();
  if (view.country) void openCountry(view.country, 'none');
  if (view.summit) void openSummit(view.summit, 'none');
}

function setUpControls() {
  const days = dayNumber(today) - dayNumber(founding);
  ui.date.min = founding;
  ui.date.max = today;
  ui.slider.min = '0';
  ui.slider.max = String(days);
  byTestId('slider-end').textContent = today.slice(0, 4);
  ui.lang.replaceChildren(...languages.map((l) => h('option', { value: l, lang: l }, languageNames[l])));
  ui.date.addEventListener('change', () => {
    if (isDate(ui.date.value)) setDate(ui.date.value);
  });
  ui.slider.addEventListener('input', () => setDate(dateOfDay(dayNumber(founding) + Number(ui.slider.value))));
  ui.lang.addEventListener('change', () => setLanguage(ui.lang.value as Language));
  byTestId('country-back').addEventListener('click', () => {
    const code = view.country;
    void openCountry(null, 'push');
    ui.list.querySelector<HTMLElement>(`tr[data-code="${code}"] a`)?.focus();
  });
  window.addEventListener('popstate', () => {
    if (location.search === search) return;
    search = location.search;
    const next = readView();
    if (next.lang !== view.lang) setLanguage(next.lang);
    setDate(next.date);
    void openCountry(next.country, 'none');
    void openSummit(next.summit, 'none');
  });
  for (const status of statuses) {
    const count = byTestId(`count-${status}`).parentElement;
    if (count) count.style.borderLeftColor = statusColours[status];
  }
}

async function start() {
  setUpControls();
  ui.lang.value = view.lang;
  translateStaticText();
  showDateInControls();
  // The language chosen (from the URL, else the browser's) stays in the URL, so a shared link keeps it.
  writeUrl('replace');
  try {
    const [topology, changes, summitList, everyCountry, metaData] = await Promise.all([
      fetch(worldUrl).then((response) => {
        if (!response.ok) throw new Error(`the world map answered ${response.status}`);
        return response.json() as Promise<Topology>;
      }),
      fetchChanges(),
      fetchSummits(),
      fetchCountries(today, view.lang),
      fetchMeta(),
    ]);
    for (const country of everyCountry) names.set(country.code, country.names);
    meta = metaData;
    summits = summitList;
    steps = countSteps(changes);
    showFreshness();
    worldMap = createMap(ui.map, ui.tooltip, topology, new Set(names.keys()), (code) => void openCountry(code, 'push'));
    drawTimeline();
    // Whatever was shown before the map existed is shown again, on it.
    shown = { date: '', lang: '' };
    await refresh();
    await Promise.all([openCountry(view.country, 'none'), openSummit(view.summit, 'none')]);
  } catch (error) {
    showError(words().errors.start, error);
  }
}

void start();
