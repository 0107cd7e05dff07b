import { IntlMessageFormat } from 'intl-messageformat';
import { adminEn, type AdminKey } from './catalogs/admin-en.js';

const compiled = new Map<AdminKey, IntlMessageFormat>();

/** Each message is compiled once and kept: the catalog is constant. */
function message(key: AdminKey): IntlMessageFormat {
  let m = compiled.get(key);
  if (!m) {
    m = new IntlMessageFormat(adminEn[key], 'en');
    compiled.set(key, m);
  }
  return m;
}

/** One admin message, filled. A pure lookup over a constant catalog. */
export function adminText(key: AdminKey, values?: Record<string, string | number>): string {
  return String(message(key).format(values));
}

/**
 * One admin message with page parts in it (a date element, a link, `<strong>…</strong>` around words), as a list
 * of text and those parts, for a view to place. The whole sentence stays one message; nothing is glued from pieces.
 */
export function adminParts<T>(key: AdminKey, values: Record<string, string | number | T | ((chunks: (string | T)[]) => T)>): (string | T)[] {
  const out = message(key).format<T>(values);
  return Array.isArray(out) ? out : [out];
}
