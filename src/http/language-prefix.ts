import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';

/**
 * Reader pages in a language other than the outlet's default live under `/<code>/`. The prefix is
 * taken off before routing (Fastify's rewriteUrl), so one set of routes serves every language, and
 * the language is kept on the raw request for the handlers (`readerLanguage`). The page cache keys
 * on the URL as the reader sent it, so each language's page is cached apart.
 *
 * Only the reader pages below are prefixed; /admin, /api, /media and assets never are, and neither are
 * the sitemaps: one set covers every language, each page listing its translations as alternates.
 */
const PREFIXED = new Set([
  'articles',
  'sections',
  'tags',
  'authors',
  'feed.xml',
  'atom.xml',
  'feed.json',
  'search',
  'support',
  'topics',
  'account',
  'corrections',
  'privacy',
  'cookies',
  'reprint-policy',
  'republish',
  'newsletters',
]);

const LANGUAGE = Symbol('masthead.readerLanguage');
type Marked = IncomingMessage & { [LANGUAGE]?: string };

/** The URL Fastify routes: `/uk/articles/x` becomes `/articles/x`, remembering `uk`. */
export function stripLanguagePrefix(raw: IncomingMessage, languages: readonly string[]): string {
  const url = raw.url ?? '/';
  const m = /^\/([a-z]{2,3})(\/[^/?#]*)?(.*)$/.exec(url);
  if (!m || !languages.includes(m[1]!)) return url;
  const rest = (m[2] ?? '') + m[3];
  const first = (m[2] ?? '/').slice(1);
  if (first !== '' && !PREFIXED.has(first)) return url;
  if (!rest.startsWith('/') && rest !== '' && !rest.startsWith('?')) return url;
  (raw as Marked)[LANGUAGE] = m[1]!;
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** '/uk' when the URL asked for a language by its prefix, else '': for redirects and form actions that keep the reader in it. */
export function languagePrefix(req: FastifyRequest | IncomingMessage): string {
  const language = readerLanguage(req);
  return language ? `/${language}` : '';
}

/** The language the URL asked for, or null for the unprefixed (default-language) address. */
export function readerLanguage(req: FastifyRequest | IncomingMessage): string | null {
  const raw = 'raw' in req ? req.raw : req;
  return (raw as Marked)[LANGUAGE] ?? null;
}
