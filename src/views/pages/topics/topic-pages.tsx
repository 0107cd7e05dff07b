import { SiteLayout } from '../../layouts/site-layout.js';
import { useT } from '../../i18n-context.js';
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
  /** English left on a page in another language (a refusal the catalogs do not word): gets `lang`. */
  english: boolean;
}

export interface TopicBoardView {
  chrome: SiteChrome;
  head: HeadMeta;
  viewer: TopicViewer;
  groups: { id: string; heading: string; intro: string; topics: TopicCardView[] }[];
  proposal: { values: { title: string; description: string }; error: FormError | null };
  /** A problem with a vote or a sign-in, shown above the board. */
  /** A refusal; `english` when it is still the service's English (marked so on other languages' pages). */
  error: { text: string; english: boolean } | null;
  limits: { titleMin: number; titleMax: number; description: number; proposalsPerDay: number };
}

export interface TopicPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  viewer: TopicViewer;
  topic: TopicCardView;
  articles: Link[];
  error: { text: string; english: boolean } | null;
}

function JoinBox({ viewer }: { viewer: TopicViewer }) {
  const t = useT();
  if (viewer.kind === 'patron') return null;
  return (
    <aside class="topics-join">
      {viewer.kind === 'anonymous' ? (
        <p>
          {t('topics.join.anonymous')} <a href={viewer.joinHref}>{t('topics.join.become')}</a>
          {t('topics.join.or')} <a href={viewer.signInHref}>{t('topics.join.signIn')}</a> {t('topics.join.already')}
        </p>
      ) : (
        <p>
          {t('topics.join.member')} <a href={viewer.joinHref}>{t('topics.join.become')}</a> {t('topics.join.memberAfter')}
        </p>
      )}
    </aside>
  );
}

function VoteControl({ topic, viewer, back }: { topic: TopicCardView; viewer: TopicViewer; back: string }) {
  const t = useT();
  if (!topic.vote || viewer.kind !== 'patron') return null;
  return (
    <form method="post" action={topic.vote.voted ? topic.vote.withdrawAction : topic.vote.action} class="topic-vote">
      <input type="hidden" name="_csrf" value={viewer.csrf} />
      <input type="hidden" name="back" value={back} />
      {topic.vote.voted ? (
        <>
          <span class="voted">{t('topics.voted')}</span>{' '}
          <button type="submit" class="secondary">
            {t('topics.withdraw')}
          </button>
        </>
      ) : (
        <button type="submit">{t('topics.vote')}</button>
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
  const t = v.chrome.t;
  const { values, error } = v.proposal;
  if (v.viewer.proposalsLeft === 0 && !error) {
    return <p class="topics-limit">{t('topics.limitReached')}</p>;
  }
  return (
    <form method="post" action={`${v.chrome.prefix}/topics`} class="topic-propose" id="propose">
      <h2>{t('topics.propose')}</h2>
      <input type="hidden" name="_csrf" value={v.viewer.csrf} />
      {error ? (
        <p class="notice error" role="alert" lang={error.english ? v.chrome.serviceLang : undefined}>
          {error.message}
        </p>
      ) : null}
      <label for="topic-title">{t('topics.propose.title', { min: v.limits.titleMin, max: v.limits.titleMax })}</label>
      <input
        id="topic-title"
        name="title"
        required
        minLength={v.limits.titleMin}
        maxLength={v.limits.titleMax}
        value={values.title}
        aria-invalid={error?.field === 'title' ? 'true' : undefined}
      />
      <label for="topic-description">{t('topics.propose.description', { max: v.limits.description })}</label>
      <textarea
        id="topic-description"
        name="description"
        rows={4}
        maxLength={v.limits.description}
        aria-invalid={error?.field === 'description' ? 'true' : undefined}
      >
        {values.description}
      </textarea>
      <p class="hint">{t('topics.propose.hint', { left: v.viewer.proposalsLeft, perDay: v.limits.proposalsPerDay })}</p>
      <p>
        <button type="submit">{t('topics.propose.submit')}</button>
      </p>
    </form>
  );
}

/** The board: what patrons asked for, what we plan, what we covered and what we declined, and why. */
export function TopicBoardPage(v: TopicBoardView) {
  const t = v.chrome.t;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <header class="listing-header">
        <h1>{t('topics.title')}</h1>
        <p class="intro">{t('topics.intro')}</p>
      </header>
      <JoinBox viewer={v.viewer} />
      {v.error ? (
        <p class="notice error" role="alert" lang={v.error.english ? v.chrome.serviceLang : undefined}>
          {v.error.text}
        </p>
      ) : null}
      {v.groups.map((g) => (
        <section class="topic-group" id={g.id}>
          <h2>{g.heading}</h2>
          <p class="intro">{g.intro}</p>
          {g.topics.length ? (
            <ol class="topic-list">
              {g.topics.map((topic) => (
                <TopicItem topic={topic} viewer={v.viewer} />
              ))}
            </ol>
          ) : (
            <p class="empty">{t('topics.empty')}</p>
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
  const t = v.chrome.t;
  const p = v.chrome.prefix;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <article class="topic-page">
        <p class="kicker">
          <a href={`${p}/topics`}>{t('topics.title')}</a>
        </p>
        <h1>{topic.title}</h1>
        <Status topic={topic} />
        {topic.description ? <p class="topic-description">{topic.description}</p> : null}
        <p class="topic-tally">
          <strong>{topic.tally.text}</strong>
        </p>
        {v.error ? (
          <p class="notice error" role="alert" lang={v.error.english ? v.chrome.serviceLang : undefined}>
            {v.error.text}
          </p>
        ) : null}
        <VoteControl topic={topic} viewer={v.viewer} back={topic.href} />
        <JoinBox viewer={v.viewer} />
        {v.articles.length ? (
          <section class="topic-articles">
            <h2>{t('topics.coverage')}</h2>
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
          <a href={`${p}/topics`}>{t('topics.all')}</a>
        </p>
      </article>
    </SiteLayout>
  );
}
