import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { projectRoot } from '../../dataset/paths.js';
import { generateOpenapiDocument } from '../../scripts/openapi-document.js';
import { expectProblem, getJson, useApp } from '../helpers.js';
import { bodyProblems } from '../openapi-validator.js';

const ctx = useApp();
const committed = JSON.parse(readFileSync(join(projectRoot, 'openapi.json'), 'utf8'));
// As the bundled server runs: the document the build wrote, read from its files (src/server.ts), in
// JSON and in YAML as @fastify/swagger writes it (scripts/bundle.mjs).
const builtJson = JSON.parse(readFileSync(join(projectRoot, 'openapi.json'), 'utf8'));
const fromBuild = useApp(
  {},
  { openapiDocument: { json: builtJson, yaml: stringifyYaml(builtJson, { strict: false }) } },
);

interface Parameter {
  name: string;
  in: string;
  schema: unknown;
  example?: unknown;
  $ref?: string;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
}

function* queryParameters() {
  for (const [path, item] of Object.entries<Record<string, Operation>>(committed.paths)) {
    for (const operation of Object.values(item)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'query') yield { path, operation, parameter };
      }
    }
  }
}

function exampleOf(operation: Operation, name: string) {
  const parameter = operation.parameters?.find((p) => p.name === name);
  return parameter?.example ?? (parameter?.schema as { example?: unknown } | undefined)?.example;
}

describe('the OpenAPI contract', () => {
  it('serves exactly the committed openapi.json (run `npm run openapi` after a contract change)', async () => {
    const { status, body } = await getJson(ctx.app, '/openapi.json');
    expect(status).toBe(200);
    expect(body, 'the served document differs from openapi.json: run npm run openapi and review the diff').toEqual(
      committed,
    );
  });

  it('has committed client types generated from it (run `npm run openapi`)', async () => {
    const generated = astToString(await openapiTS(committed));
    const types = readFileSync(join(projectRoot, 'src/client/schema.d.ts'), 'utf8');
    expect(types.slice(types.indexOf('export interface paths')), 'src/client/schema.d.ts is stale').toBe(
      generated.slice(generated.indexOf('export interface paths')),
    );
  });

  it('is OpenAPI 3.1 with info, licence, contact and a relative server', () => {
    expect(committed.openapi).toBe('3.1.0');
    expect(committed.info).toMatchObject({ title: 'sco-api', version: '1.0.0', license: { identifier: 'MIT' } });
    expect(committed.info.contact.name).toBe('sco-api maintainers');
    expect(committed.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('gives every operation a stable camelCase operationId, a summary, a description and tags', () => {
    const ids: string[] = [];
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(committed.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][a-zA-Z]+$/);
        expect(operation.summary, `${method} ${path} summary`).toBeTruthy();
        expect(operation.description, `${method} ${path} description`).toBeTruthy();
        expect((operation.tags as string[]).length, `${method} ${path} tags`).toBeGreaterThan(0);
        ids.push(operation.operationId as string);
      }
    }
    expect(ids.sort()).toEqual(
      [
        'downloadDataset',
        'getApplication',
        'getChangesFeed',
        'getCountry',
        'getEventsFeed',
        'getHealth',
        'getIndex',
        'getMeta',
        'getReadiness',
        'getSnapshot',
        'getSource',
        'getSummit',
        'listApplications',
        'getSummitsCalendar',
        'listChanges',
        'listCountries',
        'listCountryStatuses',
        'listEvents',
        'listSources',
        'listStatuses',
        'listSummits',
      ].sort(),
    );
  });

  it('documents every parameter with a description and an example', () => {
    for (const item of Object.values<Record<string, { parameters?: Record<string, unknown>[] }>>(committed.paths)) {
      for (const operation of Object.values(item)) {
        for (const parameter of operation.parameters ?? []) {
          if (parameter.$ref) continue;
          const schema = parameter.schema as Record<string, unknown>;
          expect(parameter.description, `${parameter.name} description`).toBeTruthy();
          expect(parameter.example ?? schema.example, `${parameter.name} example`).toBeDefined();
        }
      }
    }
  });

  it('types every comma list as an array of its allowed values, sent comma-separated', () => {
    const countries = committed.paths['/v1/countries'].get.parameters;
    expect(countries.find((p: { name: string }) => p.name === 'status')).toMatchObject({
      in: 'query',
      style: 'form',
      explode: false,
      schema: { type: 'array', items: { type: 'string', enum: ['member', 'observer', 'dialogue_partner', 'partner'] } },
    });
    expect(countries.find((p: { name: string }) => p.name === 'sort').schema).toMatchObject({
      items: {
        enum: ['code', '-code', 'iso3', '-iso3', 'name', '-name', 'status', '-status', 'statusSince', '-statusSince'],
      },
      default: ['code'],
    });
    const summits = committed.paths['/v1/summits'].get.parameters;
    expect(summits.find((p: { name: string }) => p.name === 'mode').schema.items.enum).toEqual([
      'in_person',
      'virtual',
      'hybrid',
    ]);
    const events = committed.paths['/v1/events'].get.parameters;
    expect(events.find((p: { name: string }) => p.name === 'from').schema).toMatchObject({
      type: 'string',
      format: 'date',
    });
    const lists: string[] = [];
    for (const { operation, parameter } of queryParameters()) {
      const schema = parameter.schema as { type?: string; enum?: unknown; pattern?: unknown; format?: unknown };
      const where = `${operation.operationId} ${parameter.name}`;
      if (schema.type === 'array') {
        lists.push(where);
        expect(parameter, where).toMatchObject({
          style: 'form',
          explode: false,
          schema: { items: { enum: expect.any(Array) } },
        });
      }
      // Free text and ids are the only strings left unconstrained; any other string has an enum, a pattern or a format.
      if (schema.type === 'string' && !schema.enum && !schema.pattern && !schema.format) {
        expect(['q', 'decidedAt'], `${where} is a bare string`).toContain(parameter.name);
      }
    }
    expect(lists.length, 'every list has status/type/series/mode, sort and fields').toBeGreaterThanOrEqual(20);
  });

  it('accepts every value a comma list lists, and names the parameter of a value it does not', async () => {
    for (const { path, operation, parameter } of queryParameters()) {
      const schema = parameter.schema as { type?: string; items?: { enum: string[] } };
      if (schema.type !== 'array' || !schema.items) continue;
      const where = `${operation.operationId} ${parameter.name}`;
      const url = path.replace(/\{(\w+)\}/g, (_, name) => String(exampleOf(operation, name)));
      const all = await getJson(ctx.app, `${url}?${parameter.name}=${schema.items.enum.join(',')}`);
      expect(all.status, `${where}: every listed value together`).toBe(200);
      const bad = await getJson(ctx.app, `${url}?${parameter.name}=${schema.items.enum[0]},not_listed`);
      expect(bad.status, `${where}: an unlisted value`).toBe(400);
      expect(
        bad.body.errors.map((e: { name: string }) => e.name),
        where,
      ).toEqual([parameter.name]);
    }
  });

  it('names the shared shapes as components reached by $ref', () => {
    const names = Object.keys(committed.components.schemas);
    for (const name of [
      'Country',
      'StatusPeriod',
      'Change',
      'Snapshot',
      'Summit',
      'Event',
      'Source',
      'Meta',
      'Problem',
      'CountryList',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(names.filter((n) => n.endsWith('Input'))).toEqual([]);
    const countries = committed.paths['/v1/countries'].get;
    expect(countries.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CountryList',
    });
    expect(countries.responses['400'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(countries.responses['304']).toEqual({ $ref: '#/components/responses/NotModified' });
    expect(countries.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    expect(Object.keys(countries.responses['200'].content)).toEqual(['application/json', 'text/csv']);
  });

  it('has examples that match their own schemas', () => {
    for (const [name, schema] of Object.entries<{ example?: unknown }>(committed.components.schemas)) {
      if (schema.example === undefined) continue;
      expect(bodyProblems(`openapi.json#/components/schemas/${name}`, schema.example), `${name} example`).toBeNull();
    }
  });

  it('catches a body that breaks the contract (the response validator can fail)', () => {
    const target = 'openapi.json#/components/schemas/Country';
    const good = committed.components.schemas.Country.example;
    expect(bodyProblems(target, good)).toBeNull();
    expect(bodyProblems(target, { ...good, status: 'applicant' })).toMatch(/status/);
    expect(bodyProblems(target, { ...good, population: 9_000_000 })).toMatch(/additional/);
    const { iso3: _iso3, ...missing } = good;
    expect(bodyProblems(target, missing)).toMatch(/iso3/);
  });

  it('serves an interactive reference at /docs with no request to a CDN', async () => {
    const page = await ctx.app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[a-z0-9.-]+\//i);
    const scripts = [...page.body.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const asset = await ctx.app.inject(`/docs/${src?.replace(/^\.\//, '')}`);
      expect(asset.statusCode, `${src}`).toBe(200);
    }
  });

  it("serves Swagger UI's files from its package (swagger-ui-dist), and nothing else under /docs/static", async () => {
    const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png']) {
      const asset = await ctx.app.inject(`/docs/static/${file}`);
      expect(asset.statusCode, file).toBe(200);
      expect(asset.rawPayload.equals(readFileSync(join(folder, file))), `${file} is the package's file`).toBe(true);
    }
    for (const file of ['package.json', 'swagger-ui-bundle.js.map', 'index.html', '..%2Fpackage.json']) {
      expectProblem(await getJson(ctx.app, `/docs/static/${file}`), 404, 'not-found');
    }
  });

  it("points Swagger UI at this server's document, found from the script's own address", async () => {
    const initializer = await ctx.app.inject('/docs/static/swagger-initializer.js');
    expect(initializer.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(initializer.body).toContain("url: new URL('../json', here).href");
    expect(initializer.body).toContain('validatorUrl: null');
    // Relative addresses: /docs/static/ from /docs and from /docs/ (and under a proxy's prefix).
    expect((await ctx.app.inject('/docs')).body).toContain('src="docs/static/swagger-ui-bundle.js"');
    expect((await ctx.app.inject('/docs/')).body).toContain('src="./static/swagger-ui-bundle.js"');
  });
});

describe('the document the build writes (dist/server/openapi.json, which the bundled server serves)', () => {
  it('is the document the routes generate (scripts/openapi-document.ts, run by npm run build)', async () => {
    expect(await generateOpenapiDocument(), 'run npm run openapi and review the diff').toEqual(committed);
  });

  // Headers that differ between any two answers (the rate limit counts this client's requests).
  const comparable = (headers: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'date' && !name.startsWith('ratelimit-')));

  it.each([
    ['/openapi.json', 'identity'],
    ['/openapi.json', 'br'],
    ['/docs/json', 'gzip'],
    ['/docs/yaml', 'identity'],
    ['/docs/yaml', 'gzip'],
  ])('is served at %s (%s) byte for byte as the generated one: GET, HEAD and 304', async (url, coding) => {
    const headers = { 'accept-encoding': coding, 'x-request-id': 'openapi-test' };
    for (const method of ['GET', 'HEAD'] as const) {
      const generated = await ctx.app.inject({ method, url, headers });
      const served = await fromBuild.app.inject({ method, url, headers });
      expect(served.statusCode, `${method} ${url}`).toBe(200);
      expect(comparable(served.headers), `${method} ${url} headers`).toEqual(comparable(generated.headers));
      expect(served.rawPayload.equals(generated.rawPayload), `${method} ${url} body`).toBe(true);
    }
    const etag = String((await fromBuild.app.inject({ url, headers })).headers.etag);
    const revalidated = await fromBuild.app.inject({ url, headers: { ...headers, 'if-none-match': etag } });
    expect(revalidated.statusCode, `${url} with If-None-Match`).toBe(304);
  });

  it('writes /docs/yaml as a plain tree, without anchors, whichever way the document came', async () => {
    for (const [name, app] of [
      ['generated', ctx.app],
      ['from the build', fromBuild.app],
    ] as const) {
      const yaml = (await app.inject('/docs/yaml')).body;
      expect(yaml, name).toMatch(/^openapi: 3\.1\.0$/m);
      expect(yaml, name).not.toMatch(/[&*]a\d+\b/);
    }
  });
});
