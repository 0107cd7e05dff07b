import { collectGarbage } from './collect-garbage.js';
import { slugify } from '../articles/article.js';
import { articleInputSchema, LIMITS, type ArticleInput } from '../articles/article-schema.js';
import type { ArticleService } from '../articles/article-service.js';
import type { MediaService } from '../media/media-service.js';
import type { PageService } from '../pages/page-service.js';
import { normalisePagePath } from '../pages/page.js';
import { redirectKey } from '../redirects/redirect.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { cacheKeys, type SurrogateKey } from '../cache/cache-keys.js';
import { decodeEntities, ImportFailure, type ImportReport, stripTags } from './import-report.js';
import { commitOrDiscard, findInMediaDir, freeSlug, storeImportedImage, type ImportStores } from './import-writes.js';
import { convertWordPressContent } from './wp-content.js';
import { gmtToIso, oldPaths, safeDecode, wantedSlug, type Prepared, type WordPressSite } from './wordpress-reading.js';

/** The run's options a batch reads. */
export interface WordPressBatchOptions {
  /** The `wp-content/uploads` tree; without it no image is imported (each is reported). */
  mediaDir: string | null;
  dryRun: boolean;
  now: Date;
  language: string;
  /**
   * Keep every post's WordPress status as it is. Without it, a post that was public (or scheduled)
   * comes in public only when its text converted cleanly: one with shortcodes left as text, or
   * without a title, comes in as a draft for an editor to look at (each one a report line).
   */
  publishAsImported?: boolean;
}

/** What one run carries from batch to batch. */
export interface BatchContext {
  opts: WordPressBatchOptions;
  report: ImportReport;
  site: WordPressSite;
  /** Ids known to exist (committed): see BatchWork.ids. */
  knownIds: Map<string, number>;
  /** Dry runs only: every slug the file has been given. */
  slugsSeen: Set<string>;
  pathsSeen: Set<string>;
}

/** What one batch gathers before it commits. */
interface BatchWork {
  createdKeys: string[];
  keys: Set<SurrogateKey>;
  counts: { articles: number; pages: number; images: number; redirects: number; held: number };
  /** Written with one statement per 100 at the end of the batch. */
  redirects: { fromPath: string; toPath: string; source: string }[];
  imported: { guid: string; kind: string; targetId: number }[];
  /** Slugs given out in this batch. */
  slugs: Set<string>;
  /** Of the slugs this batch's posts want, those the site already has. */
  taken: Set<string>;
  /** Author, tag and section ids (ArticleService BulkSave): the committed ones plus this batch's. */
  ids: Map<string, number>;
}

/** What the batch writer is built from. */
export interface WordPressBatchDeps {
  uow: UnitOfWork<ImportStores>;
  articles: ArticleService;
  pages: PageService;
  media: MediaService;
  mediaUrl: (hash: string, width: number) => string;
}

/**
 * Writes one batch of prepared posts and pages in one transaction (a dry run converts them and writes
 * nothing): articles through the article service, pages through the page service, images through the
 * media pipeline, then the batch's redirects and `import_items` rows, and names the pages it changed.
 */
export class WordPressBatchWriter {
  constructor(private readonly deps: WordPressBatchDeps) {}

  async writeBatch(batch: Prepared[], c: BatchContext): Promise<void> {
    const { uow, articles, media } = this.deps;
    const already = await uow.stores.imports.findImported(
      'wordpress',
      batch.map((b) => b.guid),
    );
    const todo = batch.filter((b) => !already.has(b.guid));
    c.report.alreadyImported += batch.length - todo.length;
    if (!todo.length) return;
    const w: BatchWork = {
      createdKeys: [],
      keys: new Set(),
      counts: { articles: 0, pages: 0, images: 0, redirects: 0, held: 0 },
      redirects: [],
      imported: [],
      slugs: new Set(),
      taken: new Set(),
      ids: new Map(c.knownIds),
    };
    const now = c.opts.now.toISOString();
    const run = async (stores: ImportStores | null) => {
      const navBefore = stores ? await articles.navigationWith(stores, c.opts.now) : '';
      // One lookup for the slugs the batch wants; a clash is then looked up candidate by candidate.
      const wanted = todo.filter((p) => p.kind === 'article').map((p) => wantedSlug(p.item));
      for (let i = 0; i < wanted.length; i += 500) {
        for (const slug of (await (stores ?? uow.stores).articles.findArticleIdsBySlugs(wanted.slice(i, i + 500))).keys()) w.taken.add(slug);
      }
      for (const p of todo) {
        try {
          if (p.kind === 'article') await this.writeArticle(p, stores, c, w);
          else await this.writePage(p, stores, c, w);
        } catch (err) {
          if (err instanceof ImportFailure) throw err;
          throw new ImportFailure({ title: decodeEntities(p.item.title), guid: p.guid }, null, (err as Error).message);
        }
      }
      if (!stores) {
        w.counts.redirects += w.redirects.length;
        return;
      }
      w.counts.redirects += await stores.redirects.addRedirects(w.redirects, now);
      await stores.imports.recordManyImported('wordpress', w.imported, now);
      // A section's first public story puts it in every page's navigation: checked once per batch.
      if (w.counts.articles && (await articles.navigationWith(stores, c.opts.now)) !== navBefore) w.keys.add(cacheKeys.site);
    };
    if (c.opts.dryRun) await run(null);
    else {
      await commitOrDiscard(uow, media, w.createdKeys, run);
      // Author, tag and section ids made in the batch exist now.
      c.knownIds = w.ids;
      await articles.invalidate([...w.keys]);
      // The batch's posts, HTML and statements are garbage now: collect them before the next batch.
      collectGarbage();
    }
    c.report.imported.articles += w.counts.articles;
    c.report.imported.pages += w.counts.pages;
    c.report.imported.images += w.counts.images;
    c.report.imported.redirects += w.counts.redirects;
    c.report.heldForReview += w.counts.held;
  }

  /** An image from the uploads tree, through the normal pipeline. Null (and a report line) when it is missing or refused. */
  private async importImage(ref: { file: string; url: string }, stores: ImportStores | null, c: BatchContext, w: BatchWork, who: string) {
    const dir = c.opts.mediaDir;
    const rel = ref.file || (/\/wp-content\/uploads\/(.+)$/.exec(ref.url.split('?')[0]!)?.[1] ?? '');
    const candidates = rel ? [rel, rel.replace(/-\d+x\d+(\.[a-z]+)$/i, '$1')] : [];
    const found = dir ? await findInMediaDir(dir, candidates.map(safeDecode)) : null;
    if (!found) {
      c.report.missingImages++;
      c.report.note(`${who}: image not found${dir ? ` in ${dir}` : ' (no --media-dir given)'}: ${rel || ref.url}`);
      return null;
    }
    const stored = await storeImportedImage(found, rel, { media: this.deps.media, stores, now: c.opts.now, report: c.report, who, createdKeys: w.createdKeys });
    if (stored) w.counts.images++;
    return stored;
  }

  /** Replaces inline images with imported ones; missing ones are dropped (no request ever goes to the old site). */
  private async rewriteImages(html: string, images: string[], stores: ImportStores | null, c: BatchContext, w: BatchWork, who: string) {
    if (!images.length) return html;
    const missing = new Set<string>();
    let out = html;
    for (const src of new Set(images)) {
      const stored = await this.importImage({ file: '', url: src }, stores, c, w, who);
      if (!stored) missing.add(src);
      else if (stores) out = out.split(src).join(this.deps.mediaUrl(stored.hash, stored.widths[stored.widths.length - 1]!));
    }
    if (!missing.size) return out;
    // One pass over the <img> tags: a pattern built per image cost more than the rest of the conversion.
    out = out.replace(/<img\b[^>]*>/gi, (tag) => {
      const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
      return src !== undefined && missing.has(src) ? '' : tag;
    });
    // A paragraph that held only a dropped image goes with it.
    return out.replace(/<p>\s*<\/p>\n?/g, '');
  }

  private convert(p: Prepared, c: BatchContext) {
    const converted = convertWordPressContent(p.item.content);
    for (const s of converted.unknownShortcodes) c.report.count(c.report.unknownShortcodes, s);
    return converted;
  }

  private async writeArticle(p: Prepared, stores: ImportStores | null, c: BatchContext, w: BatchWork) {
    const it = p.item;
    let title = decodeEntities(it.title).trim();
    const who = `"${title || it.postName || it.postId}" (${p.guid})`;
    let status: ArticleInput['status'] = 'draft';
    if (it.status === 'publish' || it.status === 'future') status = 'published';
    else if (it.status === 'private') {
      c.report.privatePosts++;
      c.report.note(`${who}: private on WordPress, imported as a draft`);
    } else if (it.status !== 'draft' && it.status !== 'pending') c.report.note(`${who}: unknown status "${it.status}", imported as a draft`);
    // A password cannot be carried over, and a public copy would show what the password kept back.
    if (it.postPassword && status === 'published') {
      status = 'draft';
      c.report.note(`${who}: password-protected on WordPress, imported as a draft`);
    }
    const problems: string[] = [];
    if (!title) {
      title = `Untitled (WordPress post ${it.postId})`;
      c.report.note(`${who} [title]: has no title; imported as "${title}"${status === 'draft' ? ' (a draft)' : ''}`);
      problems.push('no title');
    }
    const converted = this.convert(p, c);
    if (converted.unknownShortcodes.length)
      problems.push(`shortcodes kept as text: ${[...new Set(converted.unknownShortcodes)].map((s) => `[${s}]`).join(' ')}`);
    if (status === 'published' && problems.length && !c.opts.publishAsImported) {
      status = 'draft';
      w.counts.held++;
      c.report.note(
        `${who}: ${it.status === 'future' ? 'scheduled' : 'published'} on WordPress (${it.postDateGmt} GMT), ` +
          `held as a draft to look at: ${problems.join('; ')}`,
      );
    }
    const body = await this.rewriteImages(converted.html, converted.images, stores, c, w, who);
    let hero: ArticleInput['hero'] = null;
    const thumb = it.meta.get('_thumbnail_id');
    if (thumb) {
      const att = c.site.attachments.get(thumb);
      if (!att) {
        c.report.missingImages++;
        c.report.note(`${who} [featured image]: attachment ${thumb} is not in the export`);
      } else {
        const stored = await this.importImage(att, stores, c, w, who);
        if (stored) hero = { mediaId: stored.mediaId || 1, alt: (att.alt || att.title || title).slice(0, 300), caption: att.caption.slice(0, 500), credit: '' };
      }
    }
    const categories = c.site.categories;
    const cats = it.categories.filter((x) => x.domain === 'category' && x.nicename !== 'uncategorized');
    const tags = it.categories.filter((x) => x.domain === 'post_tag').map((x) => decodeEntities(x.name));
    const section = cats[0] ? (categories.get(cats[0].nicename)?.name ?? decodeEntities(cats[0].name)) : null;
    // One section per story: further categories become tags, so nothing is lost.
    for (const extra of cats.slice(1)) tags.push(categories.get(extra.nicename)?.name ?? decodeEntities(extra.name));
    const slug = await this.freeSlug(wantedSlug(it), stores, c, w, who);
    const publishedAt = status === 'draft' ? null : (gmtToIso(it.postDateGmt) ?? gmtToIso(it.postDate));
    const draft = {
      slug,
      headline: title.slice(0, LIMITS.headline),
      standfirst: stripTags(it.excerpt).slice(0, LIMITS.standfirst),
      bodyMarkdown: '',
      bodyHtml: body,
      hero,
      authors: [{ name: (c.site.authors.get(it.creator)?.name ?? it.creator) || 'Staff' }],
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
    w.counts.articles++;
    const to = `/articles/${slug}`;
    for (const from of oldPaths(it, categories)) if (from !== to) w.redirects.push({ fromPath: from, toPath: to, source: 'wordpress' });
    if (!stores) return;
    const saved = await this.deps.articles.saveArticleWith(stores, input.data, { now: c.opts.now, actor: 'import', bulk: { ids: w.ids } });
    if (!saved.ok) throw new ImportFailure({ title, guid: p.guid }, 'slug', saved.message);
    for (const k of saved.keys) w.keys.add(k);
    w.imported.push({ guid: p.guid, kind: 'article', targetId: saved.id });
  }

  private async writePage(p: Prepared, stores: ImportStores | null, c: BatchContext, w: BatchWork) {
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
    const body = await this.rewriteImages(converted.html, converted.images, stores, c, w, who);
    if (!stores) {
      w.counts.pages++;
      return;
    }
    const { pages } = this.deps;
    let saved = await pages.savePageWith(stores.pages, null, { path: target!, title: title.slice(0, 200), body, bodyFormat: 'html' }, c.opts.now);
    if (!saved.ok && saved.fields.path) {
      const alt = `/${slugify(title) || 'page'}-${it.postId}`;
      c.report.note(`${who} [path]: ${target}: ${saved.fields.path}; served at ${alt}`);
      saved = await pages.savePageWith(stores.pages, null, { path: alt, title: title.slice(0, 200), body, bodyFormat: 'html' }, c.opts.now);
    }
    if (!saved.ok) throw new ImportFailure({ title, guid: p.guid }, Object.keys(saved.fields)[0] ?? null, saved.message);
    for (const k of saved.keys) w.keys.add(k);
    w.imported.push({ guid: p.guid, kind: 'page', targetId: saved.id });
    w.counts.pages++;
    for (const from of [old, `/?page_id=${it.postId}`])
      if (from !== null && from !== saved.path) w.redirects.push({ fromPath: from, toPath: saved.path, source: 'wordpress' });
  }

  /**
   * The post's slug, or `slug-2`, `slug-3`… when the site or this file already has it (reported).
   * `w.taken` holds the batch's wanted slugs already on the site (one query); earlier batches have
   * committed, so the site knows theirs. A dry run writes nothing, so it remembers every slug of the file.
   */
  private async freeSlug(wanted: string, stores: ImportStores | null, c: BatchContext, w: BatchWork, who: string): Promise<string> {
    const reader = stores ?? this.deps.uow.stores;
    const slug = await freeSlug(
      wanted,
      c.report,
      who,
      async (candidate, first) =>
        w.slugs.has(candidate) ||
        (c.opts.dryRun && c.slugsSeen.has(candidate)) ||
        (first ? w.taken.has(candidate) : (await reader.articles.findArticleIdsBySlugs([candidate])).has(candidate)),
    );
    w.slugs.add(slug);
    if (c.opts.dryRun) c.slugsSeen.add(slug);
    return slug;
  }
}
