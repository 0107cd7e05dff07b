/**
 * Finds the country of a client address in a database the operator keeps on this machine. Masthead
 * ships none, and never asks a remote service: with no lookup configured, no country is kept.
 *
 * To add one (for example over a MaxMind GeoLite2 Country `.mmdb` file read with the `maxmind`
 * package), implement this interface and pass it to AnalyticsService in src/main.ts.
 */
export interface CountryLookup {
  /** ISO 3166-1 alpha-2 code in capitals ("UA", "DE"), or null when the address is not found. */
  countryFor(ip: string): string | null;
}

/** The default: no GeoIP database, so no country. */
export const noCountryLookup: CountryLookup = { countryFor: () => null };

/** Keeps only well-formed two-letter codes from a lookup. */
export function normaliseCountry(code: string | null): string | null {
  if (!code) return null;
  const c = code.toUpperCase();
  return /^[A-Z]{2}$/.test(c) ? c : null;
}
