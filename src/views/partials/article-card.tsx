import type { CardView, PaginationView } from '../view-models.js';
import { Picture } from './picture.js';

/**
 * A story in a list: kicker, headline link, standfirst, byline and date. `variant` sets its weight:
 * the lead story is large, secondary stories are smaller, `row` puts the picture beside the text.
 */
export function ArticleCard({ card, level = 2, variant = 'plain' }: { card: CardView; level?: 2 | 3; variant?: 'lead' | 'secondary' | 'row' | 'plain' }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <article class={variant === 'plain' ? 'card' : `card card-${variant}`}>
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
        {card.sponsored ? <p class="card-sponsored">Sponsored</p> : null}
        <H class="card-headline">
          <a href={card.href}>{card.headline}</a>
        </H>
        {card.standfirst ? <p class="card-standfirst">{card.standfirst}</p> : null}
        <p class="meta">
          {card.byline.length ? <span>By {card.byline.map((b, i) => (i ? `${i === card.byline.length - 1 ? ' and ' : ', '}${b.text}` : b.text))}</span> : null}
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
  if (!p.prev && !p.next) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {p.prev ? (
        <a rel="prev" href={p.prev}>
          ← Newer
        </a>
      ) : (
        <span />
      )}
      <span class="page-number">Page {p.page}</span>
      {p.next ? (
        <a rel="next" href={p.next}>
          Older →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
