import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const cwd = path.resolve('/srv/masthead');

/** The ConfigError that `loadConfig(env)` throws; fails the test if it does not throw one. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    expect(loadConfig({}, cwd)).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      database: { dialect: 'sqlite', file: path.join(cwd, 'data', 'masthead.db') },
      dataDir: path.join(cwd, 'data'),
      demoContent: true,
      logLevel: 'info',
    });
  });

  it('puts a PostgreSQL site in its own schema with DATABASE_SCHEMA, and refuses it for SQLite or a bad name', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db.internal/news', DATABASE_SCHEMA: 'dispatch' }, cwd).database).toEqual({
      dialect: 'postgres',
      url: 'postgres://db.internal/news',
      schema: 'dispatch',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://db.internal/news' }, cwd).database).toEqual({ dialect: 'postgres', url: 'postgres://db.internal/news' });
    expect(configError({ DATABASE_SCHEMA: 'dispatch' }).message).toMatch(/DATABASE_SCHEMA: only applies to a postgres:\/\/ DATABASE_URL/);
    expect(configError({ DATABASE_URL: 'postgres://db.internal/news', DATABASE_SCHEMA: 'x; DROP TABLE users' }).message).toMatch(
      /DATABASE_SCHEMA: must be a PostgreSQL schema name/,
    );
  });

  it('bases the default public URL on the port', () => {
    expect(loadConfig({ PORT: '8080' }, cwd).publicUrl).toBe('http://localhost:8080');
  });

  it('resolves a relative SQLite path against the working directory and keeps data next to the file', () => {
    const config = loadConfig({ DATABASE_URL: 'sqlite:var/db/site.sqlite' }, cwd);
    expect(config.database).toEqual({ dialect: 'sqlite', file: path.join(cwd, 'var', 'db', 'site.sqlite') });
    expect(config.dataDir).toBe(path.join(cwd, 'var', 'db'));
  });

  it('accepts absolute SQLite paths, with or without sqlite://', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/masthead/db.sqlite' }, cwd).database).toEqual({
      dialect: 'sqlite',
      file: '/var/lib/masthead/db.sqlite',
    });
    expect(loadConfig({ DATABASE_URL: 'sqlite:///var/lib/masthead/db.sqlite' }, cwd).database).toEqual({
      dialect: 'sqlite',
      file: '/var/lib/masthead/db.sqlite',
    });
  });

  it('takes DATA_DIR over the database location, resolved against the working directory', () => {
    expect(loadConfig({ DATA_DIR: 'uploads' }, cwd).dataDir).toBe(path.join(cwd, 'uploads'));
  });

  it('removes trailing slashes from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://news.example.org/' }, cwd).publicUrl).toBe('https://news.example.org');
    expect(loadConfig({ PUBLIC_URL: 'https://example.org/news//' }, cwd).publicUrl).toBe('https://example.org/news');
  });

  it('accepts postgres:// and postgresql:// URLs, keeping data under ./data', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://masthead:secret@db.internal:5432/masthead' }, cwd);
    expect(config.database).toEqual({ dialect: 'postgres', url: 'postgres://masthead:secret@db.internal:5432/masthead' });
    expect(config.dataDir).toBe(path.join(cwd, 'data'));
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/masthead' }, cwd).database).toEqual({
      dialect: 'postgres',
      url: 'postgresql://localhost/masthead',
    });
  });

  it('reads the other settings', () => {
    const config = loadConfig({ HOST: '127.0.0.1', DEMO_CONTENT: 'no', LOG_LEVEL: 'warn' }, cwd);
    expect(config).toMatchObject({ host: '127.0.0.1', demoContent: false, logLevel: 'warn' });
    expect(loadConfig({ DEMO_CONTENT: '1' }, cwd).demoContent).toBe(true);
    expect(loadConfig({ DEMO_CONTENT: 'false' }, cwd).demoContent).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0'],
    ['PORT', '80.5'],
    ['PUBLIC_URL', 'ftp://x'],
    ['PUBLIC_URL', 'news.example.org'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'sqlite:'],
    ['DATABASE_URL', 'postgres://bad host/db'],
    ['DEMO_CONTENT', 'maybe'],
    ['LOG_LEVEL', 'verbose'],
  ])('refuses %s=%s with a message naming the variable and the value', (name, value) => {
    const err = configError({ [name]: value });
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(err.problems[0]).toContain(JSON.stringify(value));
    expect(err.message).toContain(err.problems[0]);
  });

  it('reports several bad values together', () => {
    const err = configError({ PORT: 'abc', PUBLIC_URL: 'ftp://x', DEMO_CONTENT: 'maybe' });
    expect(err.problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'PUBLIC_URL', 'DEMO_CONTENT']);
  });

  it('reports a bad DATABASE_URL together with other bad values', () => {
    const err = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    expect(err.problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'PORT']);
  });

  it('does not repeat a database password in the error (it ends up in logs)', () => {
    const err = configError({ DATABASE_URL: 'postgres://masthead:s3cret-pw@bad host/masthead' });
    expect(err.problems[0]).toMatch(/^DATABASE_URL: /);
    expect(err.message).not.toContain('s3cret-pw');
  });
});

describe('TRUST_PROXY', () => {
  it('is off unless set, and takes true, a hop count or proxy addresses', () => {
    expect(loadConfig({}, '/srv').trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }, '/srv').trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }, '/srv').trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1,10.0.0.2' }, '/srv').trustProxy).toBe('10.0.0.1,10.0.0.2');
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' }, '/srv')).toThrow(/TRUST_PROXY: must be true, false, a number of proxy hops/);
  });
});

describe('S3 media storage', () => {
  const s3 = { S3_URL: 'http://127.0.0.1:9000/', S3_BUCKET: 'outlet-media', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_SECRET_ACCESS_KEY: 'very-secret' };

  it('is off unless configured: images stay in DATA_DIR/media', () => {
    expect(loadConfig({}, '/srv').s3).toBeNull();
  });

  it('reads the endpoint, bucket and keys, with us-east-1 unless S3_REGION says otherwise', () => {
    expect(loadConfig(s3, '/srv').s3).toEqual({
      url: 'http://127.0.0.1:9000',
      bucket: 'outlet-media',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'very-secret',
      region: 'us-east-1',
    });
    expect(loadConfig({ ...s3, S3_REGION: 'eu-central-1' }, '/srv').s3?.region).toBe('eu-central-1');
  });

  it('names the missing variables when only some are set, and refuses a bad endpoint or bucket name', () => {
    const missing = configError({ S3_URL: s3.S3_URL, S3_BUCKET: s3.S3_BUCKET });
    expect(missing.problems).toEqual([expect.stringMatching(/^S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: media on S3 needs all of/)]);
    expect(configError({ ...s3, S3_URL: 'ftp://files.example.org' }).problems[0]).toMatch(/^S3_URL: must be the http\(s\) address/);
    expect(configError({ ...s3, S3_BUCKET: 'Outlet_Media' }).problems[0]).toMatch(/^S3_BUCKET: must be a bucket name/);
    expect(configError({ ...s3, S3_REGION: 'Europe please' }).problems[0]).toMatch(/^S3_REGION: must be a region name/);
  });
});
