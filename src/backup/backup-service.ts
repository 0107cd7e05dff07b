import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.js';
import { mediaStorageFor, type MediaStorage } from '../media/media-storage.js';
import { listMigrations } from '../store/migrate.js';
import type * as Tar from 'tar';
import { lazyPackage } from '../lazy-package.js';
import { postgresCounts, replacePostgres, replaceSqlite, snapshotPostgres, snapshotSqlite, sqliteCounts, type SiteCounts } from './backup-store.js';

const tar = lazyPackage<typeof Tar>('tar');

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}

const DB_ENTRY = { sqlite: 'database.sqlite', postgres: 'database.pgdump' } as const;
const FORMAT = 'masthead-backup';

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  mastheadVersion: z.string(),
  createdAt: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** The PostgreSQL schema the dump holds (pg_dump names it in every statement). */
  pgSchema: z.string().nullable(),
  schemaVersion: z.number().int().min(0),
  mediaDirs: z.number().int().min(0),
  secretKey: z.boolean(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
  /** Images the database lists whose files were not on disk (nothing can restore them). */
  missingMedia: string[];
}

export interface RestoreResult {
  manifest: BackupManifest;
  replaced: SiteCounts | null;
  restored: SiteCounts;
  mediaDirs: number;
  secretKey: 'restored' | 'kept (SECRET_KEY is set)' | 'none in backup';
}

/** How many images (one `<hash>/` folder of variants each) the storage holds. */
const imageCount = (keys: string[]) => new Set(keys.map((k) => k.split('/')[0])).size;
const contentTypeOf = (key: string) => (key.endsWith('.webp') ? 'image/webp' : 'image/jpeg');

/** Copies every file under `dir` (as `<hash>/<file>` keys) into the media storage. */
async function putTree(media: MediaStorage, dir: string): Promise<void> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const key = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    await media.put(key, fs.readFileSync(path.join(entry.parentPath, entry.name)), contentTypeOf(key));
  }
}
const secretFileOf = (config: Config) => path.join(config.dataDir, 'secret.key');
const pgSchemaOf = (config: Config) => (config.database.dialect === 'postgres' ? (config.database.schema ?? 'public') : null);

/**
 * Backs the site up into one gzipped tar: manifest.json, the database snapshot, the images that
 * snapshot refers to (media/<hash>/, read from the media storage: DATA_DIR/media or the S3 bucket), and the cookie key.
 * Safe while servers write: the snapshot is one moment, and images are written before the row naming them commits, so every
 * listed image is complete.
 */
export async function createBackup(config: Config, file: string, opts: { now: Date; mastheadVersion: string }): Promise<BackupResult> {
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`the folder ${path.dirname(target)} does not exist`);
  if (fs.existsSync(target)) throw new BackupError(`${target} already exists: name a new file, so no earlier backup is overwritten`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-backup-'));
  const media = await mediaStorageFor(config);
  try {
    const db = config.database;
    const dbEntry = DB_ENTRY[db.dialect];
    let facts;
    if (db.dialect === 'sqlite') {
      if (db.file === ':memory:' || !fs.existsSync(db.file)) throw new BackupError(`there is no database at ${db.file} to back up`);
      facts = await snapshotSqlite(db.file, path.join(work, dbEntry));
      if (facts.integrity !== 'ok') throw new BackupError(`the database failed its integrity check, so no backup was written: ${facts.integrity}`);
    } else {
      facts = await snapshotPostgres(db.url, pgSchemaOf(config)!, path.join(work, dbEntry));
    }
    const entries = ['manifest.json', dbEntry];
    const missingMedia: string[] = [];
    let mediaDirs = 0;
    for (const hash of facts.mediaHashes) {
      if (!/^[A-Za-z0-9_-]+$/.test(hash)) continue;
      const keys = await media.list(`${hash}/`);
      if (!keys.length) {
        missingMedia.push(hash);
        continue;
      }
      fs.mkdirSync(path.join(work, 'media', hash), { recursive: true });
      for (const key of keys) {
        const bytes = await media.get(key);
        if (bytes) fs.writeFileSync(path.join(work, 'media', ...key.split('/')), bytes);
      }
      mediaDirs++;
    }
    if (mediaDirs) entries.push('media');
    const secretKey = fs.existsSync(secretFileOf(config));
    if (secretKey) {
      fs.copyFileSync(secretFileOf(config), path.join(work, 'secret.key'));
      entries.push('secret.key');
    }
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: 1,
      mastheadVersion: opts.mastheadVersion,
      createdAt: opts.now.toISOString(),
      dialect: db.dialect,
      pgSchema: pgSchemaOf(config),
      schemaVersion: facts.schemaVersion,
      mediaDirs,
      secretKey,
    };
    fs.writeFileSync(path.join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // Written beside the target and renamed, so a crash never leaves a half archive under the real name.
    const partial = `${target}.partial`;
    await tar().create({ gzip: true, file: partial, cwd: work, portable: true }, entries);
    fs.chmodSync(partial, 0o600); // it holds the cookie key and readers' addresses
    fs.renameSync(partial, target);
    return { file: target, bytes: fs.statSync(target).size, manifest, missingMedia };
  } finally {
    media.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function readArchive(file: string, work: string): Promise<BackupManifest> {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  try {
    await tar().extract({ file, cwd: work, strict: true });
  } catch (err) {
    throw new BackupError(`${file} is not a Masthead backup (it could not be read as a .tar.gz: ${(err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8'));
  } catch {
    throw new BackupError(`${file} is not a Masthead backup (no readable manifest.json inside)`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BackupError(`${file} has a manifest this version of Masthead does not understand: ${parsed.error.issues[0]!.message}`);
  if (!fs.existsSync(path.join(work, DB_ENTRY[parsed.data.dialect])))
    throw new BackupError(`${file} is incomplete: ${DB_ENTRY[parsed.data.dialect]} is missing`);
  return parsed.data;
}

const isEmpty = (counts: SiteCounts | null) => counts === null || Object.values(counts).every((n) => n === 0);

/**
 * Restores a backup into the configured site. Refuses a site that has content unless `force`, a
 * backup from the other database kind, and one made by a newer Masthead. Stop the servers first:
 * the database is replaced underneath them.
 */
export async function restoreBackup(config: Config, file: string, opts: { force: boolean }): Promise<RestoreResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-restore-'));
  const media = await mediaStorageFor(config);
  try {
    const manifest = await readArchive(path.resolve(file), work);
    const db = config.database;
    if (manifest.dialect !== db.dialect) {
      throw new BackupError(`this backup is of a ${manifest.dialect} database and DATABASE_URL points at ${db.dialect}: moving between them is not supported`);
    }
    const known = Math.max(0, ...listMigrations(db.dialect).map((m) => m.version));
    if (manifest.schemaVersion > known) {
      throw new BackupError(
        `this backup was made by a newer Masthead (${manifest.mastheadVersion}, schema ${manifest.schemaVersion}; ` +
          `this one knows up to ${known}): upgrade first`,
      );
    }
    if (db.dialect === 'sqlite' && db.file === ':memory:') throw new BackupError('DATABASE_URL is sqlite::memory:, which cannot be restored into');
    const counts = () => (db.dialect === 'sqlite' ? Promise.resolve(sqliteCounts(db.file)) : postgresCounts(db.url, pgSchemaOf(config)!));
    const before = await counts();
    const keysBefore = await media.list('');
    const mediaBefore = imageCount(keysBefore);
    if (!opts.force && (!isEmpty(before) || mediaBefore > 0)) {
      const what = before
        ? Object.entries(before)
            .filter(([, n]) => n > 0)
            .map(([t, n]) => `${n} ${t}`)
        : [];
      if (mediaBefore) what.push(`${mediaBefore} image folders`);
      throw new BackupError(`the site is not empty (${what.join(', ')}): nothing was changed. Add --force to replace it with the backup`);
    }
    const dump = path.join(work, DB_ENTRY[manifest.dialect]);
    if (db.dialect === 'sqlite') {
      fs.mkdirSync(path.dirname(db.file), { recursive: true });
      replaceSqlite(db.file, dump);
    } else {
      try {
        await replacePostgres(db.url, pgSchemaOf(config)!, dump, manifest.pgSchema ?? 'public');
      } catch (err) {
        throw new BackupError(`PostgreSQL restore failed: ${(err as Error).message}`);
      }
    }
    for (const key of keysBefore) await media.delete(key);
    await putTree(media, path.join(work, 'media'));
    let secretKey: RestoreResult['secretKey'] = 'none in backup';
    if (manifest.secretKey && fs.existsSync(path.join(work, 'secret.key'))) {
      if (config.secretKey) secretKey = 'kept (SECRET_KEY is set)';
      else {
        fs.copyFileSync(path.join(work, 'secret.key'), secretFileOf(config));
        fs.chmodSync(secretFileOf(config), 0o600);
        secretKey = 'restored';
      }
    }
    const restored = await counts();
    if (!restored) throw new BackupError('the restore finished but the database has no Masthead tables: the backup is damaged');
    return { manifest, replaced: isEmpty(before) ? null : before, restored, mediaDirs: imageCount(await media.list('')), secretKey };
  } finally {
    media.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
