import type { PictureView } from '../view-models.js';

/**
 * A responsive <picture>: WebP first, JPEG fallback, intrinsic size set to avoid layout shift.
 * `sizes` goes on the sources only: on an <img> without `srcset` it is invalid HTML.
 */
export function Picture({ p }: { p: PictureView }) {
  return (
    <picture>
      {p.sources.map((s) => (
        <source type={s.type} srcset={s.srcset} sizes={p.sizes} />
      ))}
      <img
        src={p.fallbackSrc}
        alt={p.alt}
        width={p.width}
        height={p.height}
        loading={p.eager ? 'eager' : 'lazy'}
        decoding={p.eager ? 'auto' : 'async'}
        {...(p.eager ? { fetchpriority: 'high' } : {})}
      />
    </picture>
  );
}
