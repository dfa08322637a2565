import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { downloadFiles, isDownloadFile } from '../../domain/downloads.js';
import { toCsv } from '../../http/csv.js';
import { problemResponses } from '../../http/operations.js';
import { notFound } from '../../http/problems.js';
import { sendCsv } from '../../http/respond.js';
import { datasetDocumentSchema } from '../../schemas/resources.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/download/:file',
    {
      schema: {
        operationId: 'downloadDataset',
        tags: ['meta'],
        summary: 'The whole dataset, or one table',
        description: `One of ${downloadFiles.join(', ')}: the dataset as one JSON document, the SQLite database itself, or a table as CSV.`,
        params: z.strictObject({
          file: z
            .string()
            .meta({ description: `One of ${downloadFiles.join(', ')}`, example: 'sco.json', enum: [...downloadFiles] }),
        }),
        querystring: z.strictObject({}),
        response: {
          200: {
            description: 'The file, as an attachment',
            content: {
              'application/json': { schema: datasetDocumentSchema },
              'application/vnd.sqlite3': { schema: z.string().meta({ format: 'binary' }) },
              'text/csv': { schema: z.string() },
            },
          },
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { file } = request.params;
      // Only the listed names: nothing from the path reaches the file system.
      if (!isDownloadFile(file)) throw notFound(`no download named ${file}; offered: ${downloadFiles.join(', ')}`);
      const download = request.server.repos.downloads.get(file);
      switch (download.kind) {
        case 'json':
          return reply.header('content-disposition', `attachment; filename="${file}"`).send(download.document);
        case 'sqlite':
          return (
            reply
              .type('application/vnd.sqlite3')
              .header('content-disposition', `attachment; filename="${file}"`)
              // The schema documents the bytes as a binary string; Fastify sends the Buffer as is.
              .send(download.bytes as unknown as string)
          );
        case 'csv':
          return sendCsv(reply, toCsv(download.rows, download.schema), file);
      }
    },
  );
};

export default routes;
