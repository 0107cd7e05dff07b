import fs from 'node:fs/promises';
import path from 'node:path';
import { slugify } from '../articles/article.js';
import { articleInputSchema, LIMITS, type ArticleInput } from '../articles/article-schema.js';
import type { ArticleService, ArticleStores } from '../articles/article-service.js';
import type { SurrogateKey } from '../cache/cache-keys.js';
import type { MediaService } from '../media/media-service.js';
import type { PageService } from '../pages/page-service.js';
import type { PageStore } from '../pages/page-store.js';
import { normalisePagePath } from '../pages/page.js';
import { redirectKey } from '../redirects/redirect.js';
import type { RedirectStore } from '../redirects/redirect-store.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { decodeEntities, ImportFailure, ImportReport, stripTags } from './import-report.js';
import type { ImportStore } from './import-store.js';
import { convertWordPressContent } from './wp-content.js';
import { readWxr, type WxrItem } from './wxr-reader.js';

export type ImportStores = ArticleStores & { imports: ImportStore; redirects: RedirectStore; pages: PageStore };

export interface WordPressImportOptions {
  file: string;
  /** The `wp-content/uploads` tree; without it no image is imported (each is reported). */
  mediaDir: string | null;
  dryRun: boolean;
  now: Date;
  language: string;
  /** Items per transaction. */
  batchSize?: number;
  onProgress?: (p: { done: number; total: number }) => void;
  /** Called after each batch commits (tests stop a run here to check that a second run resumes). */
  afterBatch?: (committed: number) => void;
}

interface Attachment {
  url: string;
  file: string;
  alt: string;
  caption: string;
  title: string;
}

interface Prepared {
  item: WxrItem;
  guid: string;
  kind: 'article' | 'page';
}

/** Percent-decoding that keeps the text as it was when it is not valid (a malformed old slug). */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const ARTICLE_TYPES = new Set(['post']);
const SKIP_STATUSES = new Set(['trash', 'auto-draft', 'inherit']);

/** `2019-05-03 14:22:00` (GMT) to ISO; WordPress writes zeros for drafts never saved with a date. */
function gmtToIso(gmt: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(gmt.trim());
  if (!m || m[1] === '0000') return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * `masthead import wordpress FILE.xml`: reads the export twice, streaming. The first pass checks the
 * whole file (well-formed XML, the WordPress namespace, UTF-8) and collects the small things (authors,
 * categories, attachments), so a broken file changes nothing. The second pass writes posts and pages
 * in batches, one transaction each, recording every item's GUID: a second run skips what is in, and
 * a run that stopped carries on after its last committed batch.
 */
export class WordPressImporter {
  constructor(
    private readonly uow: UnitOfWork<ImportStores>,
    private readonly articles: ArticleService,
    private readonly pages: PageService,
    private readonly media: MediaService,
    private readonly mediaUrl: (hash: string, width: number) => string,
  ) {}

  async run(opts: WordPressImportOptions): Promise<ImportReport> {
    const report = new ImportReport(opts.dryRun);
    const authors = new Map<string, string>();
    const categories = new Map<string, { name: string; parent: string }>();
    const attachments = new Map<string, Attachment>();
    let baseUrl = '';
    let total = 0;
    await readWxr(
      opts.file,
      {
        author: (a) => authors.set(a.login, a.displayName || [a.firstName, a.lastName].filter(Boolean).join(' ') || a.login),
        category: (c) => categories.set(c.nicename, { name: decodeEntities(c.name), parent: c.parent }),
        site: (u) => void (baseUrl ||= u),
        item: (it) => {
          if (it.postType === 'attachment') {
            attachments.set(it.postId, {
              url: it.attachmentUrl || it.guid,
              file: it.meta.get('_wp_attached_file') ?? '',
              alt: it.meta.get('_wp_attachment_image_alt') ?? '',
              caption: stripTags(it.excerpt),
              title: decodeEntities(it.title),
            });
          } else if (it.postType === 'post' || it.postType === 'page') total++;
        },
      },
      { wantContent: false },
    );

    const ctx = { opts, report, authors, categories, attachments, baseUrl, slugsSeen: new Set<string>(), pathsSeen: new Set<string>() };
    let pending: Prepared[] = [];
    let done = 0;
    let committed = 0;
    const batchSize = opts.batchSize ?? 200;
    const flush = async () => {
      if (!pending.length) return;
      const batch = pending.slice(0, batchSize);
      pending = pending.slice(batchSize);
      await this.writeBatch(batch, ctx);
      done += batch.length;
      committed++;
      opts.onProgress?.({ done, total });
      opts.afterBatch?.(committed);
    };
    await readWxr(
      opts.file,
      {
        item: (it) => {
          report.comments += it.comments;
          if (it.postType === 'attachment') return;
          if (it.postType !== 'post' && it.postType !== 'page') {
            report.count(report.skippedTypes, it.postType || '(none)');
            return;
          }
          if (SKIP_STATUSES.has(it.status)) {
            report.note(`skipped "${decodeEntities(it.title) || it.postName}" (${it.guid}): status ${it.status}`);
            done++;
            return;
          }
          for (const key of it.meta.keys()) if (!key.startsWith('_')) report.customFields++;
          pending.push({ item: it, guid: it.guid || `wordpress-post-${it.postId}`, kind: ARTICLE_TYPES.has(it.postType) ? 'article' : 'page' });
        },
      },
      {
        onChunk: async () => {
          while (pending.length >= batchSize) await flush();
        },
      },
    );
    while (pending.length) await flush();
    return report;
  }

  private async writeBatch(batch: Prepared[], c: BatchContext): Promise<void> {
    const already = await this.uow.stores.imports.findImported(
      'wordpress',
      batch.map((b) => b.guid),
    );
    const todo = batch.filter((b) => !already.has(b.guid));
    c.report.alreadyImported += batch.length - todo.length;
    if (!todo.length) return;
    const createdKeys: string[] = [];
    const keys = new Set<SurrogateKey>();
    const ids: number[] = [];
    const counts = { articles: 0, pages: 0, images: 0, redirects: 0 };
    const run = async (stores: ImportStores | null) => {
      for (const p of todo) {
        try {
          if (p.kind === 'article') await this.writeArticle(p, stores, c, { createdKeys, keys, ids, counts });
          else await this.writePage(p, stores, c, { keys, counts });
        } catch (err) {
          if (err instanceof ImportFailure) throw err;
          throw new ImportFailure({ title: decodeEntities(p.item.title), guid: p.guid }, null, (err as Error).message);
        }
      }
    };
    if (c.opts.dryRun) await run(null);
    else {
      try {
        await this.uow.transaction((stores) => run(stores));
      } catch (err) {
        await this.media.discard(createdKeys);
        throw err;
      }
      await this.articles.invalidate([...keys]);
    }
    c.report.imported.articles += counts.articles;
    c.report.imported.pages += counts.pages;
    c.report.imported.images += counts.images;
    c.report.imported.redirects += counts.redirects;
  }

  /** An image from the uploads tree, through the normal pipeline. Null (and a report line) when it is missing or refused. */
  private async importImage(
    ref: { file: string; url: string },
    stores: ImportStores | null,
    c: BatchContext,
    w: { createdKeys?: string[]; counts: { images: number } },
    who: string,
  ) {
    const dir = c.opts.mediaDir;
    const rel = ref.file || (/\/wp-content\/uploads\/(.+)$/.exec(ref.url.split('?')[0]!)?.[1] ?? '');
    const candidates = rel ? [rel, rel.replace(/-\d+x\d+(\.[a-z]+)$/i, '$1')] : [];
    let found: string | null = null;
    if (dir) {
      for (const r of candidates) {
        const abs = path.resolve(dir, safeDecode(r));
        if (!abs.startsWith(path.resolve(dir) + path.sep)) continue;
        if ((await fs.stat(abs).catch(() => null))?.isFile()) {
          found = abs;
          break;
        }
      }
    }
    if (!found) {
      c.report.missingImages++;
      c.report.note(`${who}: image not found${dir ? ` in ${dir}` : ' (no --media-dir given)'}: ${rel || ref.url}`);
      return null;
    }
    if (!stores) {
      w.counts.images++;
      return { mediaId: 0, hash: '', widths: [0] };
    }
    const stored = await this.media.storeImage(await fs.readFile(found), c.opts.now, stores.media);
    if (!stored.ok) {
      c.report.missingImages++;
      c.report.note(`${who}: image ${rel} not imported: ${stored.message}`);
      return null;
    }
    w.createdKeys?.push(...stored.createdKeys);
    w.counts.images++;
    return stored;
  }

  /** Replaces inline images with imported ones; missing ones are dropped (no request ever goes to the old site). */
  private async rewriteImages(
    html: string,
    images: string[],
    stores: ImportStores | null,
    c: BatchContext,
    w: { createdKeys?: string[]; counts: { images: number } },
    who: string,
  ) {
    let out = html;
    for (const src of new Set(images)) {
      const stored = await this.importImage({ file: '', url: src }, stores, c, w, who);
      const escaped = src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (!stored) out = out.replace(new RegExp(`<img\\b[^>]*\\bsrc\\s*=\\s*["']${escaped}["'][^>]*>`, 'g'), '');
      else out = out.split(src).join(stores ? this.mediaUrl(stored.hash, stored.widths[stored.widths.length - 1]!) : src);
    }
    // A paragraph that held only a dropped image goes with it.
    return images.length ? out.replace(/<p>\s*<\/p>\n?/g, '') : out;
  }

  private convert(p: Prepared, c: BatchContext) {
    const converted = convertWordPressContent(p.item.content);
    for (const s of converted.unknownShortcodes) c.report.count(c.report.unknownShortcodes, s);
    return converted;
  }

  private async writeArticle(
    p: Prepared,
    stores: ImportStores | null,
    c: BatchContext,
    w: { createdKeys: string[]; keys: Set<SurrogateKey>; ids: number[]; counts: BatchCounts },
  ) {
    const it = p.item;
    let title = decodeEntities(it.title).trim();
    const who = `"${title || it.postName || it.postId}" (${p.guid})`;
    let status: ArticleInput['status'] = 'draft';
    if (it.status === 'publish' || it.status === 'future') status = 'published';
    else if (it.status === 'private') {
      c.report.privatePosts++;
      c.report.note(`${who}: private on WordPress, imported as a draft`);
    } else if (it.status !== 'draft' && it.status !== 'pending') c.report.note(`${who}: unknown status "${it.status}", imported as a draft`);
    if (it.postPassword && status === 'published') {
      status = 'draft';
      c.report.note(`${who}: password-protected on WordPress, imported as a draft`);
    }
    if (!title) {
      title = `Untitled (WordPress post ${it.postId})`;
      status = 'draft';
      c.report.note(`${who} [title]: has no title; imported as a draft called "${title}"`);
    }
    const converted = this.convert(p, c);
    const body = await this.rewriteImages(converted.html, converted.images, stores, c, w, who);
    let hero: ArticleInput['hero'] = null;
    const thumb = it.meta.get('_thumbnail_id');
    if (thumb) {
      const att = c.attachments.get(thumb);
      if (!att) {
        c.report.missingImages++;
        c.report.note(`${who} [featured image]: attachment ${thumb} is not in the export`);
      } else {
        const stored = await this.importImage(att, stores, c, w, who);
        if (stored) hero = { mediaId: stored.mediaId || 1, alt: (att.alt || att.title || title).slice(0, 300), caption: att.caption.slice(0, 500), credit: '' };
      }
    }
    const cats = it.categories.filter((x) => x.domain === 'category' && x.nicename !== 'uncategorized');
    const tags = it.categories.filter((x) => x.domain === 'post_tag').map((x) => decodeEntities(x.name));
    const section = cats[0] ? (c.categories.get(cats[0].nicename)?.name ?? decodeEntities(cats[0].name)) : null;
    // One section per story: further categories become tags, so nothing is lost.
    for (const extra of cats.slice(1)) tags.push(c.categories.get(extra.nicename)?.name ?? decodeEntities(extra.name));
    const wanted =
      slugify(safeDecode(it.postName || '') || title)
        .slice(0, 80)
        .replace(/-+$/, '') || `post-${it.postId}`;
    const slug = await this.freeSlug(wanted, stores, c, who);
    const publishedAt = status === 'draft' ? null : (gmtToIso(it.postDateGmt) ?? gmtToIso(it.postDate));
    const draft = {
      slug,
      headline: title.slice(0, LIMITS.headline),
      standfirst: stripTags(it.excerpt).slice(0, LIMITS.standfirst),
      bodyMarkdown: '',
      bodyHtml: body,
      hero,
      authors: [{ name: (c.authors.get(it.creator) ?? it.creator) || 'Staff' }],
      section: section ? section.slice(0, 60) : null,
      tags: [...new Set(tags.map((t) => t.trim().slice(0, 60)).filter(Boolean))].slice(0, LIMITS.tags),
      language: c.opts.language,
      status,
      publishedAt,
    };
    const input = articleInputSchema.safeParse(draft);
    if (!input.success) {
      const issue = input.error.issues[0]!;
      throw new ImportFailure({ title, guid: p.guid }, issue.path.join('.'), issue.message);
    }
    if (!stores) {
      w.counts.articles++;
      w.counts.redirects += this.oldPaths(it, c).length;
      return;
    }
    // Bulk: index each story, leave related lists for `search reindex --related` (see SearchSync.indexArticle).
    const search = stores.search;
    const bulk: ImportStores = {
      ...stores,
      search: {
        ...search,
        syncArticle: (id) => (search.indexArticle ? search.indexArticle(id) : search.syncArticle(id, c.opts.now)),
        removeArticle: (id) => search.removeArticle(id),
        listRelatedIds: (id) => search.listRelatedIds(id),
      },
    };
    const saved = await this.articles.saveArticleWith(bulk, input.data, { now: c.opts.now, actor: 'import' });
    if (!saved.ok) throw new ImportFailure({ title, guid: p.guid }, 'slug', saved.message);
    for (const k of saved.keys) w.keys.add(k);
    w.ids.push(saved.id);
    await stores.imports.recordImported('wordpress', p.guid, 'article', saved.id, c.opts.now.toISOString());
    w.counts.articles++;
    w.counts.redirects += await this.addRedirects(stores, this.oldPaths(it, c), `/articles/${slug}`, c);
  }

  private async writePage(p: Prepared, stores: ImportStores | null, c: BatchContext, w: { keys: Set<SurrogateKey>; counts: BatchCounts }) {
    const it = p.item;
    const title = decodeEntities(it.title).trim() || `Untitled page ${it.postId}`;
    const who = `page "${title}" (${p.guid})`;
    const old = redirectKey(it.link);
    let target = old && !old.includes('?') ? normalisePagePath(old) : null;
    if (!target) target = normalisePagePath(slugify(safeDecode(it.postName) || title));
    if (!target || c.pathsSeen.has(target)) {
      const alt = normalisePagePath(`${slugify(title) || 'page'}-${it.postId}`);
      c.report.note(`${who} [path]: ${target ?? it.link} cannot be used; served at ${alt}`);
      target = alt;
    }
    if (it.status !== 'publish') c.report.note(`${who}: status "${it.status}" on WordPress; pages have no drafts here, so it is public now`);
    c.pathsSeen.add(target!);
    const converted = this.convert(p, c);
    const body = await this.rewriteImages(converted.html, converted.images, stores, c, { counts: w.counts }, who);
    if (!stores) {
      w.counts.pages++;
      return;
    }
    let saved = await this.pages.savePageWith(stores.pages, null, { path: target!, title: title.slice(0, 200), body, bodyFormat: 'html' }, c.opts.now);
    if (!saved.ok && saved.fields.path) {
      const alt = `/${slugify(title) || 'page'}-${it.postId}`;
      c.report.note(`${who} [path]: ${target}: ${saved.fields.path}; served at ${alt}`);
      saved = await this.pages.savePageWith(stores.pages, null, { path: alt, title: title.slice(0, 200), body, bodyFormat: 'html' }, c.opts.now);
    }
    if (!saved.ok) throw new ImportFailure({ title, guid: p.guid }, Object.keys(saved.fields)[0] ?? null, saved.message);
    for (const k of saved.keys) w.keys.add(k);
    await stores.imports.recordImported('wordpress', p.guid, 'page', saved.id, c.opts.now.toISOString());
    w.counts.pages++;
    const from = [old, `/?page_id=${it.postId}`].filter((x): x is string => x !== null && x !== saved.path);
    w.counts.redirects += await this.addRedirects(stores, from, saved.path, c);
  }

  /** Every address WordPress could have served a post at, whatever the old permalink setting was. */
  private oldPaths(it: WxrItem, c: BatchContext): string[] {
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
        for (let n: string | undefined = cat.nicename, guard = 0; n && guard < 10; n = c.categories.get(n)?.parent, guard++) chain.unshift(n);
        out.add(redirectKey(`/category/${chain.join('/')}/${name}`)!);
        out.add(redirectKey(`/${chain.join('/')}/${name}`)!);
      }
    }
    return [...out].filter(Boolean);
  }

  private async addRedirects(stores: ImportStores, from: string[], to: string, c: BatchContext): Promise<number> {
    let n = 0;
    for (const f of from) if (f !== to && (await stores.redirects.addRedirect({ fromPath: f, toPath: to, source: 'wordpress' }, c.opts.now.toISOString()))) n++;
    return n;
  }

  /** The post's slug, or `slug-2`, `slug-3`… when the site or this file already has it (reported). */
  private async freeSlug(wanted: string, stores: ImportStores | null, c: BatchContext, who: string): Promise<string> {
    for (let i = 1; i < 1000; i++) {
      const candidate = i === 1 ? wanted : `${wanted.slice(0, 76)}-${i}`;
      if (c.slugsSeen.has(candidate)) continue;
      const taken = stores ? (await stores.articles.findArticleIdsBySlugs([candidate])).has(candidate) : false;
      if (taken) continue;
      if (i > 1) c.report.note(`${who} [slug]: "${wanted}" is taken; imported as "${candidate}"`);
      c.slugsSeen.add(candidate);
      return candidate;
    }
    throw new ImportFailure(null, 'slug', `no free slug near "${wanted}"`);
  }
}

interface BatchCounts {
  articles: number;
  pages: number;
  images: number;
  redirects: number;
}

interface BatchContext {
  opts: WordPressImportOptions;
  report: ImportReport;
  authors: Map<string, string>;
  categories: Map<string, { name: string; parent: string }>;
  attachments: Map<string, Attachment>;
  baseUrl: string;
  slugsSeen: Set<string>;
  pathsSeen: Set<string>;
}
