import { collectGarbage } from './collect-garbage.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import { slugify } from '../articles/article.js';
import { articleInputSchema, LIMITS, type ArticleInput } from '../articles/article-schema.js';
import type { ArticleService, ArticleStores } from '../articles/article-service.js';
import type { MediaService } from '../media/media-service.js';
import type { PageService } from '../pages/page-service.js';
import type { PageStore } from '../pages/page-store.js';
import { normalisePagePath } from '../pages/page.js';
import { redirectKey } from '../redirects/redirect.js';
import type { RedirectStore } from '../redirects/redirect-store.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { emailSchema } from '../accounts/account-service.js';
import type { AccountStore } from '../accounts/account-store.js';
import { normalizeEmail } from '../accounts/user.js';
import type { AuditService } from '../audit/audit-service.js';
import { cacheKeys, type SurrogateKey } from '../cache/cache-keys.js';
import { decodeEntities, ImportFailure, ImportReport, stripTags } from './import-report.js';
import type { ImportStore } from './import-store.js';
import { convertWordPressContent } from './wp-content.js';
import { readWxr, type WxrItem } from './wxr-reader.js';

export type ImportStores = ArticleStores & { imports: ImportStore; redirects: RedirectStore; pages: PageStore; accounts: AccountStore };

export interface WordPressImportOptions {
  file: string;
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
  /** Each author with an email becomes a staff account too (contributor, no password: see CONTEXT.md). */
  staffAccounts?: boolean;
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

/** What the WordPress importer is built from (core.ts). */
export interface WordPressImporterDeps {
  uow: UnitOfWork<ImportStores>;
  articles: ArticleService;
  pages: PageService;
  media: MediaService;
  mediaUrl: (hash: string, width: number) => string;
  audit: AuditService;
  /**
   * Called once after a run that brought articles in. Related lists are not computed per story during
   * the import (each is a ranked query over the whole archive): this queues one background pass.
   */
  relatedAfterImport: (now: Date) => Promise<void>;
}

/**
 * `masthead import wordpress FILE.xml`: reads the export twice, streaming. The first pass checks the
 * whole file (well-formed XML, the WordPress namespace, UTF-8) and collects the small things (authors,
 * categories, attachments), so a broken file changes nothing. The second pass writes posts and pages
 * in batches, one transaction each, recording every item's GUID: a second run skips what is in, and
 * a run that stopped carries on after its last committed batch.
 */
export class WordPressImporter {
  constructor(private readonly deps: WordPressImporterDeps) {}

  async run(opts: WordPressImportOptions): Promise<ImportReport> {
    const report = new ImportReport(opts.dryRun);
    const authors = new Map<string, { name: string; email: string }>();
    const categories = new Map<string, { name: string; parent: string }>();
    const attachments = new Map<string, Attachment>();
    let baseUrl = '';
    let total = 0;
    await readWxr(
      opts.file,
      {
        author: (a) => authors.set(a.login, { name: a.displayName || [a.firstName, a.lastName].filter(Boolean).join(' ') || a.login, email: a.email }),
        category: (c) => categories.set(c.nicename, { name: decodeEntities(c.name), parent: c.parent }),
        site: (u) => void (baseUrl ||= u),
        item: (it) => {
          if (it.postType === 'attachment') {
            // Kept for the whole run, so each string is copied out of the parser's chunk: a slice
            // would keep the chunk it came from alive, and with it most of the file.
            attachments.set(own(it.postId), {
              url: own(it.attachmentUrl || it.guid),
              file: own(it.meta.get('_wp_attached_file') ?? ''),
              alt: own(it.meta.get('_wp_attachment_image_alt') ?? ''),
              caption: own(stripTags(it.excerpt)),
              title: own(decodeEntities(it.title)),
            });
          } else if (it.postType === 'post' || it.postType === 'page') total++;
        },
      },
      { wantContent: false },
    );

    const ctx: BatchContext = {
      opts,
      report,
      authors,
      categories,
      attachments,
      baseUrl,
      knownIds: new Map(),
      slugsSeen: new Set(),
      pathsSeen: new Set(),
    };
    if (opts.staffAccounts) await this.createStaffAccounts(ctx);
    let pending: Prepared[] = [];
    let done = 0;
    let committed = 0;
    const batchSize = opts.batchSize ?? 500;
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
    if (!opts.dryRun && report.imported.articles > 0) {
      await this.deps.relatedAfterImport(opts.now);
      report.relatedQueued = true;
    }
    return report;
  }

  /**
   * `--staff-accounts`: each author with a usable email becomes a contributor (may write drafts, may
   * not publish until an admin promotes them) with no password, linked to their byline. They sign in
   * by a one-time link (the CLI prints one per new account). One transaction; a re-run skips them.
   */
  private async createStaffAccounts(c: BatchContext): Promise<void> {
    const { uow, audit } = this.deps;
    const now = c.opts.now.toISOString();
    const done = await uow.stores.imports.findImported(
      'wordpress',
      [...c.authors.keys()].map((login) => `author:${login}`),
    );
    const wanted: { login: string; name: string; email: string }[] = [];
    for (const [login, a] of c.authors) {
      if (done.has(`author:${login}`)) continue;
      const email = emailSchema.safeParse(normalizeEmail(a.email));
      if (!email.success) {
        c.report.note(`author "${a.name}" (${login}) [email]: no usable email address ("${a.email}"); byline only, no staff account`);
        continue;
      }
      wanted.push({ login, name: a.name.slice(0, 200), email: email.data });
    }
    if (c.opts.dryRun) {
      c.report.imported.staff += wanted.length;
      return;
    }
    const created = await uow.transaction(async (stores) => {
      const out: { userId: number; email: string; name: string; authorId: number; slug: string }[] = [];
      for (const a of wanted) {
        const existing = await stores.accounts.findUserByEmail(a.email);
        if (existing) {
          c.report.note(`author "${a.name}" (${a.login}): ${a.email} is already a staff account (${existing.role}); left as it is`);
          continue;
        }
        const user = await stores.accounts.insertUser({ email: a.email, name: a.name, role: 'contributor', createdAt: now });
        const slug = slugify(a.name);
        const authorId = await stores.articles.ensureAuthor(slug, { name: a.name });
        await stores.accounts.linkAuthor(user.id, authorId);
        await stores.imports.recordImported('wordpress', `author:${a.login}`, 'user', user.id, now);
        out.push({ userId: user.id, email: a.email, name: a.name, authorId, slug });
      }
      return out;
    });
    for (const u of created) {
      c.knownIds.set(`author:${u.slug}`, u.authorId);
      c.report.staffAccounts.push({ userId: u.userId, email: u.email, name: u.name });
      await audit.record({ at: c.opts.now, actor: null, action: 'user.create', subject: u.email, detail: 'role contributor, imported from WordPress' });
    }
    c.report.imported.staff += created.length;
  }

  private async writeBatch(batch: Prepared[], c: BatchContext): Promise<void> {
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
      const wanted = todo.filter((p) => p.kind === 'article').map((p) => this.wantedSlug(p.item));
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
      try {
        await uow.transaction((stores) => run(stores));
      } catch (err) {
        await media.discard(w.createdKeys);
        throw err;
      }
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
    const stored = await this.deps.media.storeImage(await fs.readFile(found), c.opts.now, stores.media);
    if (!stored.ok) {
      c.report.missingImages++;
      c.report.note(`${who}: image ${rel} not imported: ${stored.message}`);
      return null;
    }
    w.createdKeys.push(...stored.createdKeys);
    w.counts.images++;
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

  /** The slug a post asks for: its own, else one from its title. */
  private wantedSlug(it: WxrItem): string {
    const title = decodeEntities(it.title).trim() || `Untitled (WordPress post ${it.postId})`;
    return (
      slugify(safeDecode(it.postName || '') || title)
        .slice(0, 80)
        .replace(/-+$/, '') || `post-${it.postId}`
    );
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
        `${who}: ${it.status === 'future' ? 'scheduled' : 'published'} on WordPress (${it.postDateGmt} GMT), held as a draft to look at: ${problems.join('; ')}`,
      );
    }
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
    const slug = await this.freeSlug(this.wantedSlug(it), stores, c, w, who);
    const publishedAt = status === 'draft' ? null : (gmtToIso(it.postDateGmt) ?? gmtToIso(it.postDate));
    const draft = {
      slug,
      headline: title.slice(0, LIMITS.headline),
      standfirst: stripTags(it.excerpt).slice(0, LIMITS.standfirst),
      bodyMarkdown: '',
      bodyHtml: body,
      hero,
      authors: [{ name: (c.authors.get(it.creator)?.name ?? it.creator) || 'Staff' }],
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
    for (const from of this.oldPaths(it, c)) if (from !== to) w.redirects.push({ fromPath: from, toPath: to, source: 'wordpress' });
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

  /**
   * The post's slug, or `slug-2`, `slug-3`… when the site or this file already has it (reported).
   * `w.taken` holds the batch's wanted slugs already on the site (one query); earlier batches have
   * committed, so the site knows theirs. A dry run writes nothing, so it remembers every slug of the file.
   */
  private async freeSlug(wanted: string, stores: ImportStores | null, c: BatchContext, w: BatchWork, who: string): Promise<string> {
    const reader = stores ?? this.deps.uow.stores;
    for (let i = 1; i < 1000; i++) {
      const candidate = i === 1 ? wanted : `${wanted.slice(0, 76)}-${i}`;
      if (w.slugs.has(candidate) || (c.opts.dryRun && c.slugsSeen.has(candidate))) continue;
      const taken = i === 1 ? w.taken.has(candidate) : (await reader.articles.findArticleIdsBySlugs([candidate])).has(candidate);
      if (taken) continue;
      if (i > 1) c.report.note(`${who} [slug]: "${wanted}" is taken; imported as "${candidate}"`);
      w.slugs.add(candidate);
      if (c.opts.dryRun) c.slugsSeen.add(candidate);
      return candidate;
    }
    throw new ImportFailure(null, 'slug', `no free slug near "${wanted}"`);
  }
}

/** A string of its own, not a slice of a larger one (V8 keeps a slice's parent alive). */
const own = (s: string): string => (s === '' ? '' : Buffer.from(s, 'utf8').toString('utf8'));

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

interface BatchContext {
  opts: WordPressImportOptions;
  report: ImportReport;
  authors: Map<string, { name: string; email: string }>;
  categories: Map<string, { name: string; parent: string }>;
  attachments: Map<string, Attachment>;
  baseUrl: string;
  /** Ids known to exist (committed): see BatchWork.ids. */
  knownIds: Map<string, number>;
  /** Dry runs only: every slug the file has been given. */
  slugsSeen: Set<string>;
  pathsSeen: Set<string>;
}
