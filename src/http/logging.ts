import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import pino, { type Bindings, type ChildLoggerOptions } from 'pino';

/**
 * Fastify's request lines, trimmed. A failed request keeps Fastify's own line; a request answered
 * writes one access line when it completes (method, URL, status, time, request id), where Fastify
 * writes two ("incoming request", then "request completed"), and only with `ACCESS_LOG=true`. By
 * default the edge in front of the API logs every request (deploy/haproxy.cfg, with the request
 * id the API answers with), and the line would be the largest part of a cached answer's cost
 * (docs/performance.md).
 */
export class AccessLog extends LogController {
  constructor(private readonly everyRequest: boolean) {
    super();
  }

  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error) return super.requestCompleted(error, request, reply);
    if (!this.everyRequest) return;
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

type LogMethod = (...args: unknown[]) => void;

/**
 * A request's logger (Fastify's `childLoggerFactory`), made when the request first logs. Fastify
 * asks for one on every request, and pino's child writes out its bindings (the request id) when
 * made; most requests, and every cached answer, log nothing.
 */
class RequestLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get logger(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options);
    return this.made;
  }

  get level(): string {
    return this.made?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  fatal(...args: unknown[]) {
    (this.logger.fatal as LogMethod)(...args);
  }
  error(...args: unknown[]) {
    (this.logger.error as LogMethod)(...args);
  }
  warn(...args: unknown[]) {
    (this.logger.warn as LogMethod)(...args);
  }
  info(...args: unknown[]) {
    (this.logger.info as LogMethod)(...args);
  }
  debug(...args: unknown[]) {
    (this.logger.debug as LogMethod)(...args);
  }
  trace(...args: unknown[]) {
    (this.logger.trace as LogMethod)(...args);
  }
  silent() {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: a request's logger, made on first use (`RequestLogger`). */
export function requestLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
  return new RequestLogger(parent, bindings, options) as unknown as FastifyBaseLogger;
}

// How far the log may run ahead of its reader: beyond this, lines are dropped rather than kept in
// memory (a stalled reader must not grow the process without bound).
const MAX_BUFFERED_LOG_BYTES = 4 * 1024 * 1024;

type LogStream = ReturnType<typeof pino.destination>;

/**
 * Where the server logs: JSON lines on stdout through pino's asynchronous destination, so that the
 * writes happen off the event loop (pino flushes it on exit), with a bounded buffer.
 */
export function serverLogStream(): LogStream {
  return pino.destination({ dest: 1, sync: false, maxLength: MAX_BUFFERED_LOG_BYTES });
}

/** Once the reader of `stream` has caught up (its buffer written out), one warning says how many lines were dropped. */
export function warnOfDroppedLines(stream: LogStream, log: FastifyBaseLogger) {
  let dropped = 0;
  stream.on('drop', () => {
    dropped++;
  });
  stream.on('drain', () => {
    if (dropped === 0) return;
    const count = dropped;
    dropped = 0;
    log.warn({ dropped: count }, 'log lines dropped: stdout was not read as fast as it was written');
  });
}
