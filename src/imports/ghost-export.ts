import fs from 'node:fs/promises';
import { z } from 'zod';
import { ImportFailure } from './import-report.js';

/**
 * A Ghost export (Ghost's JSON file of its database) read and checked, and the helpers that turn its
 * loosely typed rows and its editor formats (mobiledoc, lexical) into plain values. Nothing here writes.
 */

const row = z.record(z.string(), z.unknown());
/** The parts of a Ghost export we read; everything else (settings, keys, sessions) is ignored on purpose. */
const ghostExport = z.object({
  db: z
    .array(
      z.object({
        meta: z.object({ version: z.string().optional() }).passthrough().optional(),
        data: z
          .object({
            posts: z.array(row).default([]),
            tags: z.array(row).default([]),
            posts_tags: z.array(row).default([]),
            users: z.array(row).default([]),
            posts_authors: z.array(row).default([]),
            posts_meta: z.array(row).default([]),
            members: z.array(row).default([]),
            members_stripe_customers_subscriptions: z.array(row).default([]),
            members_stripe_customers: z.array(row).default([]),
            members_newsletters: z.array(row).default([]),
            newsletters: z.array(row).default([]),
          })
          .passthrough(),
      }),
    )
    .min(1, 'has no database section'),
});

export const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
export const isoOrNull = (v: unknown): string | null => {
  const d = new Date(str(v));
  return str(v) && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
};

/** Text as one paragraph of HTML, escaped. */
const paragraph = (text: string): string => `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;

/** Ghost's mobiledoc when there is no html: its paragraphs' text, so the words are never lost. */
export function mobiledocText(json: string): string {
  try {
    const doc = JSON.parse(json) as { sections?: unknown[] };
    const paras: string[] = [];
    for (const s of doc.sections ?? []) {
      if (!Array.isArray(s) || s[0] !== 1) continue;
      const markers = (s[2] as unknown[][]) ?? [];
      const text = markers.map((m) => str(m[3])).join('');
      if (text.trim()) paras.push(paragraph(text));
    }
    return paras.join('\n');
  } catch {
    return '';
  }
}

/** Lexical (Ghost 5) when there is no html: the text of its paragraph and heading nodes. */
export function lexicalText(json: string): string {
  try {
    const out: string[] = [];
    const walk = (n: { type?: string; text?: string; children?: unknown[] }): string =>
      (n.text ?? '') + (n.children ?? []).map((c) => walk(c as never)).join('');
    const root = (JSON.parse(json) as { root?: { children?: unknown[] } }).root;
    for (const c of root?.children ?? []) {
      const t = walk(c as never).trim();
      if (t) out.push(paragraph(t));
    }
    return out.join('\n');
  } catch {
    return '';
  }
}

/** The tables of a Ghost export that the import reads. */
export type GhostData = z.infer<typeof ghostExport>['db'][number]['data'];

/** Reads and checks the file: not JSON, or not shaped like a Ghost export, is an ImportFailure before anything is written. */
export async function readGhostExport(file: string): Promise<GhostData> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) throw err;
    throw new ImportFailure(null, null, `${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = ghostExport.safeParse(raw);
  if (!parsed.success) throw new ImportFailure(null, parsed.error.issues[0]!.path.join('.'), `not a Ghost export: ${parsed.error.issues[0]!.message}`);
  return parsed.data.db[0]!.data;
}
