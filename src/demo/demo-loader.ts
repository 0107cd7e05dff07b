import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleImporter, ImportResult } from '../articles/article-import.js';
import { writeDemoImages } from './demo-images.js';

const articlesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'articles');

/**
 * Imports the demo outlet's articles, published. Dates are moved forward as a block so the newest
 * story is two hours old whenever the demo is loaded, keeping the spacing between stories.
 */
export async function loadDemoContent(importer: ArticleImporter, opts: { now: Date; language: string }): Promise<ImportResult> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'masthead-demo-'));
  try {
    await writeDemoImages(path.join(tmp, 'images'));
    const files = (await fs.readdir(articlesDir)).filter((f) => f.endsWith('.md'));
    const sources = await Promise.all(files.map((f) => fs.readFile(path.join(articlesDir, f), 'utf8')));
    const DATE = /^published_at:\s*"?([0-9T:.\-+Z]+)"?\s*$/m;
    const newest = Math.max(...sources.map((s) => Date.parse(DATE.exec(s)?.[1] ?? '') || 0));
    const shift = opts.now.getTime() - 2 * 3600_000 - newest;
    await Promise.all(
      files.map((f, i) => {
        const shifted = sources[i]!.replace(DATE, (_m, iso: string) => `published_at: ${new Date(Date.parse(iso) + shift).toISOString()}`);
        return fs.writeFile(path.join(tmp, f), shifted);
      }),
    );
    return await importer.importPaths([tmp], { publish: true, update: false, now: opts.now, defaultLanguage: opts.language });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
