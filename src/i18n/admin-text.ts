import { IntlMessageFormat } from 'intl-messageformat';
import { adminEn, type AdminKey } from './catalogs/admin-en.js';

const compiled = new Map<AdminKey, IntlMessageFormat>();

/** One admin message, filled. A pure lookup over a constant catalog: each message is compiled once and kept. */
export function adminText(key: AdminKey, values?: Record<string, string | number>): string {
  let m = compiled.get(key);
  if (!m) {
    m = new IntlMessageFormat(adminEn[key], 'en');
    compiled.set(key, m);
  }
  return String(m.format(values));
}
