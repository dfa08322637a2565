import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashedStart, representationDigest } from '../../src/http/body-hash.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const sha256 = (...parts: (string | Buffer)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

describe('representationDigest', () => {
  const start = Buffer.from('{"data":[{"code":"BY"},{"code":"CN"}');
  const body = Buffer.concat([start, Buffer.from('],"meta":{"total":2}}')]);

  it('is the SHA-256 of the media type and the bytes, with or without a hashed start', () => {
    const expected = sha256(JSON_TYPE, body);
    expect(representationDigest(JSON_TYPE, body)).toBe(expected);
    expect(representationDigest(JSON_TYPE, body, hashedStart(JSON_TYPE, start))).toBe(expected);
  });

  it('can use one hashed start for many bodies', () => {
    const kept = hashedStart(JSON_TYPE, start);
    for (const end of ['],"meta":{"asOf":"2001-06-15"}}', '],"meta":{"asOf":"2024-07-04"}}']) {
      const other = Buffer.concat([start, Buffer.from(end)]);
      expect(representationDigest(JSON_TYPE, other, kept), end).toBe(sha256(JSON_TYPE, other));
    }
  });

  it('hashes the whole body when it does not begin with the start, or has another media type', () => {
    const otherStart = hashedStart(JSON_TYPE, Buffer.from('{"data":[{"code":"IN"}'));
    expect(representationDigest(JSON_TYPE, body, otherStart)).toBe(sha256(JSON_TYPE, body));
    expect(representationDigest('text/csv', body, hashedStart(JSON_TYPE, start))).toBe(sha256('text/csv', body));
    const longer = hashedStart(JSON_TYPE, Buffer.concat([body, Buffer.from(' ')]));
    expect(representationDigest(JSON_TYPE, body, longer)).toBe(sha256(JSON_TYPE, body));
  });
});
