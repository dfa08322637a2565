import { rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { stringify } from 'yaml';
import { eagerCommonJs } from './eager-commonjs.mjs';

// The last step of `npm run build`: the server bundled into dist/server/ (main.js, which turns
// Node's compile cache on, and server.js, everything else), which is what `npm start` and the image
// run; `node scripts/bundle.mjs <folder>` writes <folder>/server instead (the scale test's
// replicas). Loading fastify, zod, drizzle-orm and the rest as hundreds of separate files is most of
// a start-up; one file is read and compiled in one go (issue 16's target; `npm run startup`
// measures it against a bare Fastify server).
//
// It also writes openapi.json and openapi.yaml beside them: the OpenAPI document, generated from the
// routes now, which the bundled server serves as it is instead of loading the generator (and a YAML
// writer) at every start (src/server.ts).
//
// Left outside, loaded from node_modules as usual: better-sqlite3, and what the server never loads
// (`external` below). Swagger UI's files are served from their package folder (src/plugins/openapi.ts).
// Nothing in node_modules is changed. dataset/paths.ts finds the
// project root by walking up from the bundle to package.json, as it does from src/ and dist/src/.
const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(resolve(process.argv[2] ?? join(root, 'dist')), 'server');
// Written afresh: chunk names carry a hash, and an old chunk must not ship.
rmSync(outdir, { recursive: true, force: true });
// Left in node_modules: better-sqlite3, which loads its compiled addon (through bindings) from its
// package folder; and what the server never loads, which bundled would only be read and compiled at
// every start: Fastify's default compilers (the app gives its own), light-my-request (inject, for
// tests) and @fastify/swagger's generator (the build generates the document); and mime-db, a JSON
// file of about 150 KB that Node's JSON loader reads faster than the bundle can carry it as code
// (measured with `npm run startup`; one copy, through the `overrides` in package.json).
// The image ships them all the same, as production dependencies (tests/build checks).
const external = [
  'better-sqlite3',
  'bindings',
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  'light-my-request',
  'json-schema-resolver',
  'mime-db',
];
// Zod's entry points re-export every locale it has (`z.locales`, about 290 KB, half of what zod adds
// to the bundle), and a namespace re-export cannot be tree-shaken. The server speaks English only
// (zod's default, and no code here calls z.config), so in the bundle the locale index offers `en`
// alone; zod's files stay as they are.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'zod')}/`)
        ? { path: join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: root,
    }));
  },
};
// Bundled CommonJS calls require() for Node's built-ins; an ES module has no require of its own.
const banner = {
  js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
};
const common = {
  bundle: true,
  plugins: [zodEnglishOnly],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Less to read and parse at every start (measured with `npm run startup`). Identifiers keep their
  // names: fastify and the plugins read function names.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};
// main.js: src/main.ts as it is, which turns the compile cache on and then imports ./server.js.
await build({
  ...common,
  entryPoints: [join(root, 'src', 'main.ts')],
  outfile: join(outdir, 'main.js'),
  external: ['./server.js'],
});
// server.js: everything else, with what only a lazy import() needs (the MCP SDK and the MCP tools)
// in chunks/ that Node reads and compiles on the first such import, not at start-up. Code shared
// with the start-up path sits in chunks server.js imports, which run before server.js itself: the
// order in which modules run differs from src/, which would show in a document generated here (the
// order of the OpenAPI document's schemas), hence openapi.json from the unsplit generator below.
const { metafile } = await build({
  ...common,
  entryPoints: { server: join(root, 'src', 'server.ts') },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  external,
  metafile: true,
  banner,
});
// The CommonJS modules compiled with their file, so that Node's compile cache keeps them (eager-commonjs.mjs).
for (const output of Object.keys(metafile.outputs)) if (output.endsWith('.js')) eagerCommonJs(output);
// What server.js imports from node_modules at run time (tests/build checks that the image ships it).
const imports = Object.values(metafile.outputs).flatMap((output) => output.imports);
const imported = [...new Set(imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path))];
writeFileSync(join(outdir, 'external.json'), `${JSON.stringify(imported.sort(), null, 2)}\n`);

// openapi.json: scripts/openapi-document.ts bundled the same way (the app from src/ with the same
// options, so the same document as the server would generate; not minified, so that an error reads),
// run once, then removed.
const generator = join(outdir, 'openapi-generator.mjs');
await build({
  ...common,
  minifyWhitespace: false,
  minifySyntax: false,
  sourcemap: false,
  entryPoints: [join(root, 'scripts', 'openapi-document.ts')],
  outfile: generator,
  external,
  banner,
});
try {
  const { generateOpenapiDocument } = await import(pathToFileURL(generator).href);
  const document = await generateOpenapiDocument();
  writeFileSync(join(outdir, 'openapi.json'), JSON.stringify(document));
  // The same in YAML, written as @fastify/swagger writes it, for /docs/yaml.
  writeFileSync(join(outdir, 'openapi.yaml'), stringify(document, { strict: false }));
} finally {
  rmSync(generator, { force: true });
}
