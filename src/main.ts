import module from 'node:module';

// The process entry: `npm start` runs its bundled form (dist/server/main.js), `npm run dev` this file.
// Node's compile cache (Node 22.1 and later; NODE_COMPILE_CACHE or the OS's temporary folder)
// keeps the compiled code of every module loaded after this line, so that later starts skip
// compiling them; the image fills it at build time (Dockerfile). Node 20 has none: its starts
// compile as usual.
// (@types/node 20 does not declare it.)
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { exitOnStartError, startServer } = await import('./server.js');
startServer().catch(exitOnStartError);
