import { createHash, type Hash } from 'node:crypto';

/** The start of a body, hashed once: its bytes and the SHA-256 state after its media type and them. */
export interface HashedStart {
  contentType: string;
  bytes: Buffer;
  state: Hash;
}

export function hashedStart(contentType: string, bytes: Buffer): HashedStart {
  return { contentType, bytes, state: createHash('sha256').update(contentType).update(bytes) };
}

/**
 * SHA-256 over a representation's media type, then its bytes, in hex. Given the hashed `start` of
 * the body (checked byte for byte), only the rest is hashed: the same digest, for a fraction of
 * the work when the start is most of the body.
 */
export function representationDigest(contentType: string, body: Buffer, start?: HashedStart | null): string {
  const length = start?.bytes.length ?? 0;
  if (
    start &&
    start.contentType === contentType &&
    body.length >= length &&
    body.compare(start.bytes, 0, length, 0, length) === 0
  ) {
    return start.state.copy().update(body.subarray(length)).digest('hex');
  }
  return createHash('sha256').update(contentType).update(body).digest('hex');
}
