import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { modeValues, seriesValues } from '../../dataset/vocabulary.js';
import { countryFilter } from '../domain/codes.js';
import { InvalidParameterError, NotFoundError } from '../domain/errors.js';
import { checkRange } from '../domain/range.js';
import { todayUtc } from '../domain/today.js';
import type { Repositories } from '../plugins/repositories.js';
import { isoDate, statusEnum } from '../schemas/primitives.js';
import { countryParam, langParam, qParam, summitId } from '../schemas/query.js';

// The MCP tools: the same Zod parameter schemas and the same repository functions as the HTTP routes,
// each answer wrapped with the sources it rests on and the dataset's verifiedThrough.

const CITE =
  ' The result carries `sources` (id, title, publisher, url, language, publishedOn) and `verifiedThrough`: cite the sources, and say that facts after verifiedThrough may be missing.';

/** What applications look like to the tool; the repository comes with issue #14 (/v1/applications). */
export interface ApplicationRepository {
  list(filter: {
    country?: string | null;
    requested?: string[];
    outcome?: string[];
    pendingOn?: string;
    from?: string;
    to?: string;
  }): { sources: string[] }[];
}

type ToolRepositories = Repositories & { applications?: ApplicationRepository };

function answer(repos: ToolRepositories, data: unknown, sourceIds: string[]): CallToolResult {
  const { version, verifiedThrough } = repos.meta.info;
  const result = {
    data,
    datasetVersion: version,
    verifiedThrough,
    sources: repos.sources.byIds([...new Set(sourceIds)]),
  };
  return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
}

/** Domain errors become tool errors that name the argument; anything else is a plain failure, not a crash. */
function failure(error: unknown, argument: string): CallToolResult {
  const text =
    error instanceof InvalidParameterError
      ? error.message
      : error instanceof NotFoundError
        ? `${argument}: ${error.message}`
        : 'the tool failed on the server; try again';
  return { isError: true, content: [{ type: 'text', text }] };
}

function run(repos: ToolRepositories, argument: string, work: () => { data: unknown; sources: string[] }) {
  try {
    const { data, sources } = work();
    return answer(repos, data, sources);
  } catch (error) {
    return failure(error, argument);
  }
}

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: false } as const;

/** A new MCP server over the repositories (one per HTTP request, or one for a stdio session). */
export function createMcpServer(repos: ToolRepositories, version: string): McpServer {
  const server = new McpServer(
    { name: 'sco-api', title: 'SCO membership (sco-api)', version },
    {
      instructions:
        'Sourced data on the membership of the Shanghai Cooperation Organisation since 2001 (members, observers, dialogue partners, and partners since the 2025-09-01 merger), its summits and timeline. Every result lists its sources and the date the data is verified through: answer from these results rather than from memory, and cite the sources.',
    },
  );

  server.registerTool(
    'snapshot',
    {
      title: 'SCO composition on a date',
      description: `Members, observers, dialogue partners and partners of the SCO at the end of a day (counts and alpha-2 codes), and the chairing country.${CITE}`,
      inputSchema: {
        date: z
          .union([z.literal('latest'), isoDate])
          .describe('An RFC 3339 full date (YYYY-MM-DD), or latest for today (UTC)'),
      },
      annotations: readOnly,
    },
    async ({ date }) =>
      run(repos, 'date', () => {
        const day = date === 'latest' ? todayUtc() : date;
        const snapshot = repos.statuses.snapshot(day);
        const periods = repos.statuses.periods({ from: day, to: day });
        const chairSummit = snapshot.chair
          ? repos.summits
              .list({ to: day })
              .filter((s) => s.chairHandover?.to === snapshot.chair && s.endDate !== null && s.endDate <= day)
              .at(-1)
          : undefined;
        const names = new Map(repos.countries.records().map((c) => [c.code, c.names.en]));
        return {
          data: { ...snapshot, chairName: snapshot.chair ? (names.get(snapshot.chair) ?? null) : null },
          sources: [...periods.flatMap((p) => p.sources), ...(chairSummit?.chairHandover?.sources ?? [])],
        };
      }),
  );

  server.registerTool(
    'country',
    {
      title: 'One country and its SCO history',
      description: `A country (ISO alpha-2 or alpha-3 code) with its status on a date, its full history of status periods, and its Wikidata id.${CITE}`,
      inputSchema: {
        code: countryParam,
        asOf: isoDate.optional().describe('The date of `status` (default: today, UTC)'),
        lang: langParam,
      },
      annotations: readOnly,
    },
    async ({ code, asOf, lang }) =>
      run(repos, 'code', () => {
        const country = repos.countries.get(code, { asOf: asOf ?? todayUtc(), lang: lang ?? 'en' });
        return { data: country, sources: country.statuses.flatMap((p) => p.sources) };
      }),
  );

  server.registerTool(
    'changes',
    {
      title: 'Status changes between two dates',
      description: `Status changes (a country's new status, with the previous one and the summit that decided it) between two dates, both inclusive.${CITE}`,
      inputSchema: {
        from: isoDate.describe('First day (inclusive)'),
        to: isoDate.describe('Last day (inclusive)'),
        country: countryParam.optional(),
        status: z.array(statusEnum).optional().describe('Only changes to these statuses'),
      },
      annotations: readOnly,
    },
    async ({ from, to, country, status }) =>
      run(repos, 'country', () => {
        checkRange(from, to);
        const filter = { from, to, country: countryFilter(country), statuses: status };
        const changes = repos.statuses.changes(filter);
        const periods = repos.statuses
          .periods({ country: filter.country, statuses: status })
          .filter((p) => p.from >= from && p.from <= to);
        return { data: changes, sources: periods.flatMap((p) => p.sources) };
      }),
  );

  server.registerTool(
    'summits',
    {
      title: 'SCO summits',
      description: `One summit by id (e.g. 2024-astana), with its decisions, chair handover, events and citations; or the summits matching filters (year, host, series, mode, date range).${CITE}`,
      inputSchema: {
        id: summitId.optional(),
        year: z.number().int().min(1996).max(9999).optional().describe('Summits of that year'),
        host: countryParam.optional(),
        series: z.array(z.enum(seriesValues)).optional(),
        mode: z.array(z.enum(modeValues)).optional(),
        from: isoDate.optional().describe('Summits ending on or after this day'),
        to: isoDate.optional().describe('Summits starting on or before this day'),
      },
      annotations: readOnly,
    },
    async ({ id, year, host, series, mode, from, to }) =>
      run(repos, id ? 'id' : 'host', () => {
        if (id) {
          const summit = repos.summits.get(id);
          return { data: summit, sources: summit.citations.map((s) => s.id) };
        }
        checkRange(from, to);
        const summits = repos.summits.list({ year, host: countryFilter(host, 'host'), series, mode, from, to });
        return {
          data: summits,
          sources: summits.flatMap((s) => [...s.sources, ...(s.chairHandover?.sources ?? [])]),
        };
      }),
  );

  server.registerTool(
    'search_countries',
    {
      title: 'Find countries by name',
      description: `Countries that ever had an SCO status whose name matches, in English, French, Russian or Chinese (case- and accent-insensitive: "bielo", "Kirghiz", "Беларусь", "白俄罗斯"), with their status on a date.${CITE}`,
      inputSchema: {
        q: qParam.unwrap().describe('A name or part of one, in any of the four languages'),
        asOf: isoDate.optional().describe('The date of `status` (default: today, UTC)'),
        lang: langParam,
      },
      annotations: readOnly,
    },
    async ({ q, asOf, lang }) =>
      run(repos, 'q', () => {
        const countries = repos.countries.list({
          asOf: asOf ?? todayUtc(),
          lang: lang ?? 'en',
          q,
          includeFormer: true,
        });
        const codes = new Set(countries.map((c) => c.code));
        const periods = repos.statuses.periods({}).filter((p) => codes.has(p.country));
        return { data: countries, sources: periods.flatMap((p) => p.sources) };
      }),
  );

  // Hook for issue #14: registered once the repositories have `applications` (GET /v1/applications).
  const applications = repos.applications;
  if (applications) {
    server.registerTool(
      'applications',
      {
        title: 'Applications for an SCO status',
        description: `Requests for an SCO status and what became of them (pending, granted, superseded, withdrawn).${CITE}`,
        inputSchema: {
          country: countryParam.optional(),
          requested: z.array(statusEnum).optional(),
          outcome: z.array(z.enum(['pending', 'granted', 'superseded', 'withdrawn', 'unknown'])).optional(),
          pendingOn: isoDate.optional().describe('Filed on or before this day and not resolved by it'),
          from: isoDate.optional().describe('Filed on or after this day'),
          to: isoDate.optional().describe('Filed on or before this day'),
        },
        annotations: readOnly,
      },
      async ({ country, requested, outcome, pendingOn, from, to }) =>
        run(repos, 'country', () => {
          checkRange(from, to);
          const found = applications.list({ country: countryFilter(country), requested, outcome, pendingOn, from, to });
          return { data: found, sources: found.flatMap((a) => a.sources) };
        }),
    );
  }

  return server;
}
