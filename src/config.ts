import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { defaultDatabasePath, projectRoot } from '../dataset/paths.js';

const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** The process environment, parsed once at start. Every variable is optional: the defaults run locally. */
export const configSchema = z.object({
  PORT: integer(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  // The built database (`npm run seed` writes it; the server only reads it).
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(defaultDatabasePath)
    .transform((p) => (isAbsolute(p) ? p : resolve(projectRoot, p))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // A log line for every request answered (at `info`), not only for failures: off by default, as
  // the edge in front of the API logs every request (deploy/haproxy.cfg, with the request id).
  ACCESS_LOG: z.stringbool({ error: 'expected true or false' }).default(false),
  // Requests per minute per client; 0 (the default) turns the in-process limit off. A deployment
  // limits at its edge, where one count covers every replica (deploy/haproxy.cfg); a server that
  // faces clients directly sets it (600 is a fair start). docs/http.md says why.
  RATE_LIMIT_MAX: integer(0, 0, 1_000_000_000),
  // `*` for any origin, or a comma list of allowed origins.
  CORS_ORIGIN: z.string().min(1).default('*'),
  // Seconds a shared cache may serve a response without revalidating.
  CACHE_MAX_AGE: integer(300, 0, 31_536_000),
  // Trust X-Forwarded-For from this many proxy hops (or `true`/`false`): needed behind a load balancer.
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number => (v === 'true' ? true : v === 'false' ? false : Number(v)))
    .refine((v) => typeof v === 'boolean' || (Number.isInteger(v) && v >= 0), 'expected true, false or a hop count'),
  // Graceful shutdown: how long in-flight requests may take before the process exits anyway.
  SHUTDOWN_TIMEOUT_MS: integer(10_000, 0, 600_000),
  // The address clients reach this API at, for the absolute links of the feeds (default: http://HOST:PORT).
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://sco.example.org' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  return parsed.data;
}
