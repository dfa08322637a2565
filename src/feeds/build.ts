import type { Language } from '../schemas/primitives.js';
import type { Change, CountryRecord, Event, Source, StatusPeriod, Summit } from '../schemas/resources.js';
import type { AtomEntry, AtomFeed, AtomLink } from './atom.js';
import { escapeXml } from './atom.js';
import type { Calendar, CalendarEvent } from './icalendar.js';

// The feeds as data, from the same repositories the JSON routes answer from.

type Status = StatusPeriod['status'];

/** What the feeds read: the same repositories (and so the same functions) as the routes. */
export interface FeedSources {
  countries: { records(): CountryRecord[] };
  statuses: { changes(filter: object): Change[]; periods(filter: object): StatusPeriod[] };
  events: { list(filter: object): Event[] };
  summits: { list(filter: object): Summit[] };
  sources: { byIds(ids: string[]): Source[] };
  meta: { info: { version: string; verifiedThrough: string } };
}

// The feeds' ids: tag URIs (RFC 4151), the same on every deployment, never reused.
const TAG = 'tag:sco-api,2026:';
const AUTHOR = { name: 'sco-api' };
const RIGHTS = 'Data CC-BY-4.0; each entry names its sources';

const statusLabels: Record<Language, Record<Status, string>> = {
  en: { member: 'member', observer: 'observer', dialogue_partner: 'dialogue partner', partner: 'partner' },
  fr: { member: 'membre', observer: 'observateur', dialogue_partner: 'partenaire de dialogue', partner: 'partenaire' },
  ru: {
    member: 'государство-член',
    observer: 'наблюдатель',
    dialogue_partner: 'партнёр по диалогу',
    partner: 'партнёр',
  },
  zh: { member: '成员国', observer: '观察员国', dialogue_partner: '对话伙伴', partner: '伙伴国' },
};
const withArticle: Record<Status, string> = {
  member: 'a member',
  observer: 'an observer',
  dialogue_partner: 'a dialogue partner',
  partner: 'a partner',
};
const feedTitles: Record<'changes' | 'events', Record<Language, string>> = {
  changes: {
    en: 'SCO status changes',
    fr: 'OCS : changements de statut',
    ru: 'ШОС: изменения статуса',
    zh: '上合组织：地位变化',
  },
  events: { en: 'SCO timeline', fr: 'OCS : chronologie', ru: 'ШОС: хроника', zh: '上合组织：大事记' },
};
const eventTypeLabels: Record<Event['type'], string> = {
  founding: 'Founding',
  status_decision: 'Status decision',
  accession_signed: 'Accession signed',
  chair_handover: 'Chair handover',
  statement: 'Statement',
  proposal: 'Proposal',
  summit: 'Summit',
};

const atMidnight = (date: string) => `${date}T00:00:00Z`;
const json = 'application/json';

function countryNames(repos: FeedSources) {
  const byCode = new Map(repos.countries.records().map((c) => [c.code, c.names]));
  return (code: string, lang: Language = 'en') => byCode.get(code)?.[lang] ?? code;
}

/** The sources as related links (machine-readable) and as an HTML list (for readers). */
function sourceParts(sources: Source[], confidence: string | null) {
  const links: AtomLink[] = sources
    .filter((s) => s.url !== null)
    .map((s) => ({ rel: 'related', href: s.url as string, title: s.title }));
  const items = sources.map((s) => {
    const title = escapeXml(s.title);
    const label = s.url ? `<a href="${escapeXml(s.url)}">${title}</a>` : title;
    return `<li>${label}, ${escapeXml(s.publisher)}${s.publishedOn ? `, ${s.publishedOn}` : ''}</li>`;
  });
  const heading = confidence ? `Sources (confidence: ${confidence.replace('_', ' ')})` : 'Sources';
  return { links, html: `<p>${heading}:</p><ul>${items.join('')}</ul>` };
}

/** One query for every source the feed cites, instead of one per entry. */
function sourceLookup(repos: FeedSources, ids: string[]) {
  const cited = repos.sources.byIds([...new Set(ids)]);
  // In the order byIds gives, as the JSON answers list them.
  return (wanted: string[]) => {
    const set = new Set(wanted);
    return cited.filter((s) => set.has(s.id));
  };
}

function newestFirst<T extends { updated: string; id: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
}

function feedOf(
  kind: 'changes' | 'events',
  lang: Language,
  baseUrl: string,
  repos: FeedSources,
  entries: AtomEntry[],
): AtomFeed {
  const { verifiedThrough, version } = repos.meta.info;
  const query = lang === 'en' ? '' : `?lang=${lang}`;
  return {
    id: `${TAG}feeds/${kind}`,
    lang,
    title: feedTitles[kind][lang],
    subtitle: `sco-api dataset ${version}, verified through ${verifiedThrough}: later facts may be missing.`,
    updated: entries[0]?.updated ?? atMidnight(verifiedThrough),
    author: AUTHOR,
    rights: RIGHTS,
    links: [
      { rel: 'self', href: `${baseUrl}/v1/feeds/${kind}.atom${query}`, type: 'application/atom+xml' },
      { rel: 'alternate', href: `${baseUrl}/v1/${kind}`, type: json },
    ],
    entries,
  };
}

/** Every status change, newest first: a country's status period starting. */
export function changesFeed(repos: FeedSources, lang: Language, baseUrl: string): AtomFeed {
  const name = countryNames(repos);
  const labels = statusLabels[lang];
  const allPeriods = repos.statuses.periods({});
  const periods = new Map(allPeriods.map((p) => [`${p.country}/${p.from}`, p]));
  const sourcesOf = sourceLookup(
    repos,
    allPeriods.flatMap((p) => p.sources),
  );
  const entries = repos.statuses.changes({}).map((change): AtomEntry => {
    const period = periods.get(`${change.country}/${change.date}`);
    const sources = sourceParts(sourcesOf(period?.sources ?? []), period?.confidence ?? null);
    const english = name(change.country);
    const previous = change.previousStatus
      ? `, previously ${withArticle[change.previousStatus]}`
      : ', its first SCO status';
    const decided = change.decidedAt ? `; decided at the summit ${change.decidedAt}` : '';
    const title = change.previousStatus
      ? `${name(change.country, lang)}: ${labels[change.previousStatus]} → ${labels[change.status]}`
      : `${name(change.country, lang)}: ${labels[change.status]}`;
    return {
      id: `${TAG}changes/${change.date}/${change.country}`,
      title: { text: title },
      updated: atMidnight(change.date),
      published: atMidnight(change.date),
      summary: {
        text: `${english} (${change.country}) became ${withArticle[change.status]} of the SCO on ${change.date}${previous}${decided}.`,
        lang: 'en',
      },
      content: { text: sources.html, lang: 'en' },
      links: [
        { href: `${baseUrl}/v1/countries/${change.country}`, type: json, title: english },
        ...(change.decidedAt
          ? [{ rel: 'related' as const, href: `${baseUrl}/v1/summits/${change.decidedAt}`, type: json }]
          : []),
        ...sources.links,
      ],
      categories: [{ term: change.status, label: labels[change.status] }],
    };
  });
  return feedOf('changes', lang, baseUrl, repos, newestFirst(entries));
}

/** Every event of the timeline, newest first. */
export function eventsFeed(repos: FeedSources, lang: Language, baseUrl: string): AtomFeed {
  const name = countryNames(repos);
  const events = repos.events.list({});
  const sourcesOf = sourceLookup(
    repos,
    events.flatMap((e) => e.sources),
  );
  const entries = events.map((event): AtomEntry => {
    const sources = sourceParts(sourcesOf(event.sources), event.confidence);
    // Titles exist in English and, for some events, French: another language falls back to English.
    const titleLang = lang === 'fr' && event.title.fr ? 'fr' : 'en';
    const countries = event.countries.map((code) => `${name(code)} (${code})`).join(', ');
    const summary = [
      `${eventTypeLabels[event.type]}, ${event.date}.`,
      countries ? `Countries: ${countries}.` : '',
      event.actor ? `${event.actor.name} (${event.actor.role}).` : '',
      event.quote ? `Quote (${event.quote.lang}): “${event.quote.text}” (${event.quote.gloss})` : '',
      event.summit ? `Summit: ${event.summit}.` : '',
    ];
    return {
      id: `${TAG}events/${event.id}`,
      title: { text: event.title[titleLang] ?? event.title.en, lang: titleLang === lang ? undefined : titleLang },
      updated: atMidnight(event.date),
      published: atMidnight(event.date),
      summary: { text: summary.filter(Boolean).join(' '), lang: 'en' },
      content: { text: sources.html, lang: 'en' },
      links: [
        event.summit
          ? { href: `${baseUrl}/v1/summits/${event.summit}`, type: json }
          : { href: `${baseUrl}/v1/events?from=${event.date}&to=${event.date}`, type: json },
        ...sources.links,
      ],
      categories: [{ term: event.type, label: eventTypeLabels[event.type] }],
    };
  });
  return feedOf('events', lang, baseUrl, repos, newestFirst(entries));
}

function ordinalText(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const modeText: Record<NonNullable<Summit['mode']>, string> = {
  in_person: 'in person',
  virtual: 'by video link',
  hybrid: 'in person and by video link',
};

/** One all-day event per summit with dates; a planned summit without dates is left out, not invented. */
export function summitsCalendar(repos: FeedSources, baseUrl: string): Calendar {
  const name = countryNames(repos);
  const { verifiedThrough, version } = repos.meta.info;
  const dated = repos.summits
    .list({})
    .filter((s): s is Summit & { startDate: string; endDate: string } => s.startDate !== null && s.endDate !== null)
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  const sourcesOf = sourceLookup(
    repos,
    dated.flatMap((s) => [...s.sources, ...(s.chairHandover?.sources ?? [])]),
  );
  const events = dated.map((summit): CalendarEvent => {
    const host = `${name(summit.host)} (${summit.host})`;
    const meeting =
      summit.series === 'sco'
        ? `${ordinalText(summit.ordinal)} meeting of the SCO Council of Heads of State`
        : `${ordinalText(summit.ordinal)} Shanghai Five summit`;
    const decisions = summit.decisions.map(
      (d) =>
        `${name(d.country)} (${d.country}): ${d.previousStatus ? `${statusLabels.en[d.previousStatus]} → ` : ''}${statusLabels.en[d.status]}`,
    );
    const handover = summit.chairHandover;
    const sources = sourcesOf([...new Set([...summit.sources, ...(handover?.sources ?? [])])]);
    const url = `${baseUrl}/v1/summits/${summit.id}`;
    const description = [
      `The ${meeting}, hosted by ${host}${summit.mode ? `, ${modeText[summit.mode]}` : ''}, ${summit.startDate === summit.endDate ? summit.startDate : `${summit.startDate} to ${summit.endDate}`}${summit.status === 'planned' ? ' (planned)' : ''}.`,
      `Decisions: ${decisions.length ? `${decisions.join('; ')}.` : 'no status decision.'}`,
      handover
        ? `Chair: ${name(handover.from)} (${handover.from}) hands over to ${name(handover.to)} (${handover.to}) for ${handover.period} (${handover.confidence.replace('_', ' ')}).`
        : 'Chair: no handover recorded.',
      ...(summit.note ? [`Note: ${summit.note}`] : []),
      `Confidence: ${summit.confidence.replace('_', ' ')}. Sources: ${sources.map((s) => `${s.title}, ${s.publisher}${s.url ? ` <${s.url}>` : ''}`).join('; ')}.`,
      `Data: ${url} (sco-api dataset ${version}, verified through ${verifiedThrough}).`,
    ];
    return {
      uid: `${summit.id}@sco-api`,
      start: summit.startDate,
      end: summit.endDate,
      summary:
        summit.series === 'sco'
          ? `SCO summit, ${summit.city} ${summit.startDate.slice(0, 4)}`
          : `Shanghai Five summit, ${summit.city} ${summit.startDate.slice(0, 4)}`,
      location: `${summit.city}, ${name(summit.host)}${summit.mode === 'virtual' ? ' (virtual)' : ''}`,
      description: description.join('\n'),
      url,
      status: summit.status === 'held' ? 'CONFIRMED' : 'TENTATIVE',
      categories: [summit.series === 'sco' ? 'SCO' : 'Shanghai Five', summit.status],
    };
  });
  return {
    prodId: '-//sco-api//SCO summits//EN',
    name: 'SCO summits',
    description: `Summits of the SCO Council of Heads of State and of the Shanghai Five, with their decisions and chair handovers (sco-api dataset ${version}, verified through ${verifiedThrough}).`,
    // The dataset's verifiedThrough day: the same bytes for the same data, wherever it is built.
    stamp: atMidnight(verifiedThrough),
    events,
  };
}
