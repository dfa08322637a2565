/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The DOM types of the page's modules (web/src), which this test draws into happy-dom's document.
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountryDetail, Source } from '../../src/client/index.js';
import { type Application, applicationsOf } from '../../web/src/applications.js';
import { messages } from '../../web/src/i18n/index.js';
import { countrySources, countryView, type ViewContext } from '../../web/src/views.js';
import { getJson, useApp } from '../helpers.js';

// A country's applications in the Explorer (issue 14's resource, /work/shared/API.md "Application"):
// Armenia's real /v1/countries/AM answer, with an `applications` list added in the documented shape
// (the mocked part), drawn into a DOM (happy-dom); and the same answer without the list.
const ctx = useApp();

const window = new Window({ url: 'http://localhost/explorer/' });
const globals = globalThis as unknown as { document?: unknown };
let previousDocument: unknown;
beforeAll(() => {
  previousDocument = globals.document;
  globals.document = window.document;
});
afterAll(async () => {
  globals.document = previousDocument;
  await window.happyDOM.close();
});

const applications: Application[] = [
  {
    id: 'am-member-2025',
    country: 'AM',
    requested: 'member',
    filedOn: '2025-07-01',
    filedPrecision: 'month',
    outcome: 'pending',
    resolvedOn: null,
    resolvedBy: null,
    grantedPeriod: null,
    milestones: [{ date: '2025-07-01', precision: 'month', kind: 'filed', summit: null, sources: ['mock-filed'] }],
    confidence: 'single_source',
    sources: ['mock-filed'],
    note: 'Reported by the foreign ministry.',
  },
  {
    id: 'am-observer-2015',
    country: 'AM',
    requested: 'observer',
    filedOn: '2015-01-01',
    filedPrecision: 'year',
    outcome: 'superseded',
    resolvedOn: '2015-07-10',
    resolvedBy: '2015-ufa',
    grantedPeriod: null,
    milestones: [],
    confidence: 'confirmed',
    sources: ['mock-ufa'],
    note: null,
  },
];

const source = (id: string, title: string): Source => ({
  id,
  title,
  publisher: 'Mock publisher',
  url: `https://example.org/${id}`,
  language: 'en',
  publishedOn: '2025-07-02',
});

async function armenia(): Promise<CountryDetail> {
  const response = await getJson(ctx.app, '/v1/countries/AM?lang=fr');
  expect(response.status).toBe(200);
  expect(response.body.data.name).toBe('Arménie');
  return response.body.data;
}

function render(country: CountryDetail, lang: 'fr' | 'en') {
  const context: ViewContext = { lang, t: messages[lang], nameOf: (code) => code, linkTo: () => '/explorer/' };
  const ids = countrySources(country);
  const sources = new Map(
    ids.map((id) => [id, id.startsWith('mock-') ? source(id, `Title of ${id}`) : source(id, 'real')]),
  );
  // happy-dom's element, typed as the page's modules see it.
  const body = window.document.createElement('div') as unknown as HTMLDivElement;
  body.append(...countryView(country, sources, context, () => {}));
  return { body, ids };
}

describe('the applications of a country in the Explorer', () => {
  it('are listed, oldest first, in French, with outcome, steps and sources, when the API gives them', async () => {
    const country = { ...(await armenia()), applications } as CountryDetail;
    expect(applicationsOf(country)?.map((a) => a.id)).toEqual(['am-observer-2015', 'am-member-2025']);
    const { body, ids } = render(country, 'fr');
    expect(ids, 'the sources to fetch include the applications’').toEqual(
      expect.arrayContaining(['mock-filed', 'mock-ufa']),
    );
    const section = body.querySelector('[data-testid="applications"]');
    expect(section, 'the applications section').not.toBeNull();
    expect(section?.querySelector('h3')?.textContent).toBe('Candidatures');
    const rows = [...(section?.querySelectorAll('tbody tr') ?? [])].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows[0]?.slice(0, 3)).toEqual(['observateur', '2015', 'dépassée, 10 juillet 2015 (2015-ufa)']);
    expect(rows[1]?.slice(0, 3)).toEqual(['membre', 'juillet 2025', 'en attente']);
    // The step, then the number of its note: Armenia's status periods are cited first, then the 2015
    // application's source, then this one.
    const periodSources = new Set(country.statuses.flatMap((p) => p.sources)).size;
    expect(rows[1]?.[3]).toBe(`juillet 2025 : dépôt ${periodSources + 2}`);
    // Each application links to its notes, and each note to the source's page.
    const ref = section?.querySelector('tr[data-application="am-member-2025"] td:last-child a.ref');
    const note = body.querySelector(ref?.getAttribute('href') ?? '#none');
    expect(note?.querySelector('a')?.getAttribute('href')).toBe('https://example.org/mock-filed');
    expect(section?.querySelector('p.note')?.textContent).toBe('membre\u00a0: Reported by the foreign ministry.');
  });

  it('say so when the list is empty', async () => {
    const { body } = render({ ...(await armenia()), applications: [] } as CountryDetail, 'en');
    expect(body.querySelector('[data-testid="applications"]')?.textContent).toBe(
      'ApplicationsNo application recorded.',
    );
  });

  it('are left out, without an error, when the API does not list them (or lists something else)', async () => {
    // As this branch's API answers (and an older server would, once the resource exists).
    const { applications: _, ...country } = (await armenia()) as CountryDetail & { applications?: unknown };
    const { body } = render(country as CountryDetail, 'fr');
    expect(body.querySelector('[data-testid="applications"]')).toBeNull();
    expect(body.querySelector('table.history caption')?.textContent).toMatch(/^Historique des statuts/);
    const malformed = { ...country, applications: [{ id: 1 }] } as unknown as CountryDetail;
    expect(applicationsOf(malformed)).toBeNull();
    expect(render(malformed, 'fr').body.querySelector('[data-testid="applications"]')).toBeNull();
  });
});
