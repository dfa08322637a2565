import { z } from 'zod';
import { isoDate } from './primitives.js';

export const responseMetaSchema = z
  .object({
    datasetVersion: z.string().meta({ example: '1.1.0' }),
    verifiedThrough: isoDate.describe('Facts after this day may be missing from the dataset'),
    asOf: isoDate.optional().describe('The date the answer describes, where one applies'),
  })
  .meta({
    id: 'ResponseMeta',
    example: { datasetVersion: '1.1.0', verifiedThrough: '2026-09-04', asOf: '2024-07-04' },
  });

export const listMetaSchema = responseMetaSchema
  .extend({
    total: z.number().int().describe('Items matching the filters, before pagination'),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({
    id: 'ListMeta',
    example: {
      datasetVersion: '1.1.0',
      verifiedThrough: '2026-09-04',
      asOf: '2024-07-04',
      total: 27,
      limit: 10,
      offset: 10,
    },
  });

export const linksSchema = z
  .object({
    self: z.string(),
    first: z.string(),
    last: z.string(),
    next: z.string().optional(),
    prev: z.string().optional(),
  })
  .meta({
    id: 'Links',
    description: 'Relative links to this page and its neighbours (also in the Link header)',
    example: {
      self: '/v1/countries?limit=10&offset=10',
      first: '/v1/countries?limit=10',
      last: '/v1/countries?limit=10&offset=20',
      next: '/v1/countries?limit=10&offset=20',
      prev: '/v1/countries?limit=10',
    },
  });

export function listEnvelope<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: z.array(item), meta: listMetaSchema, links: linksSchema }).meta({ id });
}

export function singleEnvelope<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: item, meta: responseMetaSchema }).meta({ id });
}
