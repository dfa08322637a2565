import { z } from 'zod';
import { isoDate as datasetIsoDate } from '../../dataset/dates.js';
import { languageValues } from '../../dataset/vocabulary.js';
import { isoDate } from './primitives.js';

export const MAX_LIMIT = 500;
export const MAX_Q_LENGTH = 100;

export interface SortKey {
  key: string;
  descending: boolean;
}

const commaList = (value: string) => value.split(',').map((part) => part.trim());

/**
 * The raw text of a comma-list parameter, which OpenAPI describes as an array of the allowed values
 * sent `style: form, explode: false` (openapi-document.ts): `status=member,observer`. The server
 * still parses the text itself, so it accepts exactly what it did when the document said "string".
 * The array schema sits on this inner schema because Zod drops a default from a transform's input.
 */
function commaListText(values: readonly string[], example: readonly string[], fallback?: readonly string[]) {
  return z
    .string()
    .optional()
    .meta({
      type: 'array',
      items: { type: 'string', enum: [...values] },
      minItems: 1,
      ...(fallback ? { default: [...fallback] } : {}),
      example: [...example],
    });
}

/** `sort=-from,name`: a comma list of allowed keys, `-` for descending. */
export function sortParam(keys: readonly string[], fallback: string) {
  const sortValues = keys.flatMap((key) => [key, `-${key}`]);
  return commaListText(sortValues, commaList(fallback), commaList(fallback))
    .transform((value = fallback, ctx): SortKey[] => {
      const parsed = commaList(value).map((part) => ({
        key: part.replace(/^-/, ''),
        descending: part.startsWith('-'),
      }));
      const unknown = parsed.filter((p) => !keys.includes(p.key)).map((p) => p.key || '(empty)');
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown sort key ${unknown.join(', ')}; expected a comma list of ${keys.join(', ')}, each optionally prefixed with -`,
        });
        return z.NEVER;
      }
      return parsed;
    })
    .meta({
      description: `Comma list of sort keys, \`-\` prefix for descending. Items without a value for a key (null) come last in either direction. Keys: ${keys.join(', ')}`,
    });
}

/** `fields=code,name`: the top-level properties to keep in each item. */
export function fieldsParam(keys: readonly string[]) {
  return commaListText(keys, keys.slice(0, 2))
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const fields = commaList(value);
      const unknown = fields.filter((f) => !keys.includes(f)).map((f) => f || '(empty)');
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown field ${unknown.join(', ')}; expected a comma list of ${keys.join(', ')}`,
        });
        return z.NEVER;
      }
      return [...new Set(fields)];
    })
    .meta({
      description: `Comma list of the top-level properties to keep in each item; the others are left out. Keys: ${keys.join(', ')}`,
    });
}

/** `status=member,observer`: a comma list of enum values. */
export function enumListParam<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return commaListText(values, [values[0]])
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const parts = commaList(value);
      const unknown = parts.filter((p) => !values.includes(p)).map((p) => p || '(empty)');
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown ${what} ${unknown.join(', ')}; expected a comma list of ${values.join(', ')}`,
        });
        return z.NEVER;
      }
      return [...new Set(parts)] as T[number][];
    })
    .meta({ description: `Comma list of: ${values.join(', ')}` });
}

export const limitParam = z.coerce
  .number({ error: `expected an integer from 1 to ${MAX_LIMIT}` })
  .int({ error: `expected an integer from 1 to ${MAX_LIMIT}` })
  .min(1, { error: `expected an integer from 1 to ${MAX_LIMIT}` })
  .max(MAX_LIMIT, { error: `expected an integer from 1 to ${MAX_LIMIT}` })
  .default(50)
  .meta({ description: `Page size (at most ${MAX_LIMIT})`, example: 50 });

export const offsetParam = z.coerce
  .number({ error: 'expected a non-negative integer' })
  .int({ error: 'expected a non-negative integer' })
  .min(0, { error: 'expected a non-negative integer' })
  .max(1_000_000, { error: 'expected a non-negative integer up to 1000000' })
  .default(0)
  .meta({ description: 'Items to skip', example: 0 });

export const langParam = z
  .enum(languageValues, { error: `expected one of ${languageValues.join(', ')}` })
  .optional()
  .meta({ description: 'Language of `name` (overrides Accept-Language; default en)', example: 'fr' });

export const formatParam = z
  .enum(['json', 'csv'], { error: 'expected json or csv' })
  .optional()
  .meta({ description: 'Representation: `csv` is the same as `Accept: text/csv`', example: 'csv' });

export const qParam = z
  .string()
  .trim()
  .min(1, { error: 'expected a non-empty search text' })
  .max(MAX_Q_LENGTH, { error: `expected at most ${MAX_Q_LENGTH} characters` })
  .optional()
  .meta({
    description: 'Search text: case- and accent-insensitive, in English, French, Russian and Chinese',
    example: 'bielo',
  });

export const dateParam = (description: string) => isoDate.optional().meta({ description, example: '2024-07-04' });

// The dataset's date as such, without primitives' OpenAPI format and example: asOf states its own.
export const asOfParam = datasetIsoDate
  .optional()
  .meta({ description: 'The date to describe (default: today, UTC)', example: '2024-07-04' });

export const includeFormerParam = z
  .stringbool({ truthy: ['true'], falsy: ['false'], error: 'expected true or false' })
  .optional()
  .meta({
    description: 'With no `status` filter, also list countries without a status on `asOf` (status null)',
    // Sent as the text true or false; described as a boolean so generated clients take one.
    type: 'boolean',
    example: true,
  });

/** A summit id, as in the path of /v1/summits/{id} and the `summit` filter of /v1/events. */
export const summitId = z
  .string()
  .regex(/^\d{4}-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, { error: 'expected a summit id such as 2024-astana' })
  .max(64, { error: 'expected a summit id such as 2024-astana' })
  .meta({ description: 'Summit id: `{year}-{city-slug}`', example: '2024-astana' });

export const countryParam = z
  .string()
  .regex(/^[A-Za-z]{2,3}$/, { error: 'expected an ISO 3166-1 alpha-2 or alpha-3 code' })
  .meta({ description: 'ISO 3166-1 alpha-2 or alpha-3 code, any letter case', example: 'BY' });

/** The parameters every list accepts; each list adds its filters, sort keys and fields. */
export function listQuery<S extends z.ZodRawShape>(
  filters: S,
  sortKeys: readonly string[],
  defaultSort: string,
  fieldKeys: readonly string[],
) {
  return z.strictObject({
    ...filters,
    limit: limitParam,
    offset: offsetParam,
    sort: sortParam(sortKeys, defaultSort),
    fields: fieldsParam(fieldKeys),
    lang: langParam,
    format: formatParam,
  });
}
