import { z } from 'zod';
import { problemSchema } from '../schemas/problem.js';

const problemDescriptions = {
  400: 'A parameter is malformed, unknown, repeated or out of range',
  404: 'No such resource',
  406: 'No representation matches Accept',
  429: 'Too many requests: see Retry-After',
} as const;

/** The problem answers an operation can give, all in the one Problem shape. */
export function problemResponses<const C extends keyof typeof problemDescriptions>(...codes: C[]) {
  return Object.fromEntries(
    codes.map((code) => [
      code,
      { description: problemDescriptions[code], content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  ) as unknown as Record<
    C,
    { description: string; content: { 'application/problem+json': { schema: typeof problemSchema } } }
  >;
}

export const asOfParam = z.iso
  .date({ error: 'expected an RFC 3339 full date (YYYY-MM-DD) that exists' })
  .optional()
  .meta({ description: 'The date to describe (default: today, UTC)', example: '2024-07-04' });

export const includeFormerParam = z
  .stringbool({ truthy: ['true'], falsy: ['false'], error: 'expected true or false' })
  .optional()
  .meta({ description: 'With no `status` filter, also list countries without a status on `asOf` (status null)' });
