import { isAscii } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { projectRoot } from '../src/paths.js';

// The last step of `npm run build`: the server as one CommonJS file (dist/server.cjs), its loader
// (dist/boot.cjs, what `npm start` runs) and V8's code cache of it (dist/server.v8cache); see
// src/boot.ts. One file instead of hundreds of modules, and compiled code read from disk, are
// what bring start-up close to a bare Fastify server's.
// `--outdir DIR` (inside the project, where node_modules is found) is for the tests of the bundle.
const outdirArg = process.argv.indexOf('--outdir');
const dist = outdirArg >= 0 ? resolve(process.argv[outdirArg + 1] ?? '') : join(projectRoot, 'dist');
for (const file of ['server.cjs', 'server.cjs.map', 'server.v8cache', 'boot.cjs'])
  rmSync(join(dist, file), { force: true });

const common: BuildOptions = {
  absWorkingDir: projectRoot,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  legalComments: 'none',
  logLevel: 'warning',
};

// A bundled package that reads files beside its code (Swagger UI's page and logo, @fastify/swagger's
// package.json) finds them where they are installed: node_modules is shipped with the bundle anyway,
// for better-sqlite3, and found from it. tests/bundle checks /docs and the rest on the built server.
const nodeModules = join(projectRoot, 'node_modules');
const packageDirs: Plugin = {
  name: 'package-dirs',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const dir = JSON.stringify(relative(nodeModules, dirname(args.path)));
      const file = JSON.stringify(relative(nodeModules, args.path));
      return {
        contents: source
          .replace(/\b__dirname\b/g, `require('node:path').join(__nodeModules, ${dir})`)
          .replace(/\b__filename\b/g, `require('node:path').join(__nodeModules, ${file})`),
        loader: 'js',
      };
    });
  },
};

await build({
  ...common,
  entryPoints: ['src/server.ts'],
  // src/boot.ts compiles the bundle without a loader for import(): esbuild writes every import() as a
  // require(), which is what it does for the modules it bundles anyway.
  supported: { 'dynamic-import': false },
  plugins: [packageDirs],
  outfile: join(dist, 'server.cjs'),
  minify: true,
  sourcemap: 'linked',
  external: [
    // better-sqlite3 finds its native addon with this package only when it is not named (src/db/sqlite.ts).
    'bindings',
    // Required by Fastify only for app.inject() and for its default Ajv and fast-json-stringify
    // compilers, which this app replaces; left out, they cost nothing unless used.
    'light-my-request',
    '@fastify/ajv-compiler',
    '@fastify/fast-json-stringify-compiler',
  ],
  // The ES modules find their files from import.meta.url; in CommonJS that is the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: {
    js: [
      "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
      "var __nodeModules = require('node:path').join(require.resolve('better-sqlite3/package.json'), '..', '..');",
    ].join('\n'),
  },
});
// src/boot.ts decodes the bundle as latin1, which is only right for ASCII (esbuild's default charset).
if (!isAscii(readFileSync(join(dist, 'server.cjs')))) throw new Error('dist/server.cjs is not ASCII');
await build({ ...common, entryPoints: ['src/boot.ts'], outfile: join(dist, 'boot.cjs') });

execFileSync(process.execPath, [join(dist, 'boot.cjs'), '--write-code-cache'], { cwd: projectRoot, stdio: 'inherit' });
