import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../../../src/main.js';
import { imageBytes } from '../../support/factories.js';
import { PAYLOADS, PayloadFeeder } from './payloads.js';

/** The records the crawl fills its page addresses from. */
export interface Seeded {
  articleSlugs: string[];
  articleIds: number[];
  authorSlugs: string[];
  sectionSlugs: string[];
  tagSlugs: string[];
  topicIds: number[];
  reportIds: number[];
  requestIds: number[];
  campaignIds: number[];
  funderIds: number[];
  memberIds: number[];
  pageIds: number[];
  pagePaths: string[];
  newsletterIds: number[];
  newsletterSlugs: string[];
  /** The patron whose name carries payloads, for the reader's own pages. */
  patronId: number;
  ownerId: number;
  /** Per input field, how many distinct payloads it carried. */
  coverage: Record<string, number>;
}

function must<T extends { ok: boolean }>(what: string, result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`${what} refused the corpus: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

const ARTICLES = 6;
const IMPORTED = 2;

/**
 * Feeds the corpus through every input a reader or editor has, through the same services the
 * forms and the importer call (the forms are thin: they parse fields and call these). Short fields
 * take the payloads in turn across a few records; long texts (bodies, notes, policies) take all.
 */
export async function seedCorpus(app: App): Promise<Seeded> {
  const feed = new PayloadFeeder();
  const now = app.clock();
  const ctxNone = { now, actor: null };
  const ownerMade = must(
    'createUser',
    await app.services.accounts.createUser({ email: 'owner@xss.example.org', name: feed.next('staff name', 120), role: 'owner' }, ctxNone),
  );
  const owner = { id: ownerMade.user.id, name: ownerMade.user.name, role: 'owner' as const };
  const ctx = { now, actor: owner };
  must('createUser', await app.services.accounts.createUser({ email: 'writer@xss.example.org', name: feed.next('staff name', 120), role: 'writer' }, ctxNone));

  // Site settings, the reprint policy, privacy texts and the support page: one value each.
  must(
    'site settings',
    await app.services.site.updateSettings(
      {
        name: feed.next('site name', 120),
        tagline: feed.next('site tagline', 200),
        description: feed.next('site description', 500),
        logoUrl: '/media/x"onerror="alert(0)',
      },
      ctx,
    ),
  );
  feed.seen.set('site logo path', new Set([0]));
  must(
    'reprint policy',
    await app.services.policy.updatePolicy({ license: feed.next('policy license', 500), permissionsContact: feed.next('policy contact', 254) }, ctx),
  );
  must('privacy', await app.services.privacy.updateSettings({ privacyText: feed.all('privacy text'), cookiesText: feed.all('cookies text') }, ctx));
  must(
    'support page',
    await app.services.patrons.updateSupportSettings(
      {
        pitch: feed.next('support pitch', 2000),
        otherWays: feed.next('support other ways', 5000),
        appealEnabled: true,
        appealHeading: feed.next('appeal heading', 120),
        appealText: feed.next('appeal text', 600),
        appealButton: feed.next('appeal button', 40),
      },
      ctx,
    ),
  );
  const tier = must(
    'tier',
    await app.services.patrons.saveTier(
      null,
      {
        name: feed.next('tier name', 60),
        description: feed.next('tier description', 500),
        monthlyPrice: 500,
        yearlyPrice: null,
        currency: 'USD',
        voteWeight: 1,
        position: 0,
      },
      ctx,
    ),
  );

  // Articles from the editor's fields (HTML body, as the browser editor sends it), with a hero image.
  const image = await app.services.media.storeImage(await imageBytes(800, 500), now);
  if (!image.ok) throw new Error(image.message);
  const articleSlugs: string[] = [];
  for (let i = 0; i < ARTICLES; i += 1) {
    const slug = `xss-story-${i + 1}`;
    const input = {
      slug,
      headline: feed.next('headline', 200),
      standfirst: feed.next('standfirst', 600),
      bodyMarkdown: '',
      bodyHtml: feed.all('body html', '\n'),
      bodyJson: '',
      hero: { mediaId: image.mediaId, alt: feed.next('hero alt', 300), caption: feed.next('hero caption', 500), credit: feed.next('hero credit', 200) },
      authors: Array.from({ length: 3 }, () => ({ name: feed.next('byline', 120), bio: feed.next('author bio', 1000), guest: i % 2 === 0 })),
      section: feed.next('section', 60),
      tags: Array.from({ length: 20 }, () => feed.next('tag', 60)),
      sources: Array.from({ length: 20 }, (_, k) => ({ name: feed.next('source name', 200), url: sourceUrl(i * 20 + k) })),
      related: i > 0 ? [`xss-story-${i}`] : [],
      language: 'en',
      status: 'published' as const,
      publishedAt: new Date(now.getTime() - (i + 1) * 3600_000).toISOString(),
      funding:
        i % 2 === 1 ? { kind: 'sponsored' as const, name: feed.next('funding name', 120), url: '', disclosure: feed.next('funding disclosure', 600) } : null,
    };
    must(`article ${slug}`, await app.services.articles.saveArticle(input, { now, actor: 'xss corpus' }));
    articleSlugs.push(slug);
  }
  // A Markdown body too (the import's and the plain editor's format), saved through the editor path.
  must(
    'markdown article',
    await app.services.articles.saveArticle(
      {
        slug: 'xss-markdown',
        headline: feed.next('headline', 200),
        standfirst: feed.next('standfirst', 600),
        bodyMarkdown: feed.all('body markdown'),
        bodyHtml: null,
        bodyJson: '',
        hero: null,
        authors: [{ name: feed.next('byline', 120), bio: '', guest: false }],
        section: null,
        tags: [],
        sources: [],
        related: [],
        language: 'en',
        status: 'published',
        publishedAt: now.toISOString(),
        funding: null,
      },
      { now, actor: 'xss corpus' },
    ),
  );
  articleSlugs.push('xss-markdown');

  // The importer: front matter (YAML, written as JSON strings, which YAML reads the same) and Markdown.
  const dir = fs.mkdtempSync(path.join(app.config.dataDir, 'xss-import-'));
  const img = path.join(dir, 'hero.jpg');
  fs.writeFileSync(img, await imageBytes(640, 400));
  const files: string[] = [];
  for (let i = 0; i < IMPORTED; i += 1) {
    const fm = {
      title: feed.next('import title', 200),
      standfirst: feed.next('import standfirst', 600),
      slug: `xss-imported-${i + 1}`,
      image: 'hero.jpg',
      image_alt: feed.next('import image alt', 300),
      image_caption: feed.next('import image caption', 500),
      image_credit: feed.next('import image credit', 200),
      authors: [feed.next('import author', 120), { name: feed.next('import author', 120), bio: feed.next('import author bio', 1000), guest: true }],
      section: feed.next('import section', 60),
      tags: Array.from({ length: 20 }, () => feed.next('import tag', 60)),
      sources: Array.from({ length: 10 }, (_, k) => ({ name: feed.next('import source name', 200), url: sourceUrl(k + 7) })),
      published_at: '2026-11-25T10:00:00Z',
      funding: { kind: 'underwritten', name: feed.next('import funding name', 120), disclosure: feed.next('import funding disclosure', 600) },
    };
    const yaml = Object.entries(fm)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join('\n');
    const file = path.join(dir, `story-${i + 1}.md`);
    fs.writeFileSync(file, `---\n${yaml}\n---\n${feed.all('import body')}\n`);
    files.push(file);
  }
  const imported = await app.services.importer.importPaths(files, { publish: true, update: false, now, defaultLanguage: 'en' });
  if (!imported.ok) throw new Error(`import refused the corpus: ${JSON.stringify(imported.problems)}`);
  articleSlugs.push(...imported.articles.map((a) => a.slug));

  const articles = await Promise.all(articleSlugs.map(async (s) => (await app.services.articles.findArticle(s))!));
  const uniq = (xs: string[]) => [...new Set(xs)];

  // Readers: a patron with a name made of payloads proposes topics and reports errors.
  const patronGrant = must(
    'patron grant',
    await app.services.patrons.grantPatronage({ email: 'patron@xss.example.org', tierId: tier.tier.id, until: null, note: feed.next('grant note', 500) }, ctx),
  );
  const patronId = patronGrant.member.id;
  must('member name', await app.services.members.updateName(patronId, feed.next('member name', 80)));
  const memberIds = [patronId];
  for (let i = 0; i < 3; i += 1) {
    const m = await app.services.members.ensureMember(`reader${i}@xss.example.org`, now);
    must('member name', await app.services.members.updateName(m.id, feed.next('member name', 80)));
    memberIds.push(m.id);
  }
  const topicIds: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const t = must(
      'topic',
      await app.services.topics.propose({ memberId: patronId, title: feed.next('topic title', 120), description: feed.next('topic description', 1000) }, now),
    );
    topicIds.push(t.topic.id);
  }
  must(
    'topic edit',
    await app.services.topics.editTopic(topicIds[0]!, { title: feed.next('topic title', 120), description: feed.next('topic description', 1000) }, ctx),
  );
  must('topic status', await app.services.topics.setStatus(topicIds[1]!, { status: 'declined', reason: feed.next('topic status reason', 500) }, ctx));

  const reportIds: number[] = [];
  const first = articles[0]!;
  for (let i = 0; i < 3; i += 1) {
    const quote = first.bodyText.slice(i * 40, i * 40 + 30);
    const r = must(
      'report',
      await app.services.corrections.submitReport(
        { article: first.slug, quote: { exact: quote }, suggestion: feed.next('report suggestion', 2000), email: `r${i}@xss.example.org` },
        now,
      ),
    );
    reportIds.push(r.id);
  }
  for (const [i, a] of articles.slice(0, 3).entries()) {
    must(
      'correction note',
      await app.services.corrections.publishNote(
        { articleId: a.id, kind: i % 2 ? 'clarification' : 'correction', body: feed.next('correction note', 2000), reportId: i === 0 ? reportIds[0]! : null },
        owner,
        now,
      ),
    );
  }

  // Partners: a republication request (public form) and a grant an editor makes.
  const requestIds: number[] = [];
  for (let i = 0; i < 2; i += 1) {
    const r = must(
      'partner request',
      await app.services.partners.submitRequest(
        {
          organisation: feed.next('partner organisation', 200),
          contactName: feed.next('partner contact', 200),
          contactEmail: `desk${i}@partner.example.org`,
          website: i === 0 ? 'https://partner.example.org/"><script>alert(0)</script>' : '',
          articles: feed.next('partner articles', 2000),
          purpose: feed.next('partner purpose', 2000),
          wantsFullText: true,
        },
        now,
      ),
    );
    requestIds.push(r.id);
  }
  must(
    'partner grant',
    await app.services.partners.grant(
      { partnerName: feed.next('grant partner name', 200), scope: { kind: 'all' }, fullText: false, expiresAt: null, notes: feed.next('grant notes', 2000) },
      owner,
      now,
    ),
  );
  must('partner refusal', await app.services.partners.refuse(requestIds[1]!, feed.next('refusal note', 2000), owner, now));

  // Advertising: an HTML creative (sanitized on save) in every slot, and an image one.
  const campaignIds: number[] = [];
  const html = must(
    'html campaign',
    await app.services.ads.createCampaign(
      {
        name: feed.next('campaign name', 120),
        advertiser: feed.next('advertiser', 120),
        html: PAYLOADS.map((p) => p.text)
          .join('\n')
          .slice(0, 20_000),
        link: 'https://shop.example.org/offer?a="><script>alert(0)</script>',
        slots: ['article-inline', 'article-end', 'home', 'sidebar'],
        starts: '2026-11-01',
      },
      null,
      ctx,
    ),
  );
  feed.seen.set('campaign html', new Set(PAYLOADS.map((p) => p.id)));
  campaignIds.push(html.campaign.id);
  const imageAd = must(
    'image campaign',
    await app.services.ads.createCampaign(
      {
        name: feed.next('campaign name', 120),
        advertiser: feed.next('advertiser', 120),
        mediaId: image.mediaId,
        alt: feed.next('campaign alt', 300),
        link: 'https://shop.example.org/two',
        slots: ['sidebar', 'home'],
        starts: '2026-11-01',
      },
      null,
      ctx,
    ),
  );
  campaignIds.push(imageAd.campaign.id);

  // Funders: in every page's footer.
  const funderIds: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const f = must(
      'funder',
      await app.services.funders.addFunder(
        {
          name: feed.next('funder name', 120),
          url: i === 0 ? 'https://fund.example.org/"onmouseover="alert(0)' : '',
          line: `Paid for by {funder}. ${feed.next('funder line', 180)}`,
          position: i,
        },
        {},
        ctx,
      ),
    );
    funderIds.push(f.funder.id);
  }

  // Job errors are shown in /admin/jobs; a mail server's answer can quote an address a reader typed.
  app.jobs.register('xss.fails', async (job) => {
    throw new Error(String((job.payload as { error: string }).error));
  });
  for (let i = 0; i < 3; i += 1) await app.jobs.enqueue('xss.fails', { error: feed.next('job error', 1900) }, { maxAttempts: 1 });
  const coverage = Object.fromEntries([...feed.seen].map(([k, v]) => [k, v.size]));
  // Static pages (About, Contact) and newsletters: titles and bodies in the footer, the page, the admin.
  const pageIds: number[] = [];
  const pagePaths: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const draft = {
      path: `/about-${i}`,
      title: feed.next('page title', 200),
      bodyFormat: i === 0 ? ('html' as const) : ('markdown' as const),
      body: feed.all('page body'),
      inFooter: true,
    };
    const page = must('static page', await app.services.pages.savePage(null, draft, ctx));
    pageIds.push(page.id);
    pagePaths.push(page.path);
  }
  const newsletterIds: number[] = [];
  const newsletterSlugs: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const list = {
      slug: `list-${i}`,
      name: feed.next('newsletter name', 120),
      description: feed.next('newsletter description', 1000),
      senderName: feed.next('newsletter sender', 120),
      senderEmail: 'desk@xss.example.org',
      audience: 'anyone',
    };
    const made = must('newsletter', await app.services.newsletters.saveNewsletter(null, list, now));
    newsletterIds.push(made.newsletter.id);
    newsletterSlugs.push(made.newsletter.slug);
  }

  return {
    pageIds,
    pagePaths,
    newsletterIds,
    newsletterSlugs,
    articleSlugs,
    articleIds: articles.map((a) => a.id),
    authorSlugs: uniq(articles.flatMap((a) => a.authors.map((x) => x.slug))),
    sectionSlugs: uniq(articles.flatMap((a) => (a.section ? [a.section.slug] : []))),
    tagSlugs: uniq(articles.flatMap((a) => a.tags.map((t) => t.slug))),
    topicIds,
    reportIds,
    requestIds,
    campaignIds,
    funderIds,
    memberIds,
    patronId,
    ownerId: owner.id,
    coverage,
  };
}

/** Source links must be http(s): payloads go in their paths and queries, where an unescaped quote would break out. */
function sourceUrl(n: number): string {
  const p = PAYLOADS[n % PAYLOADS.length]!;
  return `https://example.org/report?id=${n}&q=${p.text.replace(/[\s\u0000-\u001f]/g, '')}`;
}
