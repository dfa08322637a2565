import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../dataset/paths.js';
import type { App } from '../../src/app.js';
import { buildTestApp } from '../helpers.js';

// The MCP server through the SDK's own client, over stdio (`npm run -s mcp`) and over HTTP (/mcp),
// its answers checked against the JSON API's.

interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: {
    data: unknown;
    datasetVersion: string;
    verifiedThrough: string;
    sources: { id: string; url: string | null; title: string }[];
  };
}

let app: App;
let port: number;
beforeAll(async () => {
  app = await buildTestApp();
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => app?.close());

const api = async (url: string) => (await app.inject(url)).json();

const transports: Record<string, () => Transport> = {
  stdio: () =>
    new StdioClientTransport({
      command: 'npm',
      args: ['run', '-s', 'mcp'],
      cwd: projectRoot,
      env: { ...(process.env as Record<string, string>), DATABASE_PATH: inject('databasePath') },
      stderr: 'pipe',
    }),
  http: () => new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)),
};

describe.each(Object.keys(transports))('the MCP server over %s', (kind) => {
  const client = new Client({ name: 'sco-api-test', version: '1.0.0' });
  const transportErrors: string[] = [];

  beforeAll(async () => {
    const transport = (transports[kind] as () => Transport)();
    // A line on stdout that is not a protocol message shows up here.
    transport.onerror = (error) => transportErrors.push(error.message);
    await client.connect(transport);
  }, 60_000);
  afterAll(async () => client.close());

  async function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
    return (await client.callTool({ name, arguments: args })) as ToolResult;
  }

  function expectSourced(result: ToolResult) {
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    const body = result.structuredContent;
    expect(body?.verifiedThrough).toBe('2026-09-04');
    expect(body?.datasetVersion).toBe('1.1.0');
    expect(body?.sources.length, 'the result carries its sources').toBeGreaterThan(0);
    expect(JSON.parse(result.content[0]?.text ?? '{}'), 'the text is the same result').toEqual(body);
    return body as NonNullable<ToolResult['structuredContent']>;
  }

  it('lists the tools, each description telling the assistant to cite the sources', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'applications',
      'changes',
      'country',
      'search_countries',
      'snapshot',
      'summits',
    ]);
    for (const tool of tools) {
      expect(tool.description, tool.name).toContain('cite the sources');
      expect(tool.description, tool.name).toContain('verifiedThrough');
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    }
    const snapshot = tools.find((t) => t.name === 'snapshot');
    expect(snapshot?.inputSchema.required).toEqual(['date']);
  });

  it('snapshot for 2010-01-01: 6 members, 4 observers, 2 dialogue partners, chair Uzbekistan, with sources', async () => {
    const body = expectSourced(await call('snapshot', { date: '2010-01-01' }));
    const data = body.data as { counts: object; chair: string; chairName: string; countries: object };
    expect(data.counts).toEqual({ member: 6, observer: 4, dialogue_partner: 2, partner: 0 });
    expect(data.chair).toBe('UZ');
    expect(data.chairName).toBe('Uzbekistan');
    const fromApi = (await api('/v1/snapshots/2010-01-01')).data;
    expect(data.countries).toEqual(fromApi.countries);
    expect(body.sources.every((s) => typeof s.title === 'string')).toBe(true);
  });

  it('country: one country with its history, as GET /v1/countries answers', async () => {
    const body = expectSourced(await call('country', { code: 'blr', asOf: '2024-07-04' }));
    const fromApi = (await api('/v1/countries/BY?asOf=2024-07-04')).data;
    expect(body.data).toEqual(fromApi);
    expect((body.data as { wikidata: string }).wikidata).toBe('Q184');
  });

  it('changes between two dates, as GET /v1/changes answers', async () => {
    const body = expectSourced(await call('changes', { from: '2024-01-01', to: '2024-12-31' }));
    expect(body.data).toEqual((await api('/v1/changes?from=2024-01-01&to=2024-12-31')).data);
    expect(body.data).toEqual([
      { date: '2024-07-04', country: 'BY', previousStatus: 'observer', status: 'member', decidedAt: '2024-astana' },
    ]);
  });

  it('summits: one by id, or a filtered list', async () => {
    const one = expectSourced(await call('summits', { id: '2024-astana' }));
    expect(one.data).toEqual((await api('/v1/summits/2024-astana')).data);
    const list = expectSourced(await call('summits', { year: 2024 }));
    expect((list.data as { id: string }[]).map((s) => s.id)).toEqual(['2024-astana']);
    const hosted = expectSourced(await call('summits', { host: 'UZ', series: ['sco'] }));
    expect((hosted.data as { id: string }[]).map((s) => s.id)).toEqual(
      (await api('/v1/summits?host=UZ&series=sco&sort=id')).data.map((s: { id: string }) => s.id),
    );
  });

  it('applications: the pending ones, and one country’s, as /v1/applications answers them', async () => {
    const pending = expectSourced(await call('applications', { outcome: ['pending'] }));
    expect((pending.data as { id: string }[]).map((a) => a.id)).toEqual(['am-member-2025']);
    const iran = expectSourced(await call('applications', { country: 'IRN' }));
    expect(iran.data).toEqual((await api('/v1/applications?country=IR')).data);
  });

  it('search_countries finds names in any of the four languages', async () => {
    for (const [q, code] of [
      ['bielo', 'BY'],
      ['Kirghiz', 'KG'],
      ['Беларусь', 'BY'],
      ['白俄罗斯', 'BY'],
    ]) {
      const body = expectSourced(await call('search_countries', { q }));
      expect(
        (body.data as { code: string }[]).map((c) => c.code),
        q,
      ).toEqual([code]);
    }
  });

  it('answers bad input with a tool error naming the argument, and keeps serving', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['snapshot', { date: '2010-02-30' }, 'date'],
      ['snapshot', {}, 'date'],
      ['country', { code: 'XX' }, 'code'],
      ['country', { code: 'FR' }, 'code'],
      ['changes', { from: '2024-12-31', to: '2024-01-01' }, 'to'],
      ['summits', { id: '2099-nowhere' }, 'id'],
      ['search_countries', { q: '' }, 'q'],
    ];
    for (const [tool, args, argument] of cases) {
      const result = await call(tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(result.content[0]?.text, `${tool} ${JSON.stringify(args)}`).toMatch(new RegExp(`\\b${argument}\\b`));
    }
    expect((await call('snapshot', { date: '2010-01-01' })).isError).toBeFalsy();
    expect(transportErrors, 'transport errors (e.g. a non-protocol line on stdout)').toEqual([]);
  });
});

describe('the /mcp endpoint', () => {
  it('refuses GET with 405 and Allow: POST (stateless: no event stream)', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/mcp`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
