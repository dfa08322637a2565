import autocannon from 'autocannon';
import { randomDate } from '../load-mix.js';

// The read load of the scale test: every endpoint, repeats and unique dates, conditional and
// compressed requests, with each answer recorded: its status, its ETag per request, and the
// datasetVersion it came from.

const FIXED = [
  '/',
  '/v1/countries',
  '/v1/countries?status=member&asOf=2024-07-04&lang=fr',
  '/v1/countries?q=stan',
  '/v1/countries/BY',
  '/v1/countries/blr/statuses',
  '/v1/statuses?limit=100',
  '/v1/statuses?country=IN&from=2005-01-01&to=2020-12-31',
  '/v1/changes?from=2015-01-01&to=2025-12-31',
  '/v1/snapshots/latest',
  '/v1/snapshots/2017-06-09',
  '/v1/summits?limit=50',
  '/v1/summits/2024-astana',
  '/v1/events?summit=2024-astana',
  '/v1/events?q=main%20dans%20la%20main',
  '/v1/sources?limit=100',
  '/v1/sources/article-fr-astana-2024',
  '/v1/meta',
  '/v1/download/statuses.csv',
  '/v1/download/sco.json',
  '/openapi.json',
  '/healthz',
  '/readyz',
];

export interface PhaseResult {
  name: string;
  seconds: number;
  requests: number;
  /** Answers per status code. */
  statuses: Record<string, number>;
  /** Answers other than 2xx and 304. */
  failed: number;
  /** Connections refused, reset or closed without an answer, as the client saw them. */
  connectionErrors: number;
  /** Requests not answered within the client's timeout (30 s, twice HAProxy's wait for a replica). */
  timeouts: number;
  p50: number;
  p99: number;
  requestsPerSecond: number;
  /** Conditional requests sent, and how many were answered 304. */
  conditional: number;
  notModified: number;
  /** Requests repeated with different ETags in 200 answers (a repeat whose answer changed). */
  keysWithSeveralEtags: number;
  /** Answers per datasetVersion (read from the JSON body, or from an ETag seen with one). */
  versions: Record<string, number>;
  /** The distinct ETags per datasetVersion. */
  etagsPerVersion: Record<string, number>;
  /** 200s with a version read from the body or known from their ETag, and those without. */
  unclassified: number;
}

/** What the load learns as it goes, shared by every phase: ETags per request, versions per ETag. */
export class Knowledge {
  readonly etagByKey = new Map<string, string>();
  readonly versionByEtag = new Map<string, string>();
}

export interface LoadOptions {
  url: string;
  name: string;
  connections: number;
  /** Upper bounds: the load stops at whichever comes first, or when stop() is called. */
  maxSeconds: number;
  maxRequests: number;
  /** Requests a second for all connections together; unset: as fast as the server answers. */
  rate?: number;
  knowledge: Knowledge;
}

function addTo(sets: Map<string, Set<string>>, key: string, value: string) {
  const set = sets.get(key) ?? new Set<string>();
  set.add(value);
  sets.set(key, set);
}

interface Planned {
  key: string;
  conditional: boolean;
}

/** Starts the load; `stop()` ends it early; `done` resolves with the phase's figures. */
export function startLoad(options: LoadOptions): { stop: () => void; done: Promise<PhaseResult> } {
  const { knowledge } = options;
  const statuses: Record<string, number> = {};
  const etagsByKey = new Map<string, Set<string>>();
  const versions: Record<string, number> = {};
  const etagsPerVersion = new Map<string, Set<string>>();
  let conditional = 0;
  let notModified = 0;
  let unclassified = 0;
  let n = 0;

  const setupRequest = (request: autocannon.Request, context: Record<string, unknown>) => {
    n++;
    const headers: Record<string, string> = {};
    let path = FIXED[n % FIXED.length] as string;
    let unique = false;
    if (n % 7 === 0) {
      path = `/v1/snapshots/${randomDate()}`;
      unique = true;
    } else if (n % 11 === 0) {
      path = `/v1/countries?asOf=${randomDate()}&format=csv`;
      unique = true;
    }
    // Compressed answers of the repeated requests (ETag per coding); a unique date stays plain.
    if (!unique && n % 5 === 0) headers['accept-encoding'] = n % 10 === 0 ? 'br' : 'gzip';
    if (n % 13 === 0) headers['accept-language'] = 'ru';
    const key = `${path} ${headers['accept-encoding'] ?? ''} ${headers['accept-language'] ?? ''}`;
    // A third of the repeats revalidate what an earlier answer (from any replica) gave.
    const known = knowledge.etagByKey.get(key);
    const planned: Planned = { key, conditional: known !== undefined && n % 3 === 0 };
    if (planned.conditional && known) headers['if-none-match'] = known;
    context.planned = planned;
    return { ...request, method: 'GET' as const, path, headers };
  };

  const onResponse = (status: number, body: string, context: Record<string, unknown>, raw: unknown) => {
    const planned = context.planned as Planned;
    const headers = Object.fromEntries(
      Object.entries((raw ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (planned.conditional) conditional++;
    if (status === 304) notModified++;
    const etag = headers.etag;
    if (!etag || (status !== 200 && status !== 304)) return;
    if (status === 200) {
      knowledge.etagByKey.set(planned.key, etag);
      addTo(etagsByKey, planned.key, etag);
      const fromBody =
        !headers['content-encoding'] && headers['content-type']?.startsWith('application/json')
          ? /"datasetVersion":"([^"]+)"/.exec(body)?.[1]
          : undefined;
      if (fromBody) knowledge.versionByEtag.set(etag, fromBody);
    }
    const version = knowledge.versionByEtag.get(etag);
    if (version === undefined) {
      unclassified++;
      return;
    }
    versions[version] = (versions[version] ?? 0) + 1;
    addTo(etagsPerVersion, version, etag);
  };

  const started = performance.now();
  let finish: (result: PhaseResult) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const done = new Promise<PhaseResult>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      // amount bounds the count; the timer below bounds the time.
      amount: options.maxRequests,
      timeout: 30,
      ...(options.rate ? { overallRate: options.rate } : {}),
      requests: [{ setupRequest: setupRequest as never, onResponse: onResponse as never }],
    },
    (error, result) => {
      clearTimeout(timer);
      if (error) return fail(error);
      const seconds = (performance.now() - started) / 1000;
      const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
      const failed = Object.entries(statuses)
        .filter(([code]) => !(code.startsWith('2') || code === '304'))
        .reduce((a, [, count]) => a + count, 0);
      finish({
        name: options.name,
        seconds: Math.round(seconds * 10) / 10,
        requests,
        statuses,
        failed,
        // autocannon counts timeouts among its errors.
        connectionErrors: result.errors - result.timeouts,
        timeouts: result.timeouts,
        p50: result.latency.p50,
        p99: result.latency.p99,
        requestsPerSecond: Math.round(requests / seconds),
        conditional,
        notModified,
        keysWithSeveralEtags: [...etagsByKey.values()].filter((tags) => tags.size > 1).length,
        versions,
        etagsPerVersion: Object.fromEntries([...etagsPerVersion].map(([version, tags]) => [version, tags.size])),
        unclassified,
      });
    },
  );
  const timer = setTimeout(() => instance.stop(), options.maxSeconds * 1000);
  return { stop: () => instance.stop(), done };
}

/** The repeated requests of the mix, each with the headers of its variants: for direct comparisons. */
export function fixedVariants(): { path: string; headers: Record<string, string> }[] {
  // Health answers are not for caches: they carry no ETag.
  return FIXED.filter((path) => !/^\/(healthz|readyz)$/.test(path)).flatMap((path) =>
    ['identity', 'gzip', 'br'].map((encoding) => ({ path, headers: { 'accept-encoding': encoding } })),
  );
}
