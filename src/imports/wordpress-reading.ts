import { slugify } from '../articles/article.js';
import { redirectKey } from '../redirects/redirect.js';
import { decodeEntities, type ImportReport, stripTags } from './import-report.js';
import { readWxr, type WxrItem } from './wxr-reader.js';

/**
 * What the WordPress importer reads from a WXR file, as plain records: the site's small things
 * (authors, categories, attachments) from a first pass, the posts and pages worth writing from the
 * second, and what WordPress called each post (its slug, its old addresses, its dates). Nothing here
 * writes.
 */

export interface Attachment {
  url: string;
  file: string;
  alt: string;
  caption: string;
  title: string;
}

/** A post or page of the export, to be written by a batch. */
export interface Prepared {
  item: WxrItem;
  guid: string;
  kind: 'article' | 'page';
}

/** The first pass: the whole file checked, and what every post may refer to. */
export interface WordPressSite {
  authors: Map<string, { name: string; email: string }>;
  categories: Map<string, { name: string; parent: string }>;
  attachments: Map<string, Attachment>;
  baseUrl: string;
  /** Posts and pages, for progress. */
  total: number;
}

/** Percent-decoding that keeps the text as it was when it is not valid (a malformed old slug). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const ARTICLE_TYPES = new Set(['post']);
const SKIP_STATUSES = new Set(['trash', 'auto-draft', 'inherit']);

/** `2019-05-03 14:22:00` (GMT) to ISO; WordPress writes zeros for drafts never saved with a date. */
export function gmtToIso(gmt: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(gmt.trim());
  if (!m || m[1] === '0000') return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A string of its own, not a slice of a larger one (V8 keeps a slice's parent alive). */
const own = (s: string): string => (s === '' ? '' : Buffer.from(s, 'utf8').toString('utf8'));

/** The first pass over the export (no post content): a broken file throws here, before anything is written. */
export async function readWordPressSite(file: string): Promise<WordPressSite> {
  const site: WordPressSite = { authors: new Map(), categories: new Map(), attachments: new Map(), baseUrl: '', total: 0 };
  await readWxr(
    file,
    {
      author: (a) => site.authors.set(a.login, { name: a.displayName || [a.firstName, a.lastName].filter(Boolean).join(' ') || a.login, email: a.email }),
      category: (c) => site.categories.set(c.nicename, { name: decodeEntities(c.name), parent: c.parent }),
      site: (u) => void (site.baseUrl ||= u),
      item: (it) => {
        if (it.postType === 'attachment') {
          // Kept for the whole run, so each string is copied out of the parser's chunk: a slice
          // would keep the chunk it came from alive, and with it most of the file.
          site.attachments.set(own(it.postId), {
            url: own(it.attachmentUrl || it.guid),
            file: own(it.meta.get('_wp_attached_file') ?? ''),
            alt: own(it.meta.get('_wp_attachment_image_alt') ?? ''),
            caption: own(stripTags(it.excerpt)),
            title: own(decodeEntities(it.title)),
          });
        } else if (it.postType === 'post' || it.postType === 'page') site.total++;
      },
    },
    { wantContent: false },
  );
  return site;
}

/**
 * The second pass's view of one item: a post or page to write; `skipped` for one whose status keeps it
 * out (reported); null for attachments (read in the first pass) and other types (counted).
 */
export function preparedItem(it: WxrItem, report: ImportReport): Prepared | 'skipped' | null {
  report.comments += it.comments;
  if (it.postType === 'attachment') return null;
  if (it.postType !== 'post' && it.postType !== 'page') {
    report.count(report.skippedTypes, it.postType || '(none)');
    return null;
  }
  if (SKIP_STATUSES.has(it.status)) {
    report.note(`skipped "${decodeEntities(it.title) || it.postName}" (${it.guid}): status ${it.status}`);
    return 'skipped';
  }
  for (const key of it.meta.keys()) if (!key.startsWith('_')) report.customFields++;
  return { item: it, guid: it.guid || `wordpress-post-${it.postId}`, kind: ARTICLE_TYPES.has(it.postType) ? 'article' : 'page' };
}

/** The slug a post asks for: its own, else one from its title. */
export function wantedSlug(it: WxrItem): string {
  const title = decodeEntities(it.title).trim() || `Untitled (WordPress post ${it.postId})`;
  return (
    slugify(safeDecode(it.postName || '') || title)
      .slice(0, 80)
      .replace(/-+$/, '') || `post-${it.postId}`
  );
}

/** Every address WordPress could have served a post at, whatever the old permalink setting was. */
export function oldPaths(it: WxrItem, categories: WordPressSite['categories']): string[] {
  const name = safeDecode(it.postName || '');
  const out = new Set<string>([`/?p=${it.postId}`]);
  const link = redirectKey(it.link);
  if (link && link !== '/') out.add(link);
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(it.postDate);
  if (name) {
    out.add(redirectKey(`/${name}`)!);
    if (date) {
      out.add(redirectKey(`/${date[1]}/${date[2]}/${date[3]}/${name}`)!);
      out.add(redirectKey(`/${date[1]}/${date[2]}/${name}`)!);
    }
    for (const cat of it.categories.filter((x) => x.domain === 'category')) {
      const chain: string[] = [];
      for (let n: string | undefined = cat.nicename, guard = 0; n && guard < 10; n = categories.get(n)?.parent, guard++) chain.unshift(n);
      out.add(redirectKey(`/category/${chain.join('/')}/${name}`)!);
      out.add(redirectKey(`/${chain.join('/')}/${name}`)!);
    }
  }
  return [...out].filter(Boolean);
}
