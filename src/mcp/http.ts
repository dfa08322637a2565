import type { FastifyPluginAsync } from 'fastify';
import { ApiProblem } from '../http/problems.js';

// The SDK takes long to load (about a second on this machine when idle): loaded on the first /mcp
// request, not at start-up.
let sdk: Promise<[typeof import('./tools.js'), typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js')]>;
const loadSdk = () => {
  sdk ??= Promise.all([import('./tools.js'), import('@modelcontextprotocol/sdk/server/streamableHttp.js')]);
  return sdk;
};

/**
 * The MCP server over Streamable HTTP at /mcp: stateless (a server and a transport per request, no
 * session), JSON answers rather than event streams, read-only, behind the same rate limit and body
 * limit as the API. GET and DELETE (streams and sessions) are refused with 405.
 */
const mcp: FastifyPluginAsync<{ version: string }> = async (app, options) => {
  app.post('/mcp', { schema: { hide: true }, config: { cache: false } }, async (request, reply) => {
    const [{ createMcpServer }, { StreamableHTTPServerTransport }] = await loadSdk();
    const server = createMcpServer(request.server.repos, options.version);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    // The SDK writes the answer itself, with the headers Fastify has set so far (request id, security, CORS).
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string | string[]);
    }
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });

  const refuse = async () => {
    throw new ApiProblem(
      'method-not-allowed',
      'the MCP endpoint is stateless: send JSON-RPC messages with POST',
      undefined,
      {
        allow: 'POST',
      },
    );
  };
  app.route({
    method: ['GET', 'DELETE', 'PUT', 'PATCH'],
    url: '/mcp',
    schema: { hide: true },
    config: { cache: false },
    handler: refuse,
  });
};

export default mcp;
