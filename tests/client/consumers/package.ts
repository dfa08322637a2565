import { type Country, createScoClient, type ScoClient } from '@sco-api/client';

// A project that installed the packed @sco-api/client tarball and nothing else.
export async function run(baseUrl: string) {
  const sco = createScoClient(baseUrl);
  const { data, error } = await sco.GET('/v1/countries', {
    params: {
      query: { status: ['member', 'observer'], asOf: '2016-01-01', sort: ['-code'], fields: ['code', 'status'] },
    },
  });
  if (error) throw new Error(error.detail);
  const countries: Pick<Country, 'code' | 'status'>[] = data.data;
  const belarus = await sco.GET('/v1/countries/{code}', { params: { path: { code: 'BLR' } } });
  const bad = await sco.GET('/v1/summits', { params: { query: { year: 20245 } } });
  return {
    countries: countries.map((c) => `${c.code}:${c.status}`),
    belarus: belarus.data?.data.statuses.map((p) => p.status),
    problem: bad.error?.errors?.map((e) => e.name),
  };
}

export function doesNotCompile(sco: ScoClient) {
  // @ts-expect-error 'memberz' is not a status
  sco.GET('/v1/countries', { params: { query: { status: ['memberz'] } } });
  // @ts-expect-error '/v1/country' is not a path
  sco.GET('/v1/country');
  // @ts-expect-error 'virtuel' is not a summit mode
  sco.GET('/v1/summits', { params: { query: { mode: ['virtuel'] } } });
}
