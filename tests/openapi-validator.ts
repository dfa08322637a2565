import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { projectRoot } from '../dataset/paths.js';

// Every answer the test suite receives is checked against the committed OpenAPI document
// (which the contract test proves equal to the served one).

const document = JSON.parse(readFileSync(join(projectRoot, 'openapi.json'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

const compiled = new Map<string, ValidateFunction>();
function validatorFor(pointer: string, schema: object): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(pointer, validate);
  }
  return validate;
}

const pointerEscape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
const resolve = (node: { $ref?: string }) =>
  node.$ref
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((n: Record<string, unknown>, k) => n[k] as Record<string, unknown>, document)
    : node;

export const responseFailures: string[] = [];

function fail(request: FastifyRequest, reply: FastifyReply, message: string) {
  responseFailures.push(`${request.method} ${request.url.slice(0, 160)} -> ${reply.statusCode}: ${message}`);
}

/** With `fields`, items keep only some properties: their schema without `required`. */
function relaxedItems(envelopeSchema: { $ref?: string }): object {
  const envelope = resolve(envelopeSchema) as { properties: { data: { items: { $ref?: string } } } };
  const { required: _required, ...item } = resolve(envelope.properties.data.items) as Record<string, unknown>;
  const rebased = JSON.parse(JSON.stringify(item).replaceAll('"#/components/', '"openapi.json#/components/'));
  return { type: 'object', required: ['data'], properties: { data: { type: 'array', items: rebased } } };
}

function check(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const route = request.routeOptions.url;
  if (!route || request.routeOptions.schema?.hide) return;
  const path = route.replace(/:(\w+)/g, '{$1}');
  const operation = document.paths?.[path]?.[request.method === 'HEAD' ? 'get' : request.method.toLowerCase()];
  if (!operation) return fail(request, reply, `no operation ${request.method} ${path} in openapi.json`);
  const response = operation.responses?.[String(reply.statusCode)];
  if (!response) return fail(request, reply, `status ${reply.statusCode} is not documented`);
  const resolved = resolve(response) as { content?: Record<string, { schema: object }> };
  if (!resolved.content) {
    if (payload) fail(request, reply, 'a body where the document has none');
    return;
  }
  const mediaType = String(reply.getHeader('content-type') ?? '').split(';')[0] ?? '';
  const media = resolved.content[mediaType];
  if (!media) return fail(request, reply, `content type ${mediaType} is not documented`);
  if (!mediaType.includes('json') || request.method === 'HEAD' || payload === null || payload === undefined) return;

  let bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(String(payload));
  const encoding = reply.getHeader('content-encoding');
  if (encoding === 'gzip') bytes = gunzipSync(bytes);
  if (encoding === 'br') bytes = brotliDecompressSync(bytes);
  const body = JSON.parse(bytes.toString());

  const code = String(reply.statusCode);
  const pointer = `openapi.json#/paths/${pointerEscape(path)}/get/responses/${code}/content/${pointerEscape(mediaType)}/schema`;
  const responseRef = (operation.responses[code] as { $ref?: string }).$ref;
  const target = responseRef ? `openapi.json${responseRef}/content/${pointerEscape(mediaType)}/schema` : pointer;
  const fields = reply.statusCode === 200 && (request.query as { fields?: unknown } | undefined)?.fields;
  const problems = bodyProblems(target, body, fields ? (media.schema as { $ref?: string }) : undefined);
  if (problems) fail(request, reply, problems);
}

/** Null when `body` matches the schema at `target`; otherwise what is wrong. */
export function bodyProblems(target: string, body: unknown, relaxFieldsOf?: { $ref?: string }): string | null {
  const validate = relaxFieldsOf
    ? validatorFor(`${target}?fields`, relaxedItems(relaxFieldsOf))
    : validatorFor(target, { $ref: target });
  return validate(body) ? null : ajv.errorsText(validate.errors?.slice(0, 3));
}

/** Validates every answer of `app` against openapi.json; failures go to responseFailures. */
export function validateResponses(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    try {
      check(request, reply, payload);
    } catch (error) {
      fail(request, reply, `validator error: ${(error as Error).message}`);
    }
    return payload;
  });
}
