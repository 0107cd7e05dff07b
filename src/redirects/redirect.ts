/** An old address that answers 301 with a new one. */
export interface Redirect {
  id: number;
  fromPath: string;
  toPath: string;
  /** Who made it: `manual` (an editor), `wordpress`, `ghost`. */
  source: string;
  createdAt: string;
}

/** Query parameters that identify content on the old site (WordPress `/?p=12`, `/?page_id=7`, `/?cat=3`). */
const ID_QUERIES = ['p', 'page_id', 'cat'];

/**
 * The lookup key for a request URL or an address an editor typed: path without trailing slash and
 * without `index.php`, decoded and lower-cased; the query dropped except WordPress's content ids
 * (`/?p=12`). Returns null for what can never be a local path (`//host`, `http:`).
 */
export function redirectKey(url: string): string | null {
  let raw = url.trim();
  // A full address of the old site pasted in: keep its path and query.
  const abs = /^https?:\/\/[^/?#]+(.*)$/i.exec(raw);
  if (abs) raw = abs[1] || '/';
  if (!raw.startsWith('/')) raw = `/${raw}`;
  if (raw.startsWith('//')) return null;
  const hash = raw.indexOf('#');
  if (hash >= 0) raw = raw.slice(0, hash);
  const q = raw.indexOf('?');
  let path = q >= 0 ? raw.slice(0, q) : raw;
  const query = q >= 0 ? new URLSearchParams(raw.slice(q + 1)) : null;
  try {
    path = decodeURIComponent(path);
  } catch {
    return null;
  }
  path =
    path
      .toLowerCase()
      .replace(/\/index\.php$/, '/')
      .replace(/\/+$/, '') || '/';
  if (query) {
    for (const name of ID_QUERIES) {
      const v = query.get(name);
      if (v && /^[0-9a-z_-]{1,80}$/i.test(v)) return `${path}?${name}=${v.toLowerCase()}`;
    }
  }
  if (path.length > 500) return null;
  return path;
}

/** A redirect target: a local path (`/articles/x`) or an http(s) address. */
export function validTarget(to: string): string | null {
  const t = to.trim();
  if (/^\/(?!\/)[^\s]*$/.test(t) && t.length <= 1000) return t;
  try {
    const u = new URL(t);
    if ((u.protocol === 'https:' || u.protocol === 'http:') && t.length <= 2000) return u.toString();
  } catch {
    /* not an address */
  }
  return null;
}
