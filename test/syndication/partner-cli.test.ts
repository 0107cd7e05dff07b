import { afterEach, describe, expect, it } from 'vitest';
import { runPartnersCli } from '../../src/syndication/partner-cli.js';
import type { PartnerService } from '../../src/syndication/partner-service.js';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';
import { partnerService } from './partner-app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setup() {
  app = await buildApp();
  await createArticle(app, { slug: 'bridge-story', section: 'City Hall' });
  await createArticle(app, { slug: 'cup-final', section: 'Sport' });
  return partnerService(app);
}

/** Runs `masthead partners …` and keeps what it printed. */
async function cli(partners: PartnerService, ...args: string[]) {
  const log: string[] = [];
  const error: string[] = [];
  const code = await runPartnersCli(args, { partners }, app!.clock(), { log: (s) => void log.push(s), error: (s) => void error.push(s) });
  return { code, log: log.join('\n'), error: error.join('\n') };
}

describe('masthead partners', () => {
  it('adds a grant and prints its key once; the key works; list shows its prefix, never the key', async () => {
    const partners = await setup();
    const added = await cli(
      partners,
      'add',
      '--name',
      'Valley Ledger',
      '--scope',
      'article:bridge-story',
      '--scope',
      'article:cup-final',
      '--full-text',
      '--expires',
      '2027-06-30',
    );
    expect(added.code).toBe(0);
    expect(added.log).toContain('Granted #1 to Valley Ledger: 2 articles: bridge-story, cup-final, full text, until the end of 2027-06-30.');
    const key = /^(mhk_[A-Za-z0-9_-]{32})$/m.exec(added.log)?.[1];
    expect(key).toBeDefined();
    const auth = await partners.authenticate(key!, app!.clock());
    expect(auth).toMatchObject({ ok: true, access: { partnerName: 'Valley Ledger', fullText: true } });
    expect((await app!.services.audit.list(1))[0]).toMatchObject({ action: 'partner.grant', actorName: 'system' });
    expect((await partners.listGrants())[0]!.createdBy).toBe('command line');

    const listed = await cli(partners, 'list');
    expect(listed.code).toBe(0);
    expect(listed.log).not.toContain(key!);
    expect(listed.log).toContain(
      `1\tactive\tValley Ledger\t2 articles: bridge-story, cup-final\tfull-text\t2027-06-30\t${key!.slice(0, 8)}…\t0 fetches\t0 views`,
    );
    expect(listed.log).toContain('1 grant(s)');

    const json = await cli(partners, 'list', '--json');
    expect(JSON.parse(json.log)).toEqual([
      {
        id: 1,
        partner: 'Valley Ledger',
        scope: { kind: 'articles', slugs: ['bridge-story', 'cup-final'] },
        full_text: true,
        expires_at: '2027-06-30T23:59:59.999Z',
        state: 'active',
        revoked_at: null,
        key_prefixes: [key!.slice(0, 8)],
        fetches: 0,
        views: 0,
      },
    ]);
  });

  it('defaults to all articles, takes one section, and revokes by id', async () => {
    const partners = await setup();
    expect((await cli(partners, 'add', '--name', 'Wire')).log).toContain('Granted #1 to Wire: all articles.');
    expect((await cli(partners, 'add', '--name', 'Sports Weekly', '--scope', 'section:sport')).log).toContain('Granted #2 to Sports Weekly: section sport.');
    const revoked = await cli(partners, 'revoke', '2');
    expect(revoked).toMatchObject({ code: 0, log: 'Revoked grant #2: its key no longer works.' });
    expect((await cli(partners, 'list')).log).toMatch(/^2\trevoked\tSports Weekly/m);
    expect(await cli(partners, 'revoke', '2')).toMatchObject({ code: 1, error: 'Grant 2 was already revoked.' });
    expect(await cli(partners, 'revoke', '99')).toMatchObject({ code: 1, error: 'No grant 99.' });
  });

  it('exits 1 with the reason when the values are wrong, granting nothing', async () => {
    const partners = await setup();
    const cases: [string[], RegExp][] = [
      [['--scope', 'section:no-such-section'], /section: there is no section "no-such-section"/],
      [['--scope', 'article:not-written'], /articles: no article with the slug not-written/],
      [['--expires', '2020-01-01'], /expiresAt: expiresAt must be in the future/],
      [['--expires', 'soon'], /expiresAt: expiresAt must be a date/],
      [['--name', '   '], /partnerName: partnerName is required/],
    ];
    for (const [extra, message] of cases) {
      const r = await cli(partners, 'add', '--name', 'Ledger', ...extra);
      expect(r.code, extra.join(' ')).toBe(1);
      expect(r.error).toMatch(/^Nothing was granted: /);
      expect(r.error).toMatch(message);
    }
    expect(await partners.listGrants()).toEqual([]);
  });

  it('exits 2 with the usage for commands it cannot read', async () => {
    const partners = await setup();
    const cases: [string[], RegExp][] = [
      [[], /^Usage:/],
      [['grant'], /Unknown partners command "grant"/],
      [['add'], /partners add needs --name/],
      [['add', '--name', 'X', '--scope', 'everything'], /--scope "everything" is not all, section:SLUG or article:SLUG/],
      [['add', '--name', 'X', '--scope', 'all', '--scope', 'article:cup-final'], /do not mix/],
      [['add', '--name', 'X', '--scope', 'section:sport', '--scope', 'section:city-hall'], /at most one --scope section/],
      [['add', '--name', 'X', '--fulltext'], /Unknown option '--fulltext'/],
      [['list', '--csv'], /Unknown option '--csv'/],
      [['revoke'], /needs one grant id/],
      [['revoke', 'abc'], /needs one grant id/],
      [['revoke', '1', '2'], /needs one grant id/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(partners, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.error, args.join(' ')).toMatch(message);
      expect(r.error).toContain('masthead partners add --name N');
    }
    expect(await partners.listGrants()).toEqual([]);
  });
});
