import { IntlMessageFormat } from 'intl-messageformat';
import type { ComponentChildren, VNode } from 'preact';
import { adminEn, type AdminKey } from './catalogs/admin-en.js';

export type { AdminKey };

const compiled = new Map<AdminKey, IntlMessageFormat>();

/** Values for a message with markup in it: a page part (a link, a <time>) as a value, or a tag as a function of its words. */
export type AdminRichValues = Record<string, string | number | VNode | ((chunks: ComponentChildren[]) => VNode)>;

/**
 * One admin message, filled. A pure lookup over a constant catalog: each message is compiled once and kept.
 * With plain values it is a string; with page parts ("Received {when}", "the <home>home page</home>") it is
 * the sentence's pieces in order, for a template to render, so a sentence stays one message.
 */
export function adminText(key: AdminKey, values?: Record<string, string | number>): string;
export function adminText(key: AdminKey, values: AdminRichValues): ComponentChildren;
export function adminText(key: AdminKey, values?: AdminRichValues): ComponentChildren {
  let m = compiled.get(key);
  if (!m) {
    m = new IntlMessageFormat(adminEn[key], 'en');
    compiled.set(key, m);
  }
  const out = m.format<VNode>(values as Record<string, string | number | VNode>);
  return typeof out === 'string' ? out : Array.isArray(out) ? (out as ComponentChildren[]) : String(out);
}

/**
 * Messages as written (ICU, unfilled), for a browser island that fills them itself: the editor gets
 * its keys in a JSON block and reads them with src/admin/editor/editor-text.ts.
 */
export function adminMessages<K extends AdminKey>(keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) out[key] = adminEn[key];
  return out;
}
