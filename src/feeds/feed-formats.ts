import { el, xmlEscape } from './xml.js';
import type { FeedDocument } from './feed.js';

/** RSS 2.0 (https://www.rssboard.org/rss-specification), with an atom:link self reference. */
export function toRss(f: FeedDocument): string {
  const items = f.items
    .map(
      (i) =>
        `<item>${el('title', i.title)}${el('link', i.url)}<guid isPermaLink="true">${xmlEscape(i.url)}</guid>` +
        `<pubDate>${new Date(i.published).toUTCString()}</pubDate>${el('description', i.summary)}` +
        i.authors.map((a) => el('dc:creator', a.name)).join('') +
        i.tags.map((t) => el('category', t)).join('') +
        (i.image ? `<media:content url="${xmlEscape(i.image)}" medium="image"/>` : '') +
        `</item>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    `xmlns:media="http://search.yahoo.com/mrss/">\n<channel>` +
    `${el('title', f.title)}${el('link', f.homeUrl)}<description>${xmlEscape(f.description || f.title)}</description>` +
    `${el('language', f.language)}<lastBuildDate>${new Date(f.updated).toUTCString()}</lastBuildDate>` +
    `<atom:link href="${xmlEscape(f.selfUrl)}" rel="self" type="application/rss+xml"/>\n${items}\n</channel>\n</rss>\n`
  );
}

/** Atom 1.0 (RFC 4287). Each entry has an id, title, updated, author, alternate link and summary. */
export function toAtom(f: FeedDocument): string {
  const entries = f.items
    .map(
      (i) =>
        `<entry>${el('id', i.url)}${el('title', i.title, ' type="text"')}<link rel="alternate" type="text/html" href="${xmlEscape(i.url)}"/>` +
        `<published>${i.published}</published><updated>${i.updated}</updated>` +
        (i.authors.length ? i.authors : [{ name: f.title, url: f.homeUrl }]).map((a) => `<author>${el('name', a.name)}${el('uri', a.url)}</author>`).join('') +
        i.tags.map((t) => `<category term="${xmlEscape(t)}"/>`).join('') +
        `${el('summary', i.summary, ' type="text"')}</entry>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(f.language)}">` +
    `${el('id', f.homeUrl + '/')}${el('title', f.title, ' type="text"')}${el('subtitle', f.description, ' type="text"')}` +
    `<updated>${f.updated}</updated><link rel="self" type="application/atom+xml" href="${xmlEscape(f.selfUrl)}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlEscape(f.homeUrl + '/')}"/><generator>Masthead</generator>\n${entries}\n</feed>\n`
  );
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Items carry `summary` and `content_text` (the same excerpt). */
export function toJsonFeed(f: FeedDocument): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: f.title,
    home_page_url: f.homeUrl + '/',
    feed_url: f.selfUrl,
    description: f.description,
    language: f.language,
    items: f.items.map((i) => ({
      id: i.url,
      url: i.url,
      title: i.title,
      content_text: i.summary,
      summary: i.summary,
      ...(i.image ? { image: i.image } : {}),
      date_published: i.published,
      date_modified: i.updated,
      authors: i.authors.map((a) => ({ name: a.name, url: a.url })),
      ...(i.tags.length ? { tags: i.tags } : {}),
    })),
  });
}
