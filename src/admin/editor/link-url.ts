/**
 * Link targets in article bodies. Only web and mail links: the server's sanitizer drops anything
 * else too, but refusing in the editor tells the writer why instead of silently losing the link.
 * Every check goes through the WHATWG URL parser, the same one the reader's browser uses, so
 * tricks like "java\tscript:" are judged exactly as a browser would follow them.
 */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Any resolvable base works: it only tells relative links apart from absolute ones.
const BASE = 'https://masthead.invalid/';

export type LinkInput = { ok: true; href: string } | { ok: false; reason: 'empty' | 'scheme' | 'invalid' };

/**
 * Checks a URL typed into the link prompt. A bare host ("example.org/page") becomes https;
 * any scheme other than http, https or mailto (javascript:, data:, ftp: ...) is refused.
 */
export function parseLinkInput(raw: string): LinkInput {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const url = parseUrl(withScheme(text));
  if (url === null) return { ok: false, reason: 'invalid' };
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return { ok: false, reason: 'scheme' };
  if (url.protocol !== 'mailto:' && url.hostname === '') return { ok: false, reason: 'invalid' };
  return { ok: true, href: url.href };
}

/**
 * Whether a link already in a body may stay: the three schemes above, plus same-site paths and
 * fragments ("/articles/x", "#notes"), which Markdown bodies contain and the sanitizer keeps.
 * Protocol-relative "//host" links are refused, as the sanitizer refuses them.
 */
export function isKeptHref(href: string | null | undefined): boolean {
  if (!href) return false;
  const url = parseUrl(href, BASE);
  if (url === null || !ALLOWED_PROTOCOLS.has(url.protocol)) return false;
  const relative = !HAS_SCHEME.test(href.replace(/[\t\n\r]/g, '').trimStart());
  return !relative || url.origin === new URL(BASE).origin;
}

/** Without a scheme the URL parser fails: read an address as mail, a dotted host as the web. */
function withScheme(text: string): string {
  if (HAS_SCHEME.test(text)) return text;
  if (/^[^\s@/?#]+@[^\s@/?#]+\.[^\s@/?#]+$/.test(text)) return `mailto:${text}`;
  if (/^[^\s/?#@]+\.[^\s/?#]+/.test(text)) return `https://${text}`;
  return text;
}

function parseUrl(text: string, base?: string): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}
