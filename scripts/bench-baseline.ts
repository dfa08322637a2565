import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

// The ceiling for each benchmarked endpoint: a bare Fastify route (same version) sending the very
// same bytes and headers as a precomputed constant; plus the absolute ceiling, { hello: 'world' }.
interface Constant {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const constants = JSON.parse(readFileSync(process.env.BENCH_CONSTANTS ?? '', 'utf8')) as Constant[];
const app = Fastify({ logger: false });
for (const constant of constants) {
  const body = Buffer.from(constant.body, 'base64');
  app.get(constant.path, (_request, reply) => reply.headers(constant.headers).send(body));
}
app.get('/hello', () => ({ hello: 'world' }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
