import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The SCO Explorer: built into dist/explorer, served by the API's own process at /explorer.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/explorer/',
  build: {
    outDir: fileURLToPath(new URL('../dist/explorer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Every browser that runs ES2022 has modulepreload: no polyfill to ship.
    modulePreload: { polyfill: false },
    // The map stays a file of its own (cached for a year), not a string inside the script.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  // `npm run dev` on :3000 and `npx vite web` on :5173 work together.
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
