import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

// @fastify/compress's recommended brotli quality (11 costs many times more for little).
const brotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

/** The one-call compressors of the codings the plugin sends, with its settings (http/response-store.ts). */
export const compressors: Record<string, (body: Buffer) => Buffer> = {
  br: (body) => brotliCompressSync(body, brotliOptions),
  gzip: (body) => gzipSync(body),
};

/** br and gzip above 1 KiB. In-memory bodies compress in one call, so the response cache can keep the bytes. */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(compress, {
      global: true,
      threshold: 1024,
      encodings: ['br', 'gzip'],
      brotliOptions,
      syncThreshold: 16 * 1024 * 1024,
    });
  },
  { name: 'compression' },
);
