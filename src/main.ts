import { exitOnStartError, startServer } from './server.js';

// The entry without the bundle: `npm run dev` (tsx) and the compiled dist/src/main.js.
startServer().catch(exitOnStartError);
