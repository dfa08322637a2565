import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient as heyApi } from '@hey-api/openapi-ts';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../dataset/paths.js';
import type { App } from '../../src/app.js';
import { buildTestApp, expectResponsesMatchDocument } from '../helpers.js';

// Clients generated from the served document by two independent generators, and the packed
// @sco-api/client installed into an empty project: each compiled strictly, then run against a listening server.

const run = promisify(execFile);
const consumers = join(projectRoot, 'tests/client/consumers');
// Generating, compiling and installing take seconds each; on a busy 2-core machine, tens of seconds.
const slow = { timeout: 180_000 };
const strict: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  skipLibCheck: true,
};

/** Type-checks the files strictly; returns each error as `file:line message` (an unused @ts-expect-error is one). */
function compile(files: string[], options: ts.CompilerOptions): string[] {
  const program = ts.createProgram(files, { ...strict, ...options });
  const emitted = options.noEmit ? [] : program.emit().diagnostics;
  return [...ts.getPreEmitDiagnostics(program), ...emitted].map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** What every consumer's `run` answers on the real seed data, stated from the facts, not from the code. */
const expected = {
  // Members and observers on 2016-01-01, sorted by descending code, only code and status kept.
  countries: [
    'UZ:member',
    'TJ:member',
    'RU:member',
    'PK:observer',
    'MN:observer',
    'KZ:member',
    'KG:member',
    'IR:observer',
    'IN:observer',
    'CN:member',
    'BY:observer',
    'AF:observer',
  ],
  // Summits held virtually or hybrid (Dushanbe 2021: some leaders by video).
  summits: ['2020-moscow', '2021-dushanbe', '2023-new-delhi'],
  partners: 17,
  problem: ['from'],
};

/** The folders in node_modules of a package's dependencies, theirs, and so on. */
function runtimeDependencies(manifest: { dependencies?: Record<string, string> }, seen = new Set<string>()): string[] {
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const folder = join(projectRoot, 'node_modules', name);
    if (seen.has(folder)) continue;
    seen.add(folder);
    runtimeDependencies(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')), seen);
  }
  return [...seen];
}

let app: App;
let baseUrl: string;
let dir: string;
beforeAll(async () => {
  app = await buildTestApp();
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  dir = mkdtempSync(join(tmpdir(), 'sco-clients-'));
  // The generated code imports openapi-fetch like any project would: from node_modules.
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});
expectResponsesMatchDocument();

describe('clients generated from the served /openapi.json', () => {
  it(
    'openapi-typescript + openapi-fetch and @hey-api/openapi-ts both compile strictly, reject a bad filter value and call the server',
    slow,
    async () => {
      const served = await fetch(`${baseUrl}/openapi.json`);
      expect(served.status).toBe(200);
      const document = (await served.json()) as Parameters<typeof openapiTS>[0];

      const typescriptDir = join(dir, 'openapi-typescript');
      mkdirSync(typescriptDir);
      writeFileSync(join(typescriptDir, 'schema.d.ts'), astToString(await openapiTS(document)));
      copyFileSync(join(consumers, 'openapi-fetch.ts'), join(typescriptDir, 'consumer.ts'));

      const heyDir = join(dir, 'hey-api');
      await heyApi({
        input: `${baseUrl}/openapi.json`,
        output: { path: join(heyDir, 'out') },
        plugins: ['@hey-api/client-fetch', '@hey-api/sdk'],
        logs: { level: 'silent' },
      });
      copyFileSync(join(consumers, 'hey-api.ts'), join(heyDir, 'consumer.ts'));

      const files = [join(typescriptDir, 'consumer.ts'), join(heyDir, 'consumer.ts')];
      const errors = compile(files, {
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        noEmit: true,
      });
      expect(errors, 'the generated clients do not compile strictly, or a bad value compiled').toEqual([]);

      for (const file of files) {
        const consumer = (await import(file)) as { run: (url: string) => Promise<unknown> };
        expect(await consumer.run(baseUrl), file).toEqual(expected);
      }
    },
  );
});

describe('the @sco-api/client package', () => {
  it(
    'packs, installs into an empty project without the registry, type-checks a consumer and calls the server',
    slow,
    async () => {
      const manifest = JSON.parse(readFileSync(join(projectRoot, 'packages/client/package.json'), 'utf8'));
      const { info } = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { info: { version: string } };
      const contract = info.version;
      expect(manifest.version.split('.').slice(0, 2), 'the package follows the contract: same major.minor').toEqual(
        contract.split('.').slice(0, 2),
      );

      // npm's variables from an enclosing `npm test` would point the nested npm at this project.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
      const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], {
        cwd: join(projectRoot, 'packages/client'),
        env,
      });
      const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
      expect(tarball?.files.map((f) => f.path).sort()).toEqual([
        'README.md',
        'dist/index.d.ts',
        'dist/index.js',
        'dist/schema.d.ts',
        'package.json',
      ]);

      // Offline: the package's dependencies are packed from this project's node_modules, not fetched.
      const dependencies = await run(
        'npm',
        ['pack', '--json', '--ignore-scripts', '--pack-destination', dir, ...runtimeDependencies(manifest)],
        { cwd: projectRoot, env },
      );
      const tarballs = [tarball, ...JSON.parse(dependencies.stdout)].map((t: { filename: string }) =>
        join(dir, t.filename),
      );
      const project = join(dir, 'consumer');
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
      await run('npm', ['install', ...tarballs, '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: project,
        env,
      });
      copyFileSync(join(consumers, 'package.ts'), join(project, 'consumer.ts'));
      const errors = compile([join(project, 'consumer.ts')], {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        outDir: project,
      });
      expect(errors, 'the consumer does not compile against the package, or a bad value compiled').toEqual([]);

      // The consumer's own Node runs the compiled consumer with only the installed package.
      const script = `import('./consumer.js').then((m) => m.run(${JSON.stringify(baseUrl)})).then((r) => console.log(JSON.stringify(r)))`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env });
      expect(JSON.parse(stdout)).toEqual({
        countries: expected.countries,
        belarus: ['dialogue_partner', 'observer', 'member'],
        problem: ['year'],
      });
    },
  );
});
