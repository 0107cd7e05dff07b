import { SiteLayout } from '../../layouts/site-layout.js';
import { FunderCredits } from '../../partials/funder-credits.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';
import type { ShownText } from '../../../i18n/outlet-text.js';

/** What the outlet wrote, with `lang` when it is not in the page's language. */
export interface OutletParagraphs {
  paragraphs: string[];
  lang: string | undefined;
}

export interface TierView {
  id: number;
  name: ShownText;
  description: ShownText;
  /** e.g. "€4 a month"; each offered interval is one button. */
  prices: { interval: 'month' | 'year'; text: string }[];
  voteWeight: number;
  /** Show the weight only when tiers differ in it. */
  showWeight: boolean;
}

export interface SupportPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  pitch: OutletParagraphs;
  otherWays: OutletParagraphs;
  tiers: TierView[];
  patronCount: number;
  /** Who is reading: decides what the tier buttons do. Anonymous pages are shared by every reader. */
  viewer: { kind: 'anonymous' } | { kind: 'member'; csrf: string } | { kind: 'patron'; tier: string };
  onlinePayments: boolean;
  /** How to join without a card, and the outlet's contact address (null when none is set). */
  byHand: { instructions: string[]; lang: string | undefined; contactEmail: string | null };
  error: string | null;
}

/** A mailto link that names the tier and price, so the newsroom knows what the reader chose. */
function joinByMail(email: string, subject: string): string {
  return `mailto:${email}?subject=${encodeURIComponent(subject)}`;
}

/** Why and how to support the outlet: tiers with a join button each, and the other ways. */
export function SupportPage(v: SupportPageView) {
  const t = v.chrome.t;
  const pre = v.chrome.prefix;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="support">
        <h1>{t('support.heading')}</h1>
        {v.pitch.paragraphs.map((p) => (
          <p class="standfirst" lang={v.pitch.lang}>
            {p}
          </p>
        ))}
        {v.error ? (
          <p class="notice error" role="alert">
            {v.error}
          </p>
        ) : null}
        {v.viewer.kind === 'patron' ? (
          <p class="notice" role="status">
            {t('support.already', { tier: v.viewer.tier || t('support.patron') })} <a href={`${pre}/topics`}>{t('support.voteNext')}</a>.
          </p>
        ) : null}
        {v.patronCount > 0 ? <p>{t('support.count', { count: v.patronCount })}</p> : null}
        <h2>{t('support.become')}</h2>
        {v.tiers.length === 0 ? <p>{t('support.noTiers')}</p> : null}
        <ul class="tiers">
          {v.tiers.map((tier) => (
            <li class="tier">
              <h3 lang={tier.name.lang}>{tier.name.text}</h3>
              {tier.description.text ? <p lang={tier.description.lang}>{tier.description.text}</p> : null}
              {tier.showWeight ? <p class="meta">{t('support.weight', { weight: tier.voteWeight })}</p> : null}
              {v.viewer.kind === 'patron' ? (
                <p class="price">{tier.prices.map((p) => p.text).join(t('support.or'))}</p>
              ) : v.onlinePayments ? (
                <form method="post" action={`${pre}/support/checkout`} class="tier-actions">
                  {v.viewer.kind === 'member' ? <input type="hidden" name="_csrf" value={v.viewer.csrf} /> : null}
                  <input type="hidden" name="tier" value={String(tier.id)} />
                  {tier.prices.map((p) => (
                    <button type="submit" name="interval" value={p.interval}>
                      {p.text}
                    </button>
                  ))}
                </form>
              ) : (
                <>
                  <p class="price">{tier.prices.map((p) => p.text).join(t('support.or'))}</p>
                  <p class="tier-actions">
                    {v.byHand.contactEmail ? (
                      tier.prices.map((p) => (
                        <a class="tier-join" href={joinByMail(v.byHand.contactEmail!, t('support.mailSubject', { tier: tier.name.text, price: p.text }))}>
                          {t('support.joinAt', { price: p.text })}
                        </a>
                      ))
                    ) : (
                      <a class="tier-join" href="#join-by-hand">
                        {t('support.howToJoin')}
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
            <h3 id="join-by-hand-heading">{t('support.byHand')}</h3>
            {v.byHand.instructions.map((p) => (
              <p lang={v.byHand.lang}>{p}</p>
            ))}
            {v.byHand.contactEmail ? (
              <p>
                {t('support.writeTo')} <a href={`mailto:${v.byHand.contactEmail}`}>{v.byHand.contactEmail}</a>.
              </p>
            ) : null}
          </section>
        ) : null}
        {v.viewer.kind === 'anonymous' && v.onlinePayments ? (
          <p class="meta">
            {t('support.signInFirst')} <a href={`${pre}/account/sign-in?next=${pre}/support`}>{t('support.signInLink')}</a>.
          </p>
        ) : null}
        <h2>{t('support.topics.heading')}</h2>
        <p>
          {t('support.topics.text')} <a href={`${pre}/topics`}>{t('support.topics.link')}</a>
          {t('support.topics.after')}
        </p>
        {v.otherWays.paragraphs.length ? (
          <>
            <h2>{t('support.otherWays')}</h2>
            {v.otherWays.paragraphs.map((p) => (
              <p lang={v.otherWays.lang}>{p}</p>
            ))}
          </>
        ) : null}
        {v.chrome.funders?.length ? (
          <section class="support-funders" aria-labelledby="funders-heading">
            <h2 id="funders-heading">{t('support.funders.heading')}</h2>
            <p>{t('support.funders.text')}</p>
            <FunderCredits funders={v.chrome.funders} label={t('support.funders.label')} />
          </section>
        ) : null}
      </div>
    </SiteLayout>
  );
}

/** Where Stripe sends a reader after paying. The webhook, not this page, makes them a patron. */
export function SupportThanksPage(v: { chrome: SiteChrome; head: HeadMeta; patron: boolean }) {
  const t = v.chrome.t;
  const pre = v.chrome.prefix;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message">
        <h1>{t('thanks.title')}</h1>
        <p>{v.patron ? t('thanks.patron') : t('thanks.pending')}</p>
        <p>
          <a href={`${pre}/topics`}>{t('support.voteNext')}</a> · <a href={`${pre}/account`}>{t('thanks.account')}</a>
        </p>
      </div>
    </SiteLayout>
  );
}
