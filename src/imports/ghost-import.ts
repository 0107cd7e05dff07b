import { slugify } from '../articles/article.js';
import { articleInputSchema, LIMITS, type ArticleInput } from '../articles/article-schema.js';
import type { ArticleService } from '../articles/article-service.js';
import type { SurrogateKey } from '../cache/cache-keys.js';
import type { MediaService } from '../media/media-service.js';
import type { MemberStore } from '../membership/member-store.js';
import type { PageService } from '../pages/page-service.js';
import type { Services } from '../core.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { ImportFailure, ImportReport, stripTags } from './import-report.js';
import { commitOrDiscard, findInMediaDir, freeSlug, storeImportedImage, type ImportStores } from './import-writes.js';
import { isoOrNull, lexicalText, mobiledocText, readGhostExport, str } from './ghost-export.js';
import { importGhostMembers } from './ghost-members.js';

export type GhostStores = ImportStores & { members: MemberStore };

export interface GhostImportOptions {
  file: string;
  /** Ghost's `content/images` folder: `__GHOST_URL__/content/images/x.jpg` is looked up as `x.jpg` there. */
  mediaDir: string | null;
  dryRun: boolean;
  now: Date;
  language: string;
}

/**
 * `masthead import ghost FILE.json`: posts and pages (from html, else lexical or mobiledoc), tags
 * (internal `#tags` stay off the site), authors with bios, feature images, members (paid ones become
 * hand-granted patrons until their current period ends; no card data exists in the file or here),
 * and redirects for Ghost's URL shapes. One transaction: it completes or changes nothing.
 */
export class GhostImporter {
  constructor(
    private readonly uow: UnitOfWork<GhostStores>,
    private readonly articles: ArticleService,
    private readonly pages: PageService,
    private readonly media: MediaService,
    private readonly mediaUrl: (hash: string, width: number) => string,
  ) {}

  async run(opts: GhostImportOptions): Promise<ImportReport> {
    const report = new ImportReport(opts.dryRun);
    const data = await readGhostExport(opts.file);
    const tags = new Map(
      data.tags.map((t) => [str(t.id), { name: str(t.name), slug: str(t.slug), internal: str(t.visibility) === 'internal' || str(t.name).startsWith('#') }]),
    );
    const users = new Map(data.users.map((u) => [str(u.id), { name: str(u.name) || str(u.slug), bio: str(u.bio), slug: str(u.slug) }]));
    const tagsOf = new Map<string, string[]>();
    for (const pt of [...data.posts_tags].sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0)))
      tagsOf.set(str(pt.post_id), [...(tagsOf.get(str(pt.post_id)) ?? []), str(pt.tag_id)]);
    const authorsOf = new Map<string, string[]>();
    for (const pa of [...data.posts_authors].sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0)))
      authorsOf.set(str(pa.post_id), [...(authorsOf.get(str(pa.post_id)) ?? []), str(pa.author_id)]);
    const metaOf = new Map(data.posts_meta.map((m) => [str(m.post_id), m]));

    const keys = new Set<SurrogateKey>();
    const ids: number[] = [];
    const createdKeys: string[] = [];
    const work = async (stores: GhostStores | null) => {
      const done = stores
        ? await stores.imports.findImported('ghost', [...data.posts.map((p) => str(p.id)), ...data.members.map((m) => `member:${str(m.id)}`)])
        : new Map();
      const slugsSeen = new Set<string>();
      const authorRedirects = new Set<string>();
      const tagRedirects = new Set<string>();
      /** Tags some post carries as a plain tag (not only as its section, which is its first public tag). */
      const plainTags = new Set<string>();
      for (const post of data.posts) {
        const id = str(post.id);
        if (done.has(id)) {
          report.alreadyImported++;
          continue;
        }
        const title = str(post.title).trim();
        const who = `"${title || str(post.slug)}" (${id})`;
        const type = str(post.type) || 'post';
        if (type !== 'post' && type !== 'page') {
          report.count(report.skippedTypes, type);
          continue;
        }
        let html = str(post.html);
        if (!html && str(post.lexical)) html = lexicalText(str(post.lexical));
        if (!html && str(post.mobiledoc)) html = mobiledocText(str(post.mobiledoc));
        html = html.replace(/__GHOST_URL__/g, '');
        // Ghost's members-only marker: Masthead has no paywall inside a story, so say so.
        if (html.includes('<!--members-only-->')) report.note(`${who}: was for members only on Ghost (visibility ${str(post.visibility)}); public here`);
        const { body, images } = await this.images(html, stores, opts, report, who, createdKeys);
        report.imported.images += images;
        const oldSlug = slugify(str(post.slug) || title).slice(0, 80) || `post-${id.slice(-8)}`;
        const slug = type === 'post' ? await this.freeSlug(oldSlug, stores, slugsSeen, report, who) : oldSlug;
        if (type === 'page') {
          if (!stores) {
            report.imported.pages++;
            continue;
          }
          const page = { title: (title || slug).slice(0, 200), body, bodyFormat: 'html' as const };
          let saved = await this.pages.savePageWith(stores.pages, null, { ...page, path: `/${slug}` }, opts.now);
          if (!saved.ok && saved.fields.path) {
            // Ghost's own /privacy, say, where Masthead has one: the import keeps the text at another address.
            const alt = `/${slug}-page`;
            report.note(`${who} [path]: ${saved.fields.path.replace(/; choose another address$/, '')}; imported at ${alt}`);
            saved = await this.pages.savePageWith(stores.pages, null, { ...page, path: alt }, opts.now);
          }
          if (saved.ok && saved.path !== `/${slug}` && !(await stores.pages.findPageByPath(`/${slug}`)) && !['privacy', 'cookies'].includes(slug)) {
            if (await stores.redirects.addRedirect({ fromPath: `/${slug}`, toPath: saved.path, source: 'ghost' }, opts.now.toISOString()))
              report.imported.redirects++;
          }
          if (!saved.ok) throw new ImportFailure({ title, guid: id }, Object.keys(saved.fields)[0] ?? null, saved.message);
          saved.keys.forEach((k) => keys.add(k));
          await stores.imports.recordImported('ghost', id, 'page', saved.id, opts.now.toISOString());
          report.imported.pages++;
          continue;
        }
        const status = str(post.status);
        if (!title) report.note(`${who} [title]: has no title; imported as "Untitled (Ghost post ${id})"`);
        const authorList = (authorsOf.get(id) ?? []).map((a) => users.get(a)).filter((u) => u !== undefined);
        for (const u of authorList) authorRedirects.add(u.slug);
        const postTags = (tagsOf.get(id) ?? []).map((t) => tags.get(t)).filter((t) => t !== undefined);
        const hidden = postTags.filter((t) => t.internal);
        if (hidden.length) report.note(`${who}: internal tags kept off the site: ${hidden.map((t) => t.name).join(', ')}`);
        const publicTags = postTags.filter((t) => !t.internal);
        for (const t of publicTags) tagRedirects.add(t.slug);
        for (const t of publicTags.slice(1)) plainTags.add(t.slug);
        let hero: ArticleInput['hero'] = null;
        if (str(post.feature_image)) {
          const stored = await this.image(str(post.feature_image).replace(/__GHOST_URL__/g, ''), stores, opts, report, who, createdKeys);
          const meta = metaOf.get(id);
          if (stored) {
            report.imported.images++;
            hero = {
              mediaId: stored.mediaId || 1,
              alt: (str(post.feature_image_alt) || str(meta?.feature_image_alt) || title).slice(0, 300),
              caption: stripTags(str(post.feature_image_caption) || str(meta?.feature_image_caption)).slice(0, 500),
              credit: '',
            };
          }
        }
        const input = articleInputSchema.safeParse({
          slug,
          headline: (title || `Untitled (Ghost post ${id})`).slice(0, LIMITS.headline),
          standfirst: stripTags(str(post.custom_excerpt) || str(post.excerpt)).slice(0, LIMITS.standfirst),
          bodyHtml: body,
          hero,
          authors: authorList.length ? authorList.map((u) => ({ name: u.name.slice(0, 120), bio: u.bio.slice(0, 1000) })) : [{ name: 'Staff' }],
          section: publicTags[0]?.name.slice(0, 60) ?? null,
          tags: publicTags
            .slice(1)
            .map((t) => t.name.slice(0, 60))
            .slice(0, LIMITS.tags),
          language: opts.language,
          status: status === 'published' || status === 'scheduled' ? 'published' : 'draft',
          publishedAt: status === 'draft' ? null : isoOrNull(post.published_at),
        });
        if (!input.success) throw new ImportFailure({ title, guid: id }, input.error.issues[0]!.path.join('.'), input.error.issues[0]!.message);
        if (!stores) {
          report.imported.articles++;
          continue;
        }
        const saved = await this.articles.saveArticleWith(stores, input.data, { now: opts.now, actor: 'import' });
        if (!saved.ok) throw new ImportFailure({ title, guid: id }, 'slug', saved.message);
        saved.keys.forEach((k) => keys.add(k));
        ids.push(saved.id);
        await stores.imports.recordImported('ghost', id, 'article', saved.id, opts.now.toISOString());
        report.imported.articles++;
        if (await stores.redirects.addRedirect({ fromPath: `/${oldSlug}`, toPath: `/articles/${slug}`, source: 'ghost' }, opts.now.toISOString()))
          report.imported.redirects++;
      }
      if (stores) {
        for (const s of tagRedirects)
          if (
            await stores.redirects.addRedirect(
              {
                fromPath: `/tag/${s}`,
                // A tag that only ever came first became a section here: its page is the section's.
                toPath: `/${plainTags.has(s) ? 'tags' : 'sections'}/${slugify(tags.get([...tags].find(([, t]) => t.slug === s)![0])!.name)}`,
                source: 'ghost',
              },
              opts.now.toISOString(),
            )
          )
            report.imported.redirects++;
        for (const s of authorRedirects) {
          const u = [...users.values()].find((x) => x.slug === s)!;
          if (await stores.redirects.addRedirect({ fromPath: `/author/${s}`, toPath: `/authors/${slugify(u.name)}`, source: 'ghost' }, opts.now.toISOString()))
            report.imported.redirects++;
        }
      }
      await importGhostMembers(data, { stores, done, now: opts.now, report });
    };
    if (opts.dryRun) await work(null);
    else {
      await commitOrDiscard(this.uow, this.media, createdKeys, work);
      await this.articles.invalidate([...keys]);
      this.articles.articlesWritten(ids, opts.now);
    }
    return report;
  }

  private async images(html: string, stores: GhostStores | null, opts: GhostImportOptions, report: ImportReport, who: string, dirs: string[]) {
    let body = html;
    let images = 0;
    for (const src of new Set([...html.matchAll(/<img\b[^>]*\bsrc\s*=\s*"([^"]+)"/gi)].map((m) => m[1]!))) {
      const stored = await this.image(src, stores, opts, report, who, dirs);
      const escaped = src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (!stored) body = body.replace(new RegExp(`<img\\b[^>]*\\bsrc\\s*=\\s*"${escaped}"[^>]*>`, 'g'), '');
      else {
        images++;
        body = body.split(src).join(stores ? this.mediaUrl(stored.hash, stored.widths[stored.widths.length - 1]!) : src);
      }
      // srcset lists more sizes of the same picture on the old host: never requested from here.
      body = body.replace(/\s(?:srcset|sizes)="[^"]*"/g, '');
    }
    return { body, images };
  }

  /** The post's slug, or `slug-2`, `slug-3`… when the site or this file already has it (reported). */
  private async freeSlug(wanted: string, stores: GhostStores | null, seen: Set<string>, report: ImportReport, who: string): Promise<string> {
    const reader = stores ?? this.uow.stores;
    const slug = await freeSlug(
      wanted,
      report,
      who,
      async (candidate) => seen.has(candidate) || (await reader.articles.findArticleIdsBySlugs([candidate])).has(candidate),
    );
    seen.add(slug);
    return slug;
  }

  /** `/content/images/2021/03/x.jpg` (or a full address) looked up under --media-dir. */
  private async image(src: string, stores: GhostStores | null, opts: GhostImportOptions, report: ImportReport, who: string, dirs: string[]) {
    const rel = /\/content\/images\/(.+)$/.exec(src.split('?')[0]!)?.[1] ?? null;
    const abs = rel && opts.mediaDir ? await findInMediaDir(opts.mediaDir, [rel]) : null;
    if (!abs || !rel) {
      report.missingImages++;
      report.note(`${who}: image not imported (${rel ? (opts.mediaDir ? 'not in the media folder' : 'no --media-dir given') : 'hosted elsewhere'}): ${src}`);
      return null;
    }
    return storeImportedImage(abs, rel, { media: this.media, stores, now: opts.now, report, who, createdKeys: dirs });
  }
}

/** The CLI's entry: the importer wired in main.ts. */
export function runGhostImport(services: Services, opts: GhostImportOptions): Promise<ImportReport> {
  return services.ghost.run(opts);
}
