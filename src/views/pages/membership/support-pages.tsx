import { SiteLayout } from '../../layouts/site-layout.js';
import { FunderCredits } from '../../partials/funder-credits.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';

export interface TierView {
  id: number;
  name: string;
  description: string;
  /** e.g. "€4 a month"; each offered interval is one button. */
  prices: { interval: 'month' | 'year'; text: string }[];
  voteWeight: number;
  /** Show the weight only when tiers differ in it. */
  showWeight: boolean;
}

export interface SupportPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  pitch: string[];
  otherWays: string[];
  tiers: TierView[];
  patronCount: number;
  /** Who is reading: decides what the tier buttons do. Anonymous pages are shared by every reader. */
  viewer: { kind: 'anonymous' } | { kind: 'member'; csrf: string } | { kind: 'patron'; tier: string };
  onlinePayments: boolean;
  /** How to join without a card, and the outlet's contact address (null when none is set). */
  byHand: { instructions: string[]; contactEmail: string | null };
  error: string | null;
}

/** A mailto link that names the tier and price, so the newsroom knows what the reader chose. */
function joinByMail(email: string, tier: string, price: string): string {
  return `mailto:${email}?subject=${encodeURIComponent(`Becoming a patron: ${tier} (${price})`)}`;
}

/** Why and how to support the outlet: tiers with a join button each, and the other ways. */
export function SupportPage(v: SupportPageView) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="support">
        <h1>Support independent reporting</h1>
        {v.pitch.map((p) => (
          <p class="standfirst">{p}</p>
        ))}
        {v.error ? (
          <p class="notice error" role="alert">
            {v.error}
          </p>
        ) : null}
        {v.viewer.kind === 'patron' ? (
          <p class="notice" role="status">
            You are already a patron ({v.viewer.tier}). Thank you. <a href="/topics">Vote on what we cover next</a>.
          </p>
        ) : null}
        {v.patronCount > 0 ? <p>{v.patronCount === 1 ? 'One reader is a patron already.' : `${v.patronCount} readers are patrons already.`}</p> : null}
        <h2>Become a patron</h2>
        {v.tiers.length === 0 ? <p>There are no tiers to choose from yet. See the other ways to support us below.</p> : null}
        <ul class="tiers">
          {v.tiers.map((t) => (
            <li class="tier">
              <h3>{t.name}</h3>
              {t.description ? <p>{t.description}</p> : null}
              {t.showWeight ? <p class="meta">Your vote on topics counts {t.voteWeight === 1 ? 'once' : `${t.voteWeight} times`}.</p> : null}
              {v.viewer.kind === 'patron' ? (
                <p class="price">{t.prices.map((p) => p.text).join(' or ')}</p>
              ) : v.onlinePayments ? (
                <form method="post" action="/support/checkout" class="tier-actions">
                  {v.viewer.kind === 'member' ? <input type="hidden" name="_csrf" value={v.viewer.csrf} /> : null}
                  <input type="hidden" name="tier" value={String(t.id)} />
                  {t.prices.map((p) => (
                    <button type="submit" name="interval" value={p.interval}>
                      {p.text}
                    </button>
                  ))}
                </form>
              ) : (
                <>
                  <p class="price">{t.prices.map((p) => p.text).join(' or ')}</p>
                  <p class="tier-actions">
                    {v.byHand.contactEmail ? (
                      t.prices.map((p) => (
                        <a class="tier-join" href={joinByMail(v.byHand.contactEmail!, t.name, p.text)}>
                          Join at {p.text}
                        </a>
                      ))
                    ) : (
                      <a class="tier-join" href="#join-by-hand">
                        How to join
                      </a>
                    )}
                  </p>
                </>
              )}
            </li>
          ))}
        </ul>
        {!v.onlinePayments && v.tiers.length ? (
          <section id="join-by-hand" class="join-by-hand" aria-labelledby="join-by-hand-heading">
            <h3 id="join-by-hand-heading">Joining without a card</h3>
            {v.byHand.instructions.map((p) => (
              <p>{p}</p>
            ))}
            {v.byHand.contactEmail ? (
              <p>
                Write to us at <a href={`mailto:${v.byHand.contactEmail}`}>{v.byHand.contactEmail}</a>.
              </p>
            ) : null}
          </section>
        ) : null}
        {v.viewer.kind === 'anonymous' && v.onlinePayments ? (
          <p class="meta">
            Choosing a tier asks for your email first, so your patronage is tied to a reader account:{' '}
            <a href="/account/sign-in?next=/support">sign in or create one</a>.
          </p>
        ) : null}
        <h2>Patrons choose what we cover</h2>
        <p>
          Patrons propose and vote on the topics our newsroom should take on next. <a href="/topics">See the board</a>, and what we have covered because patrons
          asked.
        </p>
        {v.otherWays.length ? (
          <>
            <h2>Other ways to support us</h2>
            {v.otherWays.map((p) => (
              <p>{p}</p>
            ))}
          </>
        ) : null}
        {v.chrome.funders?.length ? (
          <section class="support-funders" aria-labelledby="funders-heading">
            <h2 id="funders-heading">Our funders</h2>
            <p>Alongside our readers, these organisations help pay for our work.</p>
            <FunderCredits funders={v.chrome.funders} label="Funders" />
          </section>
        ) : null}
      </div>
    </SiteLayout>
  );
}

/** Where Stripe sends a reader after paying. The webhook, not this page, makes them a patron. */
export function SupportThanksPage(v: { chrome: SiteChrome; head: HeadMeta; patron: boolean }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message">
        <h1>Thank you</h1>
        <p>
          {v.patron
            ? 'You are now a patron. Your support pays for the next story, and your vote now counts on the topics board.'
            : 'Your payment is being confirmed; this usually takes a few seconds. Reload this page in a moment, or find your patronage on your account page.'}
        </p>
        <p>
          <a href="/topics">Vote on what we cover next</a> · <a href="/account">Your account</a>
        </p>
      </div>
    </SiteLayout>
  );
}
