import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidParameterError, NotFoundError } from '../domain/errors.js';
import {
  ApiProblem,
  invalidParameter,
  type ParameterError,
  type ProblemKind,
  problemKinds,
  problemType,
} from '../http/problems.js';
import type { Problem } from '../schemas/problem.js';
import { MAX_PARAM_LENGTH } from './limits.js';

const kindByStatus = new Map<number, ProblemKind>(
  Object.entries(problemKinds).map(([kind, { status }]) => [status, kind as ProblemKind]),
);

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ApiProblem) {
  const body: Problem = {
    type: problemType(problem.kind),
    title: problemKinds[problem.kind].title,
    status: problem.status,
    detail: problem.detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
  };
  if (problem.errors) body.errors = problem.errors;
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .header('cache-control', 'no-store')
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(body);
}

/**
 * Fastify's `frameworkErrors`: what fails before a route is found (a path that is not valid
 * percent-encoding, a path parameter longer than the router accepts) answers a problem too, with
 * the request id, and without echoing the input in `detail`.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', request.id);
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new ApiProblem(
          'uri-too-long',
          `a path segment is longer than the ${MAX_PARAM_LENGTH} characters the server accepts`,
        )
      : error.code === 'FST_ERR_BAD_URL'
        ? new ApiProblem('invalid-parameter', 'the request path is not valid percent-encoding (RFC 3986)')
        : new ApiProblem('internal', `the server could not answer; quote request id ${request.id} when reporting it`);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed before routing');
  return sendProblem(request, reply, problem);
}

/** Turns the Zod provider's validation issues into one entry per parameter, with the allowed names for unknown ones. */
function validationProblem(error: FastifyError, request: FastifyRequest): ApiProblem {
  const location = (error.validationContext ?? 'querystring') as 'querystring' | 'params' | 'headers';
  const schema = request.routeOptions.schema?.[location === 'params' ? 'params' : 'querystring'];
  const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const errors: ParameterError[] = [];
  for (const issue of error.validation ?? []) {
    const params = issue.params as { keys?: string[] };
    if (issue.keyword === 'unrecognized_keys' && params.keys) {
      const expected = allowed.length > 0 ? `; this resource accepts ${allowed.join(', ')}` : '';
      for (const key of params.keys) {
        errors.push({ name: key, pointer: `/${location}/${key}`, detail: `unknown parameter${expected}` });
      }
      continue;
    }
    const name = issue.instancePath.split('/')[1] || location;
    errors.push({ name, pointer: `/${location}/${name}`, detail: issue.message ?? 'invalid value' });
  }
  return new ApiProblem('invalid-parameter', errors.map((e) => `${e.name}: ${e.detail}`).join('; '), errors);
}

/**
 * The one place the domain's errors become problems. The domain's parameters are query parameters
 * (a path segment that names nothing is a NotFoundError), so an invalid one points into the query.
 */
export function domainProblem(error: unknown): ApiProblem | null {
  if (error instanceof NotFoundError) return new ApiProblem('not-found', error.message);
  if (error instanceof InvalidParameterError) return invalidParameter(error.parameter, 'querystring', error.detail);
  return null;
}

/** The one error handler: every failure leaves as application/problem+json, and a 5xx shows no internals. */
export default fp(
  async (app: FastifyInstance) => {
    // Path patterns of the GET routes, to tell 405 (known path, other method) from 404.
    const getRoutes: RegExp[] = [];
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!methods.includes('GET') || route.url.includes('*')) return;
      const pattern = route.url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+');
      getRoutes.push(new RegExp(`^${pattern}/?$`));
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof ApiProblem) return sendProblem(request, reply, error);
      const fromDomain = domainProblem(error);
      if (fromDomain) return sendProblem(request, reply, fromDomain);
      if (hasZodFastifySchemaValidationErrors(error))
        return sendProblem(request, reply, validationProblem(error, request));
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const kind = kindByStatus.get(status) ?? 'invalid-parameter';
        return sendProblem(request, reply, new ApiProblem(kind, error.message));
      }
      request.log.error({ err: error }, 'request failed');
      return sendProblem(
        request,
        reply,
        new ApiProblem('internal', `the server could not answer; quote request id ${request.id} when reporting it`),
      );
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && getRoutes.some((r) => r.test(path))) {
        return sendProblem(
          request,
          reply,
          new ApiProblem(
            'method-not-allowed',
            `${request.method} is not allowed on ${path}; use GET or HEAD`,
            undefined,
            {
              allow: 'GET, HEAD, OPTIONS',
            },
          ),
        );
      }
      return sendProblem(request, reply, new ApiProblem('not-found', `no resource at ${path}; see / for the index`));
    });

    // Problem types are URI references: each one resolves to its description.
    app.get('/problems/:kind', { schema: { hide: true } }, (request, reply) => {
      const { kind } = request.params as { kind: string };
      const entry = problemKinds[kind as ProblemKind];
      if (!Object.hasOwn(problemKinds, kind) || !entry) {
        return sendProblem(request, reply, new ApiProblem('not-found', `no problem type ${kind}`));
      }
      return reply.send({ type: problemType(kind as ProblemKind), ...entry });
    });
  },
  { name: 'errors' },
);
