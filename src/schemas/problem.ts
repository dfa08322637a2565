import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string().describe('A stable URI reference naming the kind of problem; GET it for its description'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What went wrong, naming the parameter and what was expected'),
    instance: z.string().describe('The request path, without its query string'),
    requestId: z.string(),
    errors: z
      .array(
        z.object({
          name: z.string().describe('The parameter'),
          pointer: z.string().describe('JSON pointer into the request: /querystring/asOf, /params/code'),
          detail: z.string(),
        }),
      )
      .optional()
      .describe('For validation failures: one entry per offending parameter'),
  })
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem: every 4xx and 5xx answer, as application/problem+json',
    example: {
      type: '/problems/invalid-parameter',
      title: 'Invalid parameter',
      status: 400,
      detail: 'asOf: expected an RFC 3339 full date (YYYY-MM-DD) that exists',
      instance: '/v1/countries',
      requestId: '6f1c2b8e-1d2a-4c55-9a57-0d0c1a8e6b3f',
      errors: [
        {
          name: 'asOf',
          pointer: '/querystring/asOf',
          detail: 'expected an RFC 3339 full date (YYYY-MM-DD) that exists',
        },
      ],
    },
  });

export type Problem = z.infer<typeof problemSchema>;
