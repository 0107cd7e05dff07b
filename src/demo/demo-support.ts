import type { ArticleService } from '../articles/article-service.js';
import type { FunderService } from '../funders/funder-service.js';
import type { PatronService } from '../membership/patron-service.js';
import type { SiteService } from '../site/site-service.js';
import type { TopicService } from '../topics/topic-service.js';
import { loadDemoTopics } from './demo-topics.js';

/** The demo outlet's tiers: a coffee a month, and a yearly one for readers who prefer to pay once. Votes count equally. */
const TIERS = [
  {
    name: 'Coffee',
    description: 'About what a coffee costs, once a month. Keeps a reporter on the council beat.',
    monthlyPrice: 450,
    yearlyPrice: null,
    position: 0,
  },
  { name: 'Year-round', description: 'A year of support in one payment, with two months free.', monthlyPrice: null, yearlyPrice: 4500, position: 1 },
];

/** The demo outlet's funder: an invented local foundation. */
const DEMO_FUNDER = {
  name: 'Harrow Valley Civic Trust',
  url: 'https://example.org/harrow-valley-civic-trust',
  line: 'Local reporting at {outlet} is supported by {funder}.',
  position: 0,
};

/** How the demo outlet takes patrons without card payments: invented bank details that belong to no real account. */
const DEMO_PAY_BY_HAND =
  'Pay by bank transfer to The Riverbend Dispatch, account 000123456, routing number 000000000 (Riverbend Community Credit Union), ' +
  'with your email address as the reference. Write to us with the tier you chose and we will set up your patronage by hand within two working days.';

/**
 * Tiers in dollars (the town's stories quote dollars), a few patrons and their topics, a funder, a contact address and by-hand joining. Does nothing
 * where tiers exist.
 */
export async function loadDemoSupport(
  deps: { patrons: PatronService; topics: TopicService; articles: ArticleService; funders: FunderService; site: SiteService },
  now: Date,
): Promise<{ tiers: number; topics: number }> {
  if ((await deps.patrons.listTiers({ includeArchived: true })).length) return { tiers: 0, topics: 0 };
  const site = await deps.site.getSettings();
  // Riverbend is an American town: its newsroom keeps American time and answers at its own address.
  const demoSite = {
    ...(site.contactEmail ? {} : { contactEmail: 'newsroom@riverbend-dispatch.example' }),
    ...(site.timeZone === 'UTC' ? { timeZone: 'America/Chicago' } : {}),
  };
  if (Object.keys(demoSite).length) await deps.site.updateSettings(demoSite, { now, actor: null });
  await deps.patrons.updateSupportSettings({ payByHand: DEMO_PAY_BY_HAND }, { now, actor: null });
  if ((await deps.funders.listFunders()).length === 0) {
    const funder = await deps.funders.addFunder(DEMO_FUNDER, {}, { now, actor: null });
    if (!funder.ok) throw new Error(`demo funder: ${funder.message}`);
  }
  for (const t of TIERS) {
    const saved = await deps.patrons.saveTier(null, { ...t, currency: 'USD', voteWeight: 1 }, { now, actor: null });
    if (!saved.ok) throw new Error(`demo tier ${t.name}: ${saved.message}`);
  }
  return { tiers: TIERS.length, topics: await loadDemoTopics(deps, now) };
}
