import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import pino from 'pino';

/**
 * One access-log line per request, written when it completes (method, URL, status, time, request
 * id), where Fastify writes two ("incoming request", then "request completed"). Errors keep
 * Fastify's own lines.
 */
export class AccessLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error) return super.requestCompleted(error, request, reply);
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/**
 * The server's logger: JSON lines on stdout through pino's asynchronous destination, so that the
 * writes happen off the event loop (pino flushes it on exit).
 */
export function serverLogger(level: string): FastifyServerOptions['logger'] {
  return { level, stream: pino.destination({ dest: 1, sync: false }) };
}
