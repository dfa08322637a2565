import type { Country, CountryDetail, Source, StatusPeriod, SummitDetail } from '@sco-api/client';
import { applicationSources, applicationsOf, applicationsSection } from './applications.js';
import { Citations } from './citations.js';
import { type Child, h } from './dom.js';
import { fill, fillParts, formatDate, formatNumber, type Messages, plural } from './i18n/index.js';
import { type Language, noStatusColour, type Status, statusColours, statuses } from './model.js';

// The panels that are plain HTML: the list of countries, one country's history, one summit.

export type NameOf = (code: string) => string;

/** Where a link leads: the page's own URL with some of its parameters changed. */
export type LinkTo = (changes: Record<string, string | null>) => string;

/** What every view needs: the language and its words, the country names, the page's links. */
export interface ViewContext {
  lang: Language;
  t: Messages;
  nameOf: NameOf;
  linkTo: LinkTo;
}

export function swatch(status: Status | null): HTMLSpanElement {
  const element = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  // CSSOM, which style-src 'self' allows: the colours live in model.ts only.
  element.style.backgroundColor = status ? statusColours[status] : noStatusColour;
  return element;
}

/** "observer since 5 July 2005", or "no status on this date". */
export function statusOnDate(country: Pick<Country, 'status' | 'statusSince'>, context: ViewContext): string {
  const { t, lang } = context;
  if (!country.status) return t.summary.noStatusOnDate;
  const status = t.status[country.status];
  return country.statusSince
    ? fill(t.summary.statusSince, { status, date: formatDate(country.statusSince, lang) })
    : status;
}

const dateCell = (date: string, lang: Language) => h('time', { datetime: date }, formatDate(date, lang));

/** The countries with a status on the date first (by status, then name), then the others. */
export function countryList(
  countries: readonly Country[],
  context: ViewContext,
  onOpen: (code: string) => void,
): HTMLElement {
  const { t, lang, linkTo } = context;
  if (countries.length === 0) return h('p', { 'data-testid': 'countries-empty' }, t.list.empty);
  const rank = (c: Country) => (c.status ? statuses.indexOf(c.status) : statuses.length);
  const sorted = [...countries].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, lang));
  const rows = sorted.map((country) => {
    const link = h('a', { href: linkTo({ country: country.code, summit: null }) }, country.name);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onOpen(country.code);
    });
    return h(
      'tr',
      { 'data-code': country.code, 'data-status': country.status ?? 'none', class: country.status ? '' : 'inactive' },
      h('th', { scope: 'row' }, link),
      h('td', {}, swatch(country.status), ' ', country.status ? t.status[country.status] : t.summary.noStatus),
      h('td', {}, country.statusSince ? dateCell(country.statusSince, lang) : '—'),
    );
  });
  return h(
    'table',
    { class: 'countries', 'data-testid': 'countries' },
    h(
      'thead',
      {},
      h('tr', {}, ...[t.list.country, t.list.status, t.list.since].map((label) => h('th', { scope: 'col' }, label))),
    ),
    h('tbody', {}, ...rows),
  );
}

function summitLinker(context: ViewContext, onSummit: (id: string) => void) {
  return (id: string) => {
    const link = h('a', { href: context.linkTo({ summit: id }) }, id);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onSummit(id);
    });
    return link;
  };
}

/** One country: its names, every status period with the summit that decided it, its applications, and the sources of each. */
export function countryView(
  country: CountryDetail,
  sources: ReadonlyMap<string, Source>,
  context: ViewContext,
  onSummit: (id: string) => void,
): HTMLElement[] {
  const { t, lang } = context;
  const citations = new Citations('country', lang, t, sources);
  const summitLink = summitLinker(context, onSummit);
  const periods = country.statuses.map((period) =>
    h(
      'tr',
      {},
      h('td', {}, swatch(period.status), ' ', t.status[period.status]),
      h('td', {}, dateCell(period.from, lang)),
      h('td', {}, period.to ? dateCell(period.to, lang) : t.country.now),
      h('td', {}, period.decidedAt ? summitLink(period.decidedAt) : '—'),
      h('td', {}, t.confidence[period.confidence]),
      h('td', {}, citations.refs(period.sources)),
    ),
  );
  const applications = applicationsOf(country);
  const parts: (HTMLElement | null)[] = [
    h(
      'p',
      { class: 'names', 'aria-label': t.country.names },
      ...(['en', 'fr', 'ru', 'zh'] as const).flatMap((l, i) => [
        i > 0 ? ' · ' : '',
        h('span', { lang: l }, country.names[l]),
      ]),
    ),
    h(
      'p',
      {},
      fill(t.country.today, { status: statusOnDate(country, context), alpha2: country.code, alpha3: country.iso3 }),
    ),
    h(
      'table',
      { class: 'history' },
      h('caption', {}, t.country.history),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            t.country.status,
            t.country.from,
            t.country.until,
            t.country.decidedAt,
            t.country.confidence,
            t.country.sources,
          ].map((label) => h('th', { scope: 'col' }, label)),
        ),
      ),
      h('tbody', {}, ...periods),
    ),
    ...country.statuses.filter((p) => p.note).map((p) => note(t.status[p.status], p.note ?? '', context)),
    applications ? applicationsSection(applications, { lang, t, citations, summitLink }) : null,
  ];
  return [...parts.filter((part) => part !== null), ...citations.list()];
}

/** The source ids a country's view cites: its status periods' and its applications'. */
export function countrySources(country: CountryDetail): string[] {
  const applications = applicationsOf(country) ?? [];
  return [...new Set([...country.statuses.flatMap((p) => p.sources), ...applicationSources(applications)])];
}

/** A note of the dataset: written in English, so marked as such whatever the page's language. */
const note = (label: string, text: string, context: ViewContext) =>
  h('p', { class: 'note' }, h('strong', {}, `${label}${context.t.page.colon}`), h('span', { lang: 'en' }, text));

/** The source ids a summit's view cites: the summit's, its handover's and those of the periods it decided. */
export function summitSources(summit: SummitDetail, decided: readonly StatusPeriod[]): string[] {
  return [
    ...new Set([...summit.sources, ...(summit.chairHandover?.sources ?? []), ...decided.flatMap((p) => p.sources)]),
  ];
}

/** One summit: where and when, the decisions taken there, and the chair it handed over, each with its sources. */
export function summitView(
  summit: SummitDetail,
  decided: readonly StatusPeriod[],
  sources: ReadonlyMap<string, Source>,
  context: ViewContext,
  onDate: (date: string) => void,
): HTMLElement[] {
  const { t, lang, nameOf } = context;
  const citations = new Citations('summit', lang, t, sources);
  const when =
    summit.startDate && summit.endDate && summit.startDate !== summit.endDate
      ? fill(t.summit.range, { start: formatDate(summit.startDate, lang), end: formatDate(summit.endDate, lang) })
      : summit.endDate
        ? formatDate(summit.endDate, lang)
        : t.summit.dateNotSet;
  const title = plural(
    summit.series === 'shanghai_five' ? t.summit.shanghaiFiveOrdinal : t.summit.scoOrdinal,
    summit.ordinal,
    lang,
    'ordinal',
  );
  const facts: [string, Child][] = [
    [t.summit.dates, when],
    [t.summit.host, nameOf(summit.host)],
    [t.summit.mode, summit.mode ? t.summit.modes[summit.mode] : '—'],
    [t.summit.state, t.summit.states[summit.status]],
    [t.country.sources, citations.refs(summit.sources)],
  ];
  const decisions = summit.decisions.map((change) => {
    const period = decided.find((p) => p.country === change.country && p.from === change.date);
    return h(
      'li',
      { 'data-country': change.country },
      ...fillParts<Node>(t.summit.decision, {
        country: h('strong', {}, nameOf(change.country)),
        from: change.previousStatus ? t.status[change.previousStatus] : t.summary.noStatus,
        to: h('span', {}, swatch(change.status), ' ', t.status[change.status]),
      }),
      period && period.sources.length > 0 ? ' ' : '',
      period ? citations.refs(period.sources) : '',
    );
  });
  const handover = summit.chairHandover;
  const goTo = summit.endDate
    ? h('button', { type: 'button' }, fill(t.summit.goTo, { date: formatDate(summit.endDate, lang) }))
    : null;
  goTo?.addEventListener('click', () => {
    if (summit.endDate) onDate(summit.endDate);
  });
  const parts: (HTMLElement | null)[] = [
    h(
      'h3',
      { id: 'summit-title', tabindex: -1 },
      fill(title, { n: formatNumber(summit.ordinal, lang), city: summit.city ?? nameOf(summit.host) }),
    ),
    h('dl', { class: 'facts' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    h('h4', {}, t.summit.decisions),
    decisions.length > 0 ? h('ul', { class: 'decisions' }, ...decisions) : h('p', {}, t.summit.noDecision),
    h('h4', {}, t.summit.chair),
    handover
      ? h(
          'p',
          {},
          fill(t.summit.handover, { from: nameOf(handover.from), to: nameOf(handover.to), period: handover.period }),
          handover.confidence === 'unconfirmed' ? ` ${t.summit.inferred}` : '',
          handover.sources.length > 0 ? ' ' : '',
          handover.sources.length > 0 ? citations.refs(handover.sources) : '',
        )
      : h('p', {}, t.summit.noHandover),
    goTo ? h('p', {}, goTo) : null,
  ];
  return [...parts.filter((node) => node !== null), ...citations.list()];
}

/** The count label beside a number: "10 members", "10 членов". */
export const countLabel = (status: Status, n: number, context: Pick<ViewContext, 't' | 'lang'>) =>
  plural(context.t.statusCount[status], n, context.lang);
