import { createRequire } from 'node:module';
// The library without its Node entry, which registers every locale: only those named here are loaded.
import countriesLib from 'i18n-iso-countries/index.js';
import { InvalidParameterError } from './errors.js';

const require = createRequire(import.meta.url);
countriesLib.registerLocale(require('i18n-iso-countries/langs/en.json'));

export type CodeResolution = { kind: 'assigned'; alpha2: string } | { kind: 'unassigned'; input: string };

/** The one place a country code is understood: alpha-2 or alpha-3, any case, answered as alpha-2. */
export function resolveCountryCode(input: string): CodeResolution {
  const upper = input.toUpperCase();
  const alpha2 = upper.length === 3 ? countriesLib.alpha3ToAlpha2(upper) : upper;
  return alpha2 && countriesLib.isValid(alpha2) ? { kind: 'assigned', alpha2 } : { kind: 'unassigned', input: upper };
}

/** For filters: an unassigned code is a client error rather than an empty result. */
export function countryFilter(input: string | undefined, name = 'country'): string | null {
  if (input === undefined) return null;
  const resolved = resolveCountryCode(input);
  if (resolved.kind === 'unassigned') {
    throw new InvalidParameterError(name, `${resolved.input} is not an ISO 3166-1 alpha-2 or alpha-3 code`);
  }
  return resolved.alpha2;
}

/** The English short name of any ISO country, for messages about countries the dataset does not hold. */
export function isoCountryName(alpha2: string): string {
  return countriesLib.getName(alpha2, 'en') ?? alpha2;
}
