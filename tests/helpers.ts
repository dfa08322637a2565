import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { z } from 'zod';
import { type App, type AppOptions, buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { responseFailures, validateResponses } from './openapi-validator.js';

export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  // The defaults, as `npm start` runs them (no in-process rate limit); a test about another mode overrides.
  return loadConfig({ DATABASE_PATH: inject('databasePath'), ...overrides });
}

/** The app on the real seed data, every answer checked against openapi.json. */
export async function buildTestApp(
  overrides: Partial<Record<keyof Config, string>> = {},
  options: AppOptions = {},
): Promise<App> {
  const app = await buildApp(testConfig(overrides), options);
  validateResponses(app);
  return app;
}

/** Fails the file if any answer it received did not match the OpenAPI document. */
export function expectResponsesMatchDocument() {
  afterAll(() => {
    expect(responseFailures, `answers that do not match openapi.json:\n${responseFailures.join('\n')}`).toEqual([]);
  });
}

/** Builds the app before the file's tests and closes it after them. */
export function useApp(overrides: Partial<Record<keyof Config, string>> = {}, options: AppOptions = {}) {
  const holder = {} as { app: App };
  beforeAll(async () => {
    holder.app = await buildTestApp(overrides, options);
    await holder.app.ready();
  });
  afterAll(async () => {
    await holder.app?.close();
  });
  expectResponsesMatchDocument();
  return holder;
}

/** GET through app.inject; returns status, headers and the parsed JSON body. */
export async function getJson(app: App, url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url, headers });
  const isJson = /json/.test(String(response.headers['content-type'] ?? ''));
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are checked field by field
  const body: any = isJson && response.body ? JSON.parse(response.body) : response.body;
  return { status: response.statusCode, headers: response.headers, body };
}

/** Asserts a body matches a contract schema exactly, with the failing paths in the message. */
export function expectShape(schema: z.ZodType, body: unknown) {
  const result = schema.safeParse(body);
  expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5), null, 1)).toBe(true);
  // The schemas strip unknown keys: equality proves the body had no property the contract lacks.
  expect(result.data, 'the body has properties the schema does not declare').toEqual(body);
}

/** Asserts a problem+json answer and returns its parameter names. */
export function expectProblem(
  response: {
    status: number;
    headers: Record<string, unknown>;
    body: { status: number; type: string; errors?: { name: string }[] };
  },
  status: number,
  type: string,
) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(response.body.status).toBe(status);
  expect(response.body.type).toBe(`/problems/${type}`);
  return (response.body.errors ?? []).map((e) => e.name);
}
