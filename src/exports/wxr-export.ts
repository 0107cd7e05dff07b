import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { MediaService } from '../media/media-service.js';
import type { PageService } from '../pages/page-service.js';
import type { SiteService } from '../site/site-service.js';
import { utcToZonedLocal } from '../site/time-zone.js';
import type { Urls } from '../site/urls.js';
import { ExportError, finishOutput, startOutput, type ExportProgress } from './export-service.js';
import type { ExportStore } from './export-store.js';

/** Characters XML 1.0 cannot carry at all, even in CDATA. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as CDATA; a `]]>` inside is split across two sections. */
export const cdata = (s: string): string => `<![CDATA[${s.replace(NOT_XML, '').split(']]>').join(']]]]><![CDATA[>')}]]>`;
const esc = (s: string): string => s.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** An image of this site in a body: `/media/<hash>/<width>.<jpg|webp>`, with or without the site's address. */
const MEDIA_SRC = /(?:https?:\/\/[^\s"'<>]+)?\/media\/([a-f0-9]{32})\/\d+\.(?:jpg|webp)/g;

const NO_DATE = '0000-00-00 00:00:00';
/** WordPress dates: `YYYY-MM-DD HH:MM:SS`, in GMT or on the outlet's wall clock. */
const gmt = (iso: string | null): string => (iso ? new Date(iso).toISOString().slice(0, 19).replace('T', ' ') : NO_DATE);
const local = (iso: string | null, zone: string): string => (iso ? `${utcToZonedLocal(iso, zone).replace('T', ' ')}:00` : NO_DATE);

const STATUS = { published: 'publish', scheduled: 'future', draft: 'draft' } as const;

export interface WxrSummary {
  posts: number;
  pages: number;
  attachments: number;
  /** Stories with more than one byline: WordPress keeps one author per post, the first. */
  coBylines: number;
  /** Image files copied for WordPress's uploads folder (with --media-dir). */
  mediaFiles: number;
}

/**
 * `masthead export --format wxr FILE.xml`: a WordPress eXtended RSS 1.2 file, so an outlet can move to
 * WordPress. Posts (every status), pages, authors, sections as categories, tags, and each hero image as an
 * attachment (`_wp_attached_file` is `masthead/<hash>.<ext>`; with a media directory, the originals are
 * copied there under that name, for WordPress's uploads folder). Written to a working copy, renamed at the end.
 */
export class WxrExporter {
  constructor(
    private readonly store: ExportStore,
    private readonly articles: ArticleService,
    private readonly pages: PageService,
    private readonly media: MediaService,
    private readonly urls: Urls,
    private readonly site: SiteService,
  ) {}

  async exportWxr(opts: { file: string; mediaDir: string | null; now: Date; onProgress?: (p: ExportProgress) => void }): Promise<WxrSummary> {
    const work = await startOutput(opts.file, 'file');
    let mediaWork: string | null = null;
    try {
      if (opts.mediaDir) mediaWork = await startOutput(opts.mediaDir, 'directory');
      const xml = path.join(work, 'export.xml');
      const summary = await this.write(xml, mediaWork, opts);
      if (mediaWork) await finishOutput(mediaWork, opts.mediaDir!);
      await finishOutput(work, opts.file, xml);
      return summary;
    } catch (err) {
      await fs.rm(work, { recursive: true, force: true });
      if (mediaWork) await fs.rm(mediaWork, { recursive: true, force: true });
      if (err instanceof ExportError) throw err;
      if ((err as NodeJS.ErrnoException).code) throw new ExportError(`writing ${opts.file} failed: ${(err as NodeJS.ErrnoException).code}`);
      throw err;
    }
  }

  private async write(xmlFile: string, mediaWork: string | null, opts: { now: Date; onProgress?: (p: ExportProgress) => void }): Promise<WxrSummary> {
    const settings = await this.site.getSettings();
    const zone = settings.timeZone;
    const base = this.urls.absolute('/').replace(/\/$/, '');
    const out = createWriteStream(xmlFile, { encoding: 'utf8' });
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    const put = (s: string) => (out.write(s) ? Promise.resolve() : Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed]));

    const stories: Article[] = [];
    for (const l of await this.articles.listAllArticles()) {
      const a = await this.articles.findArticle(l.slug);
      if (a) stories.push(a);
    }
    stories.sort((a, b) => a.id - b.id);
    const pages = await this.pages.listPages();
    const maxId = Math.max(0, ...stories.map((a) => a.id));
    const pageId = (id: number) => maxId + id;
    const maxPage = Math.max(0, ...pages.map((p) => p.id));
    const mediaByHash = new Map((await this.store.listMedia()).map((m) => [m.hash, m]));

    const authors = new Map<string, string>();
    const sections = new Map<string, string>();
    const tags = new Map<string, string>();
    for (const a of stories) {
      for (const au of a.authors.slice(0, 1)) authors.set(au.slug, au.name);
      if (a.section) sections.set(a.section.slug, a.section.name);
      for (const t of a.tags) tags.set(t.slug, t.name);
    }
    const summary: WxrSummary = { posts: 0, pages: 0, attachments: 0, coBylines: 0, mediaFiles: 0 };

    await put(
      '<?xml version="1.0" encoding="UTF-8" ?>\n' +
        '<rss version="2.0"\n' +
        '  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n' +
        '  xmlns:content="http://purl.org/rss/1.0/modules/content/"\n' +
        '  xmlns:wfw="http://wellformedweb.org/CommentAPI/"\n' +
        '  xmlns:dc="http://purl.org/dc/elements/1.1/"\n' +
        '  xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n' +
        `<title>${esc(settings.name)}</title>\n<link>${esc(base)}</link>\n<description>${esc(settings.tagline)}</description>\n` +
        `<pubDate>${opts.now.toUTCString()}</pubDate>\n<language>${esc(settings.language)}</language>\n` +
        `<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>${esc(base)}</wp:base_site_url>\n<wp:base_blog_url>${esc(base)}</wp:base_blog_url>\n`,
    );
    let n = 0;
    for (const [slug, name] of authors) {
      n++;
      await put(
        `<wp:author><wp:author_id>${n}</wp:author_id><wp:author_login>${cdata(slug)}</wp:author_login><wp:author_email></wp:author_email>` +
          `<wp:author_display_name>${cdata(name)}</wp:author_display_name><wp:author_first_name></wp:author_first_name>` +
          `<wp:author_last_name></wp:author_last_name></wp:author>\n`,
      );
    }
    n = 0;
    for (const [slug, name] of sections) {
      await put(
        `<wp:category><wp:term_id>${++n}</wp:term_id><wp:category_nicename>${cdata(slug)}` +
          `</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata(name)}` +
          `</wp:cat_name></wp:category>\n`,
      );
    }
    for (const [slug, name] of tags) {
      await put(`<wp:tag><wp:term_id>${++n}</wp:term_id><wp:tag_slug>${cdata(slug)}</wp:tag_slug><wp:tag_name>${cdata(name)}</wp:tag_name></wp:tag>\n`);
    }

    let attachmentId = maxId + maxPage;
    const uploads = new Map<string, string | null>();
    /** The image's path in WordPress's uploads folder (`masthead/<hash>.<ext>`), copied there once when a media directory was given. */
    const upload = async (hash: string): Promise<string | null> => {
      if (uploads.has(hash)) return uploads.get(hash)!;
      const m = mediaByHash.get(hash);
      const found = m ? await this.media.findExportFile(m) : null;
      const rel = found ? `masthead/${hash}.${found.ext}` : null;
      if (found && rel && mediaWork) {
        await fs.mkdir(path.join(mediaWork, 'masthead'), { recursive: true });
        await fs.writeFile(path.join(mediaWork, rel), found.data);
        summary.mediaFiles++;
      }
      uploads.set(hash, rel);
      return rel;
    };
    /** Images in a body point at WordPress's uploads folder, where the files go, instead of at this site. */
    const inline = async (html: string): Promise<string> => {
      let out = html;
      for (const [src, hash] of new Set([...html.matchAll(MEDIA_SRC)].map((m) => [m[0], m[1]!] as const))) {
        const rel = await upload(hash);
        if (rel) out = out.split(src).join(`${base}/wp-content/uploads/${rel}`);
      }
      return out;
    };
    for (const a of stories) {
      let thumb: number | null = null;
      const m = a.hero ? mediaByHash.get(a.hero.mediaHash) : undefined;
      if (a.hero && m) {
        const rel = await upload(m.hash);
        if (rel) {
          thumb = ++attachmentId;
          const url = this.urls.absolute(this.urls.media(m.hash, Math.max(...m.widths), 'jpeg'));
          await put(
            item({
              title: a.hero.alt,
              link: url,
              guid: url,
              creator: a.authors[0]?.slug ?? '',
              content: a.hero.credit,
              excerpt: a.hero.caption,
              id: thumb,
              date: local(a.createdAt, zone),
              dateGmt: gmt(a.createdAt),
              modified: a.updatedAt,
              zone,
              name: `${a.slug}-image`,
              status: 'inherit',
              parent: a.id,
              type: 'attachment',
              extra:
                `<wp:attachment_url>${cdata(url)}</wp:attachment_url>\n` +
                meta('_wp_attached_file', rel) +
                meta('_wp_attachment_image_alt', a.hero.alt) +
                (a.hero.credit ? meta('_masthead_image_credit', a.hero.credit) : ''),
            }),
          );
          summary.attachments++;
        }
      }
      if (a.authors.length > 1) summary.coBylines++;
      const when = a.status === 'scheduled' ? (a.scheduledFor ?? a.publishedAt) : a.status === 'published' ? a.publishedAt : null;
      const url = this.urls.absolute(this.urls.article(a.slug));
      await put(
        item({
          title: a.headline,
          link: url,
          guid: `${base}/?p=${a.id}`,
          creator: a.authors[0]?.slug ?? '',
          content: await inline(a.bodyHtml),
          excerpt: a.standfirst,
          id: a.id,
          date: local(when ?? a.createdAt, zone),
          dateGmt: gmt(when),
          modified: a.updatedAt,
          zone,
          name: a.slug,
          status: STATUS[a.status],
          parent: 0,
          type: 'post',
          extra:
            (a.section ? `<category domain="category" nicename="${esc(a.section.slug)}">${cdata(a.section.name)}</category>\n` : '') +
            a.tags.map((t) => `<category domain="post_tag" nicename="${esc(t.slug)}">${cdata(t.name)}</category>\n`).join('') +
            (thumb ? meta('_thumbnail_id', String(thumb)) : ''),
        }),
      );
      summary.posts++;
      if (summary.posts % 50 === 0 || summary.posts === stories.length) opts.onProgress?.({ done: summary.posts, total: stories.length });
    }
    for (const p of pages) {
      await put(
        item({
          title: p.title,
          link: this.urls.absolute(p.path),
          guid: `${base}/?page_id=${pageId(p.id)}`,
          creator: '',
          content: await inline(p.bodyHtml),
          excerpt: '',
          id: pageId(p.id),
          date: local(p.createdAt, zone),
          dateGmt: gmt(p.createdAt),
          modified: p.updatedAt,
          zone,
          name: p.path.split('/').pop()!,
          status: 'publish',
          parent: 0,
          type: 'page',
          extra: '',
        }),
      );
      summary.pages++;
    }
    await put('</channel>\n</rss>\n');
    await Promise.race([new Promise<void>((r) => out.end(() => r())), failed]);
    return summary;
  }
}

function meta(key: string, value: string): string {
  return `<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>\n`;
}

function item(i: {
  title: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  id: number;
  date: string;
  dateGmt: string;
  modified: string;
  zone: string;
  name: string;
  status: string;
  parent: number;
  type: string;
  extra: string;
}): string {
  return (
    `<item>\n<title>${esc(i.title)}</title>\n<link>${esc(i.link)}</link>\n<dc:creator>${cdata(i.creator)}</dc:creator>\n` +
    `<guid isPermaLink="false">${esc(i.guid)}</guid>\n<description></description>\n` +
    `<content:encoded>${cdata(i.content)}</content:encoded>\n<excerpt:encoded>${cdata(i.excerpt)}</excerpt:encoded>\n` +
    `<wp:post_id>${i.id}</wp:post_id>\n<wp:post_date>${cdata(i.date)}</wp:post_date>\n<wp:post_date_gmt>${cdata(i.dateGmt)}</wp:post_date_gmt>\n` +
    `<wp:post_modified>${cdata(local(i.modified, i.zone))}</wp:post_modified>\n<wp:post_modified_gmt>${cdata(gmt(i.modified))}</wp:post_modified_gmt>\n` +
    `<wp:comment_status>closed</wp:comment_status>\n<wp:ping_status>closed</wp:ping_status>\n<wp:post_name>${cdata(i.name)}</wp:post_name>\n` +
    `<wp:status>${i.status}</wp:status>\n<wp:post_parent>${i.parent}</wp:post_parent>\n<wp:menu_order>0</wp:menu_order>\n` +
    `<wp:post_type>${i.type}</wp:post_type>\n<wp:post_password></wp:post_password>\n<wp:is_sticky>0</wp:is_sticky>\n${i.extra}</item>\n`
  );
}
