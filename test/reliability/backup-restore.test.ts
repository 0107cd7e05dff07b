import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Urls } from '../../src/site/urls.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { readRows, sqliteIntegrity } from '../support/db-read.js';
import { imageBytes } from '../support/factories.js';
import { appFor, freePort, serverEnv, startServer, type ServerProcess } from '../support/server-process.js';
import { startSmtpServer } from '../support/smtp.js';
import { PERSISTED_QUERIES, seedLoad, WriteLoad, type Persisted } from '../support/write-load.js';

// `masthead backup` taken from a live server under a write load, then `masthead restore`: the restored
// site must be the site as it was at one moment during the backup, images and all.
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the real CLI; resolves with its exit code and output (never throws on a non-zero exit). */
async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.resolve('bin/masthead.mjs'), ...args], { env });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** sha256 of every file under a folder, by relative path. */
function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

// Tables the load only ever appends to: a restored row must equal the live row with the same key.
const APPEND_ONLY = {
  correction_reports: 'SELECT id, article_id, revision, quote_exact, suggestion, status, fingerprint, created_at FROM correction_reports ORDER BY id',
  topic_votes: 'SELECT topic_id, member_id, tier_id, created_at FROM topic_votes ORDER BY topic_id, member_id',
  article_revisions: 'SELECT article_id, revision, headline, body_html, created_at FROM article_revisions ORDER BY article_id, revision',
};
const rowKey = (r: Record<string, unknown>) => JSON.stringify(Object.values(r).map(String));

async function readAll(db: TestDatabase) {
  const persisted = Object.fromEntries(
    await Promise.all(Object.entries(PERSISTED_QUERIES).map(async ([k, q]) => [k, await readRows(db, q)] as const)),
  ) as unknown as Persisted;
  const tables = Object.fromEntries(
    await Promise.all(Object.entries(APPEND_ONLY).map(async ([k, q]) => [k, (await readRows<Record<string, unknown>>(db, q)).map(rowKey)] as const)),
  );
  const articles = await readRows<{ id: number; revision: number; headline: string }>(db, 'SELECT id, revision, headline FROM articles ORDER BY id');
  return { persisted, tables, articles };
}

const dbs: TestDatabase[] = [];
let server: ServerProcess | null = null;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await server?.kill9();
  server = null;
  while (cleanups.length) await cleanups.pop()!();
  while (dbs.length) await dbs.pop()!.cleanup();
});

async function newDb(kind: 'sqlite' | 'postgres') {
  const db = await createTestDatabase(kind);
  dbs.push(db);
  return db;
}

describe.each(await testDatabases())('backup and restore on %s', (kind) => {
  it('restores a backup taken under load as the site was at one moment, images included', { timeout: 600_000 }, async () => {
    const db = await newDb(kind);
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const env = serverEnv(db, await freePort(), { SMTP_URL: smtp.url });
    const seeding = await appFor(env);
    const seed = await seedLoad(seeding);
    const image = await seeding.services.media.storeImage(await imageBytes(900, 600), seeding.clock());
    expect(image.ok).toBe(true);
    await seeding.close();

    server = await startServer(env);
    const load = new WriteLoad(seed, env.PUBLIC_URL!, smtp.messages);
    const stop = new AbortController();
    const running = load.run(stop.signal);
    await sleep(1500);
    // Everything acknowledged before the backup starts must be in it.
    const ackedBefore = structuredClone({
      ...load.acked,
      votes: [...load.acked.votes],
      signInLinks: [...load.acked.signInLinks],
      signIns: [...load.acked.signIns],
    });
    const file = path.join(db.dataDir, 'site.tar.gz');
    const backup = await cli(['backup', file], env);
    await sleep(500); // writes go on after the backup, and must not show up in it
    stop.abort();
    await running;
    // What the server logged, to explain any refusal below.
    const logged = server.output();
    await server.stop();
    server = null;
    expect(backup.out).toMatch(/Backed up the \w+ database \(schema version \d+\), 1 image\(s\)\./);
    expect(backup.code).toBe(0);
    expect(load.refusals, logged.slice(-3000)).toEqual([]);
    expect(ackedBefore.reports.length + ackedBefore.votes.length + ackedBefore.edits.length).toBeGreaterThan(0);
    const live = await readAll(db);
    const liveMedia = hashTree(path.join(db.dataDir, 'media'));
    expect(Object.keys(liveMedia).length).toBeGreaterThan(0);

    // Restore: into a new, empty site for SQLite (a new machine); over the same schema with --force on PostgreSQL.
    let target: TestDatabase;
    let targetEnv: Record<string, string>;
    if (kind === 'sqlite') {
      target = await newDb('sqlite');
      targetEnv = serverEnv(target, await freePort());
      const refused = await cli(['restore', file], env);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/Restore failed: the site is not empty \(.*\d+ articles.*\): nothing was changed\. Add --force/);
    } else {
      target = db;
      targetEnv = env;
      const refused = await cli(['restore', file], env);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/the site is not empty/);
      expect((await readAll(db)).tables).toEqual(live.tables);
    }
    const restore = await cli(['restore', file, ...(kind === 'postgres' ? ['--force'] : [])], targetEnv);
    expect(restore.out).toMatch(/Restored the backup taken .* by Masthead/);
    expect(restore.code).toBe(0);
    const restored = await readAll(target);

    // 1. Nothing acknowledged before the backup began is missing.
    const checker = new WriteLoad(seed, env.PUBLIC_URL!, []);
    Object.assign(checker.acked, {
      ...ackedBefore,
      votes: new Set(ackedBefore.votes),
      signInLinks: new Set(ackedBefore.signInLinks),
      signIns: new Set(ackedBefore.signIns),
    });
    expect(checker.check(restored.persisted)).toEqual([]);
    // 2. Nothing that never existed: every restored row of the append-only tables is, field for field, a row of the live site.
    for (const [table, rows] of Object.entries(restored.tables)) {
      const liveRows = new Set(live.tables[table]);
      expect(
        rows.filter((r) => !liveRows.has(r)),
        table,
      ).toEqual([]);
    }
    // 3. One moment: each article's current headline is the one in its latest restored revision.
    for (const a of restored.articles) {
      const revs = await readRows<{ revision: number; headline: string }>(
        target,
        `SELECT revision, headline FROM article_revisions WHERE article_id = ${Number(a.id)} ORDER BY revision DESC`,
      );
      expect({ revision: revs[0]!.revision, headline: revs[0]!.headline }).toEqual({ revision: a.revision, headline: a.headline });
    }
    if (kind === 'sqlite') {
      // SQLite commits one at a time, so a moment is a prefix: every report up to the newest restored one.
      const ids = restored.persisted.reports.map((r) => Number(r.id));
      const maxId = Math.max(0, ...ids);
      expect(ids.sort((x, y) => x - y)).toEqual(
        live.persisted.reports
          .map((r) => Number(r.id))
          .filter((id) => id <= maxId)
          .sort((x, y) => x - y),
      );
      expect(sqliteIntegrity((target.config as { file: string }).file)).toBe('ok');
    }
    // 4. The images come back byte for byte, and the restored site starts and serves its stories.
    expect(hashTree(path.join(target.dataDir, 'media'))).toEqual(liveMedia);
    server = await startServer(targetEnv);
    const article = restored.articles[0]!;
    const page = await fetch(`${server.url}${new Urls(server.url).article(seed.articles.find((s) => s.id === article.id)!.slug)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(article.headline);
  });
});
