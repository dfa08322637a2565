import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';

// `npm start`: runs the server bundle (dist/server.cjs, one file written by scripts/bundle.ts)
// with V8's code cache of it (dist/server.v8cache), so that start-up neither resolves hundreds
// of modules nor compiles the functions it calls. `node dist/boot.cjs --write-code-cache` (the
// last step of `npm run build`) runs what start-up runs, without a port or a database, and
// records the cache. A cache made by another Node version or with other V8 flags is rejected by
// V8, and one made from other bundle bytes is not offered to it (V8 compares only the length):
// the bundle is then compiled as usual, slower, never wrong. Compiled by esbuild to CommonJS.

const bundle = join(__dirname, 'server.cjs');
const cacheFile = join(__dirname, 'server.v8cache');
const writing = process.argv.includes('--write-code-cache');

const source = readFileSync(bundle);
// The cache file starts with the SHA-1 of the bundle it was made from (40 hex characters).
const digest = createHash('sha1').update(source).digest('hex');
let stored: Buffer | undefined;
if (!writing) {
  try {
    stored = readFileSync(cacheFile);
  } catch {}
}
const fits = stored !== undefined && stored.subarray(0, digest.length).toString('latin1') === digest;
// esbuild writes ASCII only (non-ASCII characters escaped; scripts/bundle.ts checks): latin1 is
// the same text, decoded without a UTF-8 pass.
const script = new vm.Script(Module.wrap(source.toString('latin1')), {
  filename: bundle,
  cachedData: fits ? stored?.subarray(digest.length) : undefined,
  // No importModuleDynamically: the bundle has no import() (scripts/bundle.ts writes each as a
  // require()), and without one Node does not load its ES module loader.
});
const cache = stored === undefined ? 'absent' : !fits ? 'stale' : script.cachedDataRejected ? 'rejected' : 'used';

const loaded = { exports: {} as typeof import('./server.js') };
script.runInThisContext()(loaded.exports, createRequire(bundle), loaded, bundle, __dirname);
const server = loaded.exports;

if (writing) {
  server
    .warmUp()
    .then(() => {
      writeFileSync(cacheFile, Buffer.concat([Buffer.from(digest, 'latin1'), script.createCachedData()]));
      console.log(`wrote ${cacheFile}`);
    })
    .catch(server.exitOnStartError);
} else {
  server.startServer(`code cache ${cache}`).catch(server.exitOnStartError);
}
