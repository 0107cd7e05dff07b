import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ImportAborted, type ImportCompanion, type ImportCompanionPlan, type ImportProblem } from '../articles/article-import.js';
import type { ArticleStores } from '../articles/article-service.js';
import { cacheKeys, type SurrogateKey } from '../cache/cache-keys.js';
import type { MediaService } from '../media/media-service.js';
import type { ExportStore } from './export-store.js';
import { EXPORT_FORMAT, EXPORT_VERSION, RECORD_TABLES, SITE_FILE, type RecordRow, type SiteExportFile } from './site-records.js';

export type SiteImportStores = ArticleStores & { exports: ExportStore };

const value = z.union([z.string(), z.number(), z.null()]);
const fileSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}" (this is not a Masthead site export)` }),
  version: z.literal(EXPORT_VERSION, { error: `must be ${EXPORT_VERSION}: this export was written by another version of Masthead` }),
  exported_at: z.string(),
  schema: z.number().int(),
  articles: z.array(z.strictObject({ slug: z.string(), created_at: z.string(), updated_at: z.string(), body_json: z.string() })),
  media: z.array(
    z.strictObject({
      hash: z.string().regex(/^[a-f0-9]{32}$/, 'must be 32 hex digits'),
      file: z.string().regex(/^media\/[a-f0-9]{32}\.[a-z0-9]{2,5}$/, 'must be media/<hash>.<ext>'),
      original: z.boolean(),
    }),
  ),
  records: z.record(z.string(), z.array(z.record(z.string(), value))),
  left_out: z.array(z.string()).default([]),
});

const TABLES = new Map(RECORD_TABLES.map((t) => [t.table, t]));

/** Every page a whole new site can change: the import purges them all. */
const EVERYTHING: SurrogateKey[] = Object.values(cacheKeys as Record<string, unknown>).filter((k): k is string => typeof k === 'string');

/**
 * The rest of a site export (masthead-site.json: members, patronages, topics and votes, corrections,
 * partners, pages, redirects, newsletters, settings, and every image), read when `masthead import DIR`
 * finds one beside the Markdown files, and written in the same transaction as the stories.
 */
export class SiteImport implements ImportCompanion<SiteImportStores> {
  constructor(private readonly media: MediaService) {}

  async prepare(dirs: string[]): Promise<{ problems: ImportProblem[]; plan: ImportCompanionPlan<SiteImportStores> | null }> {
    const withFile: string[] = [];
    for (const d of dirs) if ((await fs.stat(path.join(d, SITE_FILE)).catch(() => null))?.isFile()) withFile.push(d);
    if (withFile.length === 0) return { problems: [], plan: null };
    const problem = (file: string, field: string | null, message: string) => ({ problems: [{ file, field, message }], plan: null });
    if (withFile.length > 1) return problem(withFile[1]!, null, `only one site export at a time (${withFile[0]} has one too)`);
    const dir = withFile[0]!;
    const file = path.join(dir, SITE_FILE);
    let data: unknown;
    try {
      data = JSON.parse(await fs.readFile(file, 'utf8'));
    } catch (err) {
      return problem(file, null, err instanceof SyntaxError ? `is not valid JSON: ${err.message}` : 'cannot be read');
    }
    const parsed = fileSchema.safeParse(data);
    if (!parsed.success) {
      return { problems: parsed.error.issues.slice(0, 20).map((i) => ({ file, field: i.path.join('.') || null, message: i.message })), plan: null };
    }
    const site = parsed.data as SiteExportFile;
    const problems: ImportProblem[] = [];
    for (const [table, rows] of Object.entries(site.records)) {
      const spec = TABLES.get(table);
      if (!spec) {
        problems.push({ file, field: `records.${table}`, message: `unknown table (known: ${[...TABLES.keys()].join(', ')})` });
        continue;
      }
      const allowed = new Set([...(spec.hasId ? ['id'] : []), ...spec.columns]);
      rows.forEach((row, n) => {
        const unknown = Object.keys(row).filter((c) => !allowed.has(c));
        if (unknown.length) problems.push({ file, field: `records.${table}[${n}]`, message: `unknown column ${unknown.join(', ')}` });
        if (spec.hasId && typeof row.id !== 'number') problems.push({ file, field: `records.${table}[${n}].id`, message: 'must be a number' });
      });
    }
    for (const m of site.media) {
      if (!(await fs.stat(path.join(dir, m.file)).catch(() => null))?.isFile()) problems.push({ file, field: 'media', message: `file not found: ${m.file}` });
    }
    if (problems.length) return { problems: problems.slice(0, 50), plan: null };
    return { problems: [], plan: this.planFor(dir, file, site) };
  }

  private planFor(dir: string, file: string, site: SiteExportFile): ImportCompanionPlan<SiteImportStores> {
    const renamed = new Map<string, string>();
    const media = this.media;
    return {
      async before(stores, ctx) {
        for (const m of site.media) {
          const stored = await media.storeImage(await fs.readFile(path.join(dir, m.file)), ctx.now, stores.media);
          if (!stored.ok) throw new ImportAborted({ file, field: 'media', message: `${m.file}: ${stored.message}` });
          ctx.createdKeys.push(...stored.createdKeys);
          if (stored.hash !== m.hash) renamed.set(m.hash, stored.hash);
        }
        return renamed;
      },
      async after(stores) {
        const keys = new Set(EVERYTHING);
        const articleIds = await stores.exports.mapArticleIds();
        const mediaIds = await stores.exports.mapMediaIds();
        const ids = new Map<string, Map<number, number>>();
        for (const t of RECORD_TABLES) {
          const map = new Map<number, number>();
          ids.set(t.table, map);
          const rows = site.records[t.table] ?? [];
          const later: { id: number; old: number }[] = [];
          for (const [n, row] of rows.entries()) {
            const where = `records.${t.table}[${n}]`;
            const out: RecordRow = {};
            for (const col of t.columns) {
              if (!(col in row)) continue;
              const v = row[col]!;
              const ref = t.refs?.[col];
              if (col === t.selfRef) out[col] = null;
              else if (!ref || v === null) out[col] = v;
              else if (ref === 'staff') out[col] = null;
              else if (ref === 'article') out[col] = need(articleIds.get(String(v)), where, col, `no story with slug "${v}" in this export`);
              else if (ref === 'media') out[col] = need(mediaIds.get(renamed.get(String(v)) ?? String(v)), where, col, `no image ${v} in this export`);
              else out[col] = need(ids.get(ref.table)?.get(Number(v)), where, col, `${ref.table} ${v} is not in this export`);
            }
            try {
              if (t.upsertOn) await stores.exports.upsertRow(t, t.upsertOn, out);
              else {
                const id = await stores.exports.insertRow(t, out);
                if (id !== null && typeof row.id === 'number') map.set(row.id, id);
                if (id !== null && t.selfRef && row[t.selfRef] !== null && row[t.selfRef] !== undefined) later.push({ id, old: Number(row[t.selfRef]) });
                if (id !== null && t.table === 'static_pages') keys.add(cacheKeys.page(id));
                if (id !== null && t.table === 'topics') keys.add(cacheKeys.topic(id));
              }
            } catch (err) {
              throw new ImportAborted({ file, field: where, message: `cannot be written: ${(err as Error).message}` });
            }
          }
          for (const l of later) {
            await stores.exports.setColumn(
              t,
              l.id,
              t.selfRef!,
              need(map.get(l.old), `records.${t.table}`, t.selfRef!, `${t.table} ${l.old} is not in this export`),
            );
          }
        }
        for (const [n, d] of site.articles.entries()) {
          if (!(await stores.exports.restoreArticleDetails(d))) {
            throw new ImportAborted({ file, field: `articles[${n}]`, message: `no Markdown file for the story "${d.slug}"` });
          }
        }
        return [...keys];
      },
    };
  }
}

function need(id: number | undefined, where: string, col: string, message: string): number {
  if (id === undefined) throw new ImportAborted({ file: SITE_FILE, field: `${where}.${col}`, message });
  return id;
}
