import {
  type Change,
  type Country,
  type CountryDetail,
  createScoClient,
  type Meta,
  type Snapshot,
  type Source,
  type StatusPeriod,
  type Summit,
  type SummitDetail,
} from '@sco-api/client';
import type { Language } from './model.js';

// Every data call of the page goes through the client generated from openapi.json, to this origin.
const client = createScoClient(location.origin);

/** A failed call, with the API's problem detail when it sent one. */
export class ApiError extends Error {}

function dataOf<T>(result: { data?: { data: T }; error?: unknown; response: Response }, what: string): T {
  if (result.data) return result.data.data;
  const problem = result.error as { detail?: string } | undefined;
  throw new ApiError(`${what}: ${problem?.detail ?? `the server answered ${result.response.status}`}`);
}

const PAGE = 500;

export async function fetchSnapshot(date: string): Promise<Snapshot> {
  return dataOf(await client.GET('/v1/snapshots/{date}', { params: { path: { date } } }), `the snapshot of ${date}`);
}

/** Every country that ever had a status, with its status on `asOf` (or null). */
export async function fetchCountries(asOf: string, lang: Language): Promise<Country[]> {
  const query = { includeFormer: true, asOf, lang, limit: PAGE };
  return dataOf(await client.GET('/v1/countries', { params: { query } }), 'the countries');
}

export async function fetchCountry(code: string, lang: Language): Promise<CountryDetail> {
  const result = await client.GET('/v1/countries/{code}', { params: { path: { code }, query: { lang } } });
  return dataOf(result, `country ${code}`);
}

/** All the status changes, page by page (one page today). */
export async function fetchChanges(): Promise<Change[]> {
  const changes: Change[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const result = await client.GET('/v1/changes', { params: { query: { limit: PAGE, offset } } });
    if (!result.data) return dataOf(result, 'the changes');
    changes.push(...result.data.data);
    if (changes.length >= result.data.meta.total || result.data.data.length === 0) return changes;
  }
}

export async function fetchSummits(): Promise<Summit[]> {
  return dataOf(await client.GET('/v1/summits', { params: { query: { limit: PAGE } } }), 'the summits');
}

export async function fetchSummit(id: string): Promise<SummitDetail> {
  return dataOf(await client.GET('/v1/summits/{id}', { params: { path: { id } } }), `summit ${id}`);
}

export async function fetchMeta(): Promise<Meta> {
  return dataOf(await client.GET('/v1/meta'), 'the dataset description');
}

const sources = new Map<string, Promise<Source>>();

/** One source, asked once per page load. */
export function fetchSource(id: string): Promise<Source> {
  let source = sources.get(id);
  if (!source) {
    source = client
      .GET('/v1/sources/{id}', { params: { path: { id } } })
      .then((result) => dataOf(result, `source ${id}`))
      .catch((error: unknown) => {
        sources.delete(id);
        throw error;
      });
    sources.set(id, source);
  }
  return source;
}

/** The status periods a summit decided, each with its sources. */
export async function fetchPeriodsDecidedAt(summit: string): Promise<StatusPeriod[]> {
  const query = { decidedAt: summit, limit: PAGE };
  return dataOf(await client.GET('/v1/statuses', { params: { query } }), `the decisions of ${summit}`);
}
