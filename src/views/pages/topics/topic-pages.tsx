import { SiteLayout } from '../../layouts/site-layout.js';
import type { HeadMeta, Link, SiteChrome } from '../../view-models.js';

/** A topic as the board and its page show it. All text is reader-typed: rendered as text, never HTML. */
export interface TopicCardView {
  id: number;
  href: string;
  title: string;
  /** The whole description on the topic's page; a short excerpt on the board. */
  description: string;
  status: string;
  statusLabel: string;
  statusReason: string;
  tally: { weight: number; text: string };
  /** The vote button for a patron; null when voting has closed or the reader cannot vote. */
  vote: { voted: boolean; action: string; withdrawAction: string } | null;
}

/** Who is looking decides what the page offers: a way to join, or the forms. */
export type TopicViewer =
  { kind: 'anonymous'; joinHref: string; signInHref: string } | { kind: 'member'; joinHref: string } | { kind: 'patron'; csrf: string; proposalsLeft: number };

export interface FormError {
  field: string;
  message: string;
}

export interface TopicBoardView {
  chrome: SiteChrome;
  head: HeadMeta;
  viewer: TopicViewer;
  groups: { id: string; heading: string; intro: string; topics: TopicCardView[] }[];
  proposal: { values: { title: string; description: string }; error: FormError | null };
  /** A problem with a vote or a sign-in, shown above the board. */
  error: string | null;
  limits: { titleMin: number; titleMax: number; description: number; proposalsPerDay: number };
}

export interface TopicPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  viewer: TopicViewer;
  topic: TopicCardView;
  articles: Link[];
  error: string | null;
}

function JoinBox({ viewer }: { viewer: TopicViewer }) {
  if (viewer.kind === 'patron') return null;
  return (
    <aside class="topics-join">
      {viewer.kind === 'anonymous' ? (
        <p>
          Patrons propose the topics and vote on them. <a href={viewer.joinHref}>Become a patron</a>, or <a href={viewer.signInHref}>sign in</a> if you already
          are one.
        </p>
      ) : (
        <p>
          You are signed in, but not a patron right now. <a href={viewer.joinHref}>Become a patron</a> to propose topics and vote.
        </p>
      )}
    </aside>
  );
}

function VoteControl({ topic, viewer, back }: { topic: TopicCardView; viewer: TopicViewer; back: string }) {
  if (!topic.vote || viewer.kind !== 'patron') return null;
  return (
    <form method="post" action={topic.vote.voted ? topic.vote.withdrawAction : topic.vote.action} class="topic-vote">
      <input type="hidden" name="_csrf" value={viewer.csrf} />
      <input type="hidden" name="back" value={back} />
      {topic.vote.voted ? (
        <>
          <span class="voted">You voted for this.</span>{' '}
          <button type="submit" class="secondary">
            Withdraw my vote
          </button>
        </>
      ) : (
        <button type="submit">Vote for this topic</button>
      )}
    </form>
  );
}

function Status({ topic }: { topic: TopicCardView }) {
  return (
    <p class="topic-status">
      <span class={`topic-badge status-${topic.status}`}>{topic.statusLabel}</span>
      {topic.statusReason ? <span class="topic-reason"> {topic.statusReason}</span> : null}
    </p>
  );
}

function TopicItem({ topic, viewer }: { topic: TopicCardView; viewer: TopicViewer }) {
  return (
    <li class="topic" id={`topic-${topic.id}`}>
      <div class="topic-votes" aria-hidden="true">
        <strong>{topic.tally.weight}</strong>
      </div>
      <div class="topic-body">
        <h3>
          <a href={topic.href}>{topic.title}</a>
        </h3>
        <Status topic={topic} />
        {topic.description ? <p class="topic-description">{topic.description}</p> : null}
        <p class="topic-tally">{topic.tally.text}</p>
        <VoteControl topic={topic} viewer={viewer} back="/topics" />
      </div>
    </li>
  );
}

function ProposalForm({ v }: { v: TopicBoardView }) {
  if (v.viewer.kind !== 'patron') return null;
  const { values, error } = v.proposal;
  if (v.viewer.proposalsLeft === 0 && !error) {
    return <p class="topics-limit">You have proposed the most topics you can in 24 hours. You can vote on the others meanwhile.</p>;
  }
  return (
    <form method="post" action="/topics" class="topic-propose" id="propose">
      <h2>Propose a topic</h2>
      <input type="hidden" name="_csrf" value={v.viewer.csrf} />
      {error ? (
        <p class="notice error" role="alert">
          {error.message}
        </p>
      ) : null}
      <label for="topic-title">
        What should we look into? ({v.limits.titleMin} to {v.limits.titleMax} characters)
      </label>
      <input
        id="topic-title"
        name="title"
        required
        minLength={v.limits.titleMin}
        maxLength={v.limits.titleMax}
        value={values.title}
        aria-invalid={error?.field === 'title' ? 'true' : undefined}
      />
      <label for="topic-description">Why it matters, in a few sentences (optional, up to {v.limits.description} characters)</label>
      <textarea
        id="topic-description"
        name="description"
        rows={4}
        maxLength={v.limits.description}
        aria-invalid={error?.field === 'description' ? 'true' : undefined}
      >
        {values.description}
      </textarea>
      <p class="hint">
        You can propose {v.viewer.proposalsLeft} more now (patrons propose up to {v.limits.proposalsPerDay} in any 24 hours). Editors may merge your topic with
        one that asks the same.
      </p>
      <p>
        <button type="submit">Propose</button>
      </p>
    </form>
  );
}

/** The board: what patrons asked for, what we plan, what we covered and what we declined, and why. */
export function TopicBoardPage(v: TopicBoardView) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <header class="listing-header">
        <h1>Topics</h1>
        <p class="intro">
          Our patrons tell us what they want us to look into, and vote on each other's ideas. Editors read every one and say what happens to it: planned, in
          progress, covered, or declined with the reason.
        </p>
      </header>
      <JoinBox viewer={v.viewer} />
      {v.error ? (
        <p class="notice error" role="alert">
          {v.error}
        </p>
      ) : null}
      {v.groups.map((g) => (
        <section class="topic-group" id={g.id}>
          <h2>{g.heading}</h2>
          <p class="intro">{g.intro}</p>
          {g.topics.length ? (
            <ol class="topic-list">
              {g.topics.map((t) => (
                <TopicItem topic={t} viewer={v.viewer} />
              ))}
            </ol>
          ) : (
            <p class="empty">None yet.</p>
          )}
        </section>
      ))}
      <ProposalForm v={v} />
    </SiteLayout>
  );
}

/** One topic: its whole description, its votes, its status, and the stories that covered it. */
export function TopicPage(v: TopicPageView) {
  const { topic } = v;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <article class="topic-page">
        <p class="kicker">
          <a href="/topics">Topics</a>
        </p>
        <h1>{topic.title}</h1>
        <Status topic={topic} />
        {topic.description ? <p class="topic-description">{topic.description}</p> : null}
        <p class="topic-tally">
          <strong>{topic.tally.text}</strong>
        </p>
        {v.error ? (
          <p class="notice error" role="alert">
            {v.error}
          </p>
        ) : null}
        <VoteControl topic={topic} viewer={v.viewer} back={topic.href} />
        <JoinBox viewer={v.viewer} />
        {v.articles.length ? (
          <section class="topic-articles">
            <h2>Our coverage</h2>
            <ul>
              {v.articles.map((a) => (
                <li>
                  <a href={a.href}>{a.text}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <p>
          <a href="/topics">All topics</a>
        </p>
      </article>
    </SiteLayout>
  );
}
