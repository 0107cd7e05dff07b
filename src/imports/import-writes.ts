import fs from 'node:fs/promises';
import path from 'node:path';
import type { ArticleStores } from '../articles/article-service.js';
import type { AccountStore } from '../accounts/account-store.js';
import type { MediaService } from '../media/media-service.js';
import type { PageStore } from '../pages/page-store.js';
import type { RedirectStore } from '../redirects/redirect-store.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { ImportFailure, type ImportReport } from './import-report.js';
import type { ImportStore } from './import-store.js';

/**
 * What every importer (WordPress, Ghost) writes with, the same way: a transaction whose media files
 * go again if it fails, images found under the media folder, and free slugs. Each importer keeps its
 * own reading of its source and its own report lines; only the steps that are the same live here.
 */

export type ImportStores = ArticleStores & { imports: ImportStore; redirects: RedirectStore; pages: PageStore; accounts: AccountStore };

/**
 * Runs `work` in one transaction. Media files are written outside it, so when it rolls back the files
 * it made (`createdKeys`, filled while it runs) are removed too.
 */
export async function commitOrDiscard<S>(uow: UnitOfWork<S>, media: MediaService, createdKeys: string[], work: (stores: S) => Promise<void>): Promise<void> {
  try {
    await uow.transaction(work);
  } catch (err) {
    await media.discard(createdKeys);
    throw err;
  }
}

/** The first of these paths (relative to the media folder) that is a file inside it; null when none is. */
export async function findInMediaDir(dir: string, candidates: string[]): Promise<string | null> {
  for (const rel of candidates) {
    const abs = path.resolve(dir, rel);
    if (!abs.startsWith(path.resolve(dir) + path.sep)) continue;
    if ((await fs.stat(abs).catch(() => null))?.isFile()) return abs;
  }
  return null;
}

/** Where an imported image is stored, and who is told when it cannot be. */
export interface ImageTarget {
  media: MediaService;
  /** Null on a dry run: nothing is stored, and a stand-in is returned. */
  stores: Pick<ArticleStores, 'media'> | null;
  now: Date;
  report: ImportReport;
  /** The item, as report lines name it. */
  who: string;
  /** Storage keys of files written, for commitOrDiscard. */
  createdKeys: string[];
}

/** A found image file through the normal media pipeline; null (and a report line) when the pipeline refuses it. */
export async function storeImportedImage(abs: string, rel: string, t: ImageTarget) {
  if (!t.stores) return { mediaId: 0, hash: '', widths: [0] };
  const stored = await t.media.storeImage(await fs.readFile(abs), t.now, t.stores.media);
  if (!stored.ok) {
    t.report.missingImages++;
    t.report.note(`${t.who}: image ${rel} not imported: ${stored.message}`);
    return null;
  }
  t.createdKeys.push(...stored.createdKeys);
  return stored;
}

/**
 * `wanted`, or else `wanted-2`, `wanted-3`…: the first one `isTaken` says is free (a changed one is reported).
 * `first` says the candidate is `wanted` itself, for callers that looked those up ahead.
 */
export async function freeSlug(
  wanted: string,
  report: ImportReport,
  who: string,
  isTaken: (candidate: string, first: boolean) => boolean | Promise<boolean>,
): Promise<string> {
  for (let i = 1; i < 1000; i++) {
    const candidate = i === 1 ? wanted : `${wanted.slice(0, 76)}-${i}`;
    if (await isTaken(candidate, i === 1)) continue;
    if (i > 1) report.note(`${who} [slug]: "${wanted}" is taken; imported as "${candidate}"`);
    return candidate;
  }
  throw new ImportFailure(null, 'slug', `no free slug near "${wanted}"`);
}
