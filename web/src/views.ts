import type { Country, CountryDetail, Source, SummitDetail } from '@sco-api/client';
import { h } from './dom.js';
import {
  formatDate,
  type Language,
  noStatusColour,
  type Status,
  statusColours,
  statuses,
  statusLabels,
} from './model.js';

// The panels that are plain HTML: the list of countries, one country's history, one summit.

export type NameOf = (code: string) => string;

/** Where a link leads: the page's own URL with some of its parameters changed. */
export type LinkTo = (changes: Record<string, string | null>) => string;

export function swatch(status: Status | null): HTMLSpanElement {
  const element = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  // CSSOM, which style-src 'self' allows: the colours live in model.ts only.
  element.style.backgroundColor = status ? statusColours[status] : noStatusColour;
  return element;
}

const statusText = (status: Status | null) => (status ? statusLabels[status].one : 'no status');

/** "observer since 5 July 2005", or "no status" on a date before it had one. */
export function statusOnDate(country: Pick<Country, 'status' | 'statusSince'>): string {
  if (!country.status) return 'no status on this date';
  return `${statusLabels[country.status].one}${country.statusSince ? ` since ${formatDate(country.statusSince)}` : ''}`;
}

/** The countries with a status on the date first (by status, then name), then the others. */
export function countryList(
  countries: readonly Country[],
  lang: Language,
  linkTo: LinkTo,
  onOpen: (code: string) => void,
): HTMLTableElement {
  const rank = (c: Country) => (c.status ? statuses.indexOf(c.status) : statuses.length);
  const sorted = [...countries].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, lang));
  const rows = sorted.map((country) => {
    const link = h('a', { href: linkTo({ country: country.code, summit: null }), lang }, country.name);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onOpen(country.code);
    });
    return h(
      'tr',
      { 'data-code': country.code, 'data-status': country.status ?? 'none', class: country.status ? '' : 'inactive' },
      h('th', { scope: 'row' }, link),
      h('td', {}, swatch(country.status), ' ', statusText(country.status)),
      h('td', {}, country.statusSince ? h('time', { datetime: country.statusSince }, country.statusSince) : '—'),
    );
  });
  return h(
    'table',
    { class: 'countries', 'data-testid': 'countries' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Country'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Since'),
      ),
    ),
    h('tbody', {}, ...rows),
  );
}

/** One country: its names, every status period with the summit that decided it, and the sources. */
export function countryView(
  country: CountryDetail,
  sources: ReadonlyMap<string, Source>,
  linkTo: LinkTo,
  onSummit: (id: string) => void,
): HTMLElement[] {
  const summitLink = (id: string | null) => {
    if (!id) return '—';
    const link = h('a', { href: linkTo({ summit: id }) }, id);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onSummit(id);
    });
    return link;
  };
  const periods = country.statuses.map((period) =>
    h(
      'tr',
      {},
      h('td', {}, swatch(period.status), ' ', statusLabels[period.status].one),
      h('td', {}, h('time', { datetime: period.from }, period.from)),
      h('td', {}, period.to ? h('time', { datetime: period.to }, period.to) : 'now'),
      h('td', {}, summitLink(period.decidedAt)),
      h('td', {}, period.confidence.replace('_', ' ')),
    ),
  );
  const cited = [...new Set(country.statuses.flatMap((p) => p.sources))];
  return [
    h(
      'p',
      { class: 'names', lang: 'und' },
      ...(['en', 'fr', 'ru', 'zh'] as const).flatMap((lang, i) => [
        i > 0 ? ' · ' : '',
        h('span', { lang }, country.names[lang]),
      ]),
    ),
    h('p', {}, `Today: ${statusOnDate(country)}. ISO codes ${country.code}, ${country.iso3}.`),
    h(
      'table',
      { class: 'history' },
      h('caption', {}, 'Status history (a period ends the day the next one starts)'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Status', 'From', 'Until', 'Decided at', 'Confidence'].map((label) => h('th', { scope: 'col' }, label)),
        ),
      ),
      h('tbody', {}, ...periods),
    ),
    ...country.statuses
      .filter((p) => p.note)
      .map((p) => h('p', { class: 'note' }, h('strong', {}, `${statusLabels[p.status].one}: `), p.note ?? '')),
    h('h4', {}, `Sources (${cited.length})`),
    h('ul', { class: 'sources' }, ...cited.map((id) => sourceItem(id, sources.get(id)))),
  ];
}

function sourceItem(id: string, source: Source | undefined): HTMLLIElement {
  if (!source) return h('li', {}, id);
  const title = source.url ? h('a', { href: source.url, rel: 'noopener noreferrer' }, source.title) : source.title;
  return h(
    'li',
    {},
    title,
    ` — ${source.publisher}`,
    source.publishedOn ? `, ${source.publishedOn}` : '',
    ` (${source.language})`,
  );
}

/** One summit: where and when, the decisions taken there, and the chair it handed over. */
export function summitView(summit: SummitDetail, nameOf: NameOf, onDate: (date: string) => void): HTMLElement[] {
  const when =
    summit.startDate && summit.endDate && summit.startDate !== summit.endDate
      ? `${formatDate(summit.startDate)} to ${formatDate(summit.endDate)}`
      : summit.endDate
        ? formatDate(summit.endDate)
        : 'date not set';
  const decisions = summit.decisions.map((change) =>
    h(
      'li',
      {},
      h('strong', {}, nameOf(change.country)),
      ': ',
      change.previousStatus ? `${statusLabels[change.previousStatus].one} → ` : '',
      swatch(change.status),
      ' ',
      statusLabels[change.status].one,
    ),
  );
  const handover = summit.chairHandover;
  const goTo = h('button', { type: 'button' }, `Show the SCO on ${summit.endDate ?? ''}`);
  goTo.addEventListener('click', () => {
    if (summit.endDate) onDate(summit.endDate);
  });
  const parts: (HTMLElement | null)[] = [
    h(
      'h3',
      { id: 'summit-title', tabindex: -1 },
      `${summit.ordinal ? `${ordinal(summit.ordinal)} SCO summit` : 'Summit'}, ${summit.city}`,
    ),
    h('p', {}, `${when}${summit.mode ? `, ${summit.mode.replace('_', ' ')}` : ''}, hosted by ${nameOf(summit.host)}.`),
    h('h4', {}, 'Decisions on status'),
    decisions.length > 0 ? h('ul', { class: 'decisions' }, ...decisions) : h('p', {}, 'No change of status.'),
    h('h4', {}, 'Chair'),
    h(
      'p',
      {},
      handover
        ? `${nameOf(handover.from)} handed the chair to ${nameOf(handover.to)} for ${handover.period}${
            handover.confidence === 'unconfirmed' ? ' (inferred, unconfirmed)' : ''
          }.`
        : 'No handover recorded.',
    ),
    summit.endDate ? h('p', {}, goTo) : null,
  ];
  return parts.filter((node) => node !== null);
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
