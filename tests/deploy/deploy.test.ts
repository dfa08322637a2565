import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IService } from 'kubernetes-models/v1/Service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../dataset/paths.js';
import { type DockerStage, dockerfilePath, readDockerfile, runtimeStage } from '../../scripts/dockerfile.js';
import { type App, buildApp } from '../../src/app.js';
import { testConfig } from '../helpers.js';
import {
  type Manifest,
  readManifests,
  runtimeImports,
  runtimeSpecifiers,
  schemaErrors,
  serverSources,
  unknownFields,
} from './checks.js';

// One file for every deploy artefact: each test file pays a worker's start-up, and these share imports.
const packageJson = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
const stages = readDockerfile();
const runtime = runtimeStage(stages);
const stage = (name: string) => stages.find((s) => s.name === name) as DockerStage;
const runs = (s: DockerStage) => s.steps.flatMap((step) => (step.kind === 'run' ? [step.command] : []));

describe('Dockerfile', () => {
  it('has no lint problem (dockerfile-utils, the linter of the VS Code Docker extension)', () => {
    const problems = validate(readFileSync(dockerfilePath, 'utf8')).map(
      (d) => `line ${d.range.start.line + 1}: ${d.message}`,
    );
    expect(problems).toEqual([]);
  });

  it('builds from the Node 24 image in stages: toolchain, prod-deps, build, runtime', () => {
    expect(stages.map((s) => s.name)).toEqual(['toolchain', 'prod-deps', 'build', 'runtime']);
    expect(stage('toolchain').base).toBe('node:24-bookworm-slim');
    expect(runtime.base, 'the runtime runs on the Node and glibc the native module was built for').toBe(
      stage('toolchain').base,
    );
  });

  it('compiles and builds the database at image build time, and installs only production dependencies to ship', () => {
    expect(runs(stage('build'))).toEqual(['npm ci', 'npm run build && npm run seed']);
    const copied = stage('build').steps.flatMap((step) => (step.kind === 'copy' ? step.sources : []));
    expect(copied, 'npm run build ends with node scripts/bundle.mjs').toContain('scripts/bundle.mjs');
    // What bundle.mjs imports from scripts/, and the generator it bundles, are in the stage too.
    const bundler = readFileSync(join(projectRoot, 'scripts', 'bundle.mjs'), 'utf8');
    const local = [...bundler.matchAll(/from '\.\/([^']+)'/g)].map((m) => `scripts/${m[1]}`);
    expect(local.length, 'bundle.mjs imports its build steps from scripts/').toBeGreaterThan(0);
    for (const file of [...local, 'scripts/openapi-document.ts']) expect(copied, `${file} is copied`).toContain(file);
    expect(runs(stage('prod-deps'))).toEqual(['npm ci --omit=dev']);
  });

  it('ships the bundled server, the Explorer, production dependencies and the database, and runs only the server', () => {
    expect(runs(runtime), 'one RUN: the runtime stage has no toolchain and installs nothing').toHaveLength(1);
    expect(
      runs(runtime)[0]?.startsWith(`${[runtime.cmd].flat().join(' ')} & `),
      "the server's own command (the CMD), started to fill Node's compile cache (tests/build runs the step)",
    ).toBe(true);
    expect(runtime.steps.filter((step) => step.kind === 'copy')).toEqual([
      { kind: 'copy', from: null, sources: ['package.json', 'package-lock.json'], destination: './' },
      { kind: 'copy', from: 'prod-deps', sources: ['/app/node_modules'], destination: './node_modules' },
      { kind: 'copy', from: 'build', sources: ['/app/dist/server'], destination: './dist/server' },
      { kind: 'copy', from: 'build', sources: ['/app/dist/explorer'], destination: './dist/explorer' },
      { kind: 'copy', from: 'build', sources: ['/app/data'], destination: './data' },
    ]);
  });

  it('runs the compiled server as a numeric non-root user, listening on all interfaces at 3000', () => {
    expect(runtime.workdir).toBe('/app');
    expect(runtime.user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(runtime.env).toMatchObject({ HOST: '0.0.0.0', PORT: '3000' });
    expect(runtime.expose).toEqual(['3000']);
    expect(runtime.cmd, 'exec form, so that node is PID 1 and gets SIGTERM').toEqual([
      'node',
      '--max-semi-space-size=4',
      'dist/server/main.js',
    ]);
    expect(runtime.cmd, 'the command of npm start, without npm').toEqual(packageJson.scripts.start.split(' '));
  });

  it('has an exec-form HEALTHCHECK on /healthz that needs nothing but node', () => {
    expect(Array.isArray(runtime.healthcheck)).toBe(true);
    expect((runtime.healthcheck as string[])[0]).toBe('node');
    expect((runtime.healthcheck as string[]).join(' ')).toContain('/healthz');
  });
});

describe('the HEALTHCHECK command', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildApp(testConfig());
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  // Asynchronous: the server it asks lives in this process.
  const healthcheck = (port: number) =>
    new Promise<number | null>((resolve) => {
      const [program, ...args] = runtime.healthcheck as string[];
      const env = { PATH: process.env.PATH, PORT: String(port) };
      spawn(program as string, args, { env, timeout: 10_000 }).on('exit', resolve);
    });

  it('exits 0 when the server answers /healthz on PORT', async () => {
    expect(await healthcheck((app.server.address() as { port: number }).port)).toBe(0);
  });

  it('exits 1 when nothing listens on PORT', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    expect(await healthcheck(closedPort)).toBe(1);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(projectRoot, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('keeps git, installed dependencies, compiled output and built databases out of the context', () => {
    expect(patterns).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', 'data', '*.sqlite']));
  });

  it('keeps seed/data in: no pattern reaches below the context root', () => {
    expect(patterns.filter((p) => p.includes('**') || p.includes('/'))).toEqual([]);
  });
});

describe('production install', () => {
  const shipped = serverSources();
  const relative = (file: string) => file.slice(projectRoot.length + 1);
  const usedBy = new Map<string, string[]>();
  for (const file of shipped) {
    for (const name of runtimeImports(file)) usedBy.set(name, [...(usedBy.get(name) ?? []), relative(file)]);
  }

  it('follows the imports of the server from src/main.ts', () => {
    expect(shipped.map(relative)).toEqual(expect.arrayContaining(['src/main.ts', 'src/app.ts', 'dataset/sqlite.ts']));
    expect(usedBy.get('better-sqlite3')?.sort()).toEqual(['dataset/sqlite.ts']);
  });

  it('the server loads only dependencies, never a devDependency (npm ci --omit=dev installs nothing else)', () => {
    const outside = [...usedBy].filter(([name]) => !(name in packageJson.dependencies));
    const kind = (name: string) => (name in packageJson.devDependencies ? 'a devDependency' : 'undeclared');
    expect(outside.map(([name, files]) => `${name} (${kind(name)}) in ${files.join(', ')}`)).toEqual([]);
  });

  it('the server does not load the seed builder: no YAML parser, no migrator, no seed code (the shared vocabulary is dataset/)', () => {
    expect(packageJson.dependencies.yaml, 'yaml is a devDependency').toBeUndefined();
    const builder = shipped.flatMap((file) =>
      runtimeSpecifiers(file)
        .filter((s) => s === 'yaml' || s.endsWith('/migrator'))
        .map((s) => `${relative(file)} imports ${s}`),
    );
    expect(builder).toEqual([]);
    expect(shipped.map(relative).filter((f) => f.startsWith('seed/'))).toEqual([]);
  });
});

describe('deploy/ Kubernetes manifests', () => {
  const manifests = readManifests();
  const deployment = manifests.find((m) => m.object.kind === 'Deployment')?.object as unknown as IDeployment;
  const service = manifests.find((m) => m.object.kind === 'Service')?.object as unknown as IService;
  const spec = deployment.spec as NonNullable<IDeployment['spec']>;
  const pod = spec.template.spec as NonNullable<NonNullable<IDeployment['spec']>['template']['spec']>;
  const [container] = pod.containers;
  // A probe put on the pod template instead of its container: the schema accepts it, the strict check must not.
  const misplacedProbe = {
    ...deployment,
    spec: { ...spec, template: { ...spec.template, readinessProbe: {} } },
  } as unknown as Manifest['object'];
  const strictness = unknownFields({ ...Object.fromEntries(manifests.map((m) => [m.file, m.object])), misplacedProbe });

  it('are one Deployment and one Service', () => {
    expect(manifests.map((m) => `${m.file}: ${m.object.kind}`)).toEqual([
      'deployment.yaml: Deployment',
      'service.yaml: Service',
    ]);
  });

  for (const { file, object } of manifests) {
    it(`${file} is valid against the Kubernetes schema of its kind`, () => {
      expect(schemaErrors(object)).toEqual([]);
    });

    it(`${file} has no unknown or misplaced field`, () => {
      expect(strictness[file]).toEqual([]);
    });
  }

  it('the strict check catches a misplaced field that the schema lets through', () => {
    expect(strictness.misplacedProbe?.join()).toMatch(/readinessProbe\W* does not exist in type 'IPodTemplateSpec'/);
    expect(schemaErrors(misplacedProbe)).toEqual([]);
  });

  it('the Deployment runs more than one replica, with pod labels its selector matches', () => {
    expect(spec.replicas).toBeGreaterThan(1);
    expect(spec.template.metadata?.labels).toMatchObject(spec.selector.matchLabels ?? {});
  });

  it('the container serves on the port the image exposes, named http', () => {
    expect(container?.ports).toEqual([{ name: 'http', containerPort: Number(runtime.expose[0]) }]);
  });

  it('probes readiness on /readyz and liveness on /healthz', () => {
    expect(container?.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container?.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
  });

  it('requests CPU and memory, and limits memory', () => {
    expect(Object.keys(container?.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(container?.resources?.limits?.memory).toBeDefined();
  });

  it("runs as the image's non-root user on a read-only root filesystem", () => {
    const [uid, gid] = (runtime.user ?? '').split(':').map(Number);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: uid, runAsGroup: gid });
    expect(container?.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  it('the Service selects the pods and targets the named port', () => {
    expect(service.spec?.selector).toEqual(spec.selector.matchLabels);
    expect(service.spec?.ports?.map((p) => p.targetPort)).toEqual(['http']);
  });
});
