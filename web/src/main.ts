import type { Country, components, Snapshot, Source } from '@sco-api/client';
import type { Topology } from 'topojson-specification';
import worldUrl from 'world-atlas/countries-110m.json?url';
import {
  fetchChanges,
  fetchCountries,
  fetchCountry,
  fetchMeta,
  fetchSnapshot,
  fetchSource,
  fetchSummit,
  fetchSummits,
} from './api.js';
import { byTestId, h } from './dom.js';
import { createMap, type WorldMap } from './map.js';
import {
  clampDate,
  countSteps,
  dateOfDay,
  dayNumber,
  formatDate,
  founding,
  isDate,
  type Language,
  languageNames,
  languages,
  localToday,
  statusColours,
  statuses,
} from './model.js';
import { createTimeline, type Timeline } from './timeline.js';
import { countryList, countryView, statusOnDate, summitView, swatch } from './views.js';
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
  const lang = params.get('lang') as Language | null;
  const preferred = navigator.languages.map((l) => l.slice(0, 2)).find((l) => languages.includes(l as Language));
  return {
    date: isDate(date) ? clampDate(date, founding, today) : today,
    lang: lang && languages.includes(lang) ? lang : ((preferred as Language | undefined) ?? 'en'),
    country: params.get('country')?.toUpperCase() ?? null,
    summit: params.get('summit'),
  };
}

const view = readView();

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

const writeUrl = (mode: 'push' | 'replace') => history[`${mode}State`](null, '', linkTo({}));

const ui = {
  main: byTestId('explorer'),
  error: byTestId('error'),
  date: byTestId<HTMLInputElement>('date'),
  slider: byTestId<HTMLInputElement>('slider'),
  lang: byTestId<HTMLSelectElement>('lang'),
  summaryDate: byTestId('summary-date'),
  chair: byTestId('chair'),
  map: byTestId<SVGSVGElement>('map'),
  tooltip: byTestId('map-tooltip'),
  legend: byTestId('legend'),
  listView: byTestId('list-view'),
  list: byTestId('country-list'),
  countryView: byTestId('country-view'),
  countryTitle: byTestId('country-title'),
  countryBody: byTestId('country-body'),
  timeline: byTestId<SVGSVGElement>('timeline'),
  summit: byTestId('summit'),
  dataset: byTestId('dataset'),
  verifiedNote: byTestId('verified-note'),
};

let verifiedThrough: string | undefined;
const names = new Map<string, components['schemas']['LocalizedNames']>();
const nameOf = (code: string) => names.get(code)?.[view.lang] ?? code;
let worldMap: WorldMap | undefined;
let timeline: Timeline | undefined;

function showError(error: unknown) {
  ui.error.textContent = `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
  ui.error.hidden = false;
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
      const [snapshot, countries] = await Promise.all([fetchSnapshot(date), fetchCountries(date, lang)]);
      render(date, lang, snapshot, countries);
      shown = { date, lang };
    }
    ui.error.hidden = true;
  } catch (error) {
    showError(error);
  } finally {
    loading = false;
    ui.main.setAttribute('aria-busy', 'false');
  }
}

function render(date: string, lang: Language, snapshot: Snapshot, countries: Country[]) {
  for (const country of countries) names.set(country.code, country.names);
  ui.summaryDate.textContent = formatDate(date);
  ui.summaryDate.setAttribute('datetime', date);
  for (const status of statuses) byTestId(`count-${status}`).textContent = String(snapshot.counts[status]);
  ui.chair.textContent = snapshot.chair
    ? nameOf(snapshot.chair)
    : date < founding
      ? '—'
      : 'not recorded (the handover is only inferred)';
  ui.chair.setAttribute('lang', snapshot.chair ? lang : 'en');
  const unverified = verifiedThrough !== undefined && date > verifiedThrough;
  ui.verifiedNote.hidden = !unverified;
  if (verifiedThrough && unverified) {
    ui.verifiedNote.textContent = `The dataset is verified through ${formatDate(verifiedThrough)}: later changes may be missing.`;
  }
  worldMap?.update(
    countries.map((c) => ({ code: c.code, name: c.name, status: c.status, detail: statusOnDate(c) })),
    `Map of the SCO on ${formatDate(date)}: each country coloured by its status`,
  );
  ui.list.replaceChildren(countryList(countries, lang, linkTo, (code) => void openCountry(code, 'push')));
  // The tests (and anyone scripting the page) wait for these: the data shown is that of this date.
  ui.main.dataset.date = date;
  ui.main.dataset.lang = lang;
}

function showDateInControls() {
  ui.date.value = view.date;
  ui.slider.value = String(dayNumber(view.date) - dayNumber(founding));
  ui.slider.setAttribute('aria-valuetext', formatDate(view.date));
  timeline?.setDate(view.date);
}

function setDate(date: string) {
  view.date = clampDate(date, founding, today);
  showDateInControls();
  writeUrl('replace');
  void refresh();
}

async function openCountry(code: string | null, history: 'push' | 'replace' | 'none') {
  view.country = code;
  if (history !== 'none') writeUrl(history);
  ui.countryView.hidden = code === null;
  ui.listView.hidden = code !== null;
  if (!code) return;
  ui.countryTitle.textContent = nameOf(code);
  ui.countryBody.replaceChildren(h('p', {}, 'Loading…'));
  try {
    const country = await fetchCountry(code, view.lang);
    names.set(country.code, country.names);
    const ids = [...new Set(country.statuses.flatMap((p) => p.sources))];
    const sources = new Map<string, Source>((await Promise.all(ids.map(fetchSource))).map((s) => [s.id, s]));
    if (view.country !== code) return;
    ui.countryTitle.textContent = country.name;
    ui.countryTitle.setAttribute('lang', view.lang);
    ui.countryBody.replaceChildren(...countryView(country, sources, linkTo, (id) => void openSummit(id, 'push')));
    if (history !== 'none') ui.countryTitle.focus();
  } catch (error) {
    showError(error);
  }
}

async function openSummit(id: string | null, history: 'push' | 'replace' | 'none') {
  view.summit = id;
  if (history !== 'none') writeUrl(history);
  timeline?.setSelectedSummit(id);
  ui.summit.hidden = id === null;
  if (!id) return;
  try {
    const summit = await fetchSummit(id);
    if (view.summit !== id) return;
    ui.summit.replaceChildren(...summitView(summit, nameOf, setDate));
    if (history !== 'none') ui.summit.querySelector<HTMLElement>('h3')?.focus();
  } catch (error) {
    showError(error);
  }
}

function setLanguage(lang: Language) {
  view.lang = lang;
  ui.lang.value = lang;
  writeUrl('replace');
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
  for (const item of ui.legend.querySelectorAll<HTMLElement>('[data-status]')) {
    const status = item.dataset.status as (typeof statuses)[number] | 'none';
    item.prepend(swatch(status === 'none' ? null : status), ' ');
  }
}

async function start() {
  setUpControls();
  ui.lang.value = view.lang;
  showDateInControls();
  try {
    const [topology, changes, summits, everyCountry, meta] = await Promise.all([
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
    verifiedThrough = meta.verifiedThrough;
    ui.dataset.textContent = `dataset ${meta.datasetVersion}, verified through ${formatDate(meta.verifiedThrough)}`;
    worldMap = createMap(ui.map, ui.tooltip, topology, new Set(names.keys()), (code) => void openCountry(code, 'push'));
    timeline = createTimeline(ui.timeline, {
      steps: countSteps(changes),
      summits,
      start: founding,
      end: today,
      onDate: setDate,
      onSummit: (id) => void openSummit(id, 'push'),
    });
    timeline.setDate(view.date);
    // Whatever was shown before the map existed is shown again, on it.
    shown = { date: '', lang: '' };
    await refresh();
    await Promise.all([openCountry(view.country, 'none'), openSummit(view.summit, 'none')]);
  } catch (error) {
    showError(error);
  }
}

void start();
