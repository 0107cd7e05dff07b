import fs from 'node:fs/promises';
import path from 'node:path';
import type * as Yaml from 'yaml';
import type { Article } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { MediaService } from '../media/media-service.js';
import type { ExportStore } from './export-store.js';
import { lazyPackage } from '../lazy-package.js';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  LEFT_OUT,
  RECORD_TABLES,
  SITE_FILE,
  type MediaEntry,
  type RecordRow,
  type RecordTable,
  type SiteExportFile,
} from './site-records.js';

const yaml = lazyPackage<typeof Yaml>('yaml');

/** An export that could not start or finish; nothing was left behind. The message names the path and the reason. */
export class ExportError extends Error {}

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportSummary {
  articles: number;
  media: number;
  /** Images whose original was not kept: the largest variant went out instead. */
  mediaWithoutOriginal: number;
  records: Record<string, number>;
  leftOut: string[];
}

const reasonOf = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such directory';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOTDIR') return 'part of the path is a file, not a directory';
  return code ?? (err as Error).message;
};

/**
 * Checks the destination of an export and makes a working directory beside it (same file system, so
 * the finished export can be renamed into place in one step). Refuses a destination that has files.
 */
export async function startOutput(target: string, kind: 'directory' | 'file'): Promise<string> {
  const abs = path.resolve(target);
  const stat = await fs.stat(abs).catch(() => null);
  if (stat && kind === 'directory') {
    if (!stat.isDirectory()) throw new ExportError(`${target} exists and is not a directory`);
    if ((await fs.readdir(abs)).length) throw new ExportError(`${target} exists and is not empty; give a new or empty directory`);
  }
  if (stat && kind === 'file') throw new ExportError(`${target} already exists; give a new file name`);
  const parent = path.dirname(abs);
  try {
    return await fs.mkdtemp(path.join(parent, `.${path.basename(abs)}.partial-`));
  } catch (err) {
    throw new ExportError(`cannot write in ${parent}: ${reasonOf(err)}`);
  }
}

/** Moves a finished export into place; on failure removes the working copy, leaving nothing. */
export async function finishOutput(work: string, target: string, from: string = work): Promise<void> {
  try {
    await fs.rename(from, path.resolve(target));
  } catch (err) {
    throw new ExportError(`cannot put the export at ${target}: ${reasonOf(err)}`);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Front matter in the shape `masthead import` reads (articles/article-import.ts frontMatterSchema). */
export function frontMatterOf(a: Article, ctx: { bios: Map<string, string>; groupSlug: (id: number) => string | null; imageFile: string | null }) {
  const fm: Record<string, unknown> = { title: a.headline };
  if (a.standfirst) fm.standfirst = a.standfirst;
  fm.slug = a.slug;
  fm.status = a.status;
  if (a.bodyFormat === 'html') fm.format = 'html';
  fm.language = a.language;
  if (a.hero && ctx.imageFile) {
    fm.image = ctx.imageFile;
    fm.image_alt = a.hero.alt;
    if (a.hero.caption) fm.image_caption = a.hero.caption;
    if (a.hero.credit) fm.image_credit = a.hero.credit;
  }
  fm.authors = a.authors.map((au) => {
    const bio = ctx.bios.get(au.slug) ?? '';
    return bio || au.isGuest ? { name: au.name, bio, guest: au.isGuest } : au.name;
  });
  if (a.section) fm.section = a.section.name;
  if (a.tags.length) fm.tags = a.tags.map((t) => t.name);
  if (a.sources.length) fm.sources = a.sources.map((s) => ({ name: s.name, url: s.url }));
  if (a.related.length) fm.related = a.related.map((r) => r.slug);
  const original = a.translationGroup !== null && a.translationGroup !== a.id ? ctx.groupSlug(a.translationGroup) : null;
  if (original) fm.translation_of = original;
  const when = a.status === 'scheduled' ? (a.scheduledFor ?? a.publishedAt) : a.status === 'published' ? a.publishedAt : null;
  if (when) fm.published_at = when;
  if (a.funding) fm.funding = { kind: a.funding.kind, name: a.funding.name, url: a.funding.url, disclosure: a.funding.disclosure };
  return fm;
}

/** `---`, the front matter, `---`, then the body exactly as it was written. */
export function markdownFileOf(fm: Record<string, unknown>, body: string): string {
  return `---\n${yaml().stringify(fm, { lineWidth: 0 })}---\n${body}`;
}

/**
 * `masthead export DIR`: every story as a Markdown file `masthead import` reads, the images (originals)
 * under media/, and the rest of the site in masthead-site.json. Written in a working directory that is
 * renamed into place at the end: a failed export leaves nothing.
 */
export class SiteExporter {
  constructor(
    private readonly store: ExportStore,
    private readonly articles: ArticleService,
    private readonly media: MediaService,
  ) {}

  async exportSite(opts: { dir: string; now: Date; onProgress?: (p: ExportProgress) => void }): Promise<ExportSummary> {
    const work = await startOutput(opts.dir, 'directory');
    try {
      const summary = await this.writeAll(work, opts);
      await finishOutput(work, opts.dir);
      return summary;
    } catch (err) {
      await fs.rm(work, { recursive: true, force: true });
      if (err instanceof ExportError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code) throw new ExportError(`writing the export failed: ${reasonOf(err)}`);
      throw err;
    }
  }

  private async writeAll(work: string, opts: { now: Date; onProgress?: (p: ExportProgress) => void }): Promise<ExportSummary> {
    await fs.mkdir(path.join(work, 'media'));
    const mediaRows = await this.store.listMedia();
    const hashById = new Map(mediaRows.map((m) => [m.id, m.hash]));
    const media: MediaEntry[] = [];
    const fileByHash = new Map<string, string>();
    for (const m of mediaRows) {
      const found = await this.media.findExportFile(m);
      if (!found) continue;
      const file = `media/${m.hash}.${found.ext}`;
      await fs.writeFile(path.join(work, file), found.data);
      media.push({ hash: m.hash, file, original: found.original });
      fileByHash.set(m.hash, file);
    }

    const records: Record<string, RecordRow[]> = {};
    for (const t of RECORD_TABLES) records[t.table] = await this.store.listRows(t);
    const bios = new Map((records.authors ?? []).map((r) => [String(r.slug), String(r.bio ?? '')]));
    const slugById = new Map<number, string>();
    const listed = await this.articles.listAllArticles();
    const all: Article[] = [];
    for (const l of listed) {
      const a = await this.articles.findArticle(l.slug);
      if (a) {
        all.push(a);
        slugById.set(a.id, a.slug);
      }
    }
    let done = 0;
    for (const a of all) {
      const fm = frontMatterOf(a, {
        bios,
        groupSlug: (id) => slugById.get(id) ?? null,
        imageFile: a.hero ? (fileByHash.get(a.hero.mediaHash) ?? null) : null,
      });
      await fs.writeFile(path.join(work, `${a.slug}.md`), markdownFileOf(fm, a.bodySource));
      done++;
      if (done % 50 === 0 || done === all.length) opts.onProgress?.({ done, total: all.length });
    }

    const file: SiteExportFile = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exported_at: opts.now.toISOString(),
      schema: await this.store.schemaVersion(),
      articles: await this.store.listArticleDetails(),
      media,
      records: Object.fromEntries(RECORD_TABLES.map((t) => [t.table, (records[t.table] ?? []).map((r) => outward(t, r, slugById, hashById))])),
      left_out: LEFT_OUT,
    };
    await fs.writeFile(path.join(work, SITE_FILE), `${JSON.stringify(file, null, 1)}\n`);
    return {
      articles: all.length,
      media: media.length,
      mediaWithoutOriginal: media.filter((m) => !m.original).length,
      records: Object.fromEntries(Object.entries(file.records).map(([k, v]) => [k, v.length])),
      leftOut: LEFT_OUT,
    };
  }
}

/** A row as it leaves: stories by slug and images by hash (their ids mean nothing elsewhere); staff cleared. */
function outward(t: RecordTable, row: RecordRow, slugById: Map<number, string>, hashById: Map<number, string>): RecordRow {
  const out = { ...row };
  for (const [col, ref] of Object.entries(t.refs ?? {})) {
    const v = out[col];
    if (v === null || v === undefined) continue;
    if (ref === 'article') out[col] = slugById.get(Number(v)) ?? null;
    else if (ref === 'media') out[col] = hashById.get(Number(v)) ?? null;
    else if (ref === 'staff') out[col] = null;
  }
  return out;
}
