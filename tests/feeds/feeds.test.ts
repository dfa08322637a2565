import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers.js';

// Feeds parsed by well-kept parsers and checked against the API's own JSON answers.

interface AtomLink {
  '@_rel': string;
  '@_href': string;
  '@_type'?: string;
  '@_title'?: string;
}
interface AtomEntry {
  id: string;
  title: { '#text': string; '@_xml:lang'?: string };
  updated: string;
  published: string;
  summary: { '#text': string; '@_type': string; '@_xml:lang': string };
  content: { '#text': string };
  link: AtomLink[];
  category: { '@_term': string }[];
}
interface Atom {
  feed: {
    '@_xmlns': string;
    '@_xml:lang': string;
    id: string;
    title: { '#text': string } | string;
    updated: string;
    author: { name: string };
    link: AtomLink[];
    entry: AtomEntry[];
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  textNodeName: '#text',
  alwaysCreateTextNode: true,
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
  parseTagValue: false,
});

function parseAtom(body: string): Atom {
  expect(XMLValidator.validate(body), 'the feed is well-formed XML').toBe(true);
  const atom = parser.parse(body) as Atom;
  // With alwaysCreateTextNode, plain elements come back as { '#text' }.
  for (const entry of atom.feed.entry) {
    entry.id = (entry.id as unknown as { '#text': string })['#text'];
    entry.updated = (entry.updated as unknown as { '#text': string })['#text'];
    entry.published = (entry.published as unknown as { '#text': string })['#text'];
  }
  atom.feed.updated = (atom.feed.updated as unknown as { '#text': string })['#text'];
  return atom;
}

const tagUri = /^tag:sco-api,2026:[a-z]+\/[A-Za-z0-9/._-]+$/;

describe('GET /v1/feeds/changes.atom', () => {
  const holder = useApp();

  it('is an Atom feed with one entry per change of /v1/changes, newest first, each with a stable tag URI', async () => {
    const res = await holder.app.inject('/v1/feeds/changes.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const { feed } = parseAtom(res.body);
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.author.name, 'atom:author is required').toBeTruthy();
    const changes = (await holder.app.inject('/v1/changes?limit=500')).json();
    expect(feed.entry).toHaveLength(changes.meta.total);
    expect(changes.meta.total).toBe(48);
    const dates = feed.entry.map((e) => e.updated);
    expect(dates, 'newest first').toEqual([...dates].sort().reverse());
    expect(new Set(feed.entry.map((e) => e.id)).size, 'ids are unique').toBe(feed.entry.length);
    for (const entry of feed.entry) expect(entry.id).toMatch(tagUri);
    expect(feed.updated).toBe(dates[0]);
    for (const change of changes.data) {
      const entry = feed.entry.find((e) => e.id === `tag:sco-api,2026:changes/${change.date}/${change.country}`);
      expect(entry, `an entry for ${change.country} on ${change.date}`).toBeDefined();
      expect(entry?.updated).toBe(`${change.date}T00:00:00Z`);
      expect(entry?.category[0]?.['@_term']).toBe(change.status);
      const alternate = entry?.link.find((l) => l['@_rel'] === 'alternate');
      expect(alternate?.['@_href']).toBe(`http://127.0.0.1:3000/v1/countries/${change.country}`);
    }
  });

  it('describes Belarus joining at Astana, with the status period sources as related links', async () => {
    const { feed } = parseAtom((await holder.app.inject('/v1/feeds/changes.atom')).body);
    const entry = feed.entry.find((e) => e.id === 'tag:sco-api,2026:changes/2024-07-04/BY') as AtomEntry;
    expect(entry.title['#text']).toBe('Belarus: observer → member');
    expect(entry.summary['#text']).toBe(
      'Belarus (BY) became a member of the SCO on 2024-07-04, previously an observer; decided at the summit 2024-astana.',
    );
    expect(entry.summary['@_xml:lang']).toBe('en');
    const period = (await holder.app.inject('/v1/statuses?country=BY&status=member')).json().data[0];
    const sources = (await holder.app.inject('/v1/sources?limit=500')).json().data as { id: string; url: string }[];
    const urls = sources.filter((s) => period.sources.includes(s.id) && s.url).map((s) => s.url);
    expect(urls.length).toBeGreaterThan(1);
    const related = entry.link.filter((l) => l['@_rel'] === 'related').map((l) => l['@_href']);
    expect(related).toEqual(['http://127.0.0.1:3000/v1/summits/2024-astana', ...urls]);
    expect(entry.content['#text']).toContain('confidence: confirmed');
  });

  it('gives titles in French, Russian or Chinese with lang=, the summary staying English', async () => {
    const titles: Record<string, string> = {
      fr: 'Biélorussie: observateur → membre',
      ru: 'Беларусь: наблюдатель → государство-член',
      zh: '白俄罗斯: 观察员国 → 成员国',
    };
    for (const [lang, title] of Object.entries(titles)) {
      const { feed } = parseAtom((await holder.app.inject(`/v1/feeds/changes.atom?lang=${lang}`)).body);
      expect(feed['@_xml:lang']).toBe(lang);
      const entry = feed.entry.find((e) => e.id === 'tag:sco-api,2026:changes/2024-07-04/BY') as AtomEntry;
      expect(entry.title['#text'], lang).toBe(title);
      expect(entry.summary['@_xml:lang']).toBe('en');
      const self = feed.link.find((l) => l['@_rel'] === 'self');
      expect(self?.['@_href']).toBe(`http://127.0.0.1:3000/v1/feeds/changes.atom?lang=${lang}`);
    }
  });

  it('is cached like the rest of the API: an ETag, and 304 on If-None-Match', async () => {
    const first = await holder.app.inject('/v1/feeds/changes.atom');
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{12}-[0-9a-f]{24}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    const again = await holder.app.inject({
      url: '/v1/feeds/changes.atom',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers a problem for a bad lang, an unknown parameter, and an Accept it cannot meet', async () => {
    const badLang = await holder.app.inject('/v1/feeds/changes.atom?lang=de');
    expect(badLang.statusCode).toBe(400);
    expect(badLang.json().errors[0].name).toBe('lang');
    const unknown = await holder.app.inject('/v1/feeds/events.atom?limit=5');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('limit');
    const json = await holder.app.inject({ url: '/v1/feeds/changes.atom', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(406);
    expect(json.json().detail).toContain('application/atom+xml');
    const atom = await holder.app.inject({
      url: '/v1/feeds/changes.atom',
      headers: { accept: 'application/atom+xml' },
    });
    expect(atom.statusCode).toBe(200);
  });
});

describe('GET /v1/feeds/events.atom', () => {
  const holder = useApp();

  it('has one entry per event of /v1/events, newest first, linked to the summit or the day', async () => {
    const { feed } = parseAtom((await holder.app.inject('/v1/feeds/events.atom')).body);
    const events = (await holder.app.inject('/v1/events?limit=500')).json();
    expect(feed.entry).toHaveLength(events.meta.total);
    // 100 events in dataset 1.1.0 (96 before the Bishkek summit, its handover and two statements).
    expect(events.meta.total).toBe(100);
    const dates = feed.entry.map((e) => e.updated);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const event of events.data) {
      const entry = feed.entry.find((e) => e.id === `tag:sco-api,2026:events/${event.id}`);
      expect(entry, event.id).toBeDefined();
      expect(entry?.title['#text']).toBe(event.title.en);
      expect(entry?.updated).toBe(`${event.date}T00:00:00Z`);
      const alternate = entry?.link.find((l) => l['@_rel'] === 'alternate')?.['@_href'];
      expect(alternate).toBe(
        event.summit
          ? `http://127.0.0.1:3000/v1/summits/${event.summit}`
          : `http://127.0.0.1:3000/v1/events?from=${event.date}&to=${event.date}`,
      );
      for (const code of event.countries) expect(entry?.summary['#text']).toContain(`(${code})`);
    }
  });

  it('uses the French title where one exists with lang=fr, and marks an English fallback', async () => {
    const { feed } = parseAtom((await holder.app.inject('/v1/feeds/events.atom?lang=fr')).body);
    const entry = feed.entry.find((e) => e.id === 'tag:sco-api,2026:events/2024-07-04-xi-main-dans-la-main');
    expect(entry?.title['#text']).toBe(
      'Xi Jinping : les États membres de l’OCS doivent résister ensemble aux tentatives d’ingérence extérieure',
    );
    expect(entry?.title['@_xml:lang']).toBeUndefined();
    const ru = parseAtom((await holder.app.inject('/v1/feeds/events.atom?lang=ru')).body).feed;
    const fallback = ru.entry.find((e) => e.id === 'tag:sco-api,2026:events/2024-07-04-xi-main-dans-la-main');
    expect(fallback?.title['@_xml:lang']).toBe('en');
  });
});

describe('GET /v1/feeds/summits.ics', () => {
  const holder = useApp();

  it('is RFC 5545 text: CRLF line ends, lines of at most 75 octets', async () => {
    const res = await holder.app.inject('/v1/feeds/summits.ics');
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(res.body.replaceAll('\r\n', ''), 'no bare LF or CR').not.toMatch(/[\r\n]/);
    const long = res.body.split('\r\n').filter((line) => Buffer.byteLength(line) > 75);
    expect(long, 'lines over 75 octets').toEqual([]);
  });

  it('has one all-day VEVENT per summit with dates, none for the planned summit without dates', async () => {
    const calendar = new ICAL.Component(ICAL.parse((await holder.app.inject('/v1/feeds/summits.ics')).body));
    const vevents = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const summits = (await holder.app.inject('/v1/summits?limit=500')).json().data as {
      id: string;
      startDate: string | null;
      endDate: string | null;
      city: string;
    }[];
    const dated = summits.filter((s) => s.startDate && s.endDate);
    expect(summits).toHaveLength(32);
    expect(vevents).toHaveLength(dated.length);
    expect(vevents.map((v) => v.uid)).toContain('2026-bishkek@sco-api');
    expect(vevents.map((v) => v.uid)).not.toContain('2027-pakistan@sco-api');
    for (const summit of dated) {
      const event = vevents.find((v) => v.uid === `${summit.id}@sco-api`);
      expect(event, summit.id).toBeDefined();
      expect(event?.startDate.isDate, 'all-day').toBe(true);
      expect(event?.startDate.toString()).toBe(summit.startDate);
      const after = new Date(`${summit.endDate}T00:00:00Z`);
      after.setUTCDate(after.getUTCDate() + 1);
      expect(event?.endDate.toString(), 'DTEND is the day after the last day').toBe(after.toISOString().slice(0, 10));
      expect(event?.location.startsWith(`${summit.city}, `)).toBe(true);
      expect(event?.component.getFirstPropertyValue('url')).toBe(`http://127.0.0.1:3000/v1/summits/${summit.id}`);
    }
  });

  it("describes Astana 2024's decisions and chair handover", async () => {
    const calendar = new ICAL.Component(ICAL.parse((await holder.app.inject('/v1/feeds/summits.ics')).body));
    const astana = calendar
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .find((v) => v.uid === '2024-astana@sco-api') as ICAL.Event;
    expect(astana.summary).toBe('SCO summit, Astana 2024');
    expect(astana.location).toBe('Astana, Kazakhstan');
    expect(astana.description).toContain('Decisions: Belarus (BY): observer → member.');
    expect(astana.description).toContain('Chair: Kazakhstan (KZ) hands over to China (CN) for 2024-2025');
    expect(astana.description.split('\n')[0]).toBe(
      'The 24th meeting of the SCO Council of Heads of State, hosted by Kazakhstan (KZ), in person, 2024-07-03 to 2024-07-04.',
    );
  });
});

describe('the feeds are linked', () => {
  const holder = useApp();

  it('from /, /v1/meta and the OpenAPI document, with their media types', async () => {
    const index = (await holder.app.inject('/')).json().data.links;
    const meta = (await holder.app.inject('/v1/meta')).json().data.links;
    for (const links of [index, meta]) {
      expect(links).toMatchObject({
        changesFeed: '/v1/feeds/changes.atom',
        eventsFeed: '/v1/feeds/events.atom',
        summitsCalendar: '/v1/feeds/summits.ics',
      });
    }
    const paths = (await holder.app.inject('/openapi.json')).json().paths;
    expect(Object.keys(paths['/v1/feeds/changes.atom'].get.responses['200'].content)).toEqual(['application/atom+xml']);
    expect(Object.keys(paths['/v1/feeds/events.atom'].get.responses['200'].content)).toEqual(['application/atom+xml']);
    expect(Object.keys(paths['/v1/feeds/summits.ics'].get.responses['200'].content)).toEqual(['text/calendar']);
  });
});
