import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type SeedFileName, seedFileNames } from '../dataset/vocabulary.js';
import { seedFiles } from './schema.js';

export type SeedData = { [F in SeedFileName]: z.output<(typeof seedFiles)[F]> };

/** One problem in the data files, located precisely enough to fix without searching. */
export interface SeedIssue {
  file: string;
  /** `#3 (id: 2024-astana)`, or null for a problem with the whole file. */
  record: string | null;
  /** Dotted path inside the record, e.g. `chairHandover.to`. */
  field: string | null;
  line: number | null;
  message: string;
}

export class SeedValidationError extends Error {
  constructor(readonly issues: SeedIssue[]) {
    super(`the seed data has ${issues.length} problem(s):\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'SeedValidationError';
  }
}

export function formatIssue(issue: SeedIssue): string {
  const where = [issue.file + (issue.line ? `:${issue.line}` : ''), issue.record, issue.field].filter(Boolean);
  return `- ${where.join(' ')}: ${issue.message}`;
}

/** Names a record by its position and its id-like key, as people look for it in the file. */
export function describeRecord(index: number, record: unknown): string {
  const key =
    record && typeof record === 'object'
      ? ['id', 'code', 'country'].find((k) => typeof (record as Record<string, unknown>)[k] === 'string')
      : undefined;
  const label = key ? ` (${key}: ${(record as Record<string, string>)[key]})` : '';
  return `#${index + 1}${label}`;
}

export interface LoadedSeed {
  data: SeedData;
  /** Locates a record or field in its file, for the cross-record checks. */
  locate(file: SeedFileName, path: (string | number)[]): number | null;
}

/** Reads and validates every data file; throws SeedValidationError listing every problem found. */
export function readSeed(dir: string): LoadedSeed {
  const issues: SeedIssue[] = [];
  const documents = new Map<SeedFileName, { doc: Document; lines: LineCounter }>();
  const data: Partial<Record<SeedFileName, unknown>> = {};

  for (const file of seedFileNames) {
    let text: string;
    try {
      text = readFileSync(join(dir, file), 'utf8');
    } catch (error) {
      issues.push({ file, record: null, field: null, line: null, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const line = lines.linePos(error.pos[0]).line;
        issues.push({
          file,
          record: null,
          field: null,
          line,
          message: `not valid YAML: ${error.message.split('\n')[0]}`,
        });
      }
      continue;
    }
    documents.set(file, { doc, lines });
    const raw = doc.toJS();
    const parsed = seedFiles[file].safeParse(raw);
    if (parsed.success) {
      data[file] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const isList = Array.isArray(raw) && typeof path[0] === 'number';
      const index = isList ? (path[0] as number) : null;
      issues.push({
        file,
        record: index === null ? null : describeRecord(index, (raw as unknown[])[index]),
        field: (isList ? path.slice(1) : path).join('.') || null,
        line: lineOf(doc, lines, path),
        message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
      });
    }
  }
  if (issues.length > 0) throw new SeedValidationError(issues);

  return {
    data: data as SeedData,
    locate(file, path) {
      const entry = documents.get(file);
      return entry ? lineOf(entry.doc, entry.lines, path) : null;
    },
  };
}

function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}
