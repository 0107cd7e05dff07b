import { useT } from '../i18n-context.js';
import type { CardView, PaginationView } from '../view-models.js';
import { Picture } from './picture.js';

/**
 * A story in a list: kicker, headline link, standfirst, byline and date. `variant` sets its weight:
 * the lead story is large, secondary stories are smaller, `row` puts the picture beside the text.
 */
export function ArticleCard({ card, level = 2, variant = 'plain' }: { card: CardView; level?: 2 | 3; variant?: 'lead' | 'secondary' | 'row' | 'plain' }) {
  const H = level === 2 ? 'h2' : 'h3';
  const t = useT();
  const names = card.byline.map((b) => b.text);
  const byline = names.length > 1 ? t('list.and', { first: names.slice(0, -1).join(', '), last: names[names.length - 1]! }) : (names[0] ?? '');
  return (
    <article class={variant === 'plain' ? 'card' : `card card-${variant}`} lang={card.language}>
      {card.picture ? (
        <a class="card-image" href={card.href} tabIndex={-1} aria-hidden="true">
          <Picture p={card.picture} />
        </a>
      ) : null}
      <div class="card-text">
        {card.kicker ? (
          <a class="kicker" href={card.kicker.href}>
            {card.kicker.text}
          </a>
        ) : null}
        {card.sponsored ? <p class="card-sponsored">{t('card.sponsored')}</p> : null}
        <H class="card-headline">
          <a href={card.href}>{card.headline}</a>
        </H>
        {card.standfirst ? <p class="card-standfirst">{card.standfirst}</p> : null}
        <p class="meta">
          {card.byline.length ? <span>{t('card.by', { names: byline })}</span> : null}
          {card.published ? (
            <>
              {card.byline.length ? ' · ' : ''}
              <time datetime={card.published.iso}>{card.published.text}</time>
            </>
          ) : null}
        </p>
      </div>
    </article>
  );
}

export function Pagination({ p }: { p: PaginationView }) {
  const t = useT();
  if (!p.prev && !p.next) return null;
  return (
    <nav class="pagination" aria-label={t('listing.pages')}>
      {p.prev ? (
        <a rel="prev" href={p.prev}>
          {t('listing.newer')}
        </a>
      ) : (
        <span />
      )}
      <span class="page-number">{t('listing.page', { page: p.page })}</span>
      {p.next ? (
        <a rel="next" href={p.next}>
          {t('listing.older')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
