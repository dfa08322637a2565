import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { seedDataDir } from '../../dataset/paths.js';

/** A fresh copy of seed/data in a new temporary folder (`dir`), at `dir/data` (`seedDir`). */
export function copySeed(prefix: string): { dir: string; seedDir: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const seedDir = join(dir, 'data');
  cpSync(seedDataDir, seedDir, { recursive: true });
  return { dir, seedDir };
}

/** Replaces the first `from` in a data file of the copy; fails the test when the text is not there. */
export function editSeed(seedDir: string, file: string, from: string, to: string) {
  const path = join(seedDir, file);
  const text = readFileSync(path, 'utf8');
  expect(text.includes(from), `${file} should contain ${from}`).toBe(true);
  writeFileSync(path, text.replace(from, to));
}
