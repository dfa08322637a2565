import send from '@fastify/send';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from './problems.js';

export interface FileOptions {
  /** Cache-Control max-age, in milliseconds (0 by default). */
  maxAgeMs?: number;
  /** Adds `immutable` to Cache-Control: for hashed file names. */
  immutable?: boolean;
}

/**
 * Answers with the file `name` of the folder `root` through @fastify/send (what @fastify/static is
 * built on): Content-Type, ETag, Last-Modified, conditional requests and ranges. The caller passes
 * a plain file name it has already checked against its own list or pattern: nothing here turns a
 * request's path into a file path. A missing file is a not-found problem.
 */
export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  root: string,
  name: string,
  { maxAgeMs = 0, immutable = false }: FileOptions = {},
) {
  const result = await send(request.raw, `/${encodeURIComponent(name)}`, {
    root,
    maxAge: maxAgeMs,
    immutable,
    dotfiles: 'deny',
    index: false,
  });
  if (result.type === 'file') return reply.code(result.statusCode).headers(result.headers).send(result.stream);
  result.stream.destroy();
  if (result.statusCode === 404 || result.type === 'directory') throw notFound(`no file ${name}`);
  // A range that cannot be satisfied (416), a failed If-Match (412): @fastify/send's error, which the
  // error handler answers as a problem (a 400 for a status it has no kind for, as with @fastify/static).
  throw result.metadata.error;
}
