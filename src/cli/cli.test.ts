import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listMigrations } from '../store/migrate.js';
import { main } from './main.js';

interface Captured {
  log: string[];
  error: string[];
  out: { log: (s: string) => void; error: (s: string) => void };
}

function capture(): Captured {
  const log: string[] = [];
  const error: string[] = [];
  return { log, error, out: { log: (s) => log.push(s), error: (s) => error.push(s) } };
}

const md = (fm: string, body = 'A paragraph.\n') => `---\n${fm.trim()}\n---\n\n${body}`;

describe('masthead CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cli-'));
    env = { DATABASE_URL: `sqlite:${dir}/db.sqlite`, LOG_LEVEL: 'silent' };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs one command with fresh captured output. */
  async function run(argv: string[], extraEnv: NodeJS.ProcessEnv = {}) {
    const c = capture();
    const code = await main(argv, { ...env, ...extraEnv }, c.out);
    return { code, log: c.log.join('\n'), error: c.error.join('\n') };
  }

  const writeStory = (name: string, content: string) => {
    const file = path.join(dir, 'stories', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  it('migrate applies the migrations, then reports the database is up to date', async () => {
    const first = await run(['migrate']);
    expect(first.code).toBe(0);
    expect(first.log.split('\n')).toEqual(listMigrations('sqlite').map((m) => `applied ${String(m.version).padStart(4, '0')}_${m.name}`));
    expect(fs.existsSync(path.join(dir, 'db.sqlite'))).toBe(true);

    const second = await run(['migrate']);
    expect(second).toEqual({ code: 0, log: 'Database is up to date.', error: '' });
  });

  it('imports a directory with --publish, then lists the articles as JSON with absolute URLs', async () => {
    writeStory('a-old.md', md('title: Levee maps are out of date\nauthors: [Rosa Vance]\nslug: levee-maps\npublished_at: 2024-05-01T08:00:00Z'));
    writeStory('b-new.md', md('title: Garage vote delayed\nauthor: Ana Ruiz\nrelated: [levee-maps]'));
    const imported = await run(['import', path.join(dir, 'stories'), '--publish'], { PUBLIC_URL: 'https://news.example.org/' });
    expect(imported.error).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.log).toContain('imported levee-maps');
    expect(imported.log).toContain('imported garage-vote-delayed');
    expect(imported.log).toContain('2 article(s) published.');

    const listed = await run(['articles', 'list', '--json'], { PUBLIC_URL: 'https://news.example.org/' });
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.log) as Record<string, unknown>[];
    // Newest change first: the story published now, then the one back-dated to 2024.
    expect(rows).toEqual([
      {
        slug: 'garage-vote-delayed',
        headline: 'Garage vote delayed',
        status: 'published',
        url: 'https://news.example.org/articles/garage-vote-delayed',
        published_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
      {
        slug: 'levee-maps',
        headline: 'Levee maps are out of date',
        status: 'published',
        url: 'https://news.example.org/articles/levee-maps',
        published_at: '2024-05-01T08:00:00.000Z',
      },
    ]);
    expect(Object.keys(rows[0]!)).toEqual(['slug', 'headline', 'status', 'url', 'published_at']);
  });

  it('uses http://localhost:PORT in listed URLs when PUBLIC_URL is not set', async () => {
    writeStory('a.md', md('title: A story\nauthors: [Rosa Vance]'));
    expect((await run(['import', path.join(dir, 'stories')], { PORT: '4000' })).code).toBe(0);
    const listed = await run(['articles', 'list', '--json'], { PORT: '4000' });
    expect((JSON.parse(listed.log) as { url: string }[])[0]!.url).toBe('http://localhost:4000/articles/a-story');
  });

  it('lists articles as text: slug, status, publication time, headline, then a count', async () => {
    writeStory('a.md', md('title: A draft story\nauthors: [Rosa Vance]'));
    const imported = await run(['import', path.join(dir, 'stories', 'a.md')]);
    expect(imported.code).toBe(0);
    expect(imported.log).toContain('1 article(s) saved as drafts.');
    const listed = await run(['articles', 'list']);
    expect(listed).toEqual({ code: 0, log: 'a-draft-story\tdraft\t-\tA draft story\n1 article(s)', error: '' });
  });

  it('lists an empty site', async () => {
    expect(await run(['articles', 'list'])).toEqual({ code: 0, log: '0 article(s)', error: '' });
    expect(await run(['articles', 'list', '--json'])).toEqual({ code: 0, log: '[]', error: '' });
  });

  it('replaces an existing article with --update', async () => {
    const file = writeStory('a.md', md('title: First headline\nauthors: [Rosa Vance]\nslug: the-story'));
    expect((await run(['import', file, '--publish'])).code).toBe(0);
    const again = await run(['import', file, '--publish']);
    expect(again.code).toBe(1);
    expect(again.error).toContain('--update');
    writeStory('a.md', md('title: Second headline\nauthors: [Rosa Vance]\nslug: the-story'));
    const updated = await run(['import', file, '--publish', '--update']);
    expect(updated.code).toBe(0);
    expect(updated.log).toContain('updated  the-story');
    const rows = JSON.parse((await run(['articles', 'list', '--json'])).log) as { headline: string }[];
    expect(rows.map((r) => r.headline)).toEqual(['Second headline']);
  });

  it('imports nothing when one file is bad, exits 1 and names the file and the field', async () => {
    writeStory('a-good.md', md('title: A good story\nauthors: [Rosa Vance]'));
    const bad = writeStory('b-bad.md', md('authors: [Rosa Vance]\nsources:\n  - { name: Leak, url: "ftp://example.org/x" }'));
    const result = await run(['import', path.join(dir, 'stories'), '--publish']);
    expect(result.code).toBe(1);
    expect(result.log).toBe('');
    expect(result.error).toContain('Nothing was imported.');
    expect(result.error).toContain(`${bad} [title]`);
    expect(result.error).toContain(`${bad} [sources.0.url]: must be an http(s) URL`);
    expect(await run(['articles', 'list'])).toMatchObject({ code: 0, log: '0 article(s)' });
  });

  it('exits 2 with the usage for an unknown command', async () => {
    const result = await run(['publish-everything']);
    expect(result.code).toBe(2);
    expect(result.error).toContain('Unknown command "publish-everything"');
    expect(result.error).toContain('Usage: masthead <command>');
    expect(fs.existsSync(path.join(dir, 'db.sqlite'))).toBe(false);
  });

  it('exits 2 with the usage for an unknown option, such as a misspelt --publish', async () => {
    writeStory('a.md', md('title: A story\nauthors: [Rosa Vance]'));
    const result = await run(['import', path.join(dir, 'stories'), '--pubish']);
    expect(result.code).toBe(2);
    expect(result.error).toContain('--pubish');
    expect(result.error).toContain('Usage: masthead');
  });

  it('exits 2 when import is given no paths', async () => {
    const result = await run(['import', '--publish']);
    expect(result.code).toBe(2);
    expect(result.error).toContain('import needs at least one file or directory');
  });

  it('exits 2 for an unknown articles subcommand', async () => {
    const result = await run(['articles', 'delete']);
    expect(result.code).toBe(2);
    expect(result.error).toContain('Usage: masthead articles list');
  });

  it('prints the usage for help (exit 0) and for no command (exit 1)', async () => {
    const help = await run(['help']);
    expect(help.code).toBe(0);
    expect(help.log).toContain('Usage: masthead <command>');
    const none = await run([]);
    expect(none.code).toBe(1);
    expect(none.log).toContain('Usage: masthead <command>');
  });

  it('exits 2 naming the variable when the configuration is bad', async () => {
    for (const command of [['migrate'], ['articles', 'list'], ['import', dir]]) {
      const result = await run(command, { PORT: 'abc' });
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.error).toContain('Invalid configuration');
      expect(result.error).toMatch(/PORT: .*"abc"/);
    }
    expect(fs.existsSync(path.join(dir, 'db.sqlite'))).toBe(false);
  });
});

describe('masthead user add', () => {
  it('creates a staff account and prints a one-time login link that works', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cli-user-'));
    const env = { DATABASE_URL: `sqlite:${dir}/db.sqlite`, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://news.example.test', SECRET_KEY: 'k'.repeat(40) };
    const out = {
      lines: [] as string[],
      errors: [] as string[],
      log(s: string) {
        this.lines.push(s);
      },
      error(s: string) {
        this.errors.push(s);
      },
    };
    try {
      expect(await main(['user', 'add', '--email', 'New.Editor@example.org', '--role', 'editor'], env, out)).toBe(0);
      expect(out.lines[0]).toBe('Added new.editor@example.org (editor). One-time login link, valid for 24 hours:');
      expect(out.lines[1]).toMatch(/^https:\/\/news\.example\.test\/admin\/login\/link\/[\w-]{43}$/);
      expect(await main(['user', 'add', '--email', 'new.editor@example.org', '--role', 'editor'], env, out)).toBe(1);
      expect(out.errors.at(-1)).toMatch(/already exists/);
      expect(await main(['user', 'add', '--email', 'x@example.org', '--role', 'chief'], env, out)).toBe(1);
      expect(out.errors.at(-1)).toMatch(/role must be one of owner, admin, editor, writer, contributor/);
      expect(await main(['user', 'add', '--email', 'x@example.org'], env, out)).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('first start', () => {
  it('creates an owner and prints a login link that works, once', async () => {
    const { buildApp } = await import('../../test/support/app.js');
    const { AdminClient } = await import('../../test/support/admin.js');
    const { ensureOwner } = await import('./main.js');
    const app = await buildApp();
    try {
      const lines: string[] = [];
      const out = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(`ERROR ${s}`) };
      const link = await ensureOwner(app, {}, out);
      expect(link).toMatch(/^https:\/\/news\.example\.test\/admin\/login\/link\/[\w-]{43}$/);
      expect(lines[0]).toContain('Log in as the owner (owner@example.invalid)');
      const path = new URL(link!).pathname;
      const client = new AdminClient(app);
      expect((await client.post(path, {}, { csrfFrom: path })).statusCode).toBe(303);
      expect(await ensureOwner(app, {}, out)).toBeNull();
      const bad = await buildApp();
      try {
        const errors: string[] = [];
        expect(await ensureOwner(bad, { OWNER_EMAIL: 'not an email' }, { log: () => {}, error: (s) => void errors.push(s) })).toBeNull();
        expect(errors[0]).toMatch(/Set OWNER_EMAIL to a valid address/);
      } finally {
        await bad.close();
      }
    } finally {
      await app.close();
    }
  });
});
