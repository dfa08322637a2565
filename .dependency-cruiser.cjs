// The layers' import rules (`npm run lint:imports`, a step of `npm test`'s unit tier).
// dataset/ is the leaf that the server (src/), the seed builder (seed/) and the Explorer (web/src/)
// share: the vocabularies, the database schema, the search folding, the content hash, the paths.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'server-imports-seed',
      comment:
        'src/ (the server) must not import seed/ (the builder): what both need belongs in dataset/. The server only opens the database that `npm run seed` builds.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^seed/' },
    },
    {
      name: 'seed-imports-server',
      comment: 'seed/ (the builder) must not import src/ (the server): what both need belongs in dataset/.',
      severity: 'error',
      from: { path: '^seed/' },
      to: { path: '^src/' },
    },
    {
      name: 'dataset-is-a-leaf',
      comment: 'dataset/ is the shared leaf: it imports only packages and itself, never src/, seed/ or web/.',
      severity: 'error',
      from: { path: '^dataset/' },
      to: { path: '^(src|seed|web|scripts|tests)/' },
    },
    {
      name: 'domain-has-no-http',
      comment:
        'src/domain/ answers questions about the dataset and throws its own errors (domain/errors.ts); HTTP (problems, Fastify, routes, plugins) is mapped in src/plugins/errors.ts, not known here.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(http|plugins|routes|feeds|mcp|app\\.ts|server\\.ts)|node_modules/(fastify|@fastify)/)' },
    },
    {
      name: 'routes-only-from-app',
      comment:
        'src/routes/ holds one module per resource, registered by src/app.ts; what two of them share lives in src/http/, src/schemas/ or src/domain/, never in another route module.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/app\\.ts$' },
      to: { path: '^src/routes/' },
    },
    {
      name: 'explorer-uses-vocabulary-only',
      comment:
        'The Explorer (web/src/) may take the vocabularies from dataset/, nothing else of the repository: the server reaches it over HTTP (@sco-api/client).',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^(src|seed|scripts|dataset/(?!vocabulary\\.ts$))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/client/schema\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
