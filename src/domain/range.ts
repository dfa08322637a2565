import { InvalidParameterError } from './errors.js';

/** `from` after `to` is a mistake worth saying, not an empty list. */
export function checkRange(from: string | undefined, to: string | undefined) {
  if (from && to && from > to) throw new InvalidParameterError('to', `must not be before from (${from})`);
}
