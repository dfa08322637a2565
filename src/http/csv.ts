import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

interface Column {
  header: string;
  path: string[];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodNullable || current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** Columns from the item schema, nested objects flattened with dots: `names.fr`, `chairHandover.to`. */
export function csvColumns(schema: z.ZodType, prefix: string[] = []): Column[] {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) return [{ header: prefix.join('.'), path: prefix }];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, value]) =>
    csvColumns(value, [...prefix, key]),
  );
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    // Lists of ids read best as `a;b`; lists of records stay JSON.
    return value.every((v) => typeof v !== 'object' || v === null) ? value.join(';') : JSON.stringify(value);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** RFC 4180 CSV with a header row and CRLF line ends; `fields` keeps the columns of those properties. */
export function toCsv(items: object[], itemSchema: z.ZodType, fields?: string[]): string {
  const columns = csvColumns(itemSchema).filter((c) => !fields || fields.includes(c.path[0] ?? ''));
  const rows = items.map((item) =>
    columns.map((column) =>
      cell(column.path.reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], item)),
    ),
  );
  return stringify(rows, { header: true, columns: columns.map((c) => c.header), record_delimiter: 'windows' });
}
