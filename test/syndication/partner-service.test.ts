import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/accounts/user.js';
import type { PartnerService } from '../../src/syndication/partner-service.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';
import { partnerService } from './partner-app.js';

const editor: Actor = { id: 7, name: 'Edna Editor', role: 'editor' };
const DAY = 86_400_000;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const validRequest = {
  organisation: 'The Valley Ledger',
  contactName: 'Ada Reyes',
  contactEmail: 'ada@ledger.example',
  website: 'https://ledger.example',
  articles: 'all',
  purpose: 'Weekly print edition for the valley.',
  wantsFullText: 'yes',
};

const databases = await testDatabases();

describe.each(databases)('partner grants and keys on %s', (database) => {
  let partners: PartnerService;
  const setup = async () => {
    app = await buildApp({ database });
    partners = partnerService(app);
    await createArticle(app, { slug: 'bridge-story', section: 'City Hall', headline: 'The old bridge' });
    await createArticle(app, { slug: 'budget-story', section: 'City Hall' });
    await createArticle(app, { slug: 'cup-final', section: 'Sport' });
    return app;
  };
  const article = async (slug: string) => (await app!.services.articles.findArticle(slug))!;
  const grantOk = async (input: Partial<Parameters<PartnerService['grant']>[0]> = {}) => {
    const r = await partners.grant(
      { partnerName: 'Valley Ledger', scope: { kind: 'all' }, fullText: true, expiresAt: null, notes: '', ...input },
      editor,
      app!.clock(),
    );
    if (!r.ok) throw new Error(`${r.field}: ${r.message}`);
    return r;
  };

  it('issues a key once and stores only its SHA-256; the key then authenticates its partner', async () => {
    await setup();
    const { grantId, key } = await grantOk({ partnerName: '  Valley Ledger  ', notes: 'Agreed by phone' });
    expect(key).toMatch(/^mhk_[A-Za-z0-9_-]{32}$/);

    const rows = await app!.database.db.selectFrom('partner_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key_hash).toBe(crypto.createHash('sha256').update(key).digest('hex'));
    expect(rows[0]!.key_prefix).toBe(key.slice(0, 8));
    // The plaintext key is nowhere: not in the key table, the grant, or the audit log.
    const everything = JSON.stringify([
      rows,
      await app!.database.db.selectFrom('partner_grants').selectAll().execute(),
      await app!.database.db.selectFrom('audit_log').selectAll().execute(),
    ]);
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(key.slice(8));

    const auth = await partners.authenticate(key, app!.clock());
    expect(auth.ok).toBe(true);
    if (!auth.ok) return;
    expect(auth.access).toMatchObject({ grantId, keyId: rows[0]!.id, partnerName: 'Valley Ledger', fullText: true });
    expect((await partners.authenticate(`Bearer ${key}`, app!.clock())).ok).toBe(true);

    const [listed] = await partners.listGrants();
    expect(listed).toMatchObject({
      id: grantId,
      partnerName: 'Valley Ledger',
      scope: { kind: 'all' },
      fullText: true,
      expiresAt: null,
      revokedAt: null,
      keyPrefixes: [key.slice(0, 8)],
      fullTextFetches: 0,
      views: 0,
      notes: 'Agreed by phone',
      createdBy: 'Edna Editor',
    });
    const audit = await app!.services.audit.list(1);
    expect(audit[0]).toMatchObject({ action: 'partner.grant', subject: `grant ${grantId}`, actorName: 'Edna Editor' });
    expect(audit[0]!.detail).toContain('Valley Ledger: all articles, full text');
  });

  it('answers unknown for garbage and for well-formed keys we never issued', async () => {
    await setup();
    const { key } = await grantOk();
    const now = app!.clock();
    for (const bad of [
      '',
      'garbage',
      'Bearer ',
      `${key}x`,
      key.slice(0, -1),
      `mhk_${'A'.repeat(32)}`,
      `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`,
      "mhk_' OR 1=1 --",
    ]) {
      const r = await partners.authenticate(bad, now);
      expect(r, bad).toMatchObject({ ok: false, reason: 'unknown' });
    }
  });

  it('answers expired after the last day, and revoked once revoked (revoked wins)', async () => {
    await setup();
    const { key, grantId } = await grantOk({ expiresAt: '2026-12-01' });
    expect((await partners.authenticate(key, new Date('2026-12-01T23:59:59.000Z'))).ok).toBe(true);
    const expired = await partners.authenticate(key, new Date('2026-12-02T00:00:00.000Z'));
    expect(expired).toMatchObject({ ok: false, reason: 'expired' });
    if (!expired.ok) expect(expired.message).toContain('2026-12-01');

    expect(await partners.revoke(grantId, editor, app!.clock())).toEqual({ ok: true });
    expect(await partners.authenticate(key, app!.clock())).toMatchObject({ ok: false, reason: 'revoked' });
    expect(await partners.authenticate(key, new Date('2027-01-01T00:00:00.000Z'))).toMatchObject({ ok: false, reason: 'revoked' });
    expect(await partners.revoke(grantId, editor, app!.clock())).toMatchObject({ ok: false, reason: 'already-revoked' });
    expect(await partners.revoke(9999, editor, app!.clock())).toMatchObject({ ok: false, reason: 'not-found' });
    expect((await app!.services.audit.list(1)).filter((e) => e.action === 'partner.revoke')).toHaveLength(1);
    expect((await partners.listGrants())[0]!.revokedAt).toBe(app!.clock().toISOString());
  });

  it('a section grant covers only that section; an article grant only its slugs', async () => {
    await setup();
    const [bridge, budget, cup] = await Promise.all([article('bridge-story'), article('budget-story'), article('cup-final')]);
    const section = await grantOk({ scope: { kind: 'section', section: 'city-hall' } });
    const listed = await grantOk({ scope: { kind: 'articles', slugs: ['cup-final', ' bridge-story', 'cup-final'] }, fullText: false });
    const s = await partners.authenticate(section.key, app!.clock());
    const l = await partners.authenticate(listed.key, app!.clock());
    if (!s.ok || !l.ok) throw new Error('keys should work');
    expect([bridge, budget, cup].map((a) => s.access.covers(a))).toEqual([true, true, false]);
    expect([bridge, budget, cup].map((a) => l.access.covers(a))).toEqual([true, false, true]);
    expect(l.access.fullText).toBe(false);
    expect(partners.fullTextPermission(s.access, bridge)).toEqual({ ok: true });
    expect(partners.fullTextPermission(s.access, cup)).toMatchObject({ ok: false, reason: 'not-covered' });
    expect(partners.fullTextPermission(l.access, cup)).toMatchObject({ ok: false, reason: 'no-full-text' });
    const grants = await partners.listGrants();
    expect(grants.find((g) => g.id === listed.grantId)!.scope).toEqual({ kind: 'articles', slugs: ['bridge-story', 'cup-final'] });
    expect(grants.find((g) => g.id === section.grantId)!.scope).toEqual({ kind: 'section', section: 'city-hall' });
  });

  it('names the field when a grant cannot be made, and writes nothing', async () => {
    await setup();
    const base = { partnerName: 'Ledger', scope: { kind: 'all' as const }, fullText: false, expiresAt: null, notes: '' };
    const cases: [Parameters<PartnerService['grant']>[0], string, RegExp][] = [
      [{ ...base, partnerName: '   ' }, 'partnerName', /partnerName is required/],
      [{ ...base, partnerName: 'x'.repeat(201) }, 'partnerName', /at most 200/],
      [{ ...base, scope: { kind: 'section', section: 'no-such-section' } }, 'section', /there is no section "no-such-section"/],
      [{ ...base, scope: { kind: 'section', section: '' } }, 'section', /choose the section/],
      [{ ...base, scope: { kind: 'articles', slugs: [] } }, 'articles', /at least one article/],
      [{ ...base, scope: { kind: 'articles', slugs: ['bridge-story', 'not-written-yet'] } }, 'articles', /no article with the slug not-written-yet/],
      [{ ...base, scope: { kind: 'articles', slugs: ['Bad Slug!'] } }, 'articles', /not article slugs: Bad Slug!/],
      [{ ...base, expiresAt: '2026-11-26' }, 'expiresAt', /in the future/],
      [{ ...base, expiresAt: 'next tuesday' }, 'expiresAt', /must be a date/],
      [{ ...base, notes: 'n'.repeat(2001) }, 'notes', /at most 2000/],
      [{ ...base, requestId: 4242 }, 'requestId', /No such request/],
    ];
    for (const [input, field, message] of cases) {
      const r = await partners.grant(input, editor, app!.clock());
      expect(r, JSON.stringify(input).slice(0, 100)).toMatchObject({ ok: false, field });
      if (!r.ok) expect(r.message).toMatch(message);
    }
    expect(await app!.database.db.selectFrom('partner_grants').selectAll().execute()).toEqual([]);
    expect(await app!.database.db.selectFrom('partner_keys').selectAll().execute()).toEqual([]);
  });

  it('grants a request once: the request is marked granted, and a second grant or a refusal is turned away', async () => {
    await setup();
    const sent = await partners.submitRequest(validRequest, app!.clock());
    if (!sent.ok) throw new Error(sent.message);
    app!.fixedClock.advance(DAY);
    const g = await grantOk({ requestId: sent.id, notes: 'Print only' });
    const request = await partners.findRequest(sent.id);
    expect(request).toMatchObject({ status: 'granted', decidedBy: 'Edna Editor', decidedAt: app!.clock().toISOString(), decisionNote: 'Print only' });
    expect((await partners.listGrants())[0]).toMatchObject({ id: g.grantId, requestId: sent.id });
    expect(
      await partners.grant(
        { requestId: sent.id, partnerName: 'Again', scope: { kind: 'all' }, fullText: false, expiresAt: null, notes: '' },
        editor,
        app!.clock(),
      ),
    ).toMatchObject({
      ok: false,
      field: 'requestId',
      message: 'This request was already granted.',
    });
    expect(await partners.refuse(sent.id, 'no', editor, app!.clock())).toMatchObject({ ok: false, message: 'This request was already granted.' });
    expect(await app!.database.db.selectFrom('partner_grants').select('id').execute()).toHaveLength(1);
  });

  it('two editors granting the same request at once make one grant', async () => {
    await setup();
    const sent = await partners.submitRequest(validRequest, app!.clock());
    if (!sent.ok) throw new Error(sent.message);
    const input = { requestId: sent.id, partnerName: 'Ledger', scope: { kind: 'all' as const }, fullText: true, expiresAt: null, notes: '' };
    const results = await Promise.all([partners.grant(input, editor, app!.clock()), partners.grant(input, { ...editor, id: 8, name: 'Other' }, app!.clock())]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await app!.database.db.selectFrom('partner_grants').select('id').execute()).toHaveLength(1);
    expect(await app!.database.db.selectFrom('partner_keys').select('id').execute()).toHaveLength(1);
  });

  it('refuses a request with a note, in the audit log', async () => {
    await setup();
    const sent = await partners.submitRequest(validRequest, app!.clock());
    if (!sent.ok) throw new Error(sent.message);
    expect(await partners.refuse(sent.id, '  We do not syndicate investigations.  ', editor, app!.clock())).toEqual({ ok: true });
    expect(await partners.findRequest(sent.id)).toMatchObject({
      status: 'refused',
      decisionNote: 'We do not syndicate investigations.',
      decidedBy: 'Edna Editor',
    });
    expect(await partners.refuse(sent.id, '', editor, app!.clock())).toMatchObject({ ok: false, message: 'This request was already refused.' });
    expect(await partners.refuse(999, '', editor, app!.clock())).toMatchObject({ ok: false, message: 'No such request.' });
    expect((await app!.services.audit.list(1))[0]).toMatchObject({ action: 'partner.refuse', subject: `request ${sent.id}`, detail: 'The Valley Ledger' });
  });

  it('stores hostile request text as typed, lists undecided requests first, and names the field that is wrong', async () => {
    await setup();
    const hostile = { ...validRequest, organisation: '<script>alert(1)</script>', purpose: "'; DROP TABLE articles; --\n<img src=x onerror=alert(2)>" };
    const first = await partners.submitRequest(hostile, app!.clock());
    app!.fixedClock.advance(60_000);
    const second = await partners.submitRequest({ ...validRequest, wantsFullText: undefined }, app!.clock());
    if (!first.ok || !second.ok) throw new Error('both should be stored');
    expect(await partners.findRequest(first.id)).toMatchObject({
      organisation: '<script>alert(1)</script>',
      purpose: hostile.purpose,
      wantsFullText: true,
      status: 'new',
    });
    expect((await partners.findRequest(second.id))!.wantsFullText).toBe(false);
    await partners.refuse(second.id, '', editor, app!.clock());
    app!.fixedClock.advance(60_000);
    const third = await partners.submitRequest(validRequest, app!.clock());
    if (!third.ok) throw new Error(third.message);
    expect((await partners.listRequests(null)).map((r) => r.id)).toEqual([third.id, first.id, second.id]);
    expect((await partners.listRequests('refused')).map((r) => r.id)).toEqual([second.id]);

    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...validRequest, organisation: '  ' }, 'organisation', /organisation is required/],
      [{ ...validRequest, contactEmail: 'not-an-email' }, 'contactEmail', /must be an email address/],
      [{ ...validRequest, website: 'ledger.example' }, 'website', /starting with http/],
      [{ ...validRequest, website: 'javascript:alert(1)' }, 'website', /starting with http/],
      [{ ...validRequest, purpose: 'p'.repeat(2001) }, 'purpose', /at most 2000/],
      [{ ...validRequest, articles: undefined }, 'articles', /articles is required/],
    ];
    for (const [input, field, message] of cases) {
      const r = await partners.submitRequest(input, app!.clock());
      expect(r, field).toMatchObject({ ok: false, field });
      if (!r.ok) expect(r.message).toMatch(message);
    }
    expect(await partners.submitRequest('not an object', app!.clock())).toMatchObject({ ok: false });
    const bot = await partners.submitRequest({ ...validRequest, nickname: 'buy now' }, app!.clock());
    expect(bot).toEqual({ ok: true, id: 0, spam: true });
    expect(await partners.listRequests(null)).toHaveLength(3);
  });

  it('logs full-text fetches per grant, and counts pixel views per article, referring host and day', async () => {
    await setup();
    const [bridge, cup] = await Promise.all([article('bridge-story'), article('cup-final')]);
    const a = await grantOk({ partnerName: 'A' });
    const b = await grantOk({ partnerName: 'B' });
    const accessA = await partners.authenticate(a.key, app!.clock());
    if (!accessA.ok) throw new Error('key A should work');
    await partners.recordFullTextFetch(accessA.access, bridge.id, app!.clock());
    await partners.recordFullTextFetch(accessA.access, bridge.id, app!.clock());

    const now = app!.clock();
    await Promise.all([
      partners.recordRepublishView(bridge.id, 'Ledger.Example', now),
      partners.recordRepublishView(bridge.id, 'ledger.example', now),
      partners.recordRepublishView(bridge.id, 'ledger.example', now),
    ]);
    await partners.recordRepublishView(bridge.id, '', now);
    await partners.recordRepublishView(cup.id, 'other.example', now);
    await partners.recordRepublishView(bridge.id, 'ledger.example', new Date(now.getTime() + DAY));
    // Unknown and impossible articles count nothing, and do not throw.
    await partners.recordRepublishView(999_999, 'ledger.example', now);
    await partners.recordRepublishView(-1, 'ledger.example', now);
    await partners.recordRepublishView(1.5, 'ledger.example', now);
    await partners.recordRepublishView(bridge.id, 'h'.repeat(300), now);

    const rows = await app!.database.db.selectFrom('republish_views').selectAll().orderBy('day').orderBy('referrer_host').execute();
    expect(rows.map((r) => [r.article_id, r.referrer_host.length > 50 ? `h×${r.referrer_host.length}` : r.referrer_host, r.day, Number(r.view_count)])).toEqual(
      [
        [bridge.id, '', '2026-11-27', 1],
        [bridge.id, 'h×200', '2026-11-27', 1],
        [bridge.id, 'ledger.example', '2026-11-27', 3],
        [cup.id, 'other.example', '2026-11-27', 1],
        [bridge.id, 'ledger.example', '2026-11-28', 1],
      ],
    );

    const grants = await partners.listGrants();
    // A fetched the bridge story: its views (all sites, all days) show against A. B fetched nothing.
    expect(grants.find((g) => g.id === a.grantId)).toMatchObject({ fullTextFetches: 2, views: 6 });
    expect(grants.find((g) => g.id === b.grantId)).toMatchObject({ fullTextFetches: 0, views: 0 });
    const views = await partners.listRepublishViews();
    expect(views[0]).toEqual({
      articleId: bridge.id,
      articleSlug: 'bridge-story',
      articleHeadline: 'The old bridge',
      referrerHost: 'ledger.example',
      views: 4,
      lastDay: '2026-11-28',
    });
    expect(views).toHaveLength(4);
  });

  it('makes the republish bundle with hostile text escaped, and refuses a grant without full text', async () => {
    await setup();
    await createArticle(app!, {
      slug: 'hostile-story',
      headline: '<script>alert("headline")</script>',
      authors: [{ name: '<img src=x onerror=alert(1)>' }],
      bodyMarkdown: 'Body with <script>alert("body")</script> and [a link](/articles/bridge-story).',
    });
    const story = await article('hostile-story');
    const { key } = await grantOk({ partnerName: '</article><script>alert("partner")</script>' });
    const auth = await partners.authenticate(key, app!.clock());
    if (!auth.ok) throw new Error('key should work');
    const site = { name: (await app!.services.site.getSettings()).name, urls: app!.services.urls };
    const html = partners.republishBundle(story, auth.access, site);
    expect(html).not.toMatch(/<script|<img src=x/);
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;headline&quot;)&lt;/script&gt;</h1>');
    expect(html).toContain('By &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toMatch(/Body with &lt;script&gt;alert\(.body.\)&lt;\/script&gt;/);
    expect(html).toContain('data-partner="&lt;/article&gt;&lt;script&gt;alert(&quot;partner&quot;)&lt;/script&gt;"');
    expect(html).toContain('<a href="https://news.example.test/articles/bridge-story">a link</a>');
    expect(html).toContain('First published by <a href="https://news.example.test/articles/hostile-story">Masthead</a>');
    expect(html).toContain(`<img src="https://news.example.test/republish/pixel/${story.id}.gif"`);

    const excerptOnly = await grantOk({ fullText: false });
    const limited = await partners.authenticate(excerptOnly.key, app!.clock());
    if (!limited.ok) throw new Error('key should work');
    expect(() => partners.republishBundle(story, limited.access, site)).toThrow(/may not take "hostile-story" in full/);
  });

  it('keeps the migration honest: one key hash per key, enforced by the database', async () => {
    await setup();
    const { grantId } = await grantOk();
    const [row] = await app!.database.db.selectFrom('partner_keys').selectAll().execute();
    await expect(
      sql`INSERT INTO partner_keys (grant_id, key_hash, key_prefix, created_at) VALUES (${grantId}, ${row!.key_hash}, 'mhk_dupe', '2026-11-27')`.execute(
        app!.database.db,
      ),
    ).rejects.toThrow();
  });
});
