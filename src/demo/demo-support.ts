import type { ArticleService } from '../articles/article-service.js';
import type { FunderService } from '../funders/funder-service.js';
import type { PatronService } from '../membership/patron-service.js';
import type { TopicService } from '../topics/topic-service.js';
import { loadDemoTopics } from './demo-topics.js';

/** The demo outlet's tiers: a coffee a month, and a yearly one for readers who prefer to pay once. Votes count equally. */
const TIERS = [
  { name: 'Coffee', description: 'About what a coffee costs, once a month. Keeps a reporter on the council beat.', monthlyPrice: 450, yearlyPrice: null, position: 0 },
  { name: 'Year-round', description: 'A year of support in one payment, with two months free.', monthlyPrice: null, yearlyPrice: 4500, position: 1 },
];

/** The demo outlet's funder: an invented local foundation. */
const DEMO_FUNDER = {
  name: 'Harrow Valley Civic Trust',
  url: 'https://example.org/harrow-valley-civic-trust',
  line: 'Local reporting at {outlet} is supported by {funder}.',
  position: 0,
};

/** Tiers, a few patrons and their topics, and a funder for an empty demo site. Does nothing where tiers exist. */
export async function loadDemoSupport(deps: { patrons: PatronService; topics: TopicService; articles: ArticleService; funders: FunderService }, now: Date): Promise<{ tiers: number; topics: number }> {
  if ((await deps.patrons.listTiers({ includeArchived: true })).length) return { tiers: 0, topics: 0 };
  if ((await deps.funders.listFunders()).length === 0) {
    const funder = await deps.funders.addFunder(DEMO_FUNDER, {}, { now, actor: null });
    if (!funder.ok) throw new Error(`demo funder: ${funder.message}`);
  }
  for (const t of TIERS) {
    const saved = await deps.patrons.saveTier(null, { ...t, currency: 'EUR', voteWeight: 1 }, { now, actor: null });
    if (!saved.ok) throw new Error(`demo tier ${t.name}: ${saved.message}`);
  }
  return { tiers: TIERS.length, topics: await loadDemoTopics(deps, now) };
}
