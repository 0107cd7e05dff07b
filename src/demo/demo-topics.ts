import type { ArticleService } from '../articles/article-service.js';
import type { PatronService } from '../membership/patron-service.js';
import type { TopicService } from '../topics/topic-service.js';

/** Fictional Riverbend readers who support the Dispatch. Addresses are example.org: no mail goes anywhere real. */
const READERS = ['marta.oyelaran@example.org', 'dev.halloran@example.org', 'ines.bakker@example.org', 'tom.achterberg@example.org'];

interface DemoTopic {
  by: number;
  daysAgo: number;
  title: string;
  description: string;
  voters: number[];
  status?: { to: 'planned' | 'covered' | 'declined'; reason: string; article?: string };
}

/** Written for this project: the people and places are invented (see CONTEXT.md). */
const TOPICS: DemoTopic[] = [
  {
    by: 0,
    daysAgo: 41,
    title: 'Is there lead in the water in Eastbank homes?',
    description:
      'Our street got a letter from the Water Authority about "sampling" but no results. Neighbours with small children want to know what was found and where.',
    voters: [0, 1, 2, 3],
    status: { to: 'covered', reason: '', article: 'eastbank-lead-tests' },
  },
  {
    by: 1,
    daysAgo: 12,
    title: 'Why does the 14 bus skip Northgate twice a day?',
    description: 'Since October the morning and afternoon runs just do not come. Is it the driver shortage, and who decides which routes are cut?',
    voters: [1, 2, 3],
    status: { to: 'planned', reason: 'Our transport reporter is on it; expect a story before the holidays.' },
  },
  {
    by: 2,
    daysAgo: 9,
    title: 'Who is buying the empty shopfronts on Canal Street?',
    description: 'Three shops near the bridge closed during the repairs and all three now have the same agent sign in the window.',
    voters: [2, 0],
  },
  {
    by: 3,
    daysAgo: 5,
    title: 'What happens to the Harlan Flats mill site now?',
    description: 'The building is huge and right on the river. Is it zoned for housing, and is anything in the ground that needs cleaning up first?',
    voters: [3],
  },
  {
    by: 0,
    daysAgo: 20,
    title: 'Rank the best bakeries in Riverbend',
    description: 'A fun one for the weekend: a reader vote on croissants.',
    voters: [],
    status: {
      to: 'declined',
      reason: 'A lovely idea, but rankings like this are not the kind of reporting our patrons fund. Our food column covers new openings.',
    },
  },
];

/**
 * Adds demo topics to a fresh site: four readers become patrons by a manual grant, propose five
 * topics, and vote; the desk covers one (linked to the Eastbank story when it is there), plans one
 * and declines one with its reason. Does nothing if there are topics already. Returns how many it made.
 */
export async function loadDemoTopics(deps: { topics: TopicService; patrons: PatronService; articles: ArticleService }, now: Date): Promise<number> {
  if ((await deps.topics.listTopics(now, { status: null, limit: 1 })).length) return 0;
  const tier = (await deps.patrons.listTiers())[0]?.id ?? null;
  const members: number[] = [];
  for (const email of READERS) {
    const granted = await deps.patrons.grantPatronage({ email, tierId: tier, until: null, note: 'demo patron' }, { now, actor: null, notify: false });
    if (!granted.ok) throw new Error(`demo patron ${email}: ${granted.message}`);
    members.push(granted.member.id);
  }
  const ctx = { now, actor: null };
  for (const t of TOPICS) {
    const at = new Date(now.getTime() - t.daysAgo * 86_400_000);
    const proposed = await deps.topics.propose({ memberId: members[t.by]!, title: t.title, description: t.description }, at);
    if (!proposed.ok) throw new Error(`demo topic "${t.title}": ${proposed.message}`);
    const id = proposed.topic.id;
    for (const v of t.voters) await deps.topics.vote({ topicId: id, memberId: members[v]! }, new Date(at.getTime() + 3600_000 * (v + 1)));
    if (t.status?.article && (await deps.articles.findArticle(t.status.article))) await deps.topics.linkArticle(id, t.status.article, ctx);
    if (t.status) {
      const changed = await deps.topics.setStatus(id, { status: t.status.to, reason: t.status.reason }, ctx);
      if (!changed.ok) throw new Error(`demo topic "${t.title}": ${changed.message}`);
    }
  }
  return TOPICS.length;
}
