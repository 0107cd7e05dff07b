import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { imageBytes } from '../../test/support/factories.js';
import { startS3 } from '../../test/support/s3.js';
import { main } from '../cli/main.js';
import { S3MediaStorage } from '../media/s3-media-storage.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-backup-cli-'));
  dirs.push(d);
  return d;
};
/** A site's environment with its own SQLite file and DATA_DIR (no SECRET_KEY: the key lives in DATA_DIR). */
const site = (dir: string) => ({ DATABASE_URL: `sqlite:${path.join(dir, 'site.db')}`, DEMO_CONTENT: 'false', LOG_LEVEL: 'silent' });

async function run(args: string[], env: Record<string, string>) {
  const lines: string[] = [];
  const code = await main(args, env, { log: (s) => lines.push(s), error: (s) => lines.push(s) });
  return { code, out: lines.join('\n') };
}

describe('masthead backup / restore', () => {
  it('round-trips a site into an empty one, cookie key included, and refuses to overwrite either way', async () => {
    const from = tmp();
    const to = tmp();
    expect((await run(['members', 'add', '--email', 'reader@example.org'], site(from))).code).toBe(0);
    const file = path.join(from, 'site.tar.gz');
    const backup = await run(['backup', file], site(from));
    expect(backup.out).toMatch(/Backed up the sqlite database \(schema version \d+\), 0 image\(s\) and the cookie key/);
    expect(backup.code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await run(['backup', file], site(from))).toMatchObject({ code: 1, out: expect.stringMatching(/already exists/) });

    const restore = await run(['restore', file], site(to));
    expect(restore.out).toMatch(/The site now has .*1 members.*cookie key: restored/);
    expect(restore.code).toBe(0);
    expect(fs.readFileSync(path.join(to, 'secret.key'), 'utf8')).toBe(fs.readFileSync(path.join(from, 'secret.key'), 'utf8'));
    expect((await run(['members', 'list'], site(to))).out).toMatch(/reader@example\.org/);

    const again = await run(['restore', file], site(to));
    expect(again).toMatchObject({ code: 1, out: expect.stringMatching(/the site is not empty \(1 members\): nothing was changed\. Add --force/) });
    expect((await run(['restore', file, '--force'], site(to))).out).toMatch(/Replaced the site that was here \(.*1 members/);
  });

  it('says what is wrong with a missing, foreign or misused file, and exits 1 or 2', async () => {
    const dir = tmp();
    expect(await run(['backup'], site(dir))).toMatchObject({ code: 2, out: expect.stringMatching(/Usage: masthead backup FILE/) });
    expect(await run(['restore', path.join(dir, 'nope.tar.gz')], site(dir))).toMatchObject({
      code: 1,
      out: expect.stringMatching(/Restore failed: .*nope\.tar\.gz does not exist/),
    });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an archive at all');
    expect(await run(['restore', path.join(dir, 'notes.txt')], site(dir))).toMatchObject({ code: 1, out: expect.stringMatching(/is not a Masthead backup/) });
    expect(await run(['backup', path.join(dir, 'no-such-folder', 'x.tar.gz')], site(dir))).toMatchObject({
      code: 1,
      out: expect.stringMatching(/does not exist/),
    });
    expect(await run(['backup', path.join(dir, 'x.tar.gz')], site(dir))).toMatchObject({ code: 1, out: expect.stringMatching(/there is no database at/) });
  });

  it('refuses a backup from a newer Masthead, changing nothing', async () => {
    const from = tmp();
    const to = tmp();
    await run(['migrate'], site(from));
    const file = path.join(from, 'b.tar.gz');
    await run(['backup', file], site(from));
    // Rewrite the manifest as a future version would have written it.
    const work = tmp();
    const tar = await import('tar');
    await tar.extract({ file, cwd: work });
    const manifest = JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify({ ...manifest, schemaVersion: 9999, mastheadVersion: '9.0.0' }));
    const future = path.join(from, 'future.tar.gz');
    await tar.create({ gzip: true, file: future, cwd: work }, fs.readdirSync(work));
    expect(await run(['restore', future], site(to))).toMatchObject({ code: 1, out: expect.stringMatching(/made by a newer Masthead \(9\.0\.0, schema 9999/) });
    expect(fs.existsSync(path.join(to, 'site.db'))).toBe(false);
  });

  it("backs up images from the S3 bucket and restores them into the new site's bucket", async () => {
    const [fromS3, toS3] = [await startS3('from-media'), await startS3('to-media')];
    try {
      const from = tmp();
      const to = tmp();
      const picture = path.join(from, 'banner.jpg');
      fs.writeFileSync(picture, await imageBytes(800, 400));
      const added = await run(
        ['ads', 'add', '--name', 'Hardware store', '--slot', 'sidebar', '--image', picture, '--alt', 'Tools on a shelf', '--link', 'https://example.org/shop'],
        { ...site(from), ...fromS3.env },
      );
      expect(added.code, added.out).toBe(0);
      const file = path.join(from, 'site.tar.gz');
      const backup = await run(['backup', file], { ...site(from), ...fromS3.env });
      expect(backup.out).toMatch(/, 1 image\(s\)/);
      const restore = await run(['restore', file], { ...site(to), ...toS3.env });
      expect(restore.out).toMatch(/; 1 image\(s\);/);
      expect(restore.code).toBe(0);
      const [a, b] = [new S3MediaStorage(fromS3.config), new S3MediaStorage(toS3.config)];
      const keys = await a.list('');
      expect(keys.length).toBeGreaterThan(0);
      expect(await b.list('')).toEqual(keys);
      for (const k of keys) expect((await b.get(k))!.equals((await a.get(k))!)).toBe(true);
      a.close();
      b.close();
      // Neither site wrote images to its own disk.
      expect(fs.existsSync(path.join(from, 'media')) || fs.existsSync(path.join(to, 'media'))).toBe(false);
    } finally {
      await fromS3.close();
      await toS3.close();
    }
  });
});
