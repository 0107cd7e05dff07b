/**
 * The one check for every `next` / `return_to` value we redirect to.
 *
 * Browsers are lenient with a Location header: they drop tabs and newlines, read `\` as `/`, and
 * treat `//host` as another site. So a value is accepted only when it is, character by character,
 * a plain path on this site, and the answer is the URL parser's own serialisation of it, which is
 * what a browser will resolve. The parser runs against a fixed origin of our own: only
 * "same origin or not" matters, and a redirect never needs the real host (it is relative).
 */

const BASE = 'https://masthead.invalid';
const MAX_LENGTH = 500;
/** ASCII controls, space, DEL, backslash, and the Unicode spaces a browser or proxy might trim. */
const FORBIDDEN = /[\u0000-\u0020\u007f\\\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** True when `value` (raw or once percent-decoded) could be read by some browser as another site. */
function looksForeign(value: string): boolean {
  return FORBIDDEN.test(value) || !value.startsWith('/') || value.startsWith('//');
}

function decodedOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * A same-origin path (path + query + hash) taken from untrusted input, or `fallback`.
 * Rejects schemes, `//host`, backslashes, whitespace and control characters, also percent-encoded in the path.
 */
export function safeLocalPath(input: unknown, fallback: string): string {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_LENGTH) return fallback;
  if (looksForeign(input)) return fallback;
  // The path decoded once (a proxy or another server may decode it): `/%09/host`, `/%5Chost`, `/%2F%2Fhost`.
  // The query and hash cannot change the origin, so encoded spaces in a search stay allowed.
  const decoded = decodedOnce(input.split(/[?#]/, 1)[0]!);
  if (decoded === null || looksForeign(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(input, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const local = url.pathname + url.search + url.hash;
  // Dot segments can collapse into a network path: `/.//evil` parses to the path `//evil`.
  return looksForeign(local) ? fallback : local;
}

/** True when `path` is `area` itself or something under it (`/admin`, `/admin/x`, `/admin?y`). */
export function isUnder(path: string, area: string): boolean {
  if (!path.startsWith(area)) return false;
  const rest = path.charAt(area.length);
  return rest === '' || rest === '/' || rest === '?' || rest === '#';
}
