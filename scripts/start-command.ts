import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../dataset/paths.js';

/**
 * Exactly what `npm start` runs, read from package.json (`node [node options] <entry>`), so that
 * the scripts that measure the server (bench, soak, startup) measure that command. `args` are
 * Node's options (`options`) then the entry, absolute.
 */
export function startCommand(): { args: string[]; options: string[]; entry: string; script: string } {
  const script: string = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).scripts.start;
  const [program, ...words] = script.split(' ');
  const entryArg = words.at(-1);
  const options = words.slice(0, -1);
  if (program !== 'node' || !entryArg || entryArg.startsWith('-') || options.some((o) => !o.startsWith('--'))) {
    throw new Error(`npm start should be \`node [--option ...] <file>\`, not ${script}`);
  }
  const entry = join(projectRoot, entryArg);
  return { args: [...options, entry], options, entry, script };
}

/**
 * Starts the production command with `env`, its stdout (a JSON line a request at the default log
 * level) read by a process of its own that drops it, as a container runtime's log reader is. Read
 * here instead, by the process that drives the load, the pipe would fall behind and the server's
 * log buffer grow with it: the figures would be those of a deployment whose logs nobody reads.
 */
export function spawnProduction(env: NodeJS.ProcessEnv): ChildProcess {
  const server = spawn(process.execPath, startCommand().args, {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (server.stdout) spawn('cat', [], { stdio: [server.stdout, 'ignore', 'inherit'] });
  return server;
}
