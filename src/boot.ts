import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';

// `npm start`: runs the server bundle (dist/server.cjs, one file written by scripts/bundle.ts)
// with V8's code cache of it (dist/server.v8cache), so that start-up neither resolves hundreds
// of modules nor compiles the functions it calls. `node dist/boot.cjs --write-code-cache` (the
// last step of `npm run build`) runs what start-up runs, without a port or a database, and
// records the cache. A cache made by another Node version or with other V8 flags is rejected by
// V8 and the bundle is compiled as usual: slower, never wrong. Compiled by esbuild to CommonJS.

const bundle = join(__dirname, 'server.cjs');
const cacheFile = join(__dirname, 'server.v8cache');
const writing = process.argv.includes('--write-code-cache');

let cachedData: Buffer | undefined;
if (!writing) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
}
const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
  filename: bundle,
  cachedData,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const cache = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';

interface ServerModule {
  startServer(note: string): Promise<unknown>;
  warmUp(): Promise<void>;
  exitOnStartError(error: unknown): never;
}
const loaded = { exports: {} as ServerModule };
script.runInThisContext()(loaded.exports, createRequire(bundle), loaded, bundle, __dirname);
const server = loaded.exports;

if (writing) {
  server
    .warmUp()
    .then(() => {
      writeFileSync(cacheFile, script.createCachedData());
      console.log(`wrote ${cacheFile}`);
    })
    .catch(server.exitOnStartError);
} else {
  server.startServer(`code cache ${cache}`).catch(server.exitOnStartError);
}
