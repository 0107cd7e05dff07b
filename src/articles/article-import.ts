import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type * as Yaml from 'yaml';
import { lazyPackage } from '../lazy-package.js';
import type { SurrogateKey } from '../cache/cache-keys.js';
import type { MediaService } from '../media/media-service.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { ARTICLE_STATUSES, slugify } from './article.js';
import { articleInputSchema, httpUrl, slugSchema, type ArticleInput } from './article-schema.js';
import type { ArticleService, ArticleStores } from './article-service.js';

/** One problem with one file: which file, which field, what is wrong. */
export interface ImportProblem {
  file: string;
  field: string | null;
  message: string;
}

/** Stops an import inside its transaction: everything rolls back and the one problem is reported. */
export class ImportAborted extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

/**
 * Read with the articles and written in their transaction, so the whole import commits or nothing does:
 * a site export's records (src/exports/). `prepare` looks at the directories given; null means nothing to add.
 */
export interface ImportCompanion<S> {
  prepare(dirs: string[]): Promise<{ problems: ImportProblem[]; plan: ImportCompanionPlan<S> | null }>;
}

export interface ImportCompanionPlan<S> {
  /**
   * Before the articles (media files, so heroes find them by hash). Returns media hashes that changed
   * (old to new), which are rewritten in the bodies. Storage keys it wrote go in `createdKeys`.
   */
  before(stores: S, ctx: { now: Date; createdKeys: string[] }): Promise<Map<string, string>>;
  /** After the articles, their related links and translations. Returns the cache keys it touched. */
  after(stores: S, ctx: { now: Date }): Promise<SurrogateKey[]>;
}

export type ImportResult = { ok: true; articles: { file: string; slug: string; created: boolean }[] } | { ok: false; problems: ImportProblem[] };

const author = z.union([
  z.string().trim().min(1, 'must not be empty'),
  z.strictObject({ name: z.string().trim().min(1), bio: z.string().default(''), guest: z.boolean().default(false) }),
]);

const dateTime = z.union([
  z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-11-20T09:30:00Z' }),
  z.iso.date({ error: 'must be an ISO 8601 date-time such as 2026-11-20T09:30:00Z' }).transform((d) => `${d}T00:00:00Z`),
]);

const yamlLibrary = lazyPackage<typeof Yaml>('yaml');

/** The YAML front matter of an importable Markdown file. Unknown keys are refused: they are usually typos. */
export const frontMatterSchema = z
  .strictObject({
    title: z
      .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') })
      .trim()
      .min(1, 'is required'),
    standfirst: z.string().trim().default(''),
    slug: slugSchema.optional(),
    image: z.string().trim().min(1).optional(),
    image_alt: z.string().trim().optional(),
    image_caption: z.string().trim().default(''),
    image_credit: z.string().trim().default(''),
    authors: z.array(author).min(1, 'needs at least one name').optional(),
    author: author.optional(),
    section: z.string().trim().min(1).optional(),
    tags: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
    language: z.string().optional(),
    sources: z.array(z.strictObject({ name: z.string().trim().min(1, 'is required'), url: httpUrl })).default([]),
    related: z.array(slugSchema).default([]),
    /** The slug of the story this file translates; the two join one translation group. */
    translation_of: slugSchema.optional(),
    published_at: dateTime.optional(),
    /** When given, wins over `--publish`: an export keeps each story's state. */
    status: z.enum(ARTICLE_STATUSES, { error: `must be one of ${ARTICLE_STATUSES.join(', ')}` }).optional(),
    /** `html`: the body is HTML (sanitized on import), as the browser editor and other platforms write it. */
    format: z.enum(['markdown', 'html'], { error: 'must be markdown or html' }).default('markdown'),
    /** `funding: { kind: underwritten | sponsored, name: …, url: …, disclosure: … }` */
    funding: z
      .strictObject(
        { kind: z.string(), name: z.string().optional(), url: z.string().optional(), disclosure: z.string().optional() },
        { error: 'must be a set of fields: kind, name, url, disclosure' },
      )
      .optional(),
  })
  .superRefine((fm, ctx) => {
    if (!fm.authors && !fm.author) ctx.addIssue({ code: 'custom', path: ['authors'], message: 'is required (a list of names, or `author: Name`)' });
    if (fm.authors && fm.author) ctx.addIssue({ code: 'custom', path: ['author'], message: 'give either `author` or `authors`, not both' });
    if (fm.image && !fm.image_alt)
      ctx.addIssue({ code: 'custom', path: ['image_alt'], message: 'is required when there is an image (describe it for readers who cannot see it)' });
  });
type FrontMatter = z.infer<typeof frontMatterSchema>;

interface ParsedFile {
  file: string;
  input: ArticleInput;
  imagePath: string | null;
  image: { alt: string; caption: string; credit: string } | null;
  /** `translation_of: <slug>`: the story this one translates (in this batch or already on the site). */
  translationOf: string | null;
}

/** Splits `---\nYAML\n---\nbody`. Returns null when the file has no front matter block. */
export function splitFrontMatter(source: string): { yaml: string; body: string; bodyLine: number } | null {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!m) return null;
  return { yaml: m[1]!, body: text.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

/** Imports Markdown files with front matter. All files go in one transaction: one bad file imports nothing. */
export class ArticleImporter<S extends ArticleStores = ArticleStores> {
  constructor(
    private readonly uow: UnitOfWork<S>,
    private readonly articles: ArticleService,
    private readonly media: MediaService,
    private readonly companion: ImportCompanion<S> | null = null,
  ) {}

  /** Expands directories to the `.md` files inside them (sorted), keeping file arguments as given. */
  async collectFiles(paths: string[]): Promise<{ files: string[]; problems: ImportProblem[] }> {
    const files: string[] = [];
    const problems: ImportProblem[] = [];
    for (const p of paths) {
      const stat = await fs.stat(p).catch(() => null);
      if (!stat) problems.push({ file: p, field: null, message: 'no such file or directory' });
      else if (stat.isDirectory()) {
        const entries = (await fs.readdir(p)).filter((f) => f.endsWith('.md')).sort();
        if (entries.length === 0) problems.push({ file: p, field: null, message: 'directory has no .md files' });
        files.push(...entries.map((f) => path.join(p, f)));
      } else files.push(p);
    }
    return { files, problems };
  }

  async importPaths(paths: string[], opts: { publish: boolean; update: boolean; now: Date; defaultLanguage: string }): Promise<ImportResult> {
    const { files, problems } = await this.collectFiles(paths);
    const parsed: ParsedFile[] = [];
    for (const file of files) {
      const r = await this.parseFile(file, opts);
      if ('problems' in r) problems.push(...r.problems);
      else parsed.push(r);
    }
    const seen = new Map<string, string>();
    for (const p of parsed) {
      const other = seen.get(p.input.slug);
      if (other) problems.push({ file: p.file, field: 'slug', message: `"${p.input.slug}" is also the slug of ${other}` });
      seen.set(p.input.slug, p.file);
    }
    const dirs: string[] = [];
    for (const p of paths) if ((await fs.stat(p).catch(() => null))?.isDirectory()) dirs.push(p);
    const extra = this.companion && dirs.length ? await this.companion.prepare(dirs) : { problems: [], plan: null };
    problems.push(...extra.problems);
    if (problems.length) return { ok: false, problems };
    return this.write(parsed, opts, extra.plan);
  }

  private async parseFile(file: string, opts: { publish: boolean; defaultLanguage: string }): Promise<ParsedFile | { problems: ImportProblem[] }> {
    const fail = (field: string | null, message: string) => ({ problems: [{ file, field, message }] });
    let source: string;
    try {
      source = await fs.readFile(file, 'utf8');
    } catch (err) {
      return fail(null, `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const split = splitFrontMatter(source);
    if (!split) return fail(null, 'missing YAML front matter: the file must start with a line "---", the fields, then "---"');
    const doc = yamlLibrary().parseDocument(split.yaml, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      // yaml counts lines from the start of the front matter; the file has the opening "---" above it.
      const pos = e.linePos?.[0];
      const where = pos ? ` (line ${pos.line + 1}, column ${pos.col})` : '';
      return fail(null, `front matter is not valid YAML${where}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    const data: unknown = doc.toJS();
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail(null, 'front matter must be a set of `field: value` lines');
    const fm = frontMatterSchema.safeParse(data);
    if (!fm.success) {
      return {
        problems: fm.error.issues.map((i) => ({
          file,
          field: i.code === 'unrecognized_keys' ? [...i.path, i.keys.join(', ')].join('.') : i.path.length ? i.path.join('.') : null,
          message:
            i.code !== 'unrecognized_keys'
              ? i.message
              : i.path[0] === 'funding'
                ? 'unknown field (funding has kind, name, url and disclosure)'
                : `unknown field (known fields: ${Object.keys(frontMatterSchema.shape).join(', ')})`,
        })),
      };
    }
    const f: FrontMatter = fm.data;
    const input = articleInputSchema.safeParse({
      slug: f.slug ?? slugify(f.title),
      headline: f.title,
      standfirst: f.standfirst,
      bodyMarkdown: f.format === 'markdown' ? split.body : '',
      bodyHtml: f.format === 'html' ? split.body : null,
      hero: null,
      authors: (f.authors ?? [f.author!]).map((a) => (typeof a === 'string' ? { name: a } : a)),
      section: f.section ?? null,
      tags: f.tags,
      sources: f.sources,
      related: f.related,
      language: f.language ?? opts.defaultLanguage,
      status: f.status ?? (opts.publish ? 'published' : 'draft'),
      publishedAt: f.published_at ?? null,
      funding: f.funding ?? null,
    });
    if (!input.success) {
      const names: Record<string, string> = { headline: 'title', bodyMarkdown: 'body', publishedAt: 'published_at' };
      return {
        problems: input.error.issues.map((i) => ({
          file,
          field: i.path.map((p, n) => (n === 0 ? (names[String(p)] ?? String(p)) : String(p))).join('.'),
          message: i.message,
        })),
      };
    }
    if (!input.data.slug) return fail('slug', 'cannot be derived from the title; give one with `slug:`');
    let imagePath: string | null = null;
    if (f.image) {
      imagePath = path.resolve(path.dirname(file), f.image);
      const stat = await fs.stat(imagePath).catch(() => null);
      if (!stat?.isFile()) return fail('image', `file not found: ${f.image} (paths are relative to the Markdown file)`);
    }
    return {
      file,
      input: input.data,
      imagePath,
      image: f.image ? { alt: f.image_alt ?? '', caption: f.image_caption, credit: f.image_credit } : null,
      translationOf: f.translation_of ?? null,
    };
  }

  private async write(parsed: ParsedFile[], opts: { update: boolean; now: Date }, plan: ImportCompanionPlan<S> | null): Promise<ImportResult> {
    const createdKeys: string[] = [];
    const pendingSlugs = new Set(parsed.map((p) => p.input.slug));
    let companionKeys: SurrogateKey[] = [];
    try {
      const articles = await this.uow.transaction(async (stores) => {
        const done: { file: string; slug: string; created: boolean; keys: string[]; id: number }[] = [];
        const renamed = plan ? await plan.before(stores, { now: opts.now, createdKeys }) : new Map<string, string>();
        for (const p of parsed) {
          for (const [from, to] of renamed) {
            p.input.bodyMarkdown = p.input.bodyMarkdown.split(`/media/${from}/`).join(`/media/${to}/`);
            if (p.input.bodyHtml !== null) p.input.bodyHtml = p.input.bodyHtml.split(`/media/${from}/`).join(`/media/${to}/`);
          }
          let hero: ArticleInput['hero'] = null;
          if (p.imagePath && p.image) {
            const stored = await this.media.storeImage(await fs.readFile(p.imagePath), opts.now, stores.media);
            if (!stored.ok) throw new ImportAborted({ file: p.file, field: 'image', message: stored.message });
            createdKeys.push(...stored.createdKeys);
            hero = { mediaId: stored.mediaId, ...p.image };
          }
          // Replacing a story keeps its publication unless the file says otherwise: a re-imported
          // correction is not a new story, and an update without --publish does not unpublish it.
          let publication: Pick<ArticleInput, 'status' | 'publishedAt'> = { status: p.input.status, publishedAt: p.input.publishedAt };
          if (opts.update) {
            const existing = await stores.articles.findArticleBySlug(p.input.slug);
            if (existing && existing.status !== 'draft') {
              publication = { status: 'published', publishedAt: p.input.publishedAt ?? existing.publishedAt };
            }
          }
          // Related links are added after the whole batch exists, so files may link each other in any order.
          const result = await this.articles.saveArticleWith(
            stores,
            { ...p.input, ...publication, hero, related: [] },
            {
              now: opts.now,
              actor: 'import',
              update: opts.update,
              pendingSlugs,
            },
          );
          if (!result.ok) {
            const hint = result.reason === 'slug-taken' ? ' (use --update to replace it and keep a revision)' : '';
            throw new ImportAborted({ file: p.file, field: 'slug', message: result.message + hint });
          }
          done.push({ file: p.file, slug: p.input.slug, created: result.created, keys: result.keys, id: result.id });
        }
        for (const p of parsed) {
          const missing = p.input.related.filter((s) => !pendingSlugs.has(s));
          const known = await stores.articles.findArticleIdsBySlugs(missing);
          const unknown = missing.filter((s) => !known.has(s));
          if (unknown.length)
            throw new ImportAborted({ file: p.file, field: 'related', message: `no article with slug ${unknown.map((s) => `"${s}"`).join(', ')}` });
          await this.articles.linkRelated(stores, p.input.slug, p.input.related);
        }
        for (const p of parsed) {
          if (!p.translationOf) continue;
          const linked = await this.articles.linkTranslationWith(stores, { originalSlug: p.translationOf, translationSlug: p.input.slug });
          if (!linked.ok) throw new ImportAborted({ file: p.file, field: 'translation_of', message: linked.message });
          done.find((d) => d.slug === p.input.slug)?.keys.push(...linked.keys);
        }
        if (plan) companionKeys = await plan.after(stores, { now: opts.now });
        return done;
      });
      await this.articles.invalidate([...new Set([...articles.flatMap((a) => a.keys), ...companionKeys])]);
      await this.articles.articlesWritten(
        articles.map((a) => a.id),
        opts.now,
      );
      return { ok: true, articles: articles.map(({ file, slug, created }) => ({ file, slug, created })) };
    } catch (err) {
      await this.media.discard(createdKeys);
      if (err instanceof ImportAborted) return { ok: false, problems: [err.problem] };
      throw err;
    }
  }
}
