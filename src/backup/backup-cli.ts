import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { BackupError, createBackup, restoreBackup } from './backup-service.js';
import { CopyError, copySqliteToPostgres } from './site-copy.js';

type Out = { log: (s: string) => void; error: (s: string) => void };

const mastheadVersion = (): string => (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** `masthead backup FILE`: exit 0 with a summary, 1 with the reason nothing was written. */
export async function runBackupCli(args: string[], config: Config, out: Out): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) {
    out.error('Usage: masthead backup FILE   (for example: masthead backup backups/site-2026-12-01.tar.gz)');
    return 2;
  }
  try {
    const r = await createBackup(config, positionals[0]!, { now: new Date(), mastheadVersion: mastheadVersion() });
    out.log(
      `Backed up the ${r.manifest.dialect} database (schema ` +
        `version ${r.manifest.schemaVersion}), ${r.manifest.mediaDirs} ` +
        `image(s)${r.manifest.secretKey ? ' and the cookie key' : ''}.`,
    );
    out.log(
      `Wrote ${r.file} (${mib(r.bytes)}). Keep it private: it holds readers' addresses${r.manifest.secretKey ? ' and the key that signs sessions' : ''}.`,
    );
    if (r.missingMedia.length)
      out.error(
        `Warning: ${r.missingMedia.length} image(s) listed in the database had no files in the media storage: ${r.missingMedia.slice(0, 5).join(', ')}`,
      );
    return 0;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    out.error(`Backup failed: ${err.message}.`);
    return 1;
  }
}

/** `masthead restore FILE [--force]`: says what it replaced and what it put back. */
export async function runRestoreCli(args: string[], config: Config, out: Out): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
  if (positionals.length !== 1) {
    out.error('Usage: masthead restore FILE [--force]');
    return 2;
  }
  try {
    const r = await restoreBackup(config, positionals[0]!, { force: values.force ?? false });
    const list = (c: Record<string, number>) =>
      Object.entries(c)
        .map(([t, n]) => `${n} ${t}`)
        .join(', ');
    out.log(`Restored the backup taken ${r.manifest.createdAt} by Masthead ${r.manifest.mastheadVersion}.`);
    if (r.replaced) out.log(`Replaced the site that was here (${list(r.replaced)}).`);
    out.log(`The site now has ${list(r.restored)}; ${r.mediaDirs} image(s); cookie key: ${r.secretKey}.`);
    out.log('Start the servers again: pending migrations run on start.');
    return 0;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    out.error(`Restore failed: ${err.message}.`);
    return 1;
  }
}

const COPY_USAGE = 'Usage: masthead copy-to --database postgres://USER@HOST:5432/DB [--schema NAME]';

/** `masthead copy-to --database postgres://…`: this SQLite site into an empty PostgreSQL database, all or nothing. */
export async function runCopyToCli(args: string[], config: Config, out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { database: { type: 'string' }, schema: { type: 'string' } } });
  if (!values.database || !/^postgres(ql)?:\/\//.test(values.database)) {
    out.error(`copy-to needs --database with a postgres:// address.\n${COPY_USAGE}`);
    return 2;
  }
  if (values.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(values.schema)) {
    out.error(`--schema must be a PostgreSQL schema name: lower-case letters, digits and _.\n${COPY_USAGE}`);
    return 2;
  }
  if (config.database.dialect !== 'sqlite') {
    out.error('copy-to copies a SQLite site: DATABASE_URL must be the sqlite: file of the site to copy.');
    return 2;
  }
  try {
    const r = await copySqliteToPostgres({ sqliteFile: config.database.file, postgresUrl: values.database, schema: values.schema ?? null });
    const rows = r.tables.reduce((n, t) => n + t.rows, 0);
    out.log(
      `Copied ${rows} row(s) in ${r.tables.length} tables (schema version ${r.schemaVersion}); indexed ${r.searchDocuments} published stories for search.`,
    );
    for (const t of r.tables) if (t.rows) out.log(`  ${t.name}: ${t.rows}`);
    out.log(`Images were not copied: they stay in ${config.dataDir}/media (or move them to shared storage).`);
    out.log(`Next: stop the servers on SQLite, set DATABASE_URL${values.schema ? ` and DATABASE_SCHEMA=${values.schema}` : ''}, start them again.`);
    return 0;
  } catch (err) {
    if (!(err instanceof CopyError)) throw err;
    out.error(`Copy failed, nothing was written: ${err.message}.`);
    return 1;
  }
}
