import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

// A typed client for this API: types generated from openapi.json by openapi-typescript
// (`npm run openapi`), requests made by openapi-fetch.

export type { components, operations, paths };

type Schemas = components['schemas'];
export type Country = Schemas['Country'];
export type CountryDetail = Schemas['CountryDetail'];
export type StatusPeriod = Schemas['StatusPeriod'];
export type Change = Schemas['Change'];
export type Snapshot = Schemas['Snapshot'];
export type Summit = Schemas['Summit'];
export type SummitDetail = Schemas['SummitDetail'];
export type Event = Schemas['Event'];
export type Source = Schemas['Source'];
export type Meta = Schemas['Meta'];
export type Problem = Schemas['Problem'];

export function createScoClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}) {
  // JSON bodies and JSON problems: lists also answer text/csv, which this client does not ask for.
  // Lists go as the document says (style form, explode false): `status=member,observer`.
  return createClient<paths, `${string}/${string}json`>({
    querySerializer: { array: { style: 'form', explode: false } },
    ...options,
    baseUrl,
  });
}

export type ScoClient = ReturnType<typeof createScoClient>;
