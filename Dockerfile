# syntax=docker/dockerfile:1
# better-sqlite3 compiles from source when no prebuilt binary fits, so both installs happen in a
# stage with a C++ toolchain; the runtime stage copies their result and ships no compiler.
FROM node:24-bookworm-slim AS toolchain
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The client package is an npm workspace: npm ci needs its manifest (nothing of it ships).
COPY packages/client/package.json ./packages/client/

# Production dependencies only: what the runtime stage ships as node_modules.
FROM toolchain AS prod-deps
RUN npm ci --omit=dev

# Every dependency, the compiled server and Explorer, and the database built from seed/ (so a
# container serves at once).
FROM toolchain AS build
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY dataset ./dataset
COPY src ./src
COPY web ./web
COPY seed ./seed
COPY migrations ./migrations
COPY packages/client ./packages/client
COPY scripts/bundle.mjs scripts/eager-commonjs.mjs scripts/openapi-document.ts ./scripts/
RUN npm run build && npm run seed

# Runtime: the bundled server (dist/server, see scripts/bundle.mjs), the Explorer, production
# dependencies (better-sqlite3, left outside the bundle, and Swagger UI's files) and the database.
# Nothing is written at run time: the server only reads the database, and Node's compile cache.
FROM node:24-bookworm-slim AS runtime
WORKDIR /app
# NODE_COMPILE_CACHE: where Node keeps the compiled code of the server's modules, in the home of the
# user that runs it (the image's `node`); filled at the end of this stage.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 NODE_COMPILE_CACHE=/home/node/.cache/node-compile-cache
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/explorer ./dist/explorer
COPY --from=build /app/data ./data
# The image's `node` user, by number so that Kubernetes' runAsNonRoot can verify it; the files stay root's.
USER 1000:1000
# Node's compile cache, filled by one start of the server (until /readyz answers, then SIGTERM) as the
# user that runs it, since Node keeps the cache per user: every container starts with it warm, and
# with a read-only root filesystem Node still reads it.
RUN node --max-semi-space-size=4 dist/server/main.js & server=$!; \
  until node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; \
  do kill -0 $server || exit 1; sleep 0.2; done; \
  kill -TERM $server && wait $server
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# A small young generation, as `npm start` runs it (package.json); no cap on the old one, which did not
# bound memory and made a cached answer dearer on Node 20: see docs/performance.md, Memory.
CMD ["node", "--max-semi-space-size=4", "dist/server/main.js"]
