import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { NEW_REFERRER_HOSTS_PER_DAY } from '../../src/syndication/partner-service.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());
const databases = await testDatabases();
const DAY = 86_400_000;

/** A story, and a partner whose granted request named https://www.ledger.example/news. */
async function setup(database: 'sqlite' | 'postgres') {
  app = await buildApp({ database });
  await createArticle(app, { slug: 'bridge-story' });
  const { id } = (await app.services.articles.findArticle('bridge-story'))!;
  const request = await app.services.partners.submitRequest(
    {
      organisation: 'The Valley Ledger',
      contactName: 'Ada Reyes',
      contactEmail: 'ada@ledger.example',
      website: 'https://www.ledger.example/news',
      articles: 'all',
      purpose: 'Print edition.',
      wantsFullText: 'yes',
    },
    app.clock(),
  );
  if (!request.ok) throw new Error('request refused');
  const granted = await app.services.partners.grant(
    { partnerName: 'The Valley Ledger', scope: { kind: 'all' }, fullText: true, expiresAt: null, notes: '', requestId: request.id },
    null,
    app.clock(),
  );
  if (!granted.ok) throw new Error(granted.message);
  return id;
}

let ipSeq = 0;
/** Each load from its own address unless one is given, so the per-IP limit is not what stops a flood. */
const load = (articleId: number, referer: string, ip = `10.${(++ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`) =>
  app.http.inject({ url: `/republish/pixel/${articleId}.gif`, headers: { referer, 'x-forwarded-for': ip } });

const viewsByHost = async () => {
  const rows = await app.database.db.selectFrom('republish_views').select(['referrer_host', 'view_count']).execute();
  return new Map(rows.map((r) => [r.referrer_host, Number(r.view_count)]));
};

describe.each(databases)('the republish pixel under a flood of made-up Referers (%s)', (database) => {
  it(`1,000 loads with 1,000 random hosts start counting at most ${NEW_REFERRER_HOSTS_PER_DAY} hosts a day; partners and known hosts still count`, async () => {
    const id = await setup(database);
    const hosts = Array.from({ length: 1000 }, () => `${crypto.randomBytes(6).toString('hex')}.example`);
    for (const host of hosts) expect((await load(id, `https://${host}/copy`)).statusCode).toBe(200);

    const counted = await app.database.db.selectFrom('republish_hosts').select(['host', 'via']).execute();
    expect(counted.length).toBe(NEW_REFERRER_HOSTS_PER_DAY);
    const views = await viewsByHost();
    expect(views.size).toBe(NEW_REFERRER_HOSTS_PER_DAY);
    // The first comers were admitted, the rest were not.
    expect([...views.keys()].sort()).toEqual(hosts.slice(0, NEW_REFERRER_HOSTS_PER_DAY).sort());

    // After the flood: a partner's site (and its subdomains) still counts, a host already counted counts on, a new one does not.
    await load(id, 'https://news.ledger.example/2026/bridge');
    await load(id, 'https://ledger.example/');
    await load(id, `https://${hosts[0]}/again`);
    await load(id, 'https://late-newcomer.example/');
    const after = await viewsByHost();
    expect(after.get('news.ledger.example')).toBe(1);
    expect(after.get('ledger.example')).toBe(1);
    expect(after.get(hosts[0]!)).toBe(2);
    expect(after.has('late-newcomer.example')).toBe(false);

    // A new day has a new quota.
    app.fixedClock.advance(DAY);
    await load(id, 'https://late-newcomer.example/');
    expect((await viewsByHost()).get('late-newcomer.example')).toBe(1);
  }, 120_000);
});

describe('the republish pixel per address', () => {
  it('counts at most 120 loads a minute from one address, and still sends the image', async () => {
    const id = await setup('sqlite');
    for (let i = 0; i < 130; i++) {
      const res = await load(id, 'https://www.ledger.example/copy', '203.0.113.50');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/gif');
    }
    expect((await viewsByHost()).get('www.ledger.example')).toBe(120);
    app.fixedClock.advance(60_000);
    await load(id, 'https://www.ledger.example/copy', '203.0.113.50');
    expect((await viewsByHost()).get('www.ledger.example')).toBe(121);
  });

  it('a made-up host on an unknown article uses up none of the day’s quota', async () => {
    const id = await setup('sqlite');
    for (let i = 0; i < NEW_REFERRER_HOSTS_PER_DAY + 5; i++) await load(999_999, `https://junk-${i}.example/`);
    await load(id, 'https://real-reprint.example/');
    expect((await viewsByHost()).get('real-reprint.example')).toBe(1);
  });
});
