import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** br and gzip above 1 KiB. In-memory bodies compress in one call, so the response cache can keep the bytes. */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(compress, {
      global: true,
      threshold: 1024,
      encodings: ['br', 'gzip'],
      syncThreshold: 16 * 1024 * 1024,
    });
  },
  { name: 'compression' },
);
