import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Copy, DockerfileParser, type Env, type From } from 'dockerfile-ast';
import { projectRoot } from '../dataset/paths.js';

export const dockerfilePath = join(projectRoot, 'Dockerfile');

export type DockerStep =
  /** `user` is the USER it runs as (null: the base image's, root). */
  | { kind: 'run'; command: string; user: string | null }
  /** `from` is the stage copied from, or null for the build context. */
  | { kind: 'copy'; from: string | null; sources: string[]; destination: string };

/** What one stage of the Dockerfile says, read the way `docker build` reads it (one parser, for tests and scripts). */
export interface DockerStage {
  name: string | null;
  base: string;
  /** RUN and COPY, in file order. */
  steps: DockerStep[];
  env: Record<string, string>;
  workdir: string | null;
  user: string | null;
  expose: string[];
  /** An exec-form CMD as its argument list; a shell-form one as its text. */
  cmd: string[] | string | null;
  healthcheck: string[] | string | null;
}

function execForm(text: string): string[] | string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((a) => typeof a === 'string')) return parsed;
  } catch {
    // not JSON: shell form
  }
  return text;
}

export function readDockerfile(path = dockerfilePath): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const instruction of DockerfileParser.parse(readFileSync(path, 'utf8')).getInstructions()) {
    const keyword = instruction.getKeyword();
    const args = instruction.getArgumentsContent() ?? '';
    if (keyword === 'FROM') {
      const from = instruction as From;
      const base = from.getImage() ?? '';
      // A stage built FROM an earlier one inherits its configuration, not its steps.
      const parent = stages.find((s) => s.name !== null && s.name === base);
      stages.push({
        name: from.getBuildStage(),
        base,
        steps: [],
        env: { ...parent?.env },
        workdir: parent?.workdir ?? null,
        user: parent?.user ?? null,
        expose: [...(parent?.expose ?? [])],
        cmd: parent?.cmd ?? null,
        healthcheck: parent?.healthcheck ?? null,
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${path}: ${keyword} before the first FROM`);
    if (keyword === 'RUN') stage.steps.push({ kind: 'run', command: args, user: stage.user });
    else if (keyword === 'WORKDIR') stage.workdir = args;
    else if (keyword === 'USER') stage.user = args;
    else if (keyword === 'EXPOSE') stage.expose.push(...args.split(/\s+/));
    else if (keyword === 'CMD') stage.cmd = execForm(args);
    else if (keyword === 'HEALTHCHECK') stage.healthcheck = execForm(args.replace(/^CMD\s+/, ''));
    else if (keyword === 'ENV') {
      for (const property of (instruction as Env).getProperties())
        stage.env[property.getName()] = property.getValue() ?? '';
    } else if (keyword === 'COPY') {
      const paths = (instruction as Copy).getArguments().map((a) => a.getValue());
      stage.steps.push({
        kind: 'copy',
        from: (instruction as Copy).getFromFlag()?.getValue() ?? null,
        sources: paths.slice(0, -1),
        destination: paths.at(-1) ?? '',
      });
    }
  }
  return stages;
}

/** The stage an image is made of: the last one. */
export function runtimeStage(stages = readDockerfile()): DockerStage {
  const last = stages.at(-1);
  if (!last) throw new Error('the Dockerfile has no stage');
  return last;
}
