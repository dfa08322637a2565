import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests finish (bounded by
 * `timeoutMs`), close the database through the app's onClose hooks, and exit 0.
 */
export function installGracefulShutdown(app: FastifyInstance, timeoutMs: number) {
  closeWithGrace({ delay: timeoutMs, logger: { error: (m) => app.log.error(m) } }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an uncaught error');
    else app.log.info(`closing on ${signal}: finishing in-flight requests`);
    // Keep-alive connections go idle as their last request finishes: close them as they do.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    try {
      await app.close();
    } finally {
      clearInterval(sweep);
    }
  });
}
