// What the domain throws when a question cannot be answered, in its own terms: no HTTP status, no
// problem kind. The HTTP side maps each to a problem (src/plugins/errors.ts), the MCP tools to a
// tool error (src/mcp/tools.ts).

/** The thing asked for does not exist (an id, a code the dataset does not hold); the message says why. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A value given for a named parameter cannot be used; `detail` says why, without the name. */
export class InvalidParameterError extends Error {
  override name = 'InvalidParameterError';
  constructor(
    readonly parameter: string,
    readonly detail: string,
  ) {
    super(`${parameter}: ${detail}`);
  }
}
