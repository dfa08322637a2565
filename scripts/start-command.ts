import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../dataset/paths.js';

/**
 * Exactly what `npm start` runs, read from package.json (`node [node options] <entry>`), so that
 * the scripts that measure the server (bench, soak, startup) measure that command. `args` are
 * Node's options then the entry, absolute.
 */
export function startCommand(): { args: string[]; entry: string; script: string } {
  const script: string = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).scripts.start;
  const [program, ...words] = script.split(' ');
  const entryArg = words.at(-1);
  const options = words.slice(0, -1);
  if (program !== 'node' || !entryArg || entryArg.startsWith('-') || options.some((o) => !o.startsWith('--'))) {
    throw new Error(`npm start should be \`node [--option ...] <file>\`, not ${script}`);
  }
  const entry = join(projectRoot, entryArg);
  return { args: [...options, entry], entry, script };
}
