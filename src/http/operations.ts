// What an operation declares besides its own schemas: the problems it may answer, the two
// representations of a list.
import { z } from 'zod';
import { problemSchema } from '../schemas/problem.js';

const problemDescriptions = {
  400: 'A parameter is malformed, unknown, repeated or out of range',
  404: 'No such resource',
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

/** A list answers JSON, or CSV (`Accept: text/csv` or `format=csv`). */
export function listResponse<T extends z.ZodType>(envelope: T) {
  return {
    description: 'One page of the collection',
    content: {
      'application/json': { schema: envelope },
      'text/csv': {
        schema: z.string().meta({
          description:
            'RFC 4180 CSV, UTF-8, header row; nested properties flattened with dots (names.fr), lists of ids joined with ;',
        }),
      },
    },
  };
}
