/**
 * The reader's query, parsed into our own small tree and written out as safe MATCH (SQLite FTS5) or
 * tsquery (PostgreSQL) text. Nothing the reader types reaches either syntax: every term is a run of
 * letters and digits, quoted, so `"`, `NEAR(`, `*`, `AND OR` or control characters are only words or gaps.
 */

/** One thing to find: a word (one token) or a phrase (tokens next to each other, in order). */
export interface QueryTerm {
  tokens: string[];
}

export interface ParsedQuery {
  /** Every one must be found. */
  include: QueryTerm[];
  /** None may be found. */
  exclude: QueryTerm[];
  /** True when the query was longer than we search and the rest was left out. */
  truncated: boolean;
}

export type QueryProblem = 'empty' | 'only-exclusions';

export const MAX_QUERY_CHARS = 300;
export const MAX_TERMS = 12;
const MAX_PHRASE_TOKENS = 8;
/** Longer tokens are noise (pasted hashes, 10 KB of one letter): cut, as the index would never hold them whole. */
const MAX_TOKEN_CHARS = 60;

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

/** Lower case without accents: how both indexes compare words (`Café` and `cafe` are one word). */
export function foldToken(token: string): string {
  // Most words in most archives are ASCII: nothing to decompose (a search reads thousands of headlines).
  if (ASCII.test(token)) return token.toLowerCase();
  return token
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
const ASCII = /^[\x00-\x7f]*$/;

/** The words of a text as the index sees them, in order, folded. */
export function tokenize(text: string): string[] {
  return (text.match(TOKEN) ?? []).map(foldToken).filter((t) => t.length > 0);
}

function tokensOf(text: string): string[] {
  return (text.match(TOKEN) ?? []).map((t) => Array.from(t).slice(0, MAX_TOKEN_CHARS).join('')).filter((t) => foldToken(t).length > 0);
}

/** Parses what a reader typed. Quotes make phrases (an unclosed quote runs to the end); a leading `-` excludes. */
export function parseQuery(raw: string): { ok: true; query: ParsedQuery } | { ok: false; problem: QueryProblem } {
  // Control and format characters (NUL, bidi overrides, zero-width joiners) become gaps.
  let text = raw.normalize('NFC').replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ');
  let truncated = false;
  if (Array.from(text).length > MAX_QUERY_CHARS) {
    text = Array.from(text).slice(0, MAX_QUERY_CHARS).join('');
    truncated = true;
  }
  const include: QueryTerm[] = [];
  const exclude: QueryTerm[] = [];
  // A phrase ("…", or to the end when unclosed), or a run of anything but spaces and quotes; either may start with "-".
  const parts = text.matchAll(/(-?)"([^"]*)"?|(-?)([^\s"]+)/g);
  for (const m of parts) {
    const negated = (m[1] ?? m[3]) === '-';
    const body = m[2] ?? m[4] ?? '';
    const tokens = tokensOf(body).slice(0, MAX_PHRASE_TOKENS);
    if (tokens.length === 0) continue;
    const list = negated ? exclude : include;
    if (include.length + exclude.length >= MAX_TERMS) {
      truncated = true;
      break;
    }
    // Unquoted words joined by punctuation ("e-mail", "don't") are found as the phrase they write.
    list.push({ tokens });
  }
  if (include.length === 0) return { ok: false, problem: exclude.length ? 'only-exclusions' : 'empty' };
  return { ok: true, query: { include: dedupe(include), exclude: dedupe(exclude), truncated } };
}

function dedupe(terms: QueryTerm[]): QueryTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = t.tokens.map(foldToken).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a reader sees for a query we cannot run. */
export function problemMessage(problem: QueryProblem): string {
  return problem === 'empty' ? 'Type a word or two to search for.' : 'Add a word to look for: a search cannot only leave words out.';
}

// Tokens are letters, digits and marks only, so quoting them needs no escaping in either syntax.
const ftsTerm = (t: QueryTerm) => `"${t.tokens.join(' ')}"`;
const tsTerm = (t: QueryTerm) => (t.tokens.length === 1 ? `'${t.tokens[0]}'` : `(${t.tokens.map((x) => `'${x}'`).join(' <-> ')})`);

/** The index's text columns: readers' words never reach the `facets` column (section, tag and byline tokens). */
export const FTS_TEXT_COLUMNS = '{headline standfirst body}';

/**
 * SQLite FTS5 MATCH text, limited to the text columns. `facets` are tokens the index stores for
 * filters ("sec3", "tag17", "by5"), which must all be present. `prefix` makes the last word match
 * any word it begins (suggestions).
 */
export function toFtsMatch(q: ParsedQuery, opts: { prefix?: boolean; facets?: string[]; excludeFacets?: string[]; headlineOnly?: boolean } = {}): string {
  const inc = q.include.map((t, i) => (opts.prefix && i === q.include.length - 1 ? `${ftsTerm(t)} *` : ftsTerm(t)));
  const positive = inc.length === 1 ? inc[0]! : `(${inc.join(' AND ')})`;
  const text = `${opts.headlineOnly ? 'headline' : FTS_TEXT_COLUMNS} : (${q.exclude.reduce((expr, t) => `${expr} NOT ${ftsTerm(t)}`, positive)})`;
  const all = [text, ...(opts.facets ?? []).map((f) => `facets : "${f}"`)].join(' AND ');
  // Facets left out (the default language's pages leave out the other languages' stories).
  const without = opts.excludeFacets ?? [];
  return without.length ? without.reduce((expr, f) => `${expr} NOT facets : "${f}"`, `(${all})`) : all;
}

/** PostgreSQL tsquery text, for to_tsquery('masthead_search', …), which folds each quoted word as the index does. */
export function toTsQuery(q: ParsedQuery, opts: { prefix?: boolean; headlineOnly?: boolean } = {}): string {
  // `:*` makes a word a prefix; `:A` keeps it to weight A, the headline (see postgres-search-store.ts).
  const word = (x: string, prefix: boolean) => {
    const label = `${prefix ? '*' : ''}${opts.headlineOnly ? 'A' : ''}`;
    return label ? `'${x}':${label}` : `'${x}'`;
  };
  const term = (t: QueryTerm, prefix: boolean) => {
    const words = t.tokens.map((x, j) => word(x, prefix && j === t.tokens.length - 1));
    return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`;
  };
  const inc = q.include.map((t, i) => term(t, Boolean(opts.prefix) && i === q.include.length - 1));
  return [...inc, ...q.exclude.map((t) => `!${tsTerm(t)}`)].join(' & ');
}

/** The folded words to highlight in snippets: every word of every included term. */
export function highlightTokens(q: ParsedQuery): Set<string> {
  return new Set(q.include.flatMap((t) => t.tokens.map(foldToken)));
}

/** The query written back in a normal form, for the search box and links. */
export function describeQuery(q: ParsedQuery): string {
  const show = (t: QueryTerm) => (t.tokens.length > 1 ? `"${t.tokens.join(' ')}"` : t.tokens[0]!);
  return [...q.include.map(show), ...q.exclude.map((t) => `-${show(t)}`)].join(' ');
}
